"""A case's history from the audit trail: answers, status moves with their reasons, the overall
comment, allocation and replacement from the reserve, oldest first; and the events other apps
keep about the case (`case_events`: the qa app's second assessments and agreed answers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from yjinspect.web.workspace.assessments import FIRST, Sheet
from yjinspect.web.workspace.models import Answer, Case, CaseAssessment

_VALUES = dict(Answer.Value.choices)
_STATUSES = dict(CaseAssessment.Status.choices)
_SELECTIONS = {"sample": "In the sample", "reserve": "On the reserve list", "replaced": "Replaced"}


@dataclass(frozen=True)
class Change:
    when: datetime
    who: Any
    what: str
    before: str
    after: str
    note: str = ""


def pairs(records: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    """Each audit record with the one before it (None for the first)."""
    previous = None
    for record in records:
        yield previous, record
        previous = record


def _answer_changes(answer: Any) -> Iterator[Change]:
    for older, newer in pairs(answer.history.order_by("history_id")):
        value, evidence = (older.value, older.evidence) if older else ("", "")
        question = f"Key question {answer.key_question}"
        if newer.value != value:
            yield Change(
                newer.history_date,
                newer.history_user,
                question,
                _VALUES.get(value, "blank"),
                _VALUES.get(newer.value, "blank"),
            )
        if newer.evidence != evidence:
            yield Change(
                newer.history_date,
                newer.history_user,
                f"Evidence note for {answer.key_question}",
                evidence or "blank",
                newer.evidence or "blank",
            )


def _assessment_changes(assessment: Any) -> Iterator[Change]:
    for older, newer in pairs(assessment.history.order_by("history_id")):
        status = older.status if older else CaseAssessment.Status.DRAFT
        comment = older.overall_comment if older else ""
        if newer.status != status:
            note = newer.return_reason if newer.status == CaseAssessment.Status.RETURNED else ""
            yield Change(
                newer.history_date,
                newer.history_user,
                "Status",
                _STATUSES[status],
                _STATUSES[newer.status],
                f"Reason: {note}" if note else "",
            )
        if newer.overall_comment != comment:
            yield Change(
                newer.history_date,
                newer.history_user,
                "Overall comment",
                comment or "blank",
                newer.overall_comment or "blank",
            )


def case_changes(case: Case) -> Iterator[Change]:
    for older, newer in pairs(case.history.order_by("history_id")):
        if older is None:
            continue  # the sample's import: shown as the case's facts
        if newer.allocated_to_id != older.allocated_to_id:
            yield Change(
                newer.history_date,
                newer.history_user,
                "Allocated to",
                str(older.allocated_to or "nobody"),
                str(newer.allocated_to or "nobody"),
            )
        if newer.selection != older.selection:
            yield Change(
                newer.history_date,
                newer.history_user,
                "Sample",
                _SELECTIONS[older.selection],
                _SELECTIONS[newer.selection],
                newer.history_change_reason or "",
            )


# Another app's events about a case that `viewer` may read, for the history of the assessment
# `sheet` (None: the case's part of the inspection's history); registered with `case_events`.
CaseEvents = Callable[[Case, Sheet | None, Any], Iterable[Change]]
_EVENTS: list[CaseEvents] = []


def case_events(source: CaseEvents) -> CaseEvents:
    """Register another app's events about cases (called from its `AppConfig.ready`)."""
    if source not in _EVENTS:
        _EVENTS.append(source)
    return source


def other_events(case: Case, sheet: Sheet | None, viewer: Any) -> list[Change]:
    return [change for source in _EVENTS for change in source(case, sheet, viewer)]


def case_history(case: Case, viewer: Any, sheet: Sheet = FIRST) -> list[Change]:
    """The case's changes and its first assessment's; or, for another assessment (`sheet`),
    that assessment's changes only (a blind second assessor learns nothing of the first); with
    the other apps' events `viewer` may read (`case_events`)."""
    changes = list(case_changes(case)) if sheet is FIRST else []
    changes += other_events(case, sheet, viewer)
    assessment = sheet.model.objects.filter(case=case).first()  # type: ignore[attr-defined]
    if assessment is not None:
        changes += _assessment_changes(assessment)
        for answer in assessment.answers.all():
            changes += _answer_changes(answer)
    return sorted(changes, key=lambda change: change.when)
