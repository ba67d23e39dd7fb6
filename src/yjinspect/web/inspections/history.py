"""An inspection's history from the audit trail, oldest first: stage moves with their reasons
(the reason for publishing with work outstanding among them), set-up changes, the team,
allocation and replacement of cases, judgements and discretion. Each case's answers are in the
case's own history."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import groupby
from typing import Any

from django.contrib.auth import get_user_model

from yjinspect.errors import InputError
from yjinspect.web.assessments.history import Change, case_changes, other_events, pairs
from yjinspect.web.inspections.frameworks import find_framework
from yjinspect.web.inspections.kinds import Kind
from yjinspect.web.workspace.models import (
    Assignment,
    Discretion,
    Inspection,
    Role,
    StandardJudgement,
)

_STAGES = dict(Inspection.Status.choices)
_ROLES = dict(Role.choices)
_SET_UP = {
    "status": "Stage",
    "framework_id": "Framework",
    "framework_version": "Framework version",
    "fieldwork_start": "Fieldwork starts",
    "fieldwork_end": "Fieldwork ends",
    "publication_date": "Publication date",
}


def _words(field: str, value: Any, kind: Kind) -> str:
    if value in (None, ""):
        return "blank"
    if field == "status":
        return str(_STAGES.get(value, value))
    if field == "role":  # in the kind's words: "Lead of the audit"
        return kind.role_words.get(value) or str(_ROLES.get(value, value))
    if field == "framework_id":
        try:
            return find_framework(value).title
        except InputError:
            return f"{value} (not a framework held)"
    if field == "force":
        return "forced" if value else "not forced"
    if hasattr(value, "strftime"):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def _changes(
    records: Iterable[Any], fields: dict[str, str], name: Callable[[Any], str], kind: Kind
) -> Iterator[Change]:
    """Field by field changes in one object's audit records (creation counts as a change from
    blank, deletion as "removed"); `name` says which object, as "Judgement 1.3"; values in the
    words of the work's `kind`."""
    for older, newer in pairs(records):
        note = newer.history_change_reason or ""
        if newer.history_type == "-":
            yield Change(newer.history_date, newer.history_user, name(newer), "", "removed", note)
            continue
        for field, label in fields.items():
            before = getattr(older, field) if older else None
            after = getattr(newer, field)
            if before != after:
                what = f"{name(newer)}: {label}" if label else name(newer)
                yield Change(newer.history_date, newer.history_user, what,
                             _words(field, before, kind), _words(field, after, kind),
                             note)  # fmt: skip
                note = ""  # a reason is shown once, with the first change it explains


def _by_object(history: Any) -> Iterator[list[Any]]:
    records = history.order_by("id", "history_id")
    for _, group in groupby(records, key=lambda record: record.id):
        yield list(group)


def inspection_history(inspection: Inspection, viewer: Any) -> list[Change]:
    """Every change to the inspection, with its cases' own and the other apps' events about
    them that `viewer` may read (`assessments.history.case_events`), oldest first."""
    kind = inspection.work
    set_up = {**_SET_UP, **kind.date_words}  # "The audit starts" where the kind names a date
    changes = list(
        _changes(inspection.history.order_by("history_id"), set_up, lambda _: "Set-up", kind)
    )
    usernames = dict(get_user_model().objects.values_list("pk", "username"))
    for records in _by_object(Assignment.history.filter(inspection_id=inspection.pk)):
        changes += _changes(
            records,
            {"role": ""},
            lambda r: f"Team: {usernames.get(r.user_id, 'a user since removed')}",
            kind,
        )
    for records in _by_object(StandardJudgement.history.filter(inspection_id=inspection.pk)):
        changes += _changes(
            records,
            {"rating": "rating", "evidence_summary": "evidence summary", "rationale": "rationale"},
            lambda r: f"Judgement for standard {r.standard}",
            kind,
        )
    for records in _by_object(Discretion.history.filter(inspection_id=inspection.pk)):
        changes += _changes(
            records,
            {"rating": "rating", "reason": "reason", "force": "forced"},
            lambda r: f"Discretion for standard {r.standard}",
            kind,
        )
    for case in inspection.cases.all():
        events = [*case_changes(case), *other_events(case, None, viewer)]
        changes += (replace(change, what=f"Case {case.case_ref}: {change.what}")
                    for change in events)  # fmt: skip
    return sorted(changes, key=lambda change: change.when)
