"""Fetching what a page is about and checking one permission; a refusal is a 404, so nothing
reveals what exists (as in the workspace's other pages)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import rules
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from yjinspect.web.workspace import scored
from yjinspect.web.workspace.models import Case, Inspection, inspection_read_by


def can(request: HttpRequest, perm: str, obj: Any) -> bool:
    """The role rules alone decide (Django would let a superuser past every check)."""
    return rules.has_perm(perm, request.user, obj)


def permitted(request: HttpRequest, perm: str, obj: Any) -> None:
    if not can(request, perm, obj):
        raise Http404


def inspection_or_404(request: HttpRequest, pk: int) -> Inspection:
    """Inspection `pk` read for the signed-in user (`models.inspection_read_by`: with their
    role, in one query compiled once); Http404 if there is none. The caller checks the
    permission its page needs."""
    inspection = inspection_read_by(request.user, pk)
    if inspection is None:
        raise Http404
    return inspection


def rated_inspection(request: HttpRequest, pk: int) -> Inspection:
    """An inspection the user may see, under a rated framework (cases exist only there)."""
    inspection = inspection_or_404(request, pk)
    permitted(request, "workspace.view_inspection", inspection)
    if scored.is_scored(inspection):
        raise Http404
    return inspection


def case_of(
    request: HttpRequest,
    pk: int,
    related: tuple[str, ...] = ("inspection", "allocated_to"),
    perm: str = "workspace.view_case",
) -> Case:
    """The case, with what the page shows of it (`related`), if the user may see its
    inspection and may `perm` the case."""
    case = get_object_or_404(Case.objects.select_related("assessment", *related), pk=pk)
    permitted(request, "workspace.view_inspection", case.inspection)
    permitted(request, perm, case)
    return case


def seen_version(request: HttpRequest, name: str = "version") -> int:
    """The assessment version a page showed; anything but a number counts as 'saw nothing'."""
    value = request.POST.get(name, "")
    return int(value) if value.isdecimal() and len(value) < 10 else 0


BUSY = (
    "Not saved: many saves arrived at once and this one waited too long. What you typed is "
    "still on the page; change it again, or press the button again, to save it."
)


def busy_is_conflict(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A save that waited out the database's busy timeout behind other writers (SQLite says
    "database is locked") is a 409 saying so, never a 500; its transaction saved nothing."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            return HttpResponse(
                f'<p class="govuk-error-message" role="alert">{BUSY}</p>', status=409
            )

    return checked
