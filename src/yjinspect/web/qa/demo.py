"""The demo's own staff of its youth justice service, so that a deep-dive audit can be tried
out: a service QA lead who starts and runs it, and two managers who assess its cases (first
and second assessors, one from each team)."""

from __future__ import annotations

from typing import Any

from yjinspect.web.qa.models import ServiceMember
from yjinspect.web.workspace.models import Service

STAFF = {
    "qalead": ServiceMember.Role.QA_LEAD,
    "manager1": ServiceMember.Role.MANAGER,
    "manager2": ServiceMember.Role.MANAGER,
}


def add_service_staff(service: Service, users: dict[str, Any]) -> None:
    """Record `STAFF` (users by name) as members of `service`."""
    for name, role in STAFF.items():
        ServiceMember.objects.create(service=service, user=users[name], role=role)
