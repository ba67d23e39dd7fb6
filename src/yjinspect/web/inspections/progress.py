"""The task list's facts read from the database, for `tasks` to judge."""

from __future__ import annotations

from yjinspect.errors import InputError
from yjinspect.frameworks import RatedFramework, ScoredFramework
from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.web.inspections.frameworks import framework_for
from yjinspect.web.inspections.tasks import Facts
from yjinspect.web.qa.data import second_assessment_counts
from yjinspect.web.workspace.evidence import rate_inspection, unsettled_disagreements
from yjinspect.web.workspace.models import (
    Case,
    CaseAssessment,
    Inspection,
    Role,
    ScoredResults,
    draft_was_sent,
)


def framework_problem(inspection: Inspection) -> str | None:
    """Why the inspection's framework cannot be loaded (an id mistyped, say), or None."""
    try:
        framework_for(inspection)
    except InputError as problem:
        why = "; ".join(found.message for found in problem.problems)
        return f"The framework recorded ('{inspection.framework_id}') cannot be used: {why}"
    return None


def facts_of(inspection: Inspection) -> Facts:
    comments = inspection.draft_comments
    plan = getattr(inspection, "plan", None)
    dates = {
        "published": inspection.status == Inspection.Status.PUBLISHED,
        "drafting_reached": inspection.status
        in (Inspection.Status.DRAFTING, Inspection.Status.ACCURACY, Inspection.Status.PUBLISHED),
        "kind": inspection.kind,
        "fieldwork_start": inspection.fieldwork_start,
        "fieldwork_end": inspection.fieldwork_end,
        "publication_date": inspection.publication_date,
        "provisional_findings_date": inspection.provisional_findings_date,
        "draft_sent_date": inspection.draft_sent_date,
        "comments_due_date": inspection.comments_due_date,
        "draft_is_sent": draft_was_sent(inspection),
        "comments": comments.count(),
        "unanswered": comments.filter(answer="").count(),
        # The plans app's improvement plan, by its reverse relation (None when none is held).
        "plan_accepted": getattr(plan, "accepted_on", None) is not None,
    }  # fmt: skip
    roles = list(inspection.assignments.values_list("role", flat=True))
    team = {
        "has_lead": Role.LEAD in roles,
        "team": sum(1 for role in roles if role in (Role.INSPECTOR, Role.LOCAL_ASSESSOR)),
    }
    problem = framework_problem(inspection)
    if problem is not None:
        return Facts(framework_problem=problem, **dates, **team)
    framework = framework_for(inspection)
    text = getattr(inspection, "report_text", None)
    words = {
        "foreword": bool(text and text.foreword.strip()),
        "findings": inspection.findings.count(),
        "recommendations": inspection.recommendations.count(),
        "quotes": inspection.quotes.count(),
    }
    if isinstance(framework, ScoredFramework):
        imported = ScoredResults.objects.filter(inspection=inspection).exists()
        return Facts(scored=True, results_imported=imported, **dates, **team, **words)
    assert isinstance(framework, RatedFramework)
    sample = inspection.cases.filter(selection=Case.Selection.SAMPLE)
    judged = [s.id for _, s in framework.standards() if s.rated_by == "judgement"]
    recorded = inspection.judgements.exclude(rating="").filter(standard__in=judged).count()
    cases = {
        "sampled": sample.count(),
        "allocated": sample.exclude(allocated_to=None).count(),
        "started": sample.exclude(assessment=None).count(),
        "accepted": sample.filter(assessment__status=CaseAssessment.Status.ACCEPTED).count(),
        "judged": recorded,
        "to_judge": len(judged),
        "unsettled": tuple(unsettled_disagreements(inspection)),
        **second_assessment_counts(inspection),
    }
    try:
        standards, _ = rate_inspection(inspection)
    except DiscretionRefused as refusal:
        return Facts(ratings_problem=f"Recorded discretion no longer fits: {refusal}",
                     **dates, **team, **words, **cases)  # fmt: skip
    unrated = tuple(
        f"{s.id} {s.standard.title}"
        for s in standards
        if s.standard.counted and s.rating is None and not s.decided_not_rated
    )
    rated = sum(1 for s in standards if s.rating is not None)
    return Facts(unrated=unrated, rated=rated, **dates, **team, **words, **cases)
