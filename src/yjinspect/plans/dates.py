"""When the improvement plan is due."""

from __future__ import annotations

from datetime import date, timedelta

PLAN_DUE_AFTER = timedelta(weeks=4)


# LEAD: replace with the `accuracy` branch's stage dates, where the interval is a framework
# parameter. Until the merge this is the one place the plans app asks for the plan's due date.
def plan_due(publication: date) -> date:
    """The improvement plan is due four weeks after publication (the 2009-12 reports: "an
    improvement plan addressing the recommendations should be submitted ... four weeks after
    the publication")."""
    return publication + PLAN_DUE_AFTER
