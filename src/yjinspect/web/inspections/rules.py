"""Who may start, set up, read and move an inspection (the role predicates are the
workspace's). Permission names stay `workspace.*`."""

from __future__ import annotations

from typing import Any

import rules

from yjinspect.web.workspace.rules import (
    is_inspector,
    is_lead,
    is_local_assessor,
    is_monitor,
    is_published,
    is_service_viewer,
)


@rules.predicate
def starts_inspections(user: Any) -> bool:
    """Staff, or anyone given the model permission to add inspections (a lead inspector)."""
    return bool(user.is_staff or user.has_perm("workspace.add_inspection"))


# Reading the inspection's own pages (ratings, judgements, content, report): never its drafts
# for a local assessor, who works on their allocated cases only.
reads_drafts = is_lead | is_inspector
reads_published = is_published & (is_service_viewer | is_monitor | is_local_assessor)

rules.add_perm("workspace.read_inspection", reads_drafts | reads_published)
rules.add_perm("workspace.start_inspection", starts_inspections)
# Those who start inspections also bring the frameworks they are run under.
rules.add_perm("workspace.upload_framework", starts_inspections)
rules.add_perm("workspace.set_up_inspection", is_lead & ~is_published)
# The one change a published inspection takes: reopening, with a reason.
rules.add_perm("workspace.change_stage", is_lead)
# The whole inspection's history (team, allocation, judgements, reasons): those who read all of
# it while it is worked on, never a local assessor or a service viewer.
rules.add_perm("workspace.view_inspection_history", is_lead | is_inspector)
