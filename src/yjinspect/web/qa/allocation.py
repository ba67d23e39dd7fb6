"""Choosing cases for a second assessment and allocating a second assessor who is not the first.

A dip sample takes, from each first assessor's accepted cases not yet chosen, a share rounded up
(at least one where they have any), drawn with a seeded generator so the lead can say how it
was drawn and draw it again. Second assessors are shared out in turn, fewest second assessments
first (then by user name), never the case's first assessor nor anyone who accepted or returned
its first assessment (`reviewers`): they have read it, so cannot assess it blind.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from yjinspect.web.qa.models import SecondAnswer, SecondAssessment
from yjinspect.web.workspace.assessments import NotAllowed, Sheet
from yjinspect.web.workspace.models import Case, CaseAssessment, Inspection

SECOND = Sheet(
    SecondAssessment,
    SecondAnswer,
    created_by_first_save=False,
    absent="no second assessment is allocated for this case",
    moves=("submit",),
)

DONE_FIRST = (CaseAssessment.Status.SUBMITTED, CaseAssessment.Status.ACCEPTED)


def both_submitted(case: Case) -> bool:
    """Blindness ends when the first assessment is submitted (or accepted) and the second is
    submitted; a first assessment returned for more work makes both blind again."""
    first = getattr(case, "assessment", None)
    second = getattr(case, "second_assessment", None)
    return (
        first is not None
        and second is not None
        and first.status in DONE_FIRST
        and second.status == SecondAssessment.Status.SUBMITTED
    )


def reviewers(case: Case) -> set[int]:
    """The users who accepted or returned the case's first assessment, from its history."""
    reviewed = CaseAssessment.history.filter(  # type: ignore[attr-defined]
        case_id=case.pk,
        status__in=(CaseAssessment.Status.ACCEPTED, CaseAssessment.Status.RETURNED),
        history_user__isnull=False,
    )
    return set(reviewed.values_list("history_user_id", flat=True))


def _not_blind(case: Case, assessor: Any) -> None:
    """NotAllowed, saying why, if `assessor` has seen the case's first assessment."""
    if case.allocated_to_id == assessor.pk:
        raise NotAllowed(f"{assessor} is the first assessor of {case.case_ref}")
    if assessor.pk in reviewers(case):
        raise NotAllowed(
            f"{assessor} accepted or returned the first assessment of {case.case_ref}, "
            "so has read it and cannot assess it blind"
        )


def allocate(case: Case, assessor: Any, chosen: str = SecondAssessment.Chosen.BY_LEAD) -> Any:
    """Mark one sampled case for a second assessment by `assessor`; NotAllowed if the case is
    not in the sample, already has one, has no first assessor yet, or `assessor` is the first
    or reviewed the first assessment."""
    if case.selection != Case.Selection.SAMPLE:
        raise NotAllowed(f"{case.case_ref} is not in the sample")
    if case.allocated_to_id is None:
        raise NotAllowed(f"{case.case_ref} has no first assessor yet: allocate it first")
    _not_blind(case, assessor)
    with transaction.atomic():
        Case.objects.select_for_update().get(pk=case.pk)  # two marks at once: one wins
        if SecondAssessment.objects.filter(case=case).exists():
            raise NotAllowed(f"{case.case_ref} already has a second assessment")
        second = SecondAssessment(case=case, assessor=assessor, chosen=chosen)
        second._change_reason = SecondAssessment.Chosen(chosen).label  # type: ignore[attr-defined]
        second.save()
    return second


def dip_sample(
    inspection: Inspection, share: float, seed: int, assessors: Sequence[Any]
) -> list[Any]:
    """Second assessments for a seeded `share` (0 < share ≤ 1) of each first assessor's
    accepted cases, all or nothing. NotAllowed when no case qualifies, or when a case's only
    possible second assessor is its first."""
    if not 0 < share <= 1:
        raise NotAllowed("the share must be more than 0% and at most 100%")
    if not assessors:
        raise NotAllowed("choose at least one second assessor")
    eligible = (
        inspection.cases.filter(
            selection=Case.Selection.SAMPLE,
            assessment__status=CaseAssessment.Status.ACCEPTED,
            second_assessment__isnull=True,
            allocated_to__isnull=False,
        )
        .select_related("allocated_to")
        .order_by("order", "case_ref")
    )
    by_first: dict[int, list[Case]] = defaultdict(list)
    for case in eligible:
        by_first[case.allocated_to_id].append(case)
    if not by_first:
        raise NotAllowed("no accepted case is waiting for a second assessment")
    generator = random.Random(seed)
    chosen = [
        case
        for first in sorted(by_first)
        for case in generator.sample(by_first[first], math.ceil(share * len(by_first[first])))
    ]
    load = Counter(
        SecondAssessment.objects.filter(case__inspection=inspection).values_list(
            "assessor_id", flat=True
        )
    )
    ordered = sorted(assessors, key=lambda user: user.username)
    made = []
    with transaction.atomic():
        for case in sorted(chosen, key=lambda c: (c.order, c.case_ref)):
            seen = reviewers(case) | {case.allocated_to_id}
            others = [user for user in ordered if user.pk not in seen]
            if not others:
                raise NotAllowed(
                    f"{case.case_ref}: every second assessor chosen is its first assessor or "
                    "accepted or returned its first assessment"
                )
            assessor = min(others, key=lambda user: load[user.pk])
            load[assessor.pk] += 1
            made.append(allocate(case, assessor, SecondAssessment.Chosen.DIP_SAMPLE))
    return made


def _open_second(case: Case) -> Any:
    """The case's second assessment, locked, if it can still change hands; NotAllowed if it
    has none or it is submitted (its answers are then part of the comparison)."""
    second = SecondAssessment.objects.select_for_update().filter(case=case).first()
    if second is None:
        raise NotAllowed(f"{case.case_ref} is not marked for a second assessment")
    if second.status == SecondAssessment.Status.SUBMITTED:
        raise NotAllowed(
            f"the second assessment of {case.case_ref} is submitted, so it stays: "
            "its answers are compared and moderated"
        )
    return second


def unmark(case: Case, reason: str) -> None:
    """Take a case off second assessment before the second assessment is submitted, with a
    reason (kept in the history with its answers' deletion); NotAllowed otherwise."""
    if not reason.strip():
        raise NotAllowed(f"say why {case.case_ref} comes off second assessment")
    with transaction.atomic():
        second = _open_second(case)
        for answer in second.answers.all():
            answer._change_reason = reason.strip()  # type: ignore[attr-defined]
            answer.delete()
        second._change_reason = f"taken off second assessment: {reason.strip()}"  # type: ignore[attr-defined]
        second.delete()


def reallocate(case: Case, assessor: Any, reason: str = "") -> Any:
    """Move a case's second assessment, not yet submitted, to another second assessor (never
    the case's first assessor nor one who reviewed it); what was written so far goes with it."""
    _not_blind(case, assessor)
    with transaction.atomic():
        second = _open_second(case)
        if second.assessor_id == assessor.pk:
            raise NotAllowed(f"{assessor} already holds the second assessment of {case.case_ref}")
        second.assessor = assessor
        words = f"moved to {assessor}" + (f": {reason.strip()}" if reason.strip() else "")
        second._change_reason = words  # type: ignore[attr-defined]
        second.save()
    return second
