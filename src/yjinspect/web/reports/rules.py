"""Who may read and change the report: its words (findings, recommendations, foreword, quotes)
and the published scores a Core Case report is compared with belong to the lead, until
publication. Reading the report and its files is reading the inspection (drafts are not for
local assessors); only a kind of work that is published has a report (`inspections.kinds`:
a service's own deep-dive audit has none)."""

from __future__ import annotations

from typing import Any

import rules

from yjinspect.web.inspections.kinds import KINDS
from yjinspect.web.inspections.rules import reads_drafts, reads_published
from yjinspect.web.workspace.rules import _inspection, is_lead, is_published


@rules.predicate
def has_report(user: Any, obj: Any) -> bool:
    inspection = _inspection(obj)
    return inspection is not None and KINDS[inspection.kind].publishes


rules.add_perm("workspace.read_report", (reads_drafts | reads_published) & has_report)
rules.add_perm("workspace.edit_report", is_lead & ~is_published & has_report)
