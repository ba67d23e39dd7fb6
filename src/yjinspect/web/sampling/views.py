"""The sample page (draw a sample from the population export, or import one drawn elsewhere),
allocation of sampled cases, and replacing a case from the reserve list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from yjinspect.errors import SHOWN_PROBLEMS, InputError
from yjinspect.reporting.sampling import sampling_document
from yjinspect.web.assessments.access import can, case_of, permitted, rated_inspection
from yjinspect.web.assessments.views import case_page_response
from yjinspect.web.sampling.forms import DrawForm, ImportForm
from yjinspect.web.workspace import sampling
from yjinspect.web.workspace.models import READERS, Case, Inspection
from yjinspect.web.workspace.uploads import read_upload


def _upload(form: Any, name: str) -> tuple[str, bytes] | None:
    upload = form.cleaned_data.get(name)
    return read_upload(upload) if upload else None


def _store(inspection: Inspection, form: DrawForm | ImportForm) -> str:
    """Draw or import from a valid form; raises InputError or sampling.Refused."""
    if isinstance(form, ImportForm):
        sampling.import_sample_files(
            inspection, _upload(form, "sample"), _upload(form, "reserve"), _upload(form, "profile")
        )  # type: ignore[arg-type]
        return "Sample imported."
    sampling.draw_inspection_sample(
        inspection,
        _upload(form, "population"),  # type: ignore[arg-type]
        _upload(form, "profile"),
        form.cleaned_data["seed"],
        form.cleaned_data["size"],
    )
    return "Sample drawn."


@login_required
def sample_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The sampling report; for the lead, until work on the sample starts, the forms that draw
    or import it (again)."""
    inspection = rated_inspection(request, pk)
    # The whole sample is the team's: never a service viewer's, nor a local assessor's (who
    # sees their allocated cases only) while the inspection is a draft.
    if inspection.role_of(request.user) in READERS:
        raise Http404
    permitted(request, "workspace.read_inspection", inspection)
    draw, bring = DrawForm(), ImportForm()
    status = 200
    if request.method == "POST":
        permitted(request, "workspace.change_sample", inspection)
        importing = request.POST.get("form") == "import" or "sample" in request.FILES
        form: DrawForm | ImportForm = (
            ImportForm(request.POST, request.FILES)
            if importing
            else DrawForm(request.POST, request.FILES)
        )
        if importing:
            bring = form  # type: ignore[assignment]
        else:
            draw = form  # type: ignore[assignment]
        if form.is_valid():
            try:
                messages.success(request, _store(inspection, form))
                return redirect("sample", pk=inspection.pk)
            except InputError as problem:
                form.add_error(
                    "sample" if importing else "population", problem.describe(SHOWN_PROBLEMS)
                )
            except sampling.Refused as refusal:
                form.add_error(None, f"Nothing was imported: {refusal}.")
        status = 400
    record = getattr(inspection, "sampling", None)
    context: dict[str, Any] = {
        "inspection": inspection,
        "can_draw": can(request, "workspace.change_sample", inspection)
        and sampling.can_replace_sample(inspection),
        "cases": inspection.cases.filter(selection=Case.Selection.SAMPLE).count(),
        "draw": draw,
        "bring": bring,
        "problem": next((f for f in (draw, bring) if f.is_bound and f.errors), None),
    }
    if record is not None and "imported" in record.report:
        context["imported"] = record.report
    elif record is not None:
        document = sampling_document(record.report)
        context["document"] = document
        # Each cell with its column's name, so the tables reflow to rows on a narrow screen.
        context["tables"] = [
            (table, [list(zip(table.headers, row, strict=False)) for row in table.rows])
            for table in document.tables
        ]
    return render(request, "sampling/sample.html", context, status=status)


@login_required
@require_POST
def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    """Allocate the selected sampled cases to one member of the team, or to nobody."""
    inspection = rated_inspection(request, pk)
    permitted(request, "workspace.manage_inspection", inspection)
    # Back to the list as it was filtered and sorted (its choices come in the address).
    back = reverse("cases", args=[inspection.pk]) + (
        f"?{request.GET.urlencode()}" if request.GET else ""
    )
    team = {
        str(a.user_id): a.user
        for a in inspection.assignments.exclude(role__in=READERS).select_related("user")
    }
    chosen = request.POST.get("allocate_to", "")
    if chosen and chosen not in team:
        messages.error(request, "Choose a member of the inspection team.")
        return redirect(back)
    wanted = [v for v in request.POST.getlist("cases") if v.isdecimal() and len(v) <= 18]
    if not wanted:
        messages.error(request, "Select the cases to allocate.")
        return redirect(back)
    user = team.get(chosen)
    changed = 0
    with transaction.atomic():
        selected = inspection.cases.select_for_update().filter(
            selection=Case.Selection.SAMPLE, pk__in=wanted
        )
        # A case's first and second assessors are two people (as marking refuses): all or none.
        seconds = [c.case_ref for c in selected.filter(second_assessment__assessor=user)]
        if user is not None and seconds:
            messages.error(
                request,
                f"Nothing allocated: {user.get_username()} is the second assessor of "
                f"{', '.join(sorted(seconds))}, so cannot also be "
                f"{'its' if len(seconds) == 1 else 'their'} first assessor.",
            )
            return redirect(back)
        for case in selected:
            if case.allocated_to != user:
                case.allocated_to = user
                case.save()  # one audit record per case
                changed += 1
    who = user.get_username() if user else "nobody"
    messages.success(request, f"{changed} case{'s' if changed != 1 else ''} allocated to {who}.")
    return redirect(back)


@login_required
@require_POST
def replace_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_of(request, pk)
    permitted(request, "workspace.change_sample", case.inspection)
    sent = request.POST.get("reason", "")
    try:
        incoming = sampling.replace_from_reserve(case, sent)
    except sampling.Refused as refusal:
        # Shown back with its section open, so the reason is not typed again.
        return case_page_response(request, case, 400, error=str(refusal), replace_reason=sent)
    messages.success(request, f"{case.case_ref} replaced by {incoming.case_ref}.")
    return redirect("assessment", pk=incoming.pk)
