"""Inspection-level pages: home, the task list, set-up and stage moves. A refusal is a 404, as
everywhere in the workspace."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from yjinspect.frameworks import load_framework
from yjinspect.reporting.words import long_date
from yjinspect.web.inspections import stages, tasks
from yjinspect.web.inspections.forms import InspectionForm, TeamForm
from yjinspect.web.inspections.progress import facts_of, framework_problem
from yjinspect.web.workspace import exports
from yjinspect.web.workspace.models import Assignment, Inspection, PublishedScore, Role
from yjinspect.web.workspace.views import can


def _inspection(
    request: HttpRequest, pk: int, perm: str = "workspace.view_inspection"
) -> Inspection:
    inspection = get_object_or_404(Inspection.objects.select_related("service"), pk=pk)
    if not can(request, perm, inspection):
        raise Http404
    return inspection


def framework_title(inspection: Inspection) -> str:
    if framework_problem(inspection):
        return f"Unknown framework ({inspection.framework_id})"
    framework = load_framework(inspection.framework_id)
    return f"{framework.title}, version {framework.version}"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    found = Inspection.objects.visible_to(request.user).select_related("service")
    return render(
        request,
        "inspections/home.html",
        {
            "inspections": [(i, framework_title(i)) for i in found],
            "can_start": can(request, "workspace.start_inspection", None),
        },
    )


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    facts = facts_of(inspection)
    reads = can(request, "workspace.read_inspection", inspection)
    context: dict[str, Any] = {
        "inspection": inspection,
        "framework_title": framework_title(inspection),
        "facts": facts,
        "reads": reads,
        "tasks": _linked(request, inspection, tasks.task_list(facts)) if reads else [],
        "can_set_up": can(request, "workspace.set_up_inspection", inspection),
        "can_stage": can(request, "workspace.change_stage", inspection),
        "can_export": can(request, "workspace.export_results", inspection)
        and not facts.framework_problem,
        "can_import": can(request, "workspace.record_judgement", inspection)
        and not facts.framework_problem,
        "exports": [(name, name.replace("_", " ").capitalize()) for name in exports.EXPORT_NAMES],
        "can_qa": not facts.scored and can(request, "workspace.open_qa", inspection),
        "can_agreement": not facts.scored and can(request, "workspace.view_agreement", inspection),
        "next_status": stages.next_status(inspection),
        "next_label": stages.label(stages.next_status(inspection)),
        "outstanding": tasks.outstanding(facts),
        "published_scores": PublishedScore.objects.filter(
            framework_id=inspection.framework_id
        ).count(),
    }
    return render(request, "inspections/inspection.html", context)


def _linked(
    request: HttpRequest, inspection: Inspection, found: list[tasks.Task]
) -> list[tuple[tasks.Task, str | None]]:
    """Each task with the address of its page, where this user may open it."""
    mine = {
        "set-up": can(request, "workspace.set_up_inspection", inspection),
        "publish": can(request, "workspace.change_stage", inspection)
        and stages.next_status(inspection) == Inspection.Status.PUBLISHED,
        "sample": inspection.role_of(request.user) != Role.SERVICE_VIEWER,
        "cases": inspection.role_of(request.user) != Role.SERVICE_VIEWER,
    }
    return [
        (task, reverse(task.key, args=[inspection.pk]) if mine.get(task.key, True)
         and task.status is not tasks.Status.CANNOT_START else None)
        for task in found
    ]  # fmt: skip


def _team(inspection: Inspection | None) -> dict[int, str]:
    if inspection is None:
        return {}
    return dict(inspection.assignments.values_list("user_id", "role"))


@transaction.atomic
def _save_team(inspection: Inspection, roles: dict[Any, str]) -> None:
    """Assignments as chosen: each change is its own audited record."""
    for assignment in inspection.assignments.select_related("user"):
        role = roles.pop(assignment.user, None)
        if role is None:
            assignment.delete()
        elif role != assignment.role:
            assignment.role = role
            assignment.save()
    for user, role in roles.items():
        Assignment.objects.create(inspection=inspection, user=user, role=role)


def _set_up_page(request: HttpRequest, inspection: Inspection | None) -> HttpResponse:
    """Create an inspection, or change its dates and team (its framework until a sample is
    drawn, or while the framework recorded cannot be loaded)."""
    fixed = bool(inspection and inspection.cases.exists() and not framework_problem(inspection))
    form_args: dict[str, Any] = {"instance": inspection, "framework_fixed": fixed}
    team_args = {"current": _team(inspection), "acting": request.user}
    status = 200
    if request.method == "POST":
        form = InspectionForm(request.POST, **form_args)
        team = TeamForm(request.POST, **team_args)
        if form.is_valid() and team.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                if "framework_id" in form.cleaned_data:
                    saved.framework_version = load_framework(saved.framework_id).version
                saved.save()
                _save_team(saved, team.roles())
            messages.success(request, "Inspection set up." if inspection is None else "Saved.")
            if can(request, "workspace.view_inspection", saved):
                return redirect("inspection", pk=saved.pk)
            return redirect("home")
        status = 400
    else:
        form = InspectionForm(**form_args)
        team = TeamForm(**team_args)
    return render(
        request,
        "inspections/set_up.html",
        {"inspection": inspection, "form": form, "team": team,
         "framework_title": framework_title(inspection) if inspection else "",
         "problem": not (form.is_valid() and team.is_valid()) if form.is_bound else False},
        status=status,
    )  # fmt: skip


@login_required
def set_up_new(request: HttpRequest) -> HttpResponse:
    if not can(request, "workspace.start_inspection", None):
        raise Http404
    return _set_up_page(request, None)


@login_required
def set_up(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk, "workspace.set_up_inspection")
    return _set_up_page(request, inspection)


@login_required
@require_POST
def inspection_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move to the next stage, or reopen a published inspection with a reason."""
    inspection = _inspection(request, pk, "workspace.change_stage")
    try:
        if request.POST.get("action") == "reopen":
            stages.reopen(inspection, request.POST.get("reason", ""))
        elif stages.next_status(inspection) == Inspection.Status.PUBLISHED:
            return redirect("publish", pk=inspection.pk)  # checked and confirmed there
        else:
            stages.advance(inspection)
        messages.success(request, f"The inspection is now at {inspection.get_status_display()}.")
    except stages.Refused as refusal:
        messages.error(request, str(refusal))
    return redirect("inspection", pk=inspection.pk)


@login_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """What is outstanding, and a confirmation; with work outstanding, the lead's reason."""
    inspection = _inspection(request, pk, "workspace.change_stage")
    if stages.next_status(inspection) != Inspection.Status.PUBLISHED:
        raise Http404
    facts = facts_of(inspection)
    problem = None
    if request.method == "POST":
        try:
            stages.publish(inspection, facts, request.POST.get("reason", ""), timezone.localdate())
        except stages.Refused as refusal:
            problem = str(refusal)
        else:
            messages.success(request, f"Published {long_date(inspection.publication_date)}.")
            return redirect("inspection", pk=inspection.pk)
    return render(
        request,
        "inspections/publish.html",
        {
            "inspection": inspection,
            "outstanding": tasks.outstanding(facts),
            "problem": problem,
            "reason": request.POST.get("reason", ""),
        },
        status=400 if problem else 200,
    )
