"""The admin site manages users and services only. Inspections, their teams and everything in
them are changed in the workspace, under the role rules and with a reason where one is due;
the admin site would go round those rules (reopen without a reason, assign oneself lead and read
case answers, delete an inspection's evidence), so it does not show them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from yjinspect.web.workspace.models import Service

User = get_user_model()

# Fields that grant powers: only a superuser changes them, and nobody on their own account.
_POWERS = ("is_superuser", "groups", "user_permissions")


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    """A service whose inspection is published is as it was published: its report names it."""

    list_display = ["name", "local_authority", "nation", "kind"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is not None and obj.inspections.filter(status="published").exists():
            return ("name", "local_authority", "nation", "kind")
        return tuple(super().get_readonly_fields(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.inspections.exists():
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Users, without a way for an administrator to raise their own (or anyone's) powers."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fixed = set(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fixed.update(_POWERS)
        if obj is not None and obj.pk == request.user.pk:
            fixed.update((*_POWERS, "is_staff", "is_active"))
        return tuple(fixed)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Someone on an inspection's team is deactivated, never deleted: deleting them would
        change a published team and erase their name from the audit trail."""
        if obj is not None and obj.assignments.exists():
            return False
        return super().has_delete_permission(request, obj)
