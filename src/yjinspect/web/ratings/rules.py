"""Who may record judgements and discretion: the lead, until the inspection is published (the
same permission lets the lead import results and write the report's content)."""

from __future__ import annotations

import rules

from yjinspect.web.workspace.rules import is_lead, is_published

rules.add_perm("workspace.record_judgement", is_lead & ~is_published)
