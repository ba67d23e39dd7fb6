"""Who may do what, declared in one place. Views turn a refusal into a 404.

Administrators (staff) manage users and services in the admin site, may start an inspection in
the workspace, and otherwise see inspections only as anyone else does: by assignment. A lead
inspector runs their inspection; inspectors read all of it and assess the cases allocated to
them; local assessors see and assess only their allocated cases (and the inspection's other pages
once it is published); service viewers read a published inspection of their own service, and so
does the body that monitors its improvement plan (the monitor role).

A published inspection is read-only: every permission to change something includes
`~is_published`, so nothing changes until the lead reopens it with a reason (`change_stage`).
"""

from __future__ import annotations

from typing import Any

import rules

from yjinspect.web.workspace.models import Case, CaseAssessment, Inspection, Role


def _inspection(obj: Any) -> Inspection | None:
    if isinstance(obj, Inspection):
        return obj
    if isinstance(obj, Case):
        return obj.inspection
    if isinstance(obj, CaseAssessment):
        return obj.case.inspection
    return None


def _case(obj: Any) -> Case | None:
    if isinstance(obj, Case):
        return obj
    if isinstance(obj, CaseAssessment):
        return obj.case
    return None


def _has_role(role: str) -> rules.Predicate:
    @rules.predicate(name=f"is {role}")
    def check(user: Any, obj: Any) -> bool:
        inspection = _inspection(obj)
        return inspection is not None and inspection.role_of(user) == role

    return check


is_lead = _has_role(Role.LEAD)
is_inspector = _has_role(Role.INSPECTOR)
is_local_assessor = _has_role(Role.LOCAL_ASSESSOR)
is_service_viewer = _has_role(Role.SERVICE_VIEWER)
is_monitor = _has_role(Role.MONITOR)


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    inspection = _inspection(obj)
    return inspection is not None and inspection.status == Inspection.Status.PUBLISHED


@rules.predicate
def is_allocated(user: Any, obj: Any) -> bool:
    case = _case(obj)
    return case is not None and case.allocated_to_id == user.id


@rules.predicate
def is_open(user: Any, obj: Any) -> bool:
    """An assessment still being written: draft or returned."""
    case = _case(obj)
    if case is None:
        return False
    assessment = getattr(case, "assessment", None)
    return assessment is None or assessment.status in (
        CaseAssessment.Status.DRAFT,
        CaseAssessment.Status.RETURNED,
    )


works_on = is_lead | is_inspector | is_local_assessor


rules.add_perm(
    "workspace.view_inspection", works_on | ((is_service_viewer | is_monitor) & is_published)
)
rules.add_perm("workspace.manage_inspection", is_lead & ~is_published)
rules.add_perm("workspace.view_case", is_lead | is_inspector | (is_local_assessor & is_allocated))
rules.add_perm(
    "workspace.assess_case",
    ~is_published & is_open & (is_lead | ((is_inspector | is_local_assessor) & is_allocated)),
)
# Nobody accepts or returns their own assessment: another lead inspector reviews a lead's case.
rules.add_perm("workspace.review_assessment", is_lead & ~is_allocated & ~is_published)
rules.add_perm("workspace.export_results", is_lead | is_inspector)  # holds per-case answers


# Assessors' side (issue 13, item 6): only sampled cases (including one that replaced a sampled
# case) are assessed or reviewed; a reserve or replaced case is not part of the evidence.
@rules.predicate
def is_sampled(user: Any, obj: Any) -> bool:
    case = _case(obj)
    return case is not None and case.selection == Case.Selection.SAMPLE


for _name in ("workspace.assess_case", "workspace.review_assessment"):
    rules.set_perm(_name, rules.permissions.permissions[_name] & is_sampled)
