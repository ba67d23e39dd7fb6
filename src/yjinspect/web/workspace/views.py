"""Pages of the workspace. Each view fetches, checks one permission (a refusal is a 404, so
nothing reveals what exists), calls the core, and renders."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.views.decorators.http import require_POST

from yjinspect.errors import SHOWN_PROBLEMS, InputError
from yjinspect.reporting.exports import to_csv, to_json, to_xlsx
from yjinspect.results.writer import dump_results
from yjinspect.web.assessments.access import inspection_or_404, permitted
from yjinspect.web.qa.blind import permitted_unless_blind
from yjinspect.web.workspace import (
    exports,
    interchange,
    scored,
)
from yjinspect.web.workspace.models import (
    Case,
    Inspection,
)
from yjinspect.web.workspace.uploads import read_upload


def _attachment(body: str | bytes, kind: str, filename: str) -> HttpResponse:
    """A download: the browser saves it under `filename` rather than showing it."""
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _inspection(
    request: HttpRequest, pk: int, perm: str = "workspace.view_inspection"
) -> Inspection:
    inspection = inspection_or_404(request, pk)
    permitted(request, perm, inspection)
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
            messages.error(request, f"Nothing was imported. {exc.describe(SHOWN_PROBLEMS)}")
    return redirect("inspection", pk=inspection.pk)


def _case(request: HttpRequest, pk: int) -> Case:
    case = get_object_or_404(Case.objects.select_related("inspection"), pk=pk)
    permitted(request, "workspace.view_case", case)
    return case


def favicon(request: HttpRequest) -> HttpResponse:
    """Pages without an icon link (the report preview, the admin) make browsers ask here. The
    address is looked up per request: at import the static manifest may not exist yet."""
    return redirect(static("workspace/favicon.svg"))


@login_required
def results_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The inspection's evidence as a results file for `yjinspect rate`."""
    inspection = _inspection(request, pk, _READ)
    permitted_unless_blind(request, "workspace.export_results", inspection)
    try:
        results = interchange.export_results(inspection)
        body = dump_results(results, interchange.unsettled_note(inspection))
    except scored.NotImported:
        raise Http404 from None
    name = f"results-{inspection.work.short_noun}-{inspection.pk}.yaml"
    return _attachment(body, "application/yaml", name)


@login_required
@require_POST
def results_upload(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk, _READ)
    permitted(request, "workspace.record_judgement", inspection)

    def apply(name: str, content: bytes) -> str:
        count = interchange.import_results(inspection, name, content)
        return "" if scored.is_scored(inspection) else f": {count} case assessments"

    return _import_upload(request, inspection, "results", "a results file", apply)


@login_required
def export(request: HttpRequest, pk: int, name: str, fmt: str) -> HttpResponse:
    """One table as CSV, or every table as an XLSX workbook or JSON (`name` is "all")."""
    inspection = _rated(request, pk, _READ)
    permitted_unless_blind(request, "workspace.export_results", inspection)
    tables = exports.export_tables(inspection)
    stem = f"{inspection.work.short_noun}-{inspection.pk}"
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
