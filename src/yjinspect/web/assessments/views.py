"""The assessor's pages: the case list as a work queue, the case page as a workbench (answers
autosaved, submit without leaving the page), its print view and its history. Reading never
writes: a case's assessment is created by its first save.

The workbench serves every assessment of a case: a `Desk` says which (its `Sheet`), the
permissions that guard it and the URL names it posts to. The `qa` app serves the blind second
assessment through the same views with its own desk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from yjinspect.reporting.words import column_label, long_date
from yjinspect.web.assessments import queue
from yjinspect.web.assessments.access import (
    BUSY,
    busy_is_conflict,
    can,
    case_of,
    permitted,
    rated_inspection,
    seen_version,
)
from yjinspect.web.assessments.history import case_history
from yjinspect.web.workspace import assessments
from yjinspect.web.workspace.models import READERS, Answer, Case, Inspection


@dataclass(frozen=True)
class Desk:
    """One assessment's workbench: which assessment, who may read and write it, where it posts
    (URL names by purpose: page, answer, comment, move; history and print where it has them),
    who may make each status move and what the page says after it; `template_extra` and
    `context` (from the stored assessment) add what only this desk's page shows."""

    sheet: assessments.Sheet
    view_perm: str
    edit_perm: str
    urls: dict[str, str]
    moves: dict[str, str]
    done: dict[str, str]
    submit_label: str = "Submit for review"
    template_extra: dict[str, Any] = field(default_factory=dict)
    context: Callable[[Any], dict[str, Any]] | None = None


FIRST_DESK = Desk(
    assessments.FIRST,
    "workspace.view_case",
    "workspace.assess_case",
    {
        "page": "assessment",
        "answer": "save-answer",
        "comment": "save-comment",
        "move": "move-assessment",
        "history": "assessment-history",
        "print": "case-print",
    },
    {
        "submit": "workspace.assess_case",
        "return": "workspace.review_assessment",
        "accept": "workspace.review_assessment",
    },
    {
        "submit": "Submitted for review.",
        "return": "Returned to the assessor.",
        "accept": "Accepted.",
    },
)


def team_of(inspection: Any) -> list[Any]:
    """The people working on the inspection (not its readers), by user name."""
    members = inspection.assignments.exclude(role__in=READERS).select_related("user")
    return [a.user for a in members.order_by("user__username")]


def _visible(request: HttpRequest, inspection: Inspection) -> list[Case]:
    cases = inspection.cases.filter(selection=Case.Selection.SAMPLE).select_related(
        "allocated_to", "assessment"
    )
    return [case for case in cases if can(request, "workspace.view_case", case)]


def _filters(request: HttpRequest, inspection: Inspection, team: list[Any]) -> queue.QueueFilter:
    default = "mine" if queue.works_alone(inspection, request.user) else "all"
    return queue.QueueFilter(request.GET, team, default)


@login_required
def case_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Sampled cases the user may see: their own by default for assessors, with filters,
    sorting, counts per assessor and (for the lead) allocation of many cases at once; "select
    all" (`?select=all`) ticks every case shown, without scripts."""
    inspection = rated_inspection(request, pk)
    visible = _visible(request, inspection)
    if not visible and inspection.role_of(request.user) in READERS:
        raise Http404
    team = team_of(inspection)
    filters = _filters(request, inspection, team)
    shown = filters.apply(visible, request.user)
    return render(
        request,
        "assessments/case_list.html",
        {
            "inspection": inspection,
            "cases": [(case, queue.state_word(case)) for case in shown],
            "queue_query": queue.queue_query(filters),
            "select_all": request.GET.get("select") == "all",
            "total": len(visible),
            "filter": filters,
            "chosen": {name: filters.choice(name) for name in filters.fields},
            "whose": filters.choice("whose"),
            "workloads": queue.workloads(visible),
            "states": queue.STATES,
            "team": team,
            "can_allocate": can(request, "workspace.manage_inspection", inspection),
            "can_read_sample": can(request, "workspace.read_inspection", inspection),
        },
    )


def _age_band(age: int) -> str:
    """Ages in bands, so the page does not narrow a child down further than it must."""
    return "10 to 14" if age < 15 else ("15 to 17" if age < 18 else "18 or over")


def _facts(case: Case) -> list[tuple[str, str]]:
    """The case's sampling variables as a summary list (pseudonymous: no names, no birth date)."""
    return [
        ("Stream", case.get_stream_display()),
        ("Disposal type", case.get_disposal_type_display()),
        ("Disposal date", str(long_date(case.disposal_date))),
        (column_label("rosh").capitalize(), case.get_rosh_display()),
        (column_label("safety_wellbeing").capitalize(), case.get_safety_wellbeing_display()),
        ("Age band at disposal", _age_band(case.age)),
    ]


def _sections(case: Case, assessment: Any) -> list[tuple[Any, list[dict]]]:
    answers = assessments.answers_by_question(assessment)
    return [
        (
            standard,
            [
                {
                    "question": question,
                    "slug": question.id.replace(".", "-"),
                    "value": answer.value if (answer := answers.get(question.id)) else "",
                    "evidence": answer.evidence if answer else "",
                }
                for question in questions
            ],
        )
        for standard, questions in assessments.questions_for(case)
    ]


def _from_list(request: HttpRequest) -> bool:
    return any(name in request.GET for name in queue.QueueFilter.base_fields)


def _queue(request: HttpRequest, case: Case) -> list[Case]:
    """The cases previous and next step through: the list the user came from (its filter and
    sort, sent in the address), else their own queue in sample order."""
    if not _from_list(request):
        return queue.my_queue(case.inspection, request.user)
    team = team_of(case.inspection)
    return _filters(request, case.inspection, team).apply(
        _visible(request, case.inspection), request.user
    )


def _queue_query(request: HttpRequest, inspection: Inspection) -> str:
    """The list's filter and sort as a query ("" when the user did not come from the list)."""
    if not _from_list(request):
        return ""
    return queue.queue_query(_filters(request, inspection, team_of(inspection)))


def _workbench(
    request: HttpRequest, case: Case, desk: Desk = FIRST_DESK, **extra: Any
) -> dict[str, Any]:
    """Everything the case page draws, read fresh (after a move, the page is drawn again).
    Previous and next step through the first assessments' work queue only."""
    case.refresh_from_db()
    assessment = assessments.stored_assessment(case, desk.sheet)
    first = desk is FIRST_DESK
    previous, following = queue.neighbours(case, _queue(request, case)) if first else (None, None)
    query = _queue_query(request, case.inspection) if first else ""
    missing = assessments.unanswered(case, assessment)
    return {
        "desk": desk,
        "urls": {purpose: reverse(name, args=[case.pk]) for purpose, name in desk.urls.items()},
        # Once both assessments are in, either assessor reaches the comparison from here.
        "compare_url": reverse("compare-case", args=[case.pk])
        if can(request, "workspace.compare_case", case)
        else None,
        **desk.template_extra,
        **(desk.context(assessment) if desk.context else {}),
        "case": case,
        "inspection": case.inspection,
        "assessment": assessment,
        "status": assessment.get_status_display() if assessment.pk else "Not started",
        "facts": _facts(case),
        "sections": _sections(case, assessment),
        "missing": [(q, q.id.replace(".", "-")) for q in missing],
        "choices": Answer.Value.choices,
        "previous": previous,
        "next": following,
        # The work queue's filter and sort, carried from the list through every move.
        "queue_query": query,
        "query_suffix": f"?{query}" if query else "",
        "can_edit": can(request, desk.edit_perm, case),
        "can_review": "accept" in desk.moves and can(request, desk.moves["accept"], case),
        "reviews_own": "accept" in desk.moves
        and case.allocated_to_id == request.user.pk
        and can(request, "workspace.manage_inspection", case.inspection),
        "can_replace": first
        and can(request, "workspace.change_sample", case.inspection)
        and case.selection == Case.Selection.SAMPLE,
        **extra,
    }


def case_page_response(
    request: HttpRequest, case: Case, status: int = 200, desk: Desk = FIRST_DESK, **extra: Any
) -> HttpResponse:
    """The case page, with `extra` (a refusal to show) in its context."""
    return render(
        request, "assessments/case.html", _workbench(request, case, desk, **extra), status=status
    )


@login_required
def case_page(request: HttpRequest, pk: int, desk: Desk = FIRST_DESK) -> HttpResponse:
    return case_page_response(request, case_of(request, pk, perm=desk.view_perm), desk=desk)


@login_required
def case_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's facts and answers on paper (or as a PDF from the browser's print)."""
    case = case_of(request, pk)
    return render(request, "assessments/case_print.html", _workbench(request, case))


def _closed(request: HttpRequest, case: Case, desk: Desk) -> HttpResponse:
    """An autosave refused because the assessment was submitted meanwhile (say, from another
    tab): said in place of "Saved", as a conflict, not silently dropped as a 404."""
    assessment = assessments.stored_assessment(case, desk.sheet)
    published = case.inspection.status == Inspection.Status.PUBLISHED
    if published or assessment.pk is None or assessment.status in assessments.OPEN:
        raise Http404
    return HttpResponse(
        format_html(
            '<p class="govuk-error-message" role="alert">Not saved: this assessment is {} now, '
            "so it can no longer be changed.</p>",
            assessment.get_status_display().lower(),
        ),
        status=409,
    )


def _refused(refusal: assessments.NotAllowed) -> HttpResponse:
    """An autosave refused for what was sent (a note over its length limit, say): said in place
    of "Saved" as a GOV.UK error message, with 422 so that htmx draws it (base.html); the text
    stays in the box, for the user to shorten."""
    return HttpResponse(
        format_html(
            '<p class="govuk-error-message" role="alert"><span class="govuk-visually-hidden">'
            "Error:</span> Not saved: {}.</p>",
            refusal,
        ),
        status=422,
    )


def _conflict(request: HttpRequest, conflict: assessments.Conflict, **extra: Any) -> HttpResponse:
    return render(
        request,
        "assessments/case.html#conflict",
        {"conflict": conflict, "version": conflict.current.version, **extra},
        status=409,
    )


def _page_version(request: HttpRequest, saved: assessments.Saved) -> int | None:
    """The page's own version after a save: moved on when nobody else changed the assessment
    since the page was drawn, so Submit stays current with the page's autosaves."""
    shown = seen_version(request, "page_version")
    if shown >= saved.version - 1:  # versions are consecutive: nobody else saved meanwhile
        return saved.version
    if assessments.changed_by_others(saved.assessment, shown, request.user):
        return None
    return saved.version


@login_required
@require_POST
@busy_is_conflict
def save_answer(request: HttpRequest, pk: int, desk: Desk = FIRST_DESK) -> HttpResponse:
    """htmx autosave of one key question; a save that would overwrite a different value saved
    since gets the conflict message with the refused answer shown back."""
    case = case_of(request, pk, ("inspection", "assessment"), desk.view_perm)
    if not can(request, desk.edit_perm, case):
        return _closed(request, case, desk)
    question = request.POST.get("key_question", "")
    slug = question.replace(".", "-")
    try:
        saved = assessments.save_answer(
            case,
            request.user,
            seen_version(request),
            question,
            request.POST.get(f"value-{question}", ""),
            request.POST.get(f"evidence-{question}", ""),
            desk.sheet,
        )
    except assessments.Conflict as conflict:
        refused = conflict.refused
        current = conflict.current.answers.get(key_question=question)
        return _conflict(
            request,
            conflict,
            slug=slug,
            question=question,
            refused_value=dict(Answer.Value.choices).get(refused["value"], "blank"),
            refused_evidence=refused["evidence"],
            current_value=current.get_value_display() or "blank",
            current_evidence=current.evidence,
        )
    except assessments.NotAllowed as refusal:
        return _refused(refusal)
    return render(
        request,
        "assessments/case.html#saved",
        {
            "slug": slug,
            "version": saved.version,
            "page_version": _page_version(request, saved),
            "status": saved.assessment.get_status_display(),
            "with_missing": True,
            "missing": [(q, q.id.replace(".", "-")) for q in saved.unanswered],
            "case": case,
        },
    )


@login_required
@require_POST
@busy_is_conflict
def save_comment(request: HttpRequest, pk: int, desk: Desk = FIRST_DESK) -> HttpResponse:
    """htmx autosave of the assessment's overall comment, merged like an answer."""
    case = case_of(request, pk, perm=desk.view_perm)
    if not can(request, desk.edit_perm, case):
        return _closed(request, case, desk)
    try:
        saved = assessments.save_comment(
            case,
            request.user,
            seen_version(request),
            request.POST.get("overall_comment", ""),
            desk.sheet,
        )
    except assessments.Conflict as conflict:
        return _conflict(
            request,
            conflict,
            slug="comment",
            refused_evidence=conflict.refused["overall_comment"],
            current_evidence=conflict.current.overall_comment,
        )
    except assessments.NotAllowed as refusal:
        return _refused(refusal)
    return render(
        request,
        "assessments/case.html#saved",
        {
            "slug": "comment",
            "version": saved.version,
            "page_version": _page_version(request, saved),
            "case": case,
        },
    )


@login_required
@require_POST
def move_assessment(request: HttpRequest, pk: int, desk: Desk = FIRST_DESK) -> HttpResponse:
    """Submit, return or accept. From the page (htmx) the workbench is drawn again in place,
    saying what happened; without scripts the browser is sent back to the case page."""
    case = case_of(request, pk, perm=desk.view_perm)
    action = request.POST.get("action", "")
    if action not in desk.moves:
        raise Http404
    permitted(request, desk.moves[action], case)
    extra: dict[str, Any] = {}
    status = 200
    try:
        # The page's own version when sent (see `_page_version`), else the form's.
        seen = seen_version(
            request, "page_version" if "page_version" in request.POST else "version"
        )
        assessments.move(
            case, request.user, seen, action, request.POST.get("reason", ""), desk.sheet
        )
        extra["done"] = desk.done[action]
    except assessments.Conflict as conflict:
        extra["conflict"], status = conflict, 409
    except assessments.Unanswered as missing:
        extra["problem"], status = "unanswered", 400
        extra["problem_count"] = len(missing.questions)
    except assessments.NotAllowed as refusal:
        extra["error"], status = str(refusal), 400
        extra["return_reason_sent"] = request.POST.get("reason", "")
    except OperationalError as error:  # the page is drawn again, saying so (see BUSY)
        if "locked" not in str(error):
            raise
        extra["error"], status = BUSY, 409
        extra["return_reason_sent"] = request.POST.get("reason", "")
    if not request.htmx and status == 200:
        query = _queue_query(request, case.inspection) if desk is FIRST_DESK else ""
        page = reverse(desk.urls["page"], args=[case.pk])
        return redirect(page + (f"?{query}" if query else ""))
    template = "assessments/case.html"
    if request.htmx:
        # htmx draws 2xx and 409 answers only (base.html): a refusal is drawn in place.
        template, status = "assessments/case.html#workbench", (409 if status == 409 else 200)
    return render(request, template, _workbench(request, case, desk, **extra), status=status)


@login_required
def assessment_history(request: HttpRequest, pk: int, desk: Desk = FIRST_DESK) -> HttpResponse:
    case = case_of(request, pk, perm=desk.view_perm)
    return render(
        request,
        "assessments/history.html",
        {
            "case": case,
            "inspection": case.inspection,
            "changes": case_history(case, request.user, desk.sheet),
            "back": reverse(desk.urls["page"], args=[case.pk]),
            **desk.template_extra,
        },
    )
