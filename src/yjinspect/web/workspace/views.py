"""Pages of the workspace. Each view fetches, checks one permission (a refusal is a 404, so
nothing reveals what exists), calls the core, and renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_POST

from yjinspect.errors import InputError
from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.reporting.exports import to_csv, to_json, to_xlsx
from yjinspect.reporting.words import rating_word
from yjinspect.results.writer import dump_results
from yjinspect.web.workspace import (
    edits,
    exports,
    interchange,
    lead,
    scored,
)
from yjinspect.web.workspace.evidence import framework_of, rate_inspection
from yjinspect.web.workspace.models import (
    Case,
    Inspection,
)
from yjinspect.web.workspace.uploads import read_upload


def can(request: HttpRequest, perm: str, obj: Any) -> bool:
    """The role rules alone decide (Django would let a superuser past every check)."""
    return rules.has_perm(perm, request.user, obj)


def _permitted(request: HttpRequest, perm: str, obj: Any) -> None:
    if not can(request, perm, obj):
        raise Http404


def _attachment(body: str | bytes, kind: str, filename: str) -> HttpResponse:
    """A download: the browser saves it under `filename` rather than showing it."""
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _inspection(
    request: HttpRequest, pk: int, perm: str = "workspace.view_inspection"
) -> Inspection:
    inspection = get_object_or_404(Inspection, pk=pk)
    _permitted(request, perm, inspection)
    return inspection


def _rated(request: HttpRequest, pk: int, perm: str = "workspace.view_inspection") -> Inspection:
    """An inspection under a rated framework: pages about cases, judgements and ratings exist
    only for those (a scored inspection is rated from its imported results file)."""
    inspection = _inspection(request, pk, perm)
    if scored.is_scored(inspection):
        raise Http404
    return inspection


_READ = "workspace.read_inspection"  # the inspection's drafts: not for local assessors


def _import_upload(
    request: HttpRequest,
    inspection: Inspection,
    field: str,
    what: str,
    apply: Callable[[str, bytes], str],
) -> HttpResponse:
    """Apply one uploaded file (all or nothing) and say what happened on the inspection page;
    `apply` returns what to add to "Imported NAME"."""
    upload = request.FILES.get(field)
    if upload is None:
        messages.error(request, f"Choose {what} to import.")
    else:
        try:
            name, content = read_upload(upload)
            messages.success(request, f"Imported {name}{apply(name, content)}.")
        except InputError as exc:
            messages.error(request, f"Nothing was imported. {exc.describe()}")
    return redirect("inspection", pk=inspection.pk)


def _case(request: HttpRequest, pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("inspection"), pk=pk)
    _permitted(request, "workspace.view_case", case)
    return case


def favicon(request: HttpRequest) -> HttpResponse:
    """Pages without an icon link (the report preview, the admin) make browsers ask here. The
    address is looked up per request: at import the static manifest may not exist yet."""
    return redirect(static("workspace/favicon.svg"))


@login_required
def ratings(request: HttpRequest, pk: int) -> HttpResponse:
    """Recomputed on every view from the accepted assessments, by the core engine."""
    return _ratings_page(request, _rated(request, pk, _READ))


def _ratings_page(
    request: HttpRequest,
    inspection: Inspection,
    sent: dict[str, str] | None = None,
    problem: str | None = None,
) -> HttpResponse:
    """The ratings page; `sent` and `problem` show a refused discretion request back as typed."""
    framework = framework_of(inspection)
    context: dict[str, Any] = {
        "inspection": inspection,
        "framework": framework,
        "can_decide": can(request, "workspace.record_judgement", inspection),
        "ratings_words": framework.rating_names,
        "sent": sent or {},
        "problem": problem,
    }
    try:
        context["standards"], context["overall"] = rate_inspection(inspection)
    except DiscretionRefused as refusal:
        context["refusal"] = refusal
    else:
        # Numbered in standard order, as the report numbers them.
        with_discretion = [s for s in context["standards"] if s.discretion]
        context["footnotes"] = list(enumerate(with_discretion, 1))
        numbers = {s.id: n for n, s in context["footnotes"]}
        context["rated"] = [
            (s, rating_word(s, framework.rules.not_rated), numbers.get(s.id))
            for s in context["standards"]
        ]
    return render(request, "workspace/ratings.html", context, status=400 if problem else 200)


def _seen_then(request: HttpRequest) -> int | None:
    """What the page being saved showed (see `edits`); None from a form without the marker."""
    value = request.POST.get("seen", "")
    return int(value) if value.isdigit() else None


_EDITED_MEANWHILE = (
    "Not saved: someone else saved this page after you opened it. Your version is shown "
    "below; save again to replace theirs."
)


_WHY = {"summary": "evidence summary", "rationale": "rationale"}


@login_required
def judgements(request: HttpRequest, pk: int) -> HttpResponse:
    """Judgement-rated standards: rating, evidence summary and rationale (lead edits)."""
    inspection = _rated(request, pk, _READ)
    framework = framework_of(inspection)
    editable = can(request, "workspace.record_judgement", inspection)
    errors: list[str] = []
    field_errors: dict[str, str] = {}  # by the field's id
    entries: dict[str, lead.Entry] = {}
    seen = edits.seen(lead.judgement_history(inspection))
    status = 200
    if request.method == "POST":
        _permitted(request, "workspace.record_judgement", inspection)
        entries = {
            standard.id: tuple(
                request.POST.get(f"{field}-{standard.id}", "")
                for field in ("rating", "summary", "rationale")
            )
            for _, standard in framework.standards()
            if standard.rated_by == "judgement" and f"rating-{standard.id}" in request.POST
        }
        seen_then = _seen_then(request)
        missing = lead.unexplained(entries)
        try:
            if missing:
                field_errors = {
                    f"{field}-{standard_id.replace('.', '-')}": f"Give the {_WHY[field]} for "
                    f"the rating of standard {standard_id}."
                    for standard_id, field in missing
                }
                problems = lead.rating_problems(inspection, entries)
                raise lead.Refused("; ".join([*problems, *field_errors.values()]))
            lead.record_judgements(inspection, entries, seen_then)
            messages.success(request, "Judgements saved.")
            return redirect("judgements", pk=inspection.pk)
        except lead.Refused as refusal:
            errors, status = str(refusal).split("; "), 400
            seen = seen if seen_then is None else seen_then
        except edits.EditedMeanwhile as meanwhile:
            # The page now carries the newer save, so saving again replaces it knowingly.
            errors, status = [_EDITED_MEANWHILE, *meanwhile.changes], 409
    stored = {
        j.standard: (j.rating, j.evidence_summary, j.rationale) for j in inspection.judgements.all()
    }
    rows = [
        {
            "standard": standard,
            "slug": standard.id.replace(".", "-"),
            # What was sent, when the save was refused: nothing typed is lost.
            "values": dict(
                zip(
                    ("rating", "summary", "rationale"),
                    entries.get(standard.id) or stored.get(standard.id) or ("", "", ""),
                    strict=True,
                )
            ),
            "choices": lead.judgement_choices(inspection, standard.id),
            "errors": {
                field: field_errors.get(f"{field}-{standard.id.replace('.', '-')}")
                for field in _WHY
            },
        }
        for _, standard in framework.standards()
        if standard.rated_by == "judgement"
    ]
    context = {
        "inspection": inspection,
        "rows": rows,
        "editable": editable,
        "errors": [e for e in errors if e not in field_errors.values()],
        "field_errors": field_errors,
        "seen": seen,
    }
    return render(request, "workspace/judgements.html", context, status=status)


@login_required
@require_POST
def discretion(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _rated(request, pk, _READ)
    _permitted(request, "workspace.record_judgement", inspection)
    standard = request.POST.get("standard", "")
    if request.POST.get("withdraw"):
        lead.withdraw_discretion(inspection, standard)
        messages.success(request, f"Discretion for {standard} withdrawn.")
        return redirect("ratings", pk=inspection.pk)
    sent = {
        field: request.POST.get(field, "") for field in ("standard", "rating", "reason", "force")
    }
    try:
        lead.record_discretion(
            inspection, standard, sent["rating"], sent["reason"], sent["force"] == "on"
        )
    except lead.Refused as refusal:
        # Shown back on the page, not after a redirect, so the reason typed is not lost.
        return _ratings_page(
            request, inspection, sent, f"Discretion for {standard} not recorded: {refusal}"
        )
    messages.success(request, f"Discretion for {standard} recorded.")
    return redirect("ratings", pk=inspection.pk)


@login_required
def results_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The inspection's evidence as a results file for `yjinspect rate`."""
    inspection = _inspection(request, pk, _READ)
    _permitted(request, "workspace.export_results", inspection)
    try:
        body = dump_results(interchange.export_results(inspection))
    except scored.NotImported:
        raise Http404 from None
    return _attachment(body, "application/yaml", f"results-inspection-{inspection.pk}.yaml")


@login_required
@require_POST
def results_upload(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk, _READ)
    _permitted(request, "workspace.record_judgement", inspection)

    def apply(name: str, content: bytes) -> str:
        count = interchange.import_results(inspection, name, content)
        return "" if scored.is_scored(inspection) else f": {count} case assessments"

    return _import_upload(request, inspection, "results", "a results file", apply)


@login_required
def export(request: HttpRequest, pk: int, name: str, fmt: str) -> HttpResponse:
    """One table as CSV, or every table as an XLSX workbook or JSON (`name` is "all")."""
    inspection = _rated(request, pk, _READ)
    _permitted(request, "workspace.export_results", inspection)
    tables = exports.export_tables(inspection)
    stem = f"inspection-{inspection.pk}"
    if fmt == "csv":
        table = next((t for t in tables if t.name == name), None)
        if table is None:
            raise Http404
        body, kind, filename = to_csv(table), "text/csv", f"{stem}-{name}.csv"
    elif name == "all" and fmt == "xlsx":
        body = to_xlsx(tables)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        filename = f"{stem}.xlsx"
    elif name == "all" and fmt == "json":
        body, kind, filename = to_json(tables), "application/json", f"{stem}.json"
    else:
        raise Http404
    return _attachment(body, kind, filename)
