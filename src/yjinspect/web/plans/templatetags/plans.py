"""`{% plan_link inspection %}`: the way to the improvement plan from the inspection's page,
for those who may read the plan."""

from __future__ import annotations

from typing import Any

import rules
from django import template

register = template.Library()


@register.inclusion_tag("plans/_plan_link.html", takes_context=True)
def plan_link(context: dict[str, Any], inspection: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "inspection": inspection,
        "shown": rules.has_perm("workspace.view_plan", user, inspection),
    }
