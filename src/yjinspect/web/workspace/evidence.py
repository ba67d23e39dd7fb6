"""The bridge from stored assessments to the ratings engine: no second implementation."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from yjinspect.frameworks import RatedFramework, load_framework
from yjinspect.ratings.engine import InspectionRating, assumptions_used, rate_standards
from yjinspect.ratings.overall import OverallRating
from yjinspect.ratings.standards import StandardRating
from yjinspect.results.evidence import RatedEvidence
from yjinspect.results.schema import DiscretionRequest, Service
from yjinspect.results.schema import Inspection as Dates
from yjinspect.results.tally import Tally
from yjinspect.web.qa.ratings import rating_changes
from yjinspect.web.workspace.models import Answer, Case, CaseAssessment, Inspection


def framework_of(inspection: Inspection) -> RatedFramework:
    framework = load_framework(inspection.framework_id)
    assert isinstance(framework, RatedFramework), "the workspace rates rated frameworks"
    return framework


def agreed_answer_counts(inspection: Inspection) -> dict[str, dict[str, int]]:
    """Key question -> answer -> number of cases, counting only agreed answers.

    The accepted first assessments of sampled cases (a reserve or replaced case is not part of
    the sample, whatever was stored for it), where a case also has a submitted second
    assessment, with each disagreement replaced by the moderator's agreed answer, or left out
    until it is settled (`qa.moderation.rating_changes`). Fed by the workspace's `Case`,
    `CaseAssessment` and `Answer` and the qa app's `SecondAssessment`, `SecondAnswer` and
    `AgreedAnswer`.
    """
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    accepted = Answer.objects.filter(
        assessment__case__inspection=inspection,
        assessment__case__selection=Case.Selection.SAMPLE,
        assessment__status=CaseAssessment.Status.ACCEPTED,
    ).exclude(value="")
    for row in accepted.values("key_question", "value").annotate(n=Count("id")):
        counts[row["key_question"]][row["value"]] = row["n"]
    changes, _ = rating_changes(inspection)
    for (question, value), change in changes.items():
        counts[question][value] = counts[question].get(value, 0) + change
    return counts


def unsettled_disagreements(inspection: Inspection) -> list[str]:
    """References of the cases whose unsettled disagreements are left out of the ratings."""
    return rating_changes(inspection)[1]


def inspection_evidence(inspection: Inspection) -> RatedEvidence:
    """Tallies of the agreed answers (`agreed_answer_counts`) and the recorded judgements."""
    counts = agreed_answer_counts(inspection)
    tallies = {
        question: Tally(found.get("yes", 0), found.get("no", 0), found.get("n/a", 0))
        for question, found in counts.items()
    }
    framework = framework_of(inspection)
    judgements: dict[str, str | None] = {}
    for judgement in inspection.judgements.exclude(rating=""):
        not_rated = judgement.rating == framework.rules.not_rated
        judgements[judgement.standard] = None if not_rated else judgement.rating
    return RatedEvidence(tallies, judgements)


def rate_inspection(inspection: Inspection) -> tuple[tuple[StandardRating, ...], OverallRating]:
    """Rate the inspection live; raises DiscretionRefused if recorded discretion no longer fits."""
    requests = {
        d.standard: DiscretionRequest(rating=d.rating, reason=d.reason, force=d.force)
        for d in inspection.discretion.all()
    }
    return rate_standards(framework_of(inspection), inspection_evidence(inspection), requests)


def inspection_rating(inspection: Inspection) -> InspectionRating:
    """The whole rating as the CLI produces it, for exports and reports."""
    standards, overall = rate_inspection(inspection)
    framework = framework_of(inspection)
    service = inspection.service
    return InspectionRating(
        framework,
        Service(name=service.name, area=service.local_authority, type=service.kind),
        Dates(
            fieldwork_start=inspection.fieldwork_start,
            fieldwork_end=inspection.fieldwork_end,
            publication_date=inspection.publication_date,
        ),
        standards,
        overall,
        assumptions_used(framework, intervals=True),
    )
