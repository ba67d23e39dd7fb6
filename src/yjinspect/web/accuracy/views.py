"""The factual accuracy check's pages: the check itself (send, comment, answer, the log), the
draft report for the service, and the log's exports. A refusal is a 404, as everywhere in the
workspace."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.reporting.accuracy import Part, comment_log, report_parts
from yjinspect.reporting.exports import to_csv, to_json, to_xlsx
from yjinspect.reporting.report import MEDIA_TYPES, ReportFormat, render_report
from yjinspect.web.accuracy import checks
from yjinspect.web.accuracy.forms import AnswerForm, CommentForm, SendForm
from yjinspect.web.accuracy.models import DraftComment
from yjinspect.web.assessments.access import can, inspection_or_404
from yjinspect.web.inspections.progress import framework_problem
from yjinspect.web.inspections.stages import Refused
from yjinspect.web.qa.blind import permitted_unless_blind
from yjinspect.web.workspace import reports, scored
from yjinspect.web.workspace.evidence import framework_of
from yjinspect.web.workspace.models import Inspection, draft_was_sent
from yjinspect.web.workspace.views import _attachment

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _inspection(request: HttpRequest, pk: int, perm: str) -> Inspection:
    inspection = inspection_or_404(request, pk)
    if not can(request, perm, inspection):
        raise Http404
    return inspection


def _parts(inspection: Inspection) -> tuple[list[Part], str | None]:
    """The report's sections, or why the draft cannot be built."""
    try:
        return report_parts(reports.inspection_report(inspection)), None
    except (DiscretionRefused, scored.NotImported) as refusal:
        return [], str(refusal)


def _page(request: HttpRequest, inspection: Inspection, status: int = 200,
          **forms: Any) -> HttpResponse:  # fmt: skip
    comments = list(inspection.draft_comments.select_related("author", "answered_by"))
    can_comment = can(request, "workspace.comment_on_draft", inspection)
    can_answer = can(request, "workspace.answer_comment", inspection)
    parts, problem = _parts(inspection) if can_comment else ([], None)
    answers = forms.pop("answers", {})
    context = {
        "inspection": inspection,
        "comments": [
            (number, c, answers.get(c.pk) or (AnswerForm(number=number) if can_answer else None))
            for number, c in enumerate(comments, 1)
        ],
        "unanswered": sum(1 for c in comments if not c.answer),
        "can_view_inspection": can(request, "workspace.view_inspection", inspection),
        "sent_before": draft_was_sent(inspection),
        "can_send": can(request, "workspace.send_draft", inspection),
        "can_read_draft": can(request, "workspace.read_draft", inspection),
        "can_comment": can_comment,
        "can_answer": can_answer,
        "report_problem": problem,
        "comment_form": forms.get("comment_form") or CommentForm(parts=parts),
        "send_form": forms.get("send_form") or SendForm(),
        "problem": forms.get("problem"),
    }
    return render(request, "accuracy/check.html", context, status=status)


@login_required
def check(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk, "workspace.view_comments")
    return _page(request, inspection)


@login_required
@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk, "workspace.send_draft")
    form = SendForm(request.POST)
    if form.is_valid():
        framework = None if framework_problem(inspection) else framework_of(inspection)
        try:
            checks.send_draft(inspection, timezone.localdate(), form.cleaned_data["comments_due"],
                              framework)  # fmt: skip
        except Refused as refusal:
            return _page(request, inspection, 400, send_form=form, problem=str(refusal))
        messages.success(request, "The draft report is with the service for comment.")
        return redirect("accuracy", pk=inspection.pk)
    return _page(request, inspection, 400, send_form=form)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk, "workspace.comment_on_draft")
    parts, _ = _parts(inspection)
    form = CommentForm(request.POST, parts=parts)
    if form.is_valid():
        checks.comment(inspection, request.user, form.chosen(), form.cleaned_data["paragraph"],
                       form.cleaned_data["text"])  # fmt: skip
        messages.success(request, "Your comment is sent to the lead inspector.")
        return redirect("accuracy", pk=inspection.pk)
    return _page(request, inspection, 400, comment_form=form)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    found = get_object_or_404(DraftComment.objects.select_related("inspection"),
                              pk=comment_pk, inspection_id=pk)  # fmt: skip
    if not can(request, "workspace.answer_comment", found):
        raise Http404
    inspection = found.inspection
    number = list(inspection.draft_comments.values_list("pk", flat=True)).index(found.pk) + 1
    form = AnswerForm(request.POST, number=number)
    if form.is_valid():
        accepted = form.cleaned_data["answer"] == DraftComment.Answer.ACCEPTED
        checks.answer(found, accepted, form.cleaned_data["response"], request.user,
                      timezone.now())  # fmt: skip
        messages.success(request, f"Comment {number} answered.")
        return redirect("accuracy", pk=inspection.pk)
    return _page(request, inspection, 400, answers={found.pk: form})


@login_required
@csp_update({"style-src": ["'unsafe-inline'"]})  # the report carries its own styles inline
def draft_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The draft report as the service reads it: HTML in the browser, or PDF."""
    inspection = inspection_or_404(request, pk)
    permitted_unless_blind(request, "workspace.read_draft", inspection)
    if fmt not in ("html", "pdf"):
        raise Http404
    output = ReportFormat(fmt)
    try:
        body = render_report(reports.inspection_report(inspection), output)
    except (DiscretionRefused, scored.NotImported) as refusal:
        messages.error(request, f"No draft report: {refusal}")
        return redirect("accuracy", pk=inspection.pk)
    if output is ReportFormat.html:
        return HttpResponse(body, content_type=MEDIA_TYPES[output])
    return _attachment(body, MEDIA_TYPES[output], f"draft-report-inspection-{inspection.pk}.pdf")


@login_required
def log_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The comments log as CSV, XLSX or JSON, under the log's own access rule."""
    inspection = _inspection(request, pk, "workspace.view_comments")
    table = comment_log(checks.logged(inspection))
    stem = f"factual-accuracy-inspection-{inspection.pk}"
    if fmt == "csv":
        return _attachment(to_csv(table), "text/csv", f"{stem}.csv")
    if fmt == "xlsx":
        return _attachment(to_xlsx([table]), _XLSX, f"{stem}.xlsx")
    if fmt == "json":
        return _attachment(to_json([table]), "application/json", f"{stem}.json")
    raise Http404
