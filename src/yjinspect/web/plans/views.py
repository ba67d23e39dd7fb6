"""The improvement plan's pages: the plan, an action with its progress updates, the board's
progress reports, and the follow-up page per service. A refusal is a 404, as elsewhere."""

from __future__ import annotations

from datetime import date
from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from simple_history.utils import update_change_reason

from yjinspect.errors import InputError
from yjinspect.plans.exports import PLAN_EXPORTS, plan_tables
from yjinspect.plans.progress import build_report, snapshot
from yjinspect.plans.rag import Rag, default_rule, summary
from yjinspect.reporting import progress as layout
from yjinspect.reporting.exports import to_csv, to_json, to_xlsx
from yjinspect.web.accuracy.previous import previous_inspection, recommendations_of
from yjinspect.web.assessments.access import busy_is_conflict, can, inspection_or_404, permitted
from yjinspect.web.plans import facts, outcomes
from yjinspect.web.plans.facts import action_view, plan_facts, published
from yjinspect.web.plans.forms import ActionForm, CommentForm, ReportForm, StatusForm, UpdateForm
from yjinspect.web.plans.models import Action, Plan, ProgressReport, ProgressUpdate
from yjinspect.web.workspace import edits
from yjinspect.web.workspace.models import Inspection, Recommendation, Service

FILES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _inspection(request: HttpRequest, pk: int, perm: str = "workspace.view_plan") -> Inspection:
    inspection = inspection_or_404(request, pk)
    permitted(request, perm, inspection)
    return inspection


def _plan_context(request: HttpRequest, inspection: Inspection) -> dict[str, Any]:
    today = date.today()
    actions = Action.objects.filter(recommendation__inspection=inspection).prefetch_related(
        "updates"
    )
    shown: dict[int, list] = {}
    for action in actions:
        shown.setdefault(action.recommendation_id, []).append(action_view(action, today))
    views = [v for found in shown.values() for v in found]
    worst, counts = summary(v.rag for v in views)
    plan = Plan.objects.filter(inspection=inspection).select_related("accepted_by").first()
    return {
        "inspection": inspection,
        "published": published(inspection),
        "plan_due": facts.plan_due(inspection),
        "plan": plan,
        "recommendations": [(r, shown.get(r.pk, [])) for r in inspection.recommendations.all()],
        "overall": worst,
        "counts": [(r, counts[r]) for r in reversed(Rag) if counts[r]],
        "not_done": counts[None],
        "overdue": sum(v.overdue for v in views),
        "comments": plan.comments.select_related("author") if plan else [],
        "rule": default_rule(),
        "can_write": can(request, "workspace.write_plan", inspection),
        "can_review": can(request, "workspace.review_plan", inspection),
    }


@login_required
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    context = _plan_context(request, inspection)
    context["comment"] = CommentForm(published=context["published"])
    return render(request, "plans/plan.html", context)


@login_required
@busy_is_conflict
def add_action(request: HttpRequest, pk: int, recommendation: int) -> HttpResponse:
    inspection = _inspection(request, pk, "workspace.write_plan")
    found = get_object_or_404(Recommendation, pk=recommendation, inspection=inspection)
    sent = request.POST if request.method == "POST" else None
    form = ActionForm(sent, published=published(inspection))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.recommendation = found
            form.save()
        messages.success(request, "Action added to the plan.")
        return redirect("plan", pk=inspection.pk)
    context = {"inspection": inspection, "recommendation": found, "form": form}
    return render(request, "plans/add_action.html", context, status=400 if form.errors else 200)


def _action_name(record: Any) -> str:
    return "this action"


@login_required
@busy_is_conflict
def action_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An action: its details, its progress updates and, for the service, the forms that change
    its status and add an update."""
    action = get_object_or_404(
        Action.objects.select_related("recommendation__inspection__service"), pk=pk
    )
    inspection = action.recommendation.inspection
    permitted(request, "workspace.view_plan", inspection)
    day = published(inspection)
    status_form = StatusForm(instance=action, published=day)
    update_form = UpdateForm(published=day, initial={"day": date.today()})
    problem, conflict = None, None
    if request.method == "POST":
        permitted(request, "workspace.write_plan", inspection)
        if request.POST.get("form") == "update":
            update_form = UpdateForm(request.POST, request.FILES, published=day)
            problem = update_form
            if update_form.is_valid():
                _add_update(request, action, update_form)
                messages.success(request, "Progress update added.")
                return redirect("plan-action", pk=action.pk)
        else:
            status_form = StatusForm(request.POST, instance=action, published=day)
            problem = status_form
            seen = request.POST.get("seen", "")
            if status_form.is_valid():
                try:
                    with transaction.atomic():
                        edits.check_unchanged(
                            inspection,
                            Action.history.filter(id=action.pk),
                            int(seen) if seen.isdecimal() and len(seen) < 18 else 0,
                            _action_name,
                        )
                        status_form.save()
                    messages.success(request, "Action saved.")
                    return redirect("plan-action", pk=action.pk)
                except edits.EditedMeanwhile as meanwhile:
                    conflict = meanwhile.changes
    context = {
        "inspection": inspection,
        "shown": action_view(action, date.today()),
        "updates": action.updates.defer("file_content").select_related("added_by"),
        "status_form": status_form,
        "update_form": update_form,
        "problem": problem,
        "conflict": conflict,
        "seen": edits.seen(Action.history.filter(id=action.pk)),
        "can_write": can(request, "workspace.write_plan", inspection),
    }
    failed = problem is not None or conflict is not None
    return render(request, "plans/action.html", context, status=400 if failed else 200)


def _add_update(request: HttpRequest, action: Action, form: UpdateForm) -> None:
    update = form.save(commit=False)
    update.action = action
    update.added_by = request.user
    if "file" in form.cleaned_data:
        update.file_name, update.file_type, update.file_content = form.cleaned_data["file"]
    with transaction.atomic():
        update.save()


@login_required
def update_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An attached file, always as a download and never sniffed as something else."""
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("action__recommendation__inspection"), pk=pk
    )
    permitted(request, "workspace.view_plan", update.action.recommendation.inspection)
    if not update.file_name:
        raise Http404
    response = HttpResponse(bytes(update.file_content), content_type=update.file_type)
    response["Content-Disposition"] = f'attachment; filename="{update.file_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
@busy_is_conflict
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead inspector's or the monitoring body's comment, or their acceptance."""
    inspection = _inspection(request, pk, "workspace.review_plan")
    if request.POST.get("action") == "accept":
        if not Action.objects.filter(recommendation__inspection=inspection).exists():
            messages.error(request, "The plan has no actions yet, so there is nothing to accept.")
            return redirect("plan", pk=inspection.pk)
        with transaction.atomic():
            plan, _ = Plan.objects.select_for_update().get_or_create(inspection=inspection)
            if plan.accepted_on is None:
                plan.accepted_on, plan.accepted_by = date.today(), request.user
                plan.save()
                update_change_reason(plan, "Plan accepted")
        messages.success(request, "The plan is marked accepted.")
        return redirect("plan", pk=inspection.pk)
    form = CommentForm(request.POST, published=published(inspection))
    if form.is_valid():
        with transaction.atomic():
            plan, _ = Plan.objects.get_or_create(inspection=inspection)
            form.instance.plan, form.instance.author = plan, request.user
            form.save()
        messages.success(request, "Comment added.")
        return redirect("plan", pk=inspection.pk)
    context = _plan_context(request, inspection)
    context["comment"] = form
    return render(request, "plans/plan.html", context, status=400)


@login_required
@busy_is_conflict
def reports(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress reports made so far and, for the service, the form that makes one."""
    inspection = _inspection(request, pk)
    day = published(inspection)
    made = ProgressReport.objects.filter(plan__inspection=inspection).select_related("made_by")
    sent = request.POST if request.method == "POST" else None
    form = ReportForm(sent, published=day, initial={"as_of": date.today()})
    if request.method == "POST":
        permitted(request, "workspace.write_plan", inspection)
        if form.is_valid():
            with transaction.atomic():
                plan, _ = Plan.objects.select_for_update().get_or_create(inspection=inspection)
                previous = plan.reports.order_by("-as_of", "-made", "-pk").first()
                as_of = form.cleaned_data["as_of"]
                if previous is not None and as_of < previous.as_of:
                    form.add_error("as_of", "This is before the date of the previous report.")
                else:
                    facts = plan_facts(inspection, as_of)
                    ProgressReport.objects.create(
                        plan=plan,
                        as_of=as_of,
                        snapshot=snapshot(facts, as_of),
                        previous=previous,
                        made_by=request.user,
                    )
                    messages.success(request, "Progress report made.")
                    return redirect("plan-reports", pk=inspection.pk)
    context = {
        "inspection": inspection,
        "reports": made,
        "form": form,
        "can_write": can(request, "workspace.write_plan", inspection),
    }
    return render(request, "plans/reports.html", context, status=400 if form.errors else 200)


@login_required
@csp_update({"style-src": ["'unsafe-inline'"]})  # the report carries its own styles inline
def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A stored progress report, compared with the report it was made after."""
    if fmt not in FILES:
        raise Http404
    stored = get_object_or_404(
        ProgressReport.objects.select_related("plan__inspection", "previous"), pk=pk
    )
    inspection = stored.plan.inspection
    permitted(request, "workspace.view_plan", inspection)
    built = build_report(stored.snapshot, stored.previous.snapshot if stored.previous else None)
    trail = [
        ("Your inspections", reverse("home")),
        (str(inspection.service), reverse("inspection", args=[inspection.pk])),
        ("Improvement plan", reverse("plan", args=[inspection.pk])),
        ("Progress reports", reverse("plan-reports", args=[inspection.pk])),
    ]
    content = {
        "html": lambda: layout.progress_html(built, trail).encode(),
        "pdf": lambda: layout.progress_pdf(built),
        "docx": lambda: layout.progress_docx(built),
        "xlsx": lambda: layout.progress_xlsx(built),
    }[fmt]()
    response = HttpResponse(content, content_type=FILES[fmt])
    if fmt != "html":
        # Numbered in the order the plan's reports were made: two made on one day (or at one
        # date) download under different names.
        number = (
            stored.plan.reports.filter(
                Q(made__lt=stored.made) | Q(made=stored.made, pk__lt=stored.pk)
            ).count()
            + 1
        )
        name = f"improvement-plan-progress-report-{number}-{stored.as_of.isoformat()}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def plan_export(request: HttpRequest, pk: int, name: str, fmt: str) -> HttpResponse:
    """The plan today: one table as CSV, or every table as an XLSX workbook or JSON."""
    inspection = _inspection(request, pk)
    today = date.today()
    plan = Plan.objects.filter(inspection=inspection).first()
    comments = (
        [(timezone.localdate(c.made), c.author.get_username(), c.text)
         for c in plan.comments.select_related("author")]
        if plan
        else []
    )  # fmt: skip
    tables = plan_tables(snapshot(plan_facts(inspection), today), comments)
    stem = f"improvement-plan-{inspection.pk}-{today.isoformat()}"
    if fmt == "csv" and name in PLAN_EXPORTS:
        table = next(t for t in tables if t.name == name)
        body, kind, filename = to_csv(table), "text/csv", f"{stem}-{name}.csv"
    elif name == "all" and fmt in ("xlsx", "json"):
        body = to_xlsx(tables) if fmt == "xlsx" else to_json(tables)
        kind, filename = FILES.get(fmt, "application/json"), f"{stem}.{fmt}"
    else:
        raise Http404
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """A service's plans across its inspections (those with recommendations to plan for), with
    every action, overdue ones first."""
    service = get_object_or_404(Service, pk=pk)
    permitted(request, "workspace.follow_up", service)
    today = date.today()
    inspections = [
        i
        for i in service.inspections.filter(status=Inspection.Status.PUBLISHED).order_by(
            "-fieldwork_start"
        )
        if can(request, "workspace.view_plan", i) and i.recommendations.exists()
    ]
    plans, rows = [], []
    for inspection in inspections:
        actions = (
            Action.objects.filter(recommendation__inspection=inspection)
            .select_related("recommendation")
            .prefetch_related("updates")
        )
        shown = [action_view(a, today) for a in actions]
        worst, _ = summary(v.rag for v in shown)
        numbers = {r.pk: n for n, r in enumerate(inspection.recommendations.all(), start=1)}
        plans.append(
            {
                "inspection": inspection,
                "plan_due": facts.plan_due(inspection),
                "overall": worst,
                "actions": len(shown),
                "overdue": sum(v.overdue for v in shown),
                "plan": Plan.objects.filter(inspection=inspection).first(),
            }
        )
        rows += [(inspection, numbers.get(v.action.recommendation_id), v) for v in shown]
    rows.sort(key=lambda row: (not row[2].overdue, row[2].action.due, row[2].action.pk))
    context = {"service": service, "plans": plans, "rows": rows}
    return render(request, "plans/follow_up.html", context)


def _small(sent: str | None) -> int | None:
    """A number typed or chosen in a form (a few digits), else None."""
    return int(sent) if sent and sent.isdecimal() and len(sent) < 5 else None


@login_required
@require_POST
@busy_is_conflict
def mark_recurrence(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead says which of this report's recommendations (by number, or none) repeats one of
    the previous inspection's (`number`)."""
    inspection = _inspection(request, pk, "workspace.mark_recurrence")
    previous = previous_inspection(inspection)
    if previous is None:
        raise Http404
    chosen = request.POST.get("recurs_as", "")  # blank: none of this report's
    number, repeated_by = _small(request.POST.get("number")), _small(chosen)
    ours = list(inspection.recommendations.all())
    try:
        known = len(recommendations_of(previous))
    except InputError:  # the previous inspection's framework cannot be loaded
        raise Http404 from None
    if number is None or not 0 < number <= known:
        raise Http404
    if chosen and (repeated_by is None or not 0 < repeated_by <= len(ours)):
        messages.error(request, "Choose one of this report's recommendations, or none.")
        return redirect(reverse("inspection", args=[inspection.pk]) + "#previous-recommendations")
    try:
        outcomes.mark_recurrence(inspection, previous, number,
                                 ours[repeated_by - 1] if repeated_by else None,
                                 edits.seen_then(request))  # fmt: skip
    except edits.EditedMeanwhile as meanwhile:
        messages.error(
            request,
            f"Not saved: previous recommendation {number} was marked after you opened the page "
            f"({'; '.join(meanwhile.changes)}). It is shown as it stands now: choose again.",
        )
        return redirect(reverse("inspection", args=[inspection.pk]) + "#previous-recommendations")
    said = (
        f"recommendation {repeated_by} of this report" if repeated_by else "none of this report's"
    )
    messages.success(request, f"Previous recommendation {number}: repeated by {said}.")
    # Back at the recommendation just marked (its line says the mark), not the list's top.
    return redirect(reverse("inspection", args=[inspection.pk]) + f"#recurs-{number}")
