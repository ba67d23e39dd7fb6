"""The case list as a work queue: whose cases, in what state, in what order.

A case's state on the list is its assessment's status, or "not started" before the first save.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms

from yjinspect.web.workspace.models import Case, CaseAssessment, Inspection, Role

NOT_STARTED = "not_started"
STATES = [(NOT_STARTED, "Not started"), *CaseAssessment.Status.choices]
_STATE_ORDER = {code: n for n, (code, _) in enumerate(STATES)}
_DIGITS = re.compile(r"(\d+)")


def natural_key(reference: str) -> tuple[tuple[int, int | str], ...]:
    """A case reference sorted as people read it: C2 before C10 (runs of digits as numbers,
    other text without regard to case)."""
    return tuple(
        (0, int(part)) if part.isdecimal() else (1, part.casefold())
        for part in _DIGITS.split(reference)
        if part
    )


SORTS = {
    "case": ("Case", lambda case: natural_key(case.case_ref)),
    "status": ("Status", lambda case: _STATE_ORDER[state_of(case)]),
    "assessor": ("Assessor", lambda case: (case.allocated_to is None, str(case.allocated_to))),
    "stream": ("Stream", lambda case: case.stream),
    "disposal": ("Disposal date", lambda case: case.disposal_date),
}


def state_of(case: Case) -> str:
    assessment = getattr(case, "assessment", None)
    return assessment.status if assessment is not None else NOT_STARTED


def state_word(case: Case) -> str:
    return dict(STATES)[state_of(case)]


def works_alone(inspection: Inspection, user: Any) -> bool:
    """Inspectors and local assessors start on their own cases; the lead on everyone's."""
    return inspection.role_of(user) in (Role.INSPECTOR, Role.LOCAL_ASSESSOR)


class QueueFilter(forms.Form):
    """What the list shows. Unknown values in the address are ignored, never an error."""

    whose = forms.ChoiceField(
        choices=[("mine", "My cases"), ("all", "Everyone's cases")], required=False
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *STATES], required=False)
    stream = forms.ChoiceField(
        choices=[("", "Any stream"), *Case._meta.get_field("stream").choices], required=False
    )
    assessor = forms.ChoiceField(required=False)
    sort = forms.ChoiceField(
        choices=[(key, label) for key, (label, _) in SORTS.items()], required=False
    )

    def __init__(self, data: Any, team: list[Any], default_whose: str) -> None:
        super().__init__(data)
        self.fields["assessor"].choices = [
            ("", "Anyone"),
            ("none", "Not allocated"),
            *[(str(member.pk), member.get_username()) for member in team],
        ]
        self.default_whose = default_whose

    def choice(self, name: str) -> str:
        """The valid value sent for `name`, or its default: each field is judged on its own,
        so one bad value in the address does not drop the others."""
        self.is_valid()  # fills cleaned_data with the fields that are valid
        value = self.cleaned_data.get(name) or ""
        defaults = {"whose": self.default_whose, "sort": "case"}
        return value or defaults.get(name, "")

    def apply(self, cases: list[Case], user: Any) -> list[Case]:
        if self.choice("whose") == "mine":
            cases = [case for case in cases if case.allocated_to_id == user.pk]
        if status := self.choice("status"):
            cases = [case for case in cases if state_of(case) == status]
        if stream := self.choice("stream"):
            cases = [case for case in cases if case.stream == stream]
        if assessor := self.choice("assessor"):
            wanted = None if assessor == "none" else int(assessor)
            cases = [case for case in cases if case.allocated_to_id == wanted]
        return sorted(cases, key=SORTS[self.choice("sort")][1])


@dataclass(frozen=True)
class Workload:
    """One assessor's cases by state, for the counts beside the list."""

    assessor: str
    counts: dict[str, int]
    total: int


def workloads(cases: list[Case]) -> list[Workload]:
    by_assessor: dict[str, Counter[str]] = {}
    for case in cases:
        name = case.allocated_to.get_username() if case.allocated_to else "Not allocated"
        by_assessor.setdefault(name, Counter())[state_of(case)] += 1
    return [
        Workload(name, {code: found[code] for code, _ in STATES}, sum(found.values()))
        for name, found in sorted(by_assessor.items(), key=lambda item: item[0] == "Not allocated")
    ]


def queue_query(filters: QueueFilter) -> str:
    """The list's choices as an address query, carried to a case page and back, so that its
    previous and next follow the list the user came from."""
    return urlencode({name: filters.choice(name) for name in filters.fields})


def my_queue(inspection: Inspection, user: Any) -> list[Case]:
    """The cases a user works through, in sample order: their allocated cases; the lead's (or
    anyone's with none allocated) is the whole sample."""
    sample = inspection.cases.filter(selection=Case.Selection.SAMPLE).order_by("order", "pk")
    mine = [case for case in sample if case.allocated_to_id == user.pk]
    return mine or ([] if works_alone(inspection, user) else list(sample))


def neighbours(case: Case, queue: list[Case]) -> tuple[Case | None, Case | None]:
    """The previous and next case in `queue` (None at either end or off the queue)."""
    ids = [c.pk for c in queue]
    if case.pk not in ids:
        return None, None
    at = ids.index(case.pk)
    return (queue[at - 1] if at else None), (queue[at + 1] if at + 1 < len(queue) else None)
