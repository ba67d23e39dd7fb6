"""Who may change the report: its words (findings, recommendations, foreword, quotes) and the
published scores a Core Case report is compared with belong to the lead, until publication.
Reading the report and its files is `workspace.read_inspection` (drafts are not for local
assessors)."""

from __future__ import annotations

import rules

from yjinspect.web.workspace.rules import is_lead, is_published

rules.add_perm("workspace.edit_report", is_lead & ~is_published)
