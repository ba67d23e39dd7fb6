"""A service's own deep-dive audits: which services a user may audit, and whose staff may be on
an audit's team (`ServiceMember`, recorded by administrators)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from yjinspect.web.qa.models import ServiceMember
from yjinspect.web.workspace.models import Inspection, Service


def own_services(user: Any, audit: Inspection | None = None) -> QuerySet[Service]:
    """The services `user` may start an audit of (every one for an administrator, else those
    they are the QA lead of); for an audit already set up, its own service."""
    if audit is not None:
        return Service.objects.filter(pk=audit.service_id)
    if user.is_staff:
        return Service.objects.order_by("name")
    led = ServiceMember.objects.filter(user=user, role=ServiceMember.Role.QA_LEAD)
    return Service.objects.filter(pk__in=led.values("service_id")).order_by("name")


def staff_of(services: Iterable[Service] | QuerySet[Service]) -> QuerySet[Any]:
    """The users who are members of any of `services`: an audit's team is chosen from them."""
    members = ServiceMember.objects.filter(service__in=list(services)).values("user_id")
    return get_user_model().objects.filter(pk__in=members)
