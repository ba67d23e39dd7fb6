"""Who may do what in quality assurance; blindness is a rule here, not a page's choice.

Blind: until both assessments are submitted (`allocation.both_submitted`), a case's second
assessor cannot open the first assessment (its page, print view and history: `view_case`), nor
anything counted from every case's first assessment (`BLIND_GATED`: ratings, report, results
files, draft report, task list counts); and the first assessor cannot open the second
assessment. The lead allocates, moderates and reads every second assessment, except where the
lead is one of the case's two assessors: then another lead or QA lead moderates it.
Every QA permission of an assessor asks for a current role on the inspection (`on_team`): a
person taken off the team keeps nothing of the cases they assessed. A quality assurance lead
(`Role.QA_LEAD`) does the same QA work without being the lead inspector: marks cases, draws
the dip sample, allocates, moves or takes off second assessments, moderates and reads the
agreement and QA report; they see the inspection's page but not its cases' first assessments.
Permission names stay `workspace.*`.
"""

from __future__ import annotations

from typing import Any

import rules

from yjinspect.web.qa.allocation import both_submitted
from yjinspect.web.qa.models import SecondAssessment, ServiceMember
from yjinspect.web.workspace.models import Inspection, Role
from yjinspect.web.workspace.rules import (
    _case,
    _has_role,
    _inspection,
    is_inspector,
    is_lead,
    is_published,
    is_sampled,
    works_on,
)

is_qa_lead = _has_role(Role.QA_LEAD)
runs_qa = is_lead | is_qa_lead
on_team = works_on | is_qa_lead  # a current role on the inspection (not a reader's)


def _second(obj: Any) -> SecondAssessment | None:
    case = _case(obj)
    return getattr(case, "second_assessment", None) if case is not None else None


@rules.predicate
def holds_the_second(user: Any, obj: Any) -> bool:
    second = _second(obj)
    return second is not None and second.assessor_id == user.id


@rules.predicate
def holds_the_first(user: Any, obj: Any) -> bool:
    case = _case(obj)
    return case is not None and case.allocated_to_id == user.id


# An assessor's rights last while they are on the team (finding 1 of the QA attack).
is_second_assessor = holds_the_second & on_team
is_first_assessor = holds_the_first & on_team


@rules.predicate
def has_second(user: Any, obj: Any) -> bool:
    return _second(obj) is not None


@rules.predicate
def is_both_submitted(user: Any, obj: Any) -> bool:
    case = _case(obj)
    return case is not None and both_submitted(case)


@rules.predicate
def second_is_open(user: Any, obj: Any) -> bool:
    second = _second(obj)
    return second is not None and second.status == SecondAssessment.Status.DRAFT


def blind_cases(user: Any, inspection: Inspection) -> list[str]:
    """The references of the cases whose second assessment `user` holds in `inspection` while
    blindness lasts (not both submitted), in sample order."""
    if inspection.read_with_access(user) and not inspection.access_holds_second:  # type: ignore[attr-defined]
        return []
    held = SecondAssessment.objects.filter(case__inspection=inspection, assessor=user)
    blind = [s.case for s in held.select_related("case__assessment") if not both_submitted(s.case)]
    return [c.case_ref for c in sorted(blind, key=lambda c: (c.order, c.case_ref))]


@rules.predicate
def blind_in_inspection(user: Any, obj: Any) -> bool:
    """The user holds a second assessment in this inspection whose blindness has not ended."""
    inspection = _inspection(obj)
    return inspection is not None and bool(blind_cases(user, inspection))


@rules.predicate
def holds_second(user: Any, obj: Any) -> bool:
    inspection = _inspection(obj)
    held = SecondAssessment.objects.filter(case__inspection=inspection, assessor=user)
    return inspection is not None and held.exists()


blind_to_first = holds_the_second & ~is_both_submitted
blind_to_second = holds_the_first & ~is_both_submitted
# Nobody settles a disagreement they are party to (finding 4).
moderates = runs_qa & ~holds_the_first & ~holds_the_second

# The first assessment's pages (case page, print view, history).
for _name in ("workspace.view_case", "workspace.assess_case"):
    rules.set_perm(_name, rules.permissions.permissions[_name] & ~blind_to_first)

# What is counted from every case's first assessment, so that a blind second assessor could
# work a hidden case's answers or status out of it (finding 2): the ratings page, the report
# (preview, files, press release), the task list's counts, the results file and exports, the
# draft report. Each is refused while the user is blind anywhere in the inspection; the pages
# say why and until when (`qa.blind`), from what each permission grants without blindness.
BLIND_GATED = {
    name: rules.permissions.permissions[name]
    for name in ("workspace.read_ratings", "workspace.export_results", "workspace.read_draft")
}
for _name, _granted in BLIND_GATED.items():
    rules.set_perm(_name, _granted & ~blind_in_inspection)

# The QA lead works on the inspection: its page, never its cases' first assessments.
rules.set_perm(
    "workspace.view_inspection",
    rules.permissions.permissions["workspace.view_inspection"] | is_qa_lead,
)
rules.add_perm("workspace.manage_qa", runs_qa & ~is_published)
rules.add_perm("workspace.view_qa", runs_qa)
# The QA page's row of a case: the first's status, and the second's, for those not blind to it.
rules.add_perm("workspace.see_first_status", runs_qa & ~blind_to_first)
rules.add_perm("workspace.see_second_status", (runs_qa | is_second_assessor) & ~blind_to_second)
rules.add_perm("workspace.open_qa", runs_qa | holds_second & on_team)
rules.add_perm("workspace.view_agreement", runs_qa | is_inspector)
rules.add_perm(
    "workspace.view_second_assessment",
    has_second
    & (is_second_assessor | moderates | (runs_qa | is_first_assessor) & is_both_submitted)
    & ~blind_to_second,
)
# Taking a case off second assessment, or moving it to another second assessor: only before
# the second assessment is submitted (`allocation.unmark`, `allocation.reallocate` say so).
rules.add_perm("workspace.change_second", runs_qa & has_second & ~is_published)
rules.add_perm(
    "workspace.assess_second", is_second_assessor & second_is_open & ~is_published & is_sampled
)
rules.add_perm(
    "workspace.compare_case",
    is_both_submitted & (runs_qa | is_first_assessor | is_second_assessor),
)
rules.add_perm("workspace.moderate_case", moderates & is_both_submitted & ~is_published)


# A service's own deep-dive audit (`inspections.kinds`): started by an administrator or by a
# QA lead of the service, who then runs it as its lead; they may also bring their own framework.
@rules.predicate
def leads_a_service(user: Any) -> bool:
    return ServiceMember.objects.filter(user=user, role=ServiceMember.Role.QA_LEAD).exists()


rules.add_perm("workspace.start_audit", rules.is_staff | leads_a_service)
rules.set_perm(
    "workspace.upload_framework",
    rules.permissions.permissions["workspace.upload_framework"] | leads_a_service,
)
