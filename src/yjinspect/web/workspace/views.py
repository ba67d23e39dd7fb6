"""Pages of the workspace. Each view fetches, checks one permission (a refusal is a 404, so
nothing reveals what exists), calls the core, and renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_POST

from yjinspect.errors import InputError
from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.reporting.exports import to_csv, to_json, to_xlsx
from yjinspect.reporting.press import (
    MISSING_QUOTE,
    PRESS_MEDIA_TYPES,
    PressFormat,
    render_press_release,
)
from yjinspect.reporting.report import MEDIA_TYPES, ReportFormat, render_report
from yjinspect.reporting.words import rating_word
from yjinspect.results.writer import dump_results
from yjinspect.web.workspace import (
    edits,
    exports,
    forms,
    interchange,
    lead,
    reports,
    scored,
)
from yjinspect.web.workspace.evidence import (
    framework_of,
    rate_inspection,
    unsettled_disagreements,
)
from yjinspect.web.workspace.models import (
    Case,
    FieldworkRecord,
    Inspection,
    ReportText,
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
        "unsettled": unsettled_disagreements(inspection),
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


# The content page's list forms, by the name each posts as, with the list they add to.
_CONTENT_FORMS = {
    form.key: (form, related)
    for form, related in [
        (forms.FindingForm, "findings"),
        (forms.RecommendationForm, "recommendations"),
        (forms.SurveyGroupForm, "surveys"),
        (forms.PressQuoteForm, "quotes"),
    ]
}


def inspection_record(model: Any, inspection: Inspection) -> Any:
    """The inspection's one record of `model`, or a new unsaved one."""
    return model.objects.filter(inspection=inspection).first() or model(inspection=inspection)


@login_required
def report_content(request: HttpRequest, pk: int) -> HttpResponse:
    """Findings, good practice, recommendations and domain-one evidence for the report."""
    inspection = _rated(request, pk, _READ)
    editable = can(request, "workspace.record_judgement", inspection)
    # Unsaved until a form saves them: opening a page never writes (nor adds to the history).
    fieldwork = inspection_record(FieldworkRecord, inspection)
    text = inspection_record(ReportText, inspection)
    # The forms that replace one stored record name what they showed (see `edits`).
    replaced = {
        forms.FieldworkForm.key: (forms.FieldworkForm, fieldwork, "the fieldwork evidence"),
        forms.ReportTextForm.key: (forms.ReportTextForm, text, "the foreword and press details"),
    }
    histories = {
        key: type(record).history.filter(inspection_id=inspection.pk)
        for key, (_, record, _) in replaced.items()
    }
    seen = {key: edits.seen(history) for key, history in histories.items()}
    bound: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        _permitted(request, "workspace.record_judgement", inspection)
        which = request.POST.get("form", "")
        if which == "delete":
            _, related = _CONTENT_FORMS.get(request.POST.get("what", ""), (None, None))
            if related is None:
                raise Http404
            chosen = request.POST.get("id", "")
            if not chosen.isdigit() or len(chosen) > 18:
                raise Http404
            getattr(inspection, related).filter(pk=int(chosen)).delete()
            return redirect("report-content", pk=inspection.pk)
        if which in replaced:
            form_class, record, _ = replaced[which]
            form = form_class(request.POST, instance=record)
        elif which in _CONTENT_FORMS:
            form_class, _ = _CONTENT_FORMS[which]
            extra = {"inspection": inspection} if which == forms.FindingForm.key else {}
            form = form_class(request.POST, **extra)
        else:
            raise Http404
        seen_then = _seen_then(request)
        status = 400
        if form.is_valid():
            try:
                with transaction.atomic():
                    if which in replaced and seen_then is not None:
                        name = replaced[which][2]
                        edits.check_unchanged(
                            inspection, histories[which], seen_then, lambda _: name
                        )
                    item = form.save(commit=False)
                    item.inspection = inspection
                    item.save()
                messages.success(request, "Saved.")
                return redirect("report-content", pk=inspection.pk)
            except edits.EditedMeanwhile as meanwhile:
                # Shown with the newer save's marker, so saving again replaces it knowingly.
                form.add_error(None, " ".join([_EDITED_MEANWHILE, *meanwhile.changes]))
                status = 409
        elif which in replaced and seen_then is not None:
            seen[which] = seen_then
        bound[which] = form
    # Where each finding belongs, in words ("1.1 Governance and leadership").
    places = dict(forms.FindingForm(inspection=inspection).fields["standard"].choices)
    context = {
        "inspection": inspection,
        "editable": editable,
        "findings": [(f, places.get(f.standard, f.standard)) for f in inspection.findings.all()],
        "recommendations": inspection.recommendations.all(),
        "surveys": inspection.surveys.all(),
        "finding_form": bound.get("finding") or forms.FindingForm(inspection=inspection),
        "recommendation_form": bound.get("recommendation") or forms.RecommendationForm(),
        "survey_form": bound.get("survey") or forms.SurveyGroupForm(),
        "fieldwork_form": bound.get("fieldwork") or forms.FieldworkForm(instance=fieldwork),
        "quotes": inspection.quotes.all(),
        "text_form": bound.get("text") or forms.ReportTextForm(instance=text),
        "quote_form": bound.get("quote") or forms.PressQuoteForm(),
        "problem": next(iter(bound.values()), None),  # the form sent back, for the summary
        "seen": seen,
    }
    return render(request, "workspace/content.html", context, status=status)


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


@login_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The report and press release: preview, downloads, and the draft press release."""
    inspection = _inspection(request, pk, _READ)
    context: dict[str, Any] = {
        "inspection": inspection,
        "editable": can(request, "workspace.record_judgement", inspection),
        "can_set_up": can(request, "workspace.set_up_inspection", inspection),
        "scored": scored.is_scored(inspection),
    }
    try:
        if context["scored"]:
            scored.require_results(inspection)
            context["compared"] = scored.comparisons(inspection)
        else:
            context["release"] = reports.inspection_press_release(inspection)
            context["missing_quote"] = MISSING_QUOTE
    except (DiscretionRefused, scored.NotImported) as refusal:
        context["refusal"] = refusal
    return render(request, "workspace/report.html", context)


@login_required
@csp_update({"style-src": ["'unsafe-inline'"]})  # the report carries its own styles inline
def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report as HTML (shown in the browser), PDF or Markdown (downloaded)."""
    inspection = _inspection(request, pk, _READ)
    try:
        output = ReportFormat(fmt)
    except ValueError:
        raise Http404 from None
    try:
        body = render_report(reports.inspection_report(inspection), output)
    except (DiscretionRefused, scored.NotImported) as refusal:
        messages.error(request, f"No report: {refusal}")
        return redirect("report", pk=inspection.pk)
    if output is ReportFormat.html:
        return HttpResponse(body, content_type=MEDIA_TYPES[output])
    return _attachment(body, MEDIA_TYPES[output], f"report-inspection-{inspection.pk}.{fmt}")


@login_required
def press_release_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    inspection = _rated(request, pk, _READ)
    try:
        output = PressFormat(fmt)
    except ValueError:
        raise Http404 from None
    try:
        release = reports.inspection_press_release(inspection)
    except DiscretionRefused as refusal:
        messages.error(request, f"No press release: {refusal}")
        return redirect("report", pk=inspection.pk)
    return _attachment(
        render_press_release(release, output),
        PRESS_MEDIA_TYPES[output],
        f"press-release-inspection-{inspection.pk}.{fmt}",
    )


@login_required
@require_POST
def published_scores_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A CSV of headline scores other inspections published, for the report's comparison."""
    inspection = _inspection(request, pk, _READ)
    _permitted(request, "workspace.record_judgement", inspection)
    if not scored.is_scored(inspection):
        raise Http404

    def apply(name: str, content: bytes) -> str:
        return f": {scored.import_published_scores(inspection, name, content)} published score(s)"

    return _import_upload(request, inspection, "scores", "a CSV of published scores", apply)
