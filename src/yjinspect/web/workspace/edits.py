"""Saves of whole pages (judgements, fieldwork evidence, the foreword) that name what the editor
saw, so that a save made meanwhile, in another tab or by another lead, is never overwritten.

The page carries the newest audit-trail record it was drawn from. A save is refused if newer
records exist, with who changed what; the editor's own words are shown back, not thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from yjinspect.web.workspace.models import Inspection


class EditedMeanwhile(Exception):
    """Someone saved after the editor loaded the page; `changes` says who changed what."""

    def __init__(self, changes: list[str]) -> None:
        self.changes = changes
        super().__init__("; ".join(changes))


EDITED_MEANWHILE = (
    "Not saved: someone else saved this page after you opened it. Your version is shown "
    "below; save again to replace theirs."
)


def seen(history: QuerySet) -> int:
    """The newest audit record among `history`: what a page drawn now shows."""
    return history.aggregate(newest=Max("history_id"))["newest"] or 0


def seen_then(request: HttpRequest, name: str = "seen") -> int | None:
    """What the page being saved showed (its marker `name`); None from a form without it, or
    with anything but an audit record's id in it (a number of a few digits: int() refuses
    thousands of them, and the database more than 18)."""
    value = request.POST.get(name, "")
    return int(value) if value.isdecimal() and len(value) < 18 else None


def _changed_fields(record: Any) -> list[str]:
    """The fields a historical record changed, as words ('evidence summary')."""
    changes = record.diff_against(record.prev_record).changes
    return [change.field.replace("_", " ") for change in changes]


def check_unchanged(
    inspection: Inspection, history: QuerySet, seen_then: int, name: Callable[[object], str]
) -> None:
    """Raise EditedMeanwhile if `history` has records newer than `seen_then`.

    Call inside the saving transaction: the inspection's row is locked so that two saves of the
    same page are checked one after the other.
    """
    Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
    newer = history.filter(history_id__gt=seen_then).order_by("history_id")
    changes = []
    for record in newer:
        who = record.history_user or "someone"
        when = timezone.localtime(record.history_date).strftime("%H:%M")
        if record.prev_record is None:
            changes.append(f"{who} recorded {name(record)} at {when}")
            continue
        fields = _changed_fields(record)
        if fields:  # (a save that changed nothing is no conflict)
            changes.append(f"{who} changed {', '.join(fields)} of {name(record)} at {when}")
    if changes:
        raise EditedMeanwhile(changes)
