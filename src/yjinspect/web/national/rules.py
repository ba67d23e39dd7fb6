"""Who may see and feed the national picture.

The picture is built from published data only (published inspections and uploaded CSVs of
published results), so any signed-in user may see it. Administrators and lead inspectors (of
any inspection, not of a deep-dive audit) may upload or remove a published-results CSV. A
service's position is shown for an inspection the user may view (`workspace.view_inspection`),
published or not.
"""

from __future__ import annotations

from typing import Any

import rules

from yjinspect.web.inspections.kinds import KINDS
from yjinspect.web.workspace.models import Assignment, Role

# Only a kind of work that is published counts (`inspections.kinds`): the lead of a service's
# own deep-dive audit is the service's staff, not an inspector.
_PUBLISHED_KINDS = [name for name, kind in KINDS.items() if kind.publishes]


@rules.predicate
def leads_an_inspection(user: Any) -> bool:
    return bool(user.is_authenticated) and (
        Assignment.objects.filter(
            user=user, role=Role.LEAD, inspection__kind__in=_PUBLISHED_KINDS
        ).exists()
    )


rules.add_perm("workspace.view_national", rules.is_authenticated)
rules.add_perm("workspace.change_published_results", rules.is_staff | leads_an_inspection)
