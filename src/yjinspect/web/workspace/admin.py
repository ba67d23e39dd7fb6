"""The admin site manages users and services only. Inspections, their teams and everything in
them are changed in the workspace, under the role rules and with a reason where one is due;
the admin site would go round those rules (reopen without a reason, assign oneself lead and read
case answers, delete an inspection's evidence), so it does not show them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from yjinspect.web.security import send_reset_links
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


class NewAccountForm(forms.ModelForm):
    """A new account has no password anyone knows: its owner sets one from a reset link."""

    class Meta:
        model = User
        fields = ("username", "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "The link to set a password is sent here."


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Users, without a way for an administrator to raise their own (or anyone's) powers, or to
    know anyone's password: an administrator who set a team member's password could sign in as
    them and read case files under their name. Others' passwords are set from a reset link sent
    to them; an administrator changes only their own."""

    add_form = NewAccountForm
    add_fieldsets = ((None, {"fields": ("username", "email")}),)
    actions = ["send_password_reset_link"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.pk == request.user.pk:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in fieldsets
        ]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        if str(request.user.pk) != str(id):
            raise PermissionDenied("Send a password reset link instead.")
        return super().user_change_password(request, id, form_url)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        if not change:
            send_reset_links(request, [obj], new=True)
            self.message_user(request, f"A link to set a password was sent to {obj.email}.")

    @admin.action(description="Send a password reset link")
    def send_password_reset_link(self, request: HttpRequest, queryset: QuerySet) -> None:
        sent = send_reset_links(request, queryset.filter(is_active=True).exclude(email=""))
        self.message_user(request, f"Reset links sent: {sent}.", messages.SUCCESS)
        missing = queryset.filter(email="").count()
        if missing:
            self.message_user(
                request, f"No email address, so no link, for {missing}.", messages.WARNING
            )

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
