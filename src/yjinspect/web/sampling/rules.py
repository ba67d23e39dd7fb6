"""Who may change an inspection's sample: the lead, until the inspection is published."""

from __future__ import annotations

import rules

from yjinspect.web.workspace.rules import is_lead, is_published

rules.add_perm("workspace.change_sample", is_lead & ~is_published)
