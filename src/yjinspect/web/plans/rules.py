"""Who may read and write an improvement plan. Permission names stay `workspace.*`.

The plan is the service's: after publication its service viewers write it (actions, status,
progress updates, progress reports) although the inspection itself is read-only. The lead
inspector and the monitoring body read it, comment on it and accept it. Nobody else sees it.
"""

from __future__ import annotations

from typing import Any

import rules

from yjinspect.web.reports.rules import has_report
from yjinspect.web.workspace.models import READERS, Inspection, Role, Service
from yjinspect.web.workspace.rules import is_lead, is_monitor, is_published, is_service_viewer


@rules.predicate
def follows_a_plan_of(user: Any, service: Any) -> bool:
    """Someone who may read a plan of one of the service's published inspections."""
    return (
        isinstance(service, Service)
        and Inspection.objects.filter(
            service=service,
            status=Inspection.Status.PUBLISHED,
            assignments__user=user,
            assignments__role__in=(*READERS, Role.LEAD),
        ).exists()
    )


rules.add_perm("workspace.view_plan", is_published & (is_service_viewer | is_lead | is_monitor))
rules.add_perm("workspace.write_plan", is_published & is_service_viewer)
rules.add_perm("workspace.review_plan", is_published & (is_lead | is_monitor))
rules.add_perm("workspace.follow_up", follows_a_plan_of)
# Which of this inspection's recommendations repeats one of the previous inspection's: the
# lead's, while the report can change; only a kind of work with a report has one (not an audit).
rules.add_perm("workspace.mark_recurrence", is_lead & ~is_published & has_report)
