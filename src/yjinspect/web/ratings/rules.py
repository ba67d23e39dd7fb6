"""Who may read the ratings, and record judgements and discretion: the lead, until the
inspection is published (the same permission lets the lead import results and write the
report's content). Permission names stay `workspace.*`."""

from __future__ import annotations

import rules

from yjinspect.web.inspections.rules import reads_drafts, reads_published
from yjinspect.web.workspace.rules import is_lead, is_published

rules.add_perm("workspace.record_judgement", is_lead & ~is_published)
# The ratings and what is built from them or counted from the cases (the report, its files, the
# task list's counts): whoever reads the inspection's drafts. `qa.rules` keeps them from a
# blind second assessor.
rules.add_perm("workspace.read_ratings", reads_drafts | reads_published)
