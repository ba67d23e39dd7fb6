"""The report's pages: its content (findings, recommendations, foreword, quotes), the report
page with the draft press release, the report and press release files, and the published scores
a Core Case report is compared with."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.reporting.press import MISSING_QUOTE
from yjinspect.web.assessments.access import can, permitted
from yjinspect.web.qa.blind import permitted_unless_blind
from yjinspect.web.reports import rendering
from yjinspect.web.reports.tasks import FAILED
from yjinspect.web.workspace import edits, forms, scored
from yjinspect.web.workspace.models import FieldworkRecord, Inspection, ReportText
from yjinspect.web.workspace.views import _attachment, _import_upload, _inspection, _rated

_READ_REPORT = "workspace.read_report"  # the inspection's, if its kind has a report

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
    inspection = _rated(request, pk, _READ_REPORT)
    editable = can(request, "workspace.edit_report", inspection)
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
        permitted(request, "workspace.edit_report", inspection)
        which = request.POST.get("form", "")
        if which == "delete":
            _, related = _CONTENT_FORMS.get(request.POST.get("what", ""), (None, None))
            if related is None:
                raise Http404
            chosen = request.POST.get("id", "")
            if not chosen.isdecimal() or len(chosen) > 18:
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
        seen_then = edits.seen_then(request)
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
                form.add_error(None, " ".join([edits.EDITED_MEANWHILE, *meanwhile.changes]))
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
    return render(request, "reports/content.html", context, status=status)


@login_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The report and press release: preview, downloads, and the draft press release."""
    inspection = _inspection(request, pk, _READ_REPORT)
    permitted_unless_blind(request, "workspace.read_ratings", inspection)
    context: dict[str, Any] = {
        "inspection": inspection,
        "editable": can(request, "workspace.edit_report", inspection),
        "can_set_up": can(request, "workspace.set_up_inspection", inspection),
        "scored": scored.is_scored(inspection),
    }
    try:
        if context["scored"]:
            scored.require_results(inspection)
            context["compared"] = scored.comparisons(inspection)
        else:
            context["release"] = rendering.press_release(inspection)
            context["missing_quote"] = MISSING_QUOTE
    except (DiscretionRefused, scored.NotImported) as refusal:
        context["refusal"] = refusal
    return render(request, "reports/report.html", context)


@login_required
@csp_update({"style-src": ["'unsafe-inline'"]})  # the report carries its own styles inline
def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report as HTML (shown in the browser), PDF, Word or Markdown (downloaded)."""
    return _file(request, _inspection(request, pk, _READ_REPORT), "report", fmt)


@login_required
def press_release_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _file(request, _rated(request, pk, _READ_REPORT), "press-release", fmt)


_WHAT = {"report.pdf": "PDF", "report.docx": "Word document"}


def _file(request: HttpRequest, inspection: Inspection, stem: str, fmt: str) -> HttpResponse:
    """A file served from its stored rendering. On a miss a fast one is rendered here; a PDF or
    Word file is queued for the worker and the page says it is being prepared (refreshed by
    htmx, with a link to check again without JavaScript), then offers the file."""
    permitted_unless_blind(request, "workspace.read_ratings", inspection)
    output = rendering.output_name(stem, fmt)
    if output is None:
        raise Http404
    key, stored = rendering.current(inspection, output)
    if request.method == "POST":  # "Try again" after a failed or lost rendering
        if stored is not None and (stored.problem or rendering.task_failed(stored)):
            stored.delete()
        return redirect(request.path)
    if stored is not None and stored.content is not None and not request.htmx:
        return _served(inspection, output, bytes(stored.content))
    if output not in rendering.SLOW:
        try:
            content = rendering.build(inspection, output)
        except (DiscretionRefused, scored.NotImported) as refusal:
            messages.error(request, f"No {stem.replace('-', ' ')}: {refusal}")
            return redirect("report", pk=inspection.pk)
        rendering.store(inspection, output, key, content)
        return _served(inspection, output, content)
    if stored is None:
        stored = rendering.request_rendering(inspection, output, key)
    problem = stored.problem or (rendering.task_failed(stored) and FAILED)
    context = {
        "inspection": inspection,
        "what": _WHAT[output],
        "problem": problem,
        "ready": stored.content is not None,
    }
    template = "reports/preparing.html" + ("#progress" if request.htmx else "")
    waiting = not problem and stored.content is None
    return render(request, template, context, status=202 if waiting else 200)


def _served(inspection: Inspection, output: str, content: bytes) -> HttpResponse:
    if output == "report.html":
        return HttpResponse(content, content_type=rendering.media_type(output))
    stem, fmt = output.split(".")
    return _attachment(
        content, rendering.media_type(output), f"{stem}-inspection-{inspection.pk}.{fmt}"
    )


@login_required
@require_POST
def published_scores_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A CSV of headline scores other inspections published, for the report's comparison."""
    inspection = _inspection(request, pk, _READ_REPORT)
    permitted(request, "workspace.edit_report", inspection)
    if not scored.is_scored(inspection):
        raise Http404

    def apply(name: str, content: bytes) -> str:
        return f": {scored.import_published_scores(inspection, name, content)} published score(s)"

    return _import_upload(request, inspection, "scores", "a CSV of published scores", apply)
