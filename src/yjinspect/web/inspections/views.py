"""Inspection-level pages: home, the task list, set-up and stage moves. A refusal is a 404, as
everywhere in the workspace."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from yjinspect.errors import InputError, format_location
from yjinspect.frameworks import Framework
from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.reporting.movement import Comparison
from yjinspect.reporting.words import long_date
from yjinspect.web.accuracy import previous
from yjinspect.web.assessments.access import can, inspection_or_404
from yjinspect.web.inspections import frameworks, stages, tasks
from yjinspect.web.inspections.forms import InspectionForm, TeamForm
from yjinspect.web.inspections.frameworks import framework_for
from yjinspect.web.inspections.history import inspection_history
from yjinspect.web.inspections.kinds import KINDS
from yjinspect.web.inspections.progress import facts_of, framework_problem
from yjinspect.web.plans import outcomes
from yjinspect.web.qa.audits import own_services, staff_of
from yjinspect.web.qa.blind import kept_blind, permitted_unless_blind
from yjinspect.web.workspace import edits, exports
from yjinspect.web.workspace.models import READERS, Assignment, Inspection, PublishedScore, Role
from yjinspect.web.workspace.uploads import read_upload


def _inspection(
    request: HttpRequest, pk: int, perm: str = "workspace.view_inspection"
) -> Inspection:
    inspection = inspection_or_404(request, pk)
    if not can(request, perm, inspection):
        raise Http404
    return inspection


def framework_title(inspection: Inspection) -> str:
    if framework_problem(inspection):
        return f"Unknown framework ({inspection.framework_id})"
    framework = framework_for(inspection)
    return f"{framework.title}, version {framework.version}"


def headings(inspections: list[Inspection]) -> dict[int, str]:
    """Each inspection named so that two of one service are told apart: the service and its
    dates, and its number where those are the same, in its kind's words ("(audit 6)")."""
    named = {i.pk: f"{i.name}, {i.work.runs(i.fieldwork_start, i.fieldwork_end)}"
             for i in inspections}  # fmt: skip
    repeated = Counter(named.values())
    return {i.pk: f"{named[i.pk]} ({i.work.short_noun} {i.pk})" if repeated[named[i.pk]] > 1
            else named[i.pk] for i in inspections}  # fmt: skip


@login_required
def home(request: HttpRequest) -> HttpResponse:
    found = list(
        Inspection.objects.visible_to(request.user)
        .select_related("service")
        .order_by("service__name", "-fieldwork_start", "pk")
    )
    named = headings(found)
    return render(
        request,
        "inspections/home.html",
        {
            "inspections": [
                (i, named[i.pk], framework_title(i), _entry(request, i)) for i in found
            ],
            "can_start": can(request, "workspace.start_inspection", None),
            "can_audit": can(request, "workspace.start_audit", None),
            "can_upload": can(request, "workspace.upload_framework", None),
        },
    )


def _entry(request: HttpRequest, inspection: Inspection) -> str:
    """Where an inspection opens: its page, or for the service while the draft is with it, the
    factual accuracy check (the one thing of it they may see)."""
    if can(request, "workspace.view_inspection", inspection):
        return reverse("inspection", args=[inspection.pk])
    return reverse("accuracy", args=[inspection.pk])


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    facts = facts_of(inspection)
    reads = can(request, "workspace.read_inspection", inspection)
    # A blind second assessor reads the task list without its statuses and counts (`qa.blind`).
    blind = kept_blind(request, "workspace.read_ratings", inspection)
    kind = KINDS[inspection.kind]
    previous_shown = reads and kind.publishes and not blind
    context: dict[str, Any] = {
        "inspection": inspection,
        "kind": kind,
        "framework_title": framework_title(inspection),
        "facts": facts,
        "reads": reads,
        "blind": blind,
        "tasks": _linked(request, inspection, tasks.task_list(facts), bool(blind)) if reads else [],
        "can_set_up": can(request, "workspace.set_up_inspection", inspection),
        "can_stage": can(request, "workspace.change_stage", inspection),
        "can_history": can(request, "workspace.view_inspection_history", inspection),
        "can_preview": reads
        and not blind
        and kind.publishes
        and inspection.status != Inspection.Status.PUBLISHED
        and not facts.framework_problem,
        "can_export": can(request, "workspace.export_results", inspection)
        and not facts.framework_problem,
        "can_import": can(request, "workspace.record_judgement", inspection)
        and not facts.framework_problem,
        "exports": [
            (name, name.replace("_", " ").capitalize()) for name in exports.export_names(inspection)
        ],
        "can_qa": not facts.scored and can(request, "workspace.open_qa", inspection),
        "can_agreement": not facts.scored and can(request, "workspace.view_agreement", inspection),
        "next_status": stages.next_status(inspection),
        "next_label": stages.label(stages.next_status(inspection)),
        "outstanding": tasks.outstanding(facts),
        "dates": tasks.dates(facts, _framework(inspection, facts), timezone.localdate())
        if reads and kind.publishes
        else [],
        "can_send": can(request, "workspace.send_draft", inspection),
        "comparison": _comparison(inspection) if previous_shown else None,
        "can_mark_recurrence": can(request, "workspace.mark_recurrence", inspection),
        # What the "Repeated by" forms showed, so that a stale one saves nothing.
        "marks_seen": outcomes.marks_seen(inspection) if previous_shown else 0,
        "published_scores": PublishedScore.objects.filter(
            framework_id=inspection.framework_id
        ).count(),
    }
    return render(request, "inspections/inspection.html", context)


def _comparison(inspection: Inspection) -> Comparison | None:
    """The previous inspection of the service against this one's ratings as they stand."""
    try:
        return previous.comparison(inspection)
    except DiscretionRefused:  # the task list says so already
        return None


def _framework(inspection: Inspection, facts: tasks.Facts) -> Framework | None:
    return None if facts.framework_problem else framework_for(inspection)


def _linked(
    request: HttpRequest, inspection: Inspection, found: list[tasks.Task], blind: bool = False
) -> list[tuple[tasks.Task, str | None]]:
    """Each task with the address of its page, where this user may open it (for a blind user
    whatever its status, which the link would otherwise give away)."""
    mine = {
        "set-up": can(request, "workspace.set_up_inspection", inspection),
        "publish": can(request, "workspace.change_stage", inspection)
        and stages.next_status(inspection) == Inspection.Status.PUBLISHED,
        "accuracy": can(request, "workspace.send_draft", inspection)
        or (
            can(request, "workspace.view_comments", inspection)
            and inspection.status in (Inspection.Status.ACCURACY, Inspection.Status.PUBLISHED)
        ),
        "sample": inspection.role_of(request.user) not in READERS,
        "cases": inspection.role_of(request.user) not in READERS,
        "qa": can(request, "workspace.open_qa", inspection),
        "agreement": can(request, "workspace.view_agreement", inspection),
    }
    return [
        (task, reverse(task.key, args=[inspection.pk]) if mine.get(task.key, True)
         and (blind or task.status is not tasks.Status.CANNOT_START) else None)
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


def _set_up_page(
    request: HttpRequest, inspection: Inspection | None, kind: str = "inspection"
) -> HttpResponse:
    """Create an inspection (or another kind of work: `kinds`), or change its dates and team
    (its framework until a sample is drawn, or while the framework recorded cannot be loaded).
    A kind run by the service's own staff offers only the services the user may start it on,
    and only their staff as its team."""
    kind = inspection.kind if inspection else kind
    fixed = bool(inspection and inspection.cases.exists() and not framework_problem(inspection))
    form_args: dict[str, Any] = {"instance": inspection, "framework_fixed": fixed, "kind": kind}
    current = _team(inspection)
    if inspection is None and not request.user.is_staff:  # who starts it leads it (`TeamForm`)
        current = {request.user.pk: Role.LEAD}
    team_args: dict[str, Any] = {
        "current": current,
        "acting": request.user,
        "roles": KINDS[kind].roles,
        "words": KINDS[kind].role_words,
    }
    if KINDS[kind].own_staff:
        services = own_services(request.user, inspection)
        form_args["services"] = services
        team_args["users"] = staff_of(services)
    # What the page showed of its set-up and its team, so that a stale page saves nothing.
    histories = _set_up_histories(inspection)
    seen = {name: edits.seen(history) for name, history in histories.items()}
    status = 200
    if request.method == "POST":
        form = InspectionForm(request.POST, **form_args)
        team = TeamForm(request.POST, **team_args)
        if form.is_valid() and team.is_valid() and KINDS[kind].own_staff:
            service = inspection.service if inspection else form.cleaned_data["service"]
            if outsiders := [str(u) for u in team.roles() if u not in staff_of([service])]:
                team.add_error(None, f"Not staff of {service}: {', '.join(outsiders)}.")
        if form.is_valid() and team.is_valid():
            try:
                saved = _save_set_up(request, inspection, form, team, kind, histories)
            except edits.EditedMeanwhile as meanwhile:
                # Shown again as sent; the page now carries the newer save, so saving again
                # replaces it knowingly.
                form.add_error(None, f"{edits.EDITED_MEANWHILE} {'; '.join(meanwhile.changes)}.")
                return _set_up_render(request, inspection, form, team, kind, seen, 409)
            noun = KINDS[kind].noun.capitalize()
            messages.success(request, f"{noun} set up." if inspection is None else "Saved.")
            if can(request, "workspace.view_inspection", saved):
                return redirect("inspection", pk=saved.pk)
            return redirect("home")
        status = 400
    else:
        form = InspectionForm(**form_args)
        team = TeamForm(**team_args)
    return _set_up_render(request, inspection, form, team, kind, seen, status)


_SEEN_NAMES = {"seen": lambda _: "set-up", "seen_team": lambda r: f"the role of {r.user}"}


def _set_up_histories(inspection: Inspection | None) -> dict[str, Any]:
    """The audit trails a set-up page shows: the inspection's own record and its team."""
    if inspection is None:
        return {}
    return {
        "seen": Inspection.history.filter(id=inspection.pk),
        "seen_team": Assignment.history.filter(inspection_id=inspection.pk),
    }


def _save_set_up(
    request: HttpRequest,
    inspection: Inspection | None,
    form: InspectionForm,
    team: TeamForm,
    kind: str,
    histories: dict[str, Any],
) -> Inspection:
    """Save the set-up and team as one change; EditedMeanwhile if either changed since the
    page was drawn (a page without the markers is not checked)."""
    with transaction.atomic():
        for name, history in histories.items():
            if (then := edits.seen_then(request, name)) is not None and inspection is not None:
                edits.check_unchanged(inspection, history, then, _SEEN_NAMES[name])
        saved = form.save(commit=False)
        saved.kind = kind
        if form.framework is not None:
            saved.framework_version = form.framework.version
        saved.save()
        _save_team(saved, team.roles())
    return saved


def _set_up_render(
    request: HttpRequest,
    inspection: Inspection | None,
    form: InspectionForm,
    team: TeamForm,
    kind: str,
    seen: dict[str, int],
    status: int,
) -> HttpResponse:
    return render(
        request,
        "inspections/set_up.html",
        {"inspection": inspection, "form": form, "team": team, "kind": KINDS[kind], "seen": seen,
         "framework_title": framework_title(inspection) if inspection else "",
         "problem": not (form.is_valid() and team.is_valid()) if form.is_bound else False},
        status=status,
    )  # fmt: skip


def _problems(error: InputError) -> list[str]:
    """Each problem of an uploaded file in words: the file, its line and the field."""
    found = []
    for problem in error.problems:
        where = f"{error.file}, line {problem.line}" if problem.line else str(error.file)
        place = format_location(problem.location)
        found.append(
            f"{where}, {place}: {problem.message}" if place else f"{where}: {problem.message}"
        )
    return found


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    """The frameworks set-up offers, and the upload of another: checked by the same loader as
    the bundled ones, kept all or nothing."""
    if not can(request, "workspace.upload_framework", None):
        raise Http404
    problems: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("framework")
        if upload is None:
            problems = ["Choose a framework file (YAML) to upload"]
        else:
            try:
                name, content = read_upload(upload)
                stored = frameworks.upload_framework(name, content, request.user)
            except InputError as error:
                problems = _problems(error)
            else:
                messages.success(request, f"Uploaded {stored}: set-up now offers it.")
                return redirect("frameworks")
    return render(
        request,
        "inspections/frameworks.html",
        {"offered": frameworks.offered(), "problems": problems},
        status=400 if problems else 200,
    )


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
def inspection_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Every stage move is confirmed on its own page first (publishing on `publish`, which
    checks what is outstanding): the page says what the move means, and its button (a plain
    form, no scripts) makes it; reopening a published inspection needs a reason."""
    inspection = _inspection(request, pk, "workspace.change_stage")
    target = stages.next_status(inspection)
    if target == Inspection.Status.PUBLISHED:
        return redirect("publish", pk=inspection.pk)  # checked and confirmed there
    problem = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "reopen":
                stages.reopen(inspection, request.POST.get("reason", ""))
            else:
                stages.advance(inspection)
        except stages.Refused as refusal:
            problem = str(refusal)
        else:
            messages.success(
                request, f"The {inspection.work.noun} is now at {inspection.get_status_display()}."
            )
            return redirect("inspection", pk=inspection.pk)
    return render(
        request,
        "inspections/stage.html",
        {
            "inspection": inspection,
            "target": target,
            "target_label": stages.label(target),
            "meaning": stages.MEANING.get(target or "reopen", ""),
            "problem": problem,
            "reason": request.POST.get("reason", ""),
        },
        status=400 if problem else 200,
    )


@login_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """What is outstanding, and a confirmation; with work outstanding, the lead's reason."""
    inspection = _inspection(request, pk, "workspace.change_stage")
    if stages.next_status(inspection) != Inspection.Status.PUBLISHED:
        raise Http404
    # What is outstanding counts the cases; a blind lead publishes once blindness ends.
    permitted_unless_blind(request, "workspace.read_ratings", inspection)
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
            "nothing_rated": tasks.nothing_rated(facts),
            "problem": problem,
            "reason": request.POST.get("reason", ""),
        },
        status=400 if problem else 200,
    )


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed what in the inspection, and when, with the reasons given."""
    inspection = _inspection(request, pk, "workspace.view_inspection_history")
    return render(
        request,
        "inspections/history.html",
        {"inspection": inspection, "changes": inspection_history(inspection, request.user)},
    )
