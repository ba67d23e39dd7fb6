"""Fetching what a page is about and checking one permission; a refusal is a 404, so nothing
reveals what exists (as in the workspace's other pages)."""

from __future__ import annotations

from typing import Any

import rules
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from yjinspect.web.workspace import scored
from yjinspect.web.workspace.models import Case, Inspection


def can(request: HttpRequest, perm: str, obj: Any) -> bool:
    """The role rules alone decide (Django would let a superuser past every check)."""
    return rules.has_perm(perm, request.user, obj)


def permitted(request: HttpRequest, perm: str, obj: Any) -> None:
    if not can(request, perm, obj):
        raise Http404


def rated_inspection(request: HttpRequest, pk: int) -> Inspection:
    """An inspection the user may see, under a rated framework (cases exist only there)."""
    inspection = get_object_or_404(Inspection, pk=pk)
    permitted(request, "workspace.view_inspection", inspection)
    if scored.is_scored(inspection):
        raise Http404
    return inspection


def case_of(request: HttpRequest, pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("inspection", "allocated_to"), pk=pk)
    permitted(request, "workspace.view_case", case)
    return case


def seen_version(request: HttpRequest, name: str = "version") -> int:
    """The assessment version a page showed; anything but a number counts as 'saw nothing'."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else 0
