"""The ratings page, the lead's judgements of judgement-rated standards, and discretion."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.reporting.words import rating_word
from yjinspect.web.assessments.access import can, inspection_or_404, permitted
from yjinspect.web.qa.blind import permitted_unless_blind
from yjinspect.web.workspace import edits, lead, scored
from yjinspect.web.workspace.evidence import (
    evidence_version,
    framework_of,
    rate_inspection,
    unsettled_disagreements,
)
from yjinspect.web.workspace.models import Inspection

_READ = "workspace.read_inspection"  # the inspection's drafts: not for local assessors


def _rated(request: HttpRequest, pk: int) -> Inspection:
    """An inspection the user may read, under a rated framework (a scored inspection is rated
    from its imported results file, so it has no such pages)."""
    inspection = inspection_or_404(request, pk)
    permitted(request, _READ, inspection)
    if scored.is_scored(inspection):
        raise Http404
    return inspection


@login_required
def ratings(request: HttpRequest, pk: int) -> HttpResponse:
    """Rated by the core engine from the accepted assessments, once per change of evidence."""
    inspection = _rated(request, pk)
    permitted_unless_blind(request, "workspace.read_ratings", inspection)
    return _ratings_page(request, inspection)


def _ratings_page(
    request: HttpRequest,
    inspection: Inspection,
    sent: dict[str, str] | None = None,
    problem: str | None = None,
) -> HttpResponse:
    """The ratings page; `sent` and `problem` show a refused discretion request back as typed."""
    framework = framework_of(inspection)
    version = evidence_version(inspection)
    context: dict[str, Any] = {
        "inspection": inspection,
        "evidence_version": version,
        "framework": framework,
        "can_decide": can(request, "workspace.record_judgement", inspection),
        "ratings_words": framework.rating_names,
        "sent": sent or {},
        "problem": problem,
        "unsettled": unsettled_disagreements(inspection, version),
    }
    try:
        context["standards"], context["overall"] = rate_inspection(inspection, version)
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
    return render(request, "ratings/ratings.html", context, status=400 if problem else 200)


_WHY = {"summary": "evidence summary", "rationale": "rationale"}


@login_required
def judgements(request: HttpRequest, pk: int) -> HttpResponse:
    """Judgement-rated standards: rating, evidence summary and rationale (lead edits)."""
    inspection = _rated(request, pk)
    framework = framework_of(inspection)
    editable = can(request, "workspace.record_judgement", inspection)
    errors: list[str] = []
    field_errors: dict[str, str] = {}  # by the field's id
    entries: dict[str, lead.Entry] = {}
    seen = edits.seen(lead.judgement_history(inspection))
    status = 200
    if request.method == "POST":
        permitted(request, "workspace.record_judgement", inspection)
        entries = {
            standard.id: tuple(
                request.POST.get(f"{field}-{standard.id}", "")
                for field in ("rating", "summary", "rationale")
            )
            for _, standard in framework.standards()
            if standard.rated_by == "judgement" and f"rating-{standard.id}" in request.POST
        }
        seen_then = edits.seen_then(request)
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
            errors, status = [edits.EDITED_MEANWHILE, *meanwhile.changes], 409
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
    return render(request, "ratings/judgements.html", context, status=status)


@login_required
@require_POST
def discretion(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _rated(request, pk)
    permitted(request, "workspace.record_judgement", inspection)
    permitted_unless_blind(request, "workspace.read_ratings", inspection)
    standard = request.POST.get("standard", "")
    sent = {
        field: request.POST.get(field, "") for field in ("standard", "rating", "reason", "force")
    }
    if request.POST.get("withdraw"):
        try:
            lead.withdraw_discretion(inspection, standard)
        except lead.Refused as refusal:
            return _ratings_page(
                request, inspection, sent, f"Discretion for {standard} not withdrawn: {refusal}"
            )
        messages.success(request, f"Discretion for {standard} withdrawn.")
        return redirect("ratings", pk=inspection.pk)
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
