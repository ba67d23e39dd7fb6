"""Who belongs to a service, for its own deep-dive audits: administrators record it, as they
record users and services."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from yjinspect.web.qa.models import ServiceMember


@admin.register(ServiceMember)
class ServiceMemberAdmin(SimpleHistoryAdmin):
    list_display = ("user", "service", "role")
    list_filter = ("service", "role")
