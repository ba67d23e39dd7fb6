"""The quality assurance events in a case's history, from the audit trail: marking for a second
assessment (by whom, how chosen), moving it to another second assessor or taking the case off
it (with the reasons), the views of the child and of the parent or carer, and the moderator's
agreed answers with their reasons (an overwrite shows the earlier answer).

Blindness holds here as on the pages: the second assessment's own history shows its events;
the case's and the inspection's histories show marking and moving only to those who run QA or
may compare the case, and agreed answers (which quote both answers) only to those who may
compare it, which is only once both assessments are submitted.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

import rules

from yjinspect.web.assessments.history import Change, pairs
from yjinspect.web.qa.allocation import SECOND
from yjinspect.web.qa.models import AgreedAnswer, SecondAssessment
from yjinspect.web.workspace.assessments import Sheet
from yjinspect.web.workspace.models import Answer, Case

_WORDS = dict(Answer.Value.choices)
_REACHED = {True: "Yes", False: "No", None: "Not recorded"}
_VIEWS = {
    "child_reached": "Whether the child was reached",
    "child_views": "Views of the child",
    "carer_reached": "Whether the parent or carer was reached",
    "carer_views": "Views of the parent or carer",
}


def _by_object(history: Any) -> Iterator[list[Any]]:
    """Audit records grouped by object (a case marked again after being taken off has two)."""
    records = history.select_related("history_user").order_by("id", "history_id")
    for _, group in groupby(records, key=lambda record: record.id):
        yield list(group)


def _words(field: str, value: Any) -> str:
    return _REACHED[value] if field.endswith("_reached") else (value or "blank")


def _second_changes(case: Case, with_views: bool) -> Iterator[Change]:
    for records in _by_object(SecondAssessment.history.filter(case_id=case.pk)):
        for older, newer in pairs(records):
            when, who, note = newer.history_date, newer.history_user, newer.history_change_reason
            if older is None:
                chosen = SecondAssessment.Chosen(newer.chosen).label.lower()
                after = f"marked, second assessor {newer.assessor} ({chosen})"
                yield Change(when, who, "Second assessment", "not marked", after)
            elif newer.history_type == "-":
                yield Change(when, who, "Second assessment", "marked", "taken off", note or "")
            elif newer.assessor_id != older.assessor_id:
                yield Change(
                    when,
                    who,
                    "Second assessor",
                    str(older.assessor),
                    str(newer.assessor),
                    note or "",
                )
            if older is not None and with_views and newer.history_type != "-":
                for field, label in _VIEWS.items():
                    before, after = getattr(older, field), getattr(newer, field)
                    if before != after:
                        yield Change(when, who, label, _words(field, before), _words(field, after))


def _agreed_changes(case: Case) -> Iterator[Change]:
    for records in _by_object(AgreedAnswer.history.filter(case_id=case.pk)):
        for older, newer in pairs(records):
            settled = ""
            if newer.first or newer.second:
                settled = (
                    f"Settles the first assessor's {_WORDS.get(newer.first, 'blank')} and the "
                    f"second's {_WORDS.get(newer.second, 'blank')}. "
                )
            yield Change(
                newer.history_date,
                newer.history_user,
                f"Agreed answer to {newer.key_question}",
                _WORDS.get(older.value, "none") if older else "none",
                _WORDS.get(newer.value, "none") if newer.history_type != "-" else "removed",
                f"{settled}Reason: {newer.reason}",
            )


def qa_events(case: Case, sheet: Sheet | None, viewer: Any) -> list[Change]:
    """The case's QA events `viewer` may read, for the history of the assessment `sheet` (None:
    the case's part of the inspection's history). Oldest first is the caller's sorting."""
    if sheet is SECOND:
        found = list(_second_changes(case, with_views=True))
    elif rules.has_perm("workspace.view_qa", viewer, case.inspection) or rules.has_perm(
        "workspace.compare_case", viewer, case
    ):
        found = list(_second_changes(case, with_views=False))
    else:
        return []
    if rules.has_perm("workspace.compare_case", viewer, case):
        found += _agreed_changes(case)
    return found
