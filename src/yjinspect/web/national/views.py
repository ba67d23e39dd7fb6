"""The national picture page (published data only), its downloads, the upload and removal of
published-results CSVs, and a service's position against the picture."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from yjinspect.errors import InputError
from yjinspect.national import Filters, Picture, build_picture
from yjinspect.national.position import position_of_rating
from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.reporting.formats import NationalFormat
from yjinspect.reporting.national import (
    national_document,
    national_figures,
    render_national,
    standing_sentence,
)
from yjinspect.web.assessments.access import can, permitted, rated_inspection
from yjinspect.web.national.forms import FilterForm, UploadForm
from yjinspect.web.national.models import PublishedResults
from yjinspect.web.national.sources import (
    import_published_results,
    published_national,
    source_of,
)
from yjinspect.web.qa.blind import permitted_unless_blind
from yjinspect.web.workspace.evidence import inspection_rating
from yjinspect.web.workspace.uploads import read_upload

SHOWN = 100  # problems listed in the error summary; the count names them all

DOWNLOADS = {
    NationalFormat.html: "text/html; charset=utf-8",
    NationalFormat.pdf: "application/pdf",
    NationalFormat.docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    NationalFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    NationalFormat.json: "application/json",
}


def _picture(query: QueryDict) -> tuple[FilterForm, Picture | None, str | None]:
    """The filter form and the picture it chooses; a refused filter is shown, not a 500."""
    national = published_national()
    form = FilterForm(query, national)
    if form.is_bound and not form.is_valid():
        return form, None, None
    try:
        return form, build_picture(national, form.filters()), None
    except InputError as refusal:
        return form, None, refusal.describe()


@login_required
def national_page(request: HttpRequest) -> HttpResponse:
    permitted(request, "workspace.view_national", None)
    return _page(request, request.GET)


def _page(
    request: HttpRequest,
    query: QueryDict,
    upload: UploadForm | None = None,
    problems: Sequence[str] = (),
) -> HttpResponse:
    """The page; `upload` and `problems` show a refused upload back in an error summary."""
    form, picture, refused = _picture(query)
    can_change = can(request, "workspace.change_published_results", None)
    context: dict[str, Any] = {
        "form": form,
        "refused": refused,
        "picture": picture,
        "query": query.urlencode(),
        "can_change": can_change,
        "upload": upload or UploadForm(),
        "upload_problems": problems,
        "files": PublishedResults.objects.select_related("uploaded_by") if can_change else (),
        "formats": list(DOWNLOADS),
    }
    if picture is not None:
        context["document"] = national_document(picture)
        context["figures"] = national_figures(picture)
    failed = refused or (form.is_bound and form.errors) or (upload and upload.errors)
    return render(request, "national/picture.html", context, status=400 if failed else 200)


@login_required
@csp_update({"style-src": ["'unsafe-inline'"]})  # the HTML download carries its styles inline
def national_file(request: HttpRequest, fmt: str) -> HttpResponse:
    """The page's picture (with its filters) as HTML, PDF, Word, XLSX or JSON."""
    permitted(request, "workspace.view_national", None)
    try:
        output = NationalFormat(fmt)
    except ValueError:
        raise Http404 from None
    if output not in DOWNLOADS:
        raise Http404
    _, picture, _ = _picture(request.GET)
    if picture is None:
        return _page(request, request.GET)
    response = HttpResponse(render_national(picture, None, output), content_type=DOWNLOADS[output])
    if output is not NationalFormat.html:
        response["Content-Disposition"] = f'attachment; filename="national-picture.{fmt}"'
    return response


@login_required
@require_POST
def upload_results(request: HttpRequest) -> HttpResponse:
    """All or nothing: the file is read whole by the core readers before it is kept."""
    permitted(request, "workspace.change_published_results", None)
    form = UploadForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        try:
            name, content = read_upload(form.cleaned_data["results"])
            kept = import_published_results(name, content, request.user)
        except InputError as problem:
            problems = [p.describe(problem.file) for p in problem.problems[:SHOWN]]
            if len(problem.problems) > SHOWN:
                problems.append(f"and {len(problem.problems) - SHOWN} more problems")
            count = len(problem.problems)
            form.add_error(
                "results",
                f"{problem.file} has {count} problem{'s' if count != 1 else ''}; "
                "nothing was imported",
            )
        else:
            messages.success(
                request, f"{kept.name} added: {kept.inspections} inspections in the picture."
            )
            return redirect("national")
    return _page(request, QueryDict(), form, problems)


@login_required
@require_POST
def remove_results(request: HttpRequest, pk: int) -> HttpResponse:
    permitted(request, "workspace.change_published_results", None)
    with transaction.atomic():
        kept = get_object_or_404(PublishedResults.objects.select_for_update(), pk=pk)
        kept._change_reason = "removed from the national picture"  # type: ignore[attr-defined]
        kept.delete()
    messages.success(request, f"{kept.name} removed from the picture.")
    return redirect("national")


@login_required
def position_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One inspection the user may read (a mock or self-assessment as well as a published one)
    against the published inspections under its framework."""
    inspection = rated_inspection(request, pk)
    # Its draft ratings: not for a local assessor, who works on their allocated cases only.
    permitted(request, "workspace.read_inspection", inspection)
    # Its ratings are counted from every case's first assessment: not while the user is blind.
    permitted_unless_blind(request, "workspace.read_ratings", inspection)
    context: dict[str, Any] = {"inspection": inspection}
    try:
        rating = inspection_rating(inspection)
        position = position_of_rating(
            published_national(),
            Filters(),
            rating,
            lambda about: about.source == source_of(inspection),
            str(inspection.service),
        )
    except DiscretionRefused as refusal:
        context["refused"] = f"No ratings to compare: {refusal}"
    except InputError:
        context["refused"] = (
            f"No other published inspection is under {rating.framework.title} yet, so there "
            "is nothing to compare with."
        )
    else:
        context["position"] = position
        context["standings"] = [
            (s, standing_sentence(s, "scored" if s.id == "score" else "rated"))
            for s in (position.overall, position.score, *position.standards)
        ]
    return render(request, "national/position.html", context)
