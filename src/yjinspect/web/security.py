"""Response headers for case data (what a browser or proxy may keep), sign-in limits, and
password reset links (the only way anyone's password is set but by its owner)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


def no_store_when_signed_in(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: every response to a signed-in user (pages, exports, reports) carries
    `Cache-Control: no-store`, so no case data stays in a shared browser's or proxy's cache."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response

    return middleware


class SeparateLimitsHandler(AxesDatabaseHandler):
    """Failed sign-ins counted per account and per address, each against its own limit.

    django-axes compares the larger of the two counts with one limit (AXES_FAILURE_LIMIT), so
    five failures from a shared office address (one NAT for a whole team) locked everyone there.
    Here an account is locked at AXES_FAILURE_LIMIT failures, and an address at
    YJINSPECT_SIGN_IN_ADDRESS_LIMIT (higher): the address's count is offset by the difference,
    so axes's one comparison applies both limits. Needs AXES_LOCKOUT_PARAMETERS
    ["username", "ip_address"], in that order.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        per_account, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        allowance = settings.YJINSPECT_SIGN_IN_ADDRESS_LIMIT - settings.AXES_FAILURE_LIMIT
        return max(per_account, per_address - allowance)


class ResetLinkForm(PasswordResetForm):
    """Django's reset form, for accounts created without a password too: every account here
    signs in with a password, and a new one gets its first from a reset link."""

    def get_users(self, email: str) -> Iterable[Any]:
        model = get_user_model()
        return model._default_manager.filter(email__iexact=email, is_active=True)


def send_reset_links(request: HttpRequest, users: Iterable[Any], *, new: bool = False) -> int:
    """Email each user a link to set their own password (Django's token, valid for
    PASSWORD_RESET_TIMEOUT); returns how many were sent. Email goes by EMAIL_BACKEND. A `new`
    account's email says so (not a reset they never asked for)."""
    templates = (
        {
            "subject_template_name": "registration/new_account_subject.txt",
            "email_template_name": "registration/new_account_email.txt",
        }
        if new
        else {}
    )
    sent = 0
    for user in users:
        form = _OneUser(user, data={"email": user.email})
        if form.is_valid():
            form.save(request=request, use_https=request.is_secure(), **templates)
            sent += 1
    return sent


class _OneUser(ResetLinkForm):
    """The reset form for one account, not for every account sharing its email address."""

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def get_users(self, email: str) -> Iterable[Any]:
        return [self.user]
