"""The lead inspector's decisions: judgements and professional discretion.

Discretion is checked by the core engine before it is stored, so the workspace refuses exactly
what `yjinspect rate` refuses.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from yjinspect.frameworks import Framework
from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.ratings.engine import rate_standards
from yjinspect.results.schema import DiscretionRequest
from yjinspect.web.workspace import edits
from yjinspect.web.workspace.evidence import framework_of, inspection_evidence
from yjinspect.web.workspace.limits import LONG_TEXT, REASON, text_problem
from yjinspect.web.workspace.models import Discretion, Inspection, StandardJudgement


class Refused(Exception):
    """The decision breaks a rule; the message says which."""


def judgement_choices(inspection: Inspection, standard_id: str) -> list[str]:
    framework = framework_of(inspection)
    standard = next(s for _, s in framework.standards() if s.id == standard_id)
    extra = [framework.rules.not_rated] if standard.may_be_not_rated else []
    return framework.rating_names + extra


Entry = tuple[str, str, str]  # rating, evidence summary, rationale


def rating_problems(inspection: Inspection, entries: dict[str, Entry]) -> list[str]:
    """What is wrong with the standards and ratings given, in words."""
    framework = framework_of(inspection)
    judged = {s.id for _, s in framework.standards() if s.rated_by == "judgement"}
    problems = []
    for standard_id, (rating, _, _) in entries.items():
        if standard_id not in judged:
            problems.append(f"standard {standard_id} is not rated by judgement")
        elif rating and rating not in judgement_choices(inspection, standard_id):
            problems.append(f"'{rating}' is not a rating for {standard_id}")
    for standard_id, (_, summary, rationale) in entries.items():
        for text, what in ((summary, "evidence summary"), (rationale, "rationale")):
            if problem := text_problem(text, LONG_TEXT, f"the {what} for {standard_id}"):
                problems.append(problem)
    return problems


def unexplained(entries: dict[str, Entry]) -> list[tuple[str, str]]:
    """(standard id, field) for each rating given on the page without its evidence summary or
    rationale: a judgement recorded by hand says why (a results file may carry ratings only)."""
    return [
        (standard_id, field)
        for standard_id, (rating, summary, rationale) in entries.items()
        if rating
        for field, text in (("summary", summary), ("rationale", rationale))
        if not text.strip()
    ]


def judgement_history(inspection: Inspection) -> QuerySet:
    return StandardJudgement.history.filter(inspection_id=inspection.pk)


@transaction.atomic
def record_judgements(
    inspection: Inspection, entries: dict[str, Entry], seen_then: int | None = None
) -> None:
    """Record judgements for several standards: all of them, or none if any is refused.

    With `seen_then` (what the editor's page showed, from `edits.seen`), a page saved by
    someone else meanwhile is refused rather than overwritten.
    """
    problems = rating_problems(inspection, entries)
    if problems:
        raise Refused("; ".join(problems))
    if seen_then is not None:
        edits.check_unchanged(
            inspection,
            judgement_history(inspection),
            seen_then,
            lambda record: f"standard {record.standard}",
        )
    stored = {j.standard: j for j in inspection.judgements.all()}
    for standard_id, (rating, summary, rationale) in entries.items():
        current = stored.get(standard_id)
        if current and (current.rating, current.evidence_summary, current.rationale) == (
            rating,
            summary,
            rationale,
        ):
            continue  # unchanged: no new audit record
        StandardJudgement.objects.update_or_create(
            inspection=inspection,
            standard=standard_id,
            defaults={"rating": rating, "evidence_summary": summary, "rationale": rationale},
        )


@transaction.atomic
def record_discretion(
    inspection: Inspection, standard_id: str, rating: str, reason: str, force: bool
) -> Discretion:
    """Check the request against the current evidence with the engine, then keep it."""
    framework = _with_standard(inspection, standard_id)
    requests = {
        d.standard: DiscretionRequest(rating=d.rating, reason=d.reason, force=d.force)
        for d in inspection.discretion.exclude(standard=standard_id)
    }
    if rating not in framework.rating_names:  # the page offers only these; a file is checked
        raise Refused(f"choose a rating: {', '.join(framework.rating_names)}")
    if not reason.strip():
        raise Refused("a reason is required for professional discretion")
    if problem := text_problem(reason.strip(), REASON, "the reason"):
        raise Refused(problem)
    requests[standard_id] = DiscretionRequest(rating=rating, reason=reason.strip(), force=force)
    try:
        rate_standards(framework, inspection_evidence(inspection), requests)
    except DiscretionRefused as refusal:
        if refusal.forcible:  # the page forces with a checkbox, not a file's `force: true`
            raise Refused(
                f"{refusal.reason}. To record it anyway, marked FORCED, tick "
                "'Force it outside the margin'"
            ) from None
        raise Refused(str(refusal)) from None
    discretion, _ = Discretion.objects.update_or_create(
        inspection=inspection,
        standard=standard_id,
        defaults={"rating": rating, "reason": reason.strip(), "force": force},
    )
    return discretion


def _with_standard(inspection: Inspection, standard_id: str) -> Framework:
    """The inspection's framework, once `standard_id` (sent, not typed) is checked to be one of
    its standards: before any query, which PostgreSQL would refuse for a NUL."""
    framework = framework_of(inspection)
    if standard_id not in {standard.id for _, standard in framework.standards()}:
        raise Refused(f"'{standard_id}' is not a standard of {framework.title}")
    return framework


def withdraw_discretion(inspection: Inspection, standard_id: str) -> None:
    _with_standard(inspection, standard_id)
    for found in inspection.discretion.filter(standard=standard_id):
        found.delete()
