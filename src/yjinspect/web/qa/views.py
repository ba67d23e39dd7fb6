"""Quality assurance pages: second assessments (the lead's list, marking and dip samples; the
second assessor's workbench, served by the assessments app's views with the second desk), the
side-by-side comparison with moderation, agreement statistics and the QA report."""

from __future__ import annotations

from typing import Any

import rules
from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from yjinspect.reporting.agreement import (
    COEFFICIENTS,
    PREVALENCE_NOTE,
    estimate_words,
    quality_html,
    quality_tables,
    yes_share,
)
from yjinspect.reporting.exports import to_xlsx
from yjinspect.reporting.render import html_to_pdf
from yjinspect.reporting.words import quantity
from yjinspect.web.assessments.access import (
    busy_is_conflict,
    can,
    case_of,
    permitted,
    rated_inspection,
    seen_version,
)
from yjinspect.web.assessments.queue import state_word
from yjinspect.web.assessments.views import Desk, case_page_response, team_of
from yjinspect.web.inspections.views import _set_up_page
from yjinspect.web.qa import allocation, gathered, moderation
from yjinspect.web.qa.data import inspection_quality
from yjinspect.web.qa.forms import (
    DipForm,
    MarkForm,
    MoveForm,
    UnmarkForm,
    ViewsForm,
    reached_word,
)
from yjinspect.web.qa.models import SecondAssessment
from yjinspect.web.workspace import edits
from yjinspect.web.workspace.assessments import Conflict, NotAllowed
from yjinspect.web.workspace.models import Answer, Case, Inspection, Role


def _views_fields(second: SecondAssessment) -> dict[str, Any]:
    """The views form as stored: who, the question's words, reached ("yes", "no", ""), text."""
    return {
        "views_people": [
            (
                who,
                label,
                reached_word(getattr(second, f"{who}_reached")),
                getattr(second, f"{who}_views"),
            )
            for who, label in (("child", "the child"), ("carer", "the parent or carer"))
        ],
        "reached_choices": [("yes", "Yes"), ("no", "No"), ("", "Not recorded")],
    }


def _blindness(second: SecondAssessment) -> str:
    """What the page says of blindness: that it holds, or once both assessments are
    submitted (`allocation.both_submitted`) that it has ended."""
    if allocation.both_submitted(second.case):
        return (
            "Both assessments are submitted, so this second assessment is no longer blind: the "
            "first and second assessors may each read the other's answers."
        )
    return (
        "This is a blind second assessment: you do not see the first assessor's answers, notes "
        "or status, and they do not see yours, until you have both submitted."
    )


SECOND_DESK = Desk(
    allocation.SECOND,
    "workspace.view_second_assessment",
    "workspace.assess_second",
    {
        "page": "second-assessment",
        "answer": "second-answer",
        "comment": "second-comment",
        "move": "second-move",
        "history": "second-history",
    },
    {"submit": "workspace.assess_second"},
    {"submit": "Second assessment submitted."},
    submit_label="Submit the second assessment",
    template_extra={
        "heading": "Second assessment",
        "extra_section": "qa/_views_of_child.html",
        "breadcrumbs": "qa/_case_breadcrumbs.html",
        "back_name": "qa",
        "back_text": "Back to quality assurance",
    },
    context=lambda second: {**_views_fields(second), "intro": _blindness(second)},
)


def _markable(inspection: Inspection) -> list[Case]:
    return list(
        inspection.cases.filter(
            selection=Case.Selection.SAMPLE,
            second_assessment__isnull=True,
            allocated_to__isnull=False,
        )
        .select_related("allocated_to")
        .order_by("order", "case_ref")
    )


def _stage(second: SecondAssessment, sees_second: bool) -> str:
    """Where a second assessment is, in words the viewer may read (blind: no first's status,
    and for the first assessor no second's either)."""
    case = second.case
    if not allocation.both_submitted(case):
        if not sees_second:
            return "Blind until both submit"
        return f"Second assessment {second.get_status_display().lower()}; blind until both submit"
    open_ = [row for row in moderation.comparison(case) if row.differs and not row.agreed]
    if open_:
        return f"{len(open_)} disagreement{'s' if len(open_) != 1 else ''} to settle"
    return "Agreed"


@login_required
def qa_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead's list of second assessments, with marking and a dip sample; for a second
    assessor, the second assessments allocated to them."""
    inspection = rated_inspection(request, pk)
    permitted(request, "workspace.open_qa", inspection)
    lead = can(request, "workspace.view_qa", inspection)
    team = team_of(inspection)
    mark = MarkForm(cases=_markable(inspection), team=team)
    dip = DipForm(team=team, initial={"share": 20})
    problem: Any = None
    status = 200
    if request.method == "POST":
        permitted(request, "workspace.manage_qa", inspection)
        if request.POST.get("form") == "dip":
            dip = DipForm(request.POST, team=team)
            problem, status = _dip(request, inspection, dip, team)
        else:
            mark = MarkForm(request.POST, cases=_markable(inspection), team=team)
            problem, status = _mark(request, inspection, mark, team)
        if problem is None:
            return redirect("qa", pk=inspection.pk)
    seconds = SecondAssessment.objects.filter(case__inspection=inspection).select_related(
        "case__allocated_to", "case__assessment", "assessor"
    )
    if not lead:
        seconds = seconds.filter(assessor=request.user)
    rows = [
        {
            "second": second,
            "case": second.case,
            "first_state": state_word(second.case)
            if can(request, "workspace.see_first_status", second.case)
            else None,
            "stage": _stage(second, can(request, "workspace.see_second_status", second.case)),
            "can_open": can(request, "workspace.view_second_assessment", second.case),
            "can_compare": can(request, "workspace.compare_case", second.case),
            "can_change": second.status == SecondAssessment.Status.DRAFT
            and can(request, "workspace.change_second", second.case),
        }
        for second in seconds.order_by("case__order", "case__case_ref")
    ]
    return render(
        request,
        "qa/qa.html",
        {
            "inspection": inspection,
            "rows": rows,
            "lead": lead,
            "can_manage": can(request, "workspace.manage_qa", inspection),
            "can_agreement": can(request, "workspace.view_agreement", inspection),
            "mark": mark,
            "dip": dip,
            "problem": problem,
        },
        status=status,
    )


def _sentence(refusal: Exception) -> str:
    """A refusal as a sentence, its case references as they are (not lowercased)."""
    words = str(refusal)
    return words[:1].upper() + words[1:]


def _user(team: list[Any], pk: str) -> Any:
    return next(user for user in team if str(user.pk) == pk)


def _mark(
    request: HttpRequest, inspection: Inspection, form: MarkForm, team: list[Any]
) -> tuple[Any, int]:
    if not form.is_valid():
        return form, 400
    case = inspection.cases.get(pk=form.cleaned_data["case"])
    try:
        with transaction.atomic():
            allocation.allocate(case, _user(team, form.cleaned_data["assessor"]))
    except NotAllowed as refusal:
        form.add_error("assessor", _sentence(refusal))
        return form, 400
    messages.success(request, f"{case.case_ref} is marked for a second assessment.")
    return None, 200


def _dip(
    request: HttpRequest, inspection: Inspection, form: DipForm, team: list[Any]
) -> tuple[Any, int]:
    if not form.is_valid():
        return form, 400
    data = form.cleaned_data
    try:
        made = allocation.dip_sample(
            inspection,
            data["share"] / 100,
            data["seed"],
            [_user(team, pk) for pk in data["assessors"]],
        )
    except NotAllowed as refusal:
        form.add_error(None, _sentence(refusal))
        return form, 400
    messages.success(
        request,
        f"Dip sample drawn with seed {data['seed']}: {len(made)} case"
        f"{'s' if len(made) != 1 else ''} marked for a second assessment.",
    )
    return None, 200


@login_required
@require_POST
@busy_is_conflict
def save_views(request: HttpRequest, pk: int) -> HttpResponse:
    """The second assessor records the views of the child and of the parent or carer, from a
    page showing a version (merged as the workbench's autosaves, `gathered`). A refusal (a NUL
    character, a text over its limit, a change made meanwhile) is said in place of "Saved"
    (htmx) or on the page drawn again, with what was typed kept."""
    case = case_of(request, pk, perm=SECOND_DESK.view_perm)
    permitted(request, SECOND_DESK.edit_perm, case)
    form = ViewsForm(request.POST)
    sent = {name: request.POST.get(name, "") for name in gathered.FIELDS}
    extra: dict[str, Any] = {}
    try:
        if not form.is_valid():
            problems = [error for errors in form.errors.values() for error in errors]
            raise NotAllowed("; ".join(problems))
        saved = gathered.save_views(case, request.user, seen_version(request), form.cleaned_data)
    except NotAllowed as refusal:
        extra = {"views_error": str(refusal)[:1].upper() + str(refusal)[1:]}
        status = 422 if request.htmx else 400
    except Conflict as conflict:
        extra = {"views_conflict": conflict, "views_version": conflict.current.version}
        status = 409
    else:
        if request.htmx:
            return render(
                request, "qa/_views_status.html", {"views_version": saved.version, "saved": True}
            )
        messages.success(request, "The views of the child and of the parent or carer are saved.")
        return redirect("second-assessment", pk=case.pk)
    if request.htmx:
        return render(request, "qa/_views_status.html", extra, status=status)
    people = [
        (who, label, sent[f"{who}_reached"], sent[f"{who}_views"])
        for who, label, *_ in _views_fields(case.second_assessment)["views_people"]
    ]
    summary = extra.get("views_error") or "the views were not saved: " + "; ".join(
        extra["views_conflict"].changes
    )
    return case_page_response(
        request,
        case,
        status,
        SECOND_DESK,
        views_people=people,
        views_sent=True,
        error=summary,
        **extra,
    )


def _views(second: SecondAssessment) -> list[tuple[str, str, str]]:
    words = {True: "Yes", False: "No", None: "Not recorded"}
    return [
        ("The child", words[second.child_reached], second.child_views),
        ("The parent or carer", words[second.carer_reached], second.carer_views),
    ]


@login_required
def compare_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Both assessments side by side, differences marked in words; the moderator settles each
    disagreement with a reason."""
    case = case_of(request, pk, perm="workspace.compare_case")
    can_moderate = can(request, "workspace.moderate_case", case)
    error: dict[str, str] = {}
    sent: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        permitted(request, "workspace.moderate_case", case)
        question = request.POST.get("key_question", "")
        sent = {
            "key_question": question,
            "value": request.POST.get("value", ""),
            "reason": request.POST.get("reason", ""),
        }
        try:
            moderation.settle(
                case, question, sent["value"], sent["reason"], edits.seen_then(request)
            )
        except NotAllowed as refusal:
            error, status = {"key_question": question, "message": str(refusal)}, 400
        except edits.EditedMeanwhile as meanwhile:
            message = f"not saved: {'; '.join(meanwhile.changes)} after you opened the page"
            error, status = {"key_question": question, "message": message}, 409
        else:
            messages.success(request, f"The agreed answer to {question} is recorded.")
            return redirect("compare-case", pk=case.pk)
    rows = moderation.comparison(case)
    second = case.second_assessment
    return render(
        request,
        "qa/compare.html",
        {
            "case": case,
            "inspection": case.inspection,
            "rows": rows,
            "differences": sum(row.differs for row in rows),
            "unsettled": sum(row.differs and not row.agreed for row in rows),
            "first": case.assessment,
            "second": second,
            "views": _views(second),
            "can_moderate": can_moderate,
            "moderators": _moderators(case),
            "choices": Answer.Value.choices,
            "error": error,
            "sent": sent,
        },
        status=status,
    )


def _moderators(case: Case) -> list[Any]:
    """Who may settle the case's disagreements: its lead or QA leads who assessed neither."""
    runs = case.inspection.assignments.filter(role__in=(Role.LEAD, Role.QA_LEAD))
    return [
        a.user
        for a in runs.select_related("user").order_by("user__username")
        if rules.has_perm("workspace.moderate_case", a.user, case)
    ]


def _row(name: str, statistics: Any) -> dict[str, Any]:
    return {
        "name": name,
        "pairs": statistics.units,
        "cells": [
            (label, *estimate_words(getattr(statistics, c), statistics.units))
            for c, label in COEFFICIENTS.items()
        ],
        "paradox": statistics.prevalence_paradox,
    }


@login_required
def agreement_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Agreement over the cases both assessed: overall, per standard, per key question (lowest
    first), per pair of assessors; and each assessor's calibration."""
    inspection = rated_inspection(request, pk)
    permitted(request, "workspace.view_agreement", inspection)
    qa = inspection_quality(inspection)
    overall = qa.overall
    titles = {s.id: s.title for _, s in qa.framework.standards()}
    every = [overall.overall, *overall.standards.values(), *overall.key_questions.values()]
    pairs = [
        _row(f"{a} and {b} ({quantity(len(g.cases_compared), 'case')})", g.overall)
        for (a, b), g in qa.pairs.items()
    ]
    tables = [
        ("Overall", "", [_row("All key questions", overall.overall)]),
        (
            "By standard",
            "",
            [_row(f"{sid} {titles[sid]}", s) for sid, s in overall.standards.items() if s.units],
        ),
        (
            "By key question, lowest agreement first",
            "Key questions with the lowest agreement come first: they are where the guidance, or "
            "the assessors' reading of it, most needs work.",
            [_row(kq, overall.key_questions[kq]) for kq in overall.lowest_first()],
        ),
        ("By pair of assessors", "The first assessor, then the second.", pairs),
    ]
    return render(
        request,
        "qa/agreement.html",
        {
            "inspection": inspection,
            "qa": qa,
            "cases": len(overall.cases_compared),
            "labels": list(COEFFICIENTS.values()),
            "tables": tables,
            "calibration": [
                (
                    c,
                    [_row(c.assessor, c.with_agreed)],
                    [
                        (kq, yes_share(*found), yes_share(*c.team_yes[kq]))
                        for kq, found in c.yes.items()
                    ],
                )
                for c in qa.calibration
            ],
            "paradox": any(s.prevalence_paradox for s in every),
            "prevalence_note": PREVALENCE_NOTE,
        },
    )


@login_required
@csp_update({"style-src": ["'unsafe-inline'"]})  # the HTML page carries its styles inline
def agreement_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The QA report as a self-contained HTML page, a PDF or an Excel workbook."""
    inspection = rated_inspection(request, pk)
    permitted(request, "workspace.view_agreement", inspection)
    qa = inspection_quality(inspection)
    stem = f"quality-assurance-{inspection.work.short_noun}-{inspection.pk}"
    if fmt == "html":
        return HttpResponse(quality_html(qa), content_type="text/html; charset=utf-8")
    if fmt == "pdf":
        body, kind = html_to_pdf(quality_html(qa)), "application/pdf"
    elif fmt == "xlsx":
        body = to_xlsx(quality_tables(qa))
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@login_required
def change_second(request: HttpRequest, pk: int) -> HttpResponse:
    """Before the second assessment is submitted: move it to another second assessor (never
    the first), or take the case off second assessment with a reason. After: refused, saying
    why."""
    case = case_of(request, pk, perm="workspace.change_second")
    team = [user for user in team_of(case.inspection) if user.pk != case.allocated_to_id]
    move, unmark = MoveForm(team=team), UnmarkForm()
    problem: Any = None
    if request.method == "POST":
        taking_off = request.POST.get("form") == "unmark"
        form: Any = UnmarkForm(request.POST) if taking_off else MoveForm(request.POST, team=team)
        if taking_off:
            unmark = form
        else:
            move = form
        problem = form
        if form.is_valid():
            try:
                if taking_off:
                    allocation.unmark(case, form.cleaned_data["reason"])
                    done = f"{case.case_ref} is taken off second assessment."
                else:
                    assessor = _user(team, form.cleaned_data["assessor"])
                    allocation.reallocate(case, assessor, form.cleaned_data["move_reason"])
                    done = f"The second assessment of {case.case_ref} is moved to {assessor}."
            except NotAllowed as refusal:
                form.add_error(None, _sentence(refusal) + ".")
            else:
                messages.success(request, done)
                return redirect("qa", pk=case.inspection.pk)
    second = case.second_assessment
    return render(
        request,
        "qa/change.html",
        {
            "case": case,
            "inspection": case.inspection,
            "second": second,
            "submitted": second.status == SecondAssessment.Status.SUBMITTED,
            "move": move,
            "unmark": unmark,
            "problem": problem if problem is not None and problem.errors else None,
        },
        status=400 if problem is not None and problem.errors else 200,
    )


@login_required
def audit_new(request: HttpRequest) -> HttpResponse:
    """Start a service's own deep-dive audit: the set-up page, for the kind `audit`."""
    if not can(request, "workspace.start_audit", None):
        raise Http404
    return _set_up_page(request, None, Inspection.Kind.AUDIT)
