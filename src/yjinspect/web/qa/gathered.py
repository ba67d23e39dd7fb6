"""The views of the child and of the parent or carer, saved like the workbench's autosaves.

The form names the second assessment's version its page showed. Each field is merged against
what was stored at that version (`assessments.merge_field`): a save never overwrites a view
another tab or person changed meanwhile to something else; it is refused, saying who changed
what, with the editor's words kept on the page.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from yjinspect.web.qa.forms import reached_value, reached_word
from yjinspect.web.qa.models import SecondAssessment
from yjinspect.web.workspace.assessments import (
    Conflict,
    NotAllowed,
    Saved,
    _at,
    _who,
    merge_field,
)
from yjinspect.web.workspace.models import Case

# The stored fields, with the words a conflict uses for them.
FIELDS = {
    "child_reached": "whether the child was reached",
    "child_views": "the views of the child",
    "carer_reached": "whether the parent or carer was reached",
    "carer_views": "the views of the parent or carer",
}


def _stored(record: Any, name: str) -> str:
    """A field as the form sends it: "yes", "no" or "" for reached, else the text."""
    value = getattr(record, name) if record is not None else None
    return reached_word(value) if name.endswith("_reached") else (value or "")


def _changes(second: SecondAssessment, since: int, user: Any) -> list[str]:
    """Who changed which view after version `since`, one sentence per field changed."""
    before = second.history.filter(version__lte=since).order_by("-history_id").first()
    values = {name: _stored(before, name) for name in FIELDS}
    changes = []
    for record in second.history.filter(version__gt=since).order_by("history_id"):
        for name, words in FIELDS.items():
            if _stored(record, name) != values[name]:
                changes.append(f"{_who(record, user)} changed {words} at {_at(record)}")
            values[name] = _stored(record, name)
    return changes


def save_views(case: Case, user: Any, seen: int, sent: dict[str, str]) -> Saved:
    """Save the views (`sent`, by field of `FIELDS` as the form sends them, already checked by
    `forms.ViewsForm`) from a
    page showing version `seen`; Conflict if a field was changed since to something else,
    NotAllowed once the second assessment is submitted."""
    with transaction.atomic():
        second = SecondAssessment.objects.select_for_update().get(case=case)
        if second.status != SecondAssessment.Status.DRAFT:
            raise NotAllowed("a submitted second assessment is not edited")
        base = second.history.filter(version__lte=seen).order_by("-history_id").first()
        merged = {
            name: merge_field(sent[name], _stored(second, name), _stored(base, name))
            for name in FIELDS
        }
        if None in merged.values():
            raise Conflict(second, _changes(second, seen, user), sent)
        for name, value in merged.items():
            stored = reached_value(value) if name.endswith("_reached") else value
            setattr(second, name, stored)
        second.version += 1
        second.save()
    return Saved(second.version, second, merged)  # type: ignore[arg-type]
