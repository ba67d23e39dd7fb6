"""Results files in and out of the workspace, so that a rating done with `yjinspect rate` and
one done here are interchangeable. An import is checked whole and applied in one transaction."""

from __future__ import annotations

from django.db import transaction

from yjinspect.errors import InputError, Problem
from yjinspect.results.schema import (
    CaseAnswers,
    DiscretionRequest,
    ResultsFile,
    Service,
)
from yjinspect.results.schema import Inspection as InspectionDates
from yjinspect.web.inspections.frameworks import load_inspection_results, other_framework
from yjinspect.web.qa.ratings import moderated_answers
from yjinspect.web.workspace import lead, scored
from yjinspect.web.workspace.evidence import unsettled_disagreements
from yjinspect.web.workspace.models import Answer, Case, CaseAssessment, Inspection
from yjinspect.web.workspace.narrative import apply_narrative, narrative_of
from yjinspect.web.workspace.uploads import uploads


def export_results(inspection: Inspection) -> ResultsFile:
    """Accepted per-case answers as the ratings count them, judgements and discretion (the
    evidence the ratings use), and the report's words; for a scored inspection, the results
    file it was rated from. A double-assessed case carries its agreed answers, and leaves out
    a key question whose disagreement is unsettled, as the ratings do
    (`qa.ratings.moderated_answers`; `unsettled_note` says which)."""
    if scored.is_scored(inspection):
        return scored.loaded_results(inspection).results
    cases = []
    accepted = Case.objects.filter(
        inspection=inspection,
        selection=Case.Selection.SAMPLE,
        assessment__status=CaseAssessment.Status.ACCEPTED,
    ).prefetch_related("assessment__answers")
    moderated = moderated_answers(inspection)
    for case in accepted:
        answers = {a.key_question: a.value for a in case.assessment.answers.all() if a.value}
        for question, agreed in moderated.get(case.pk, {}).items():
            if agreed:
                answers[question] = agreed
            else:
                answers.pop(question)
        cases.append(CaseAnswers(id=case.case_ref, disposal=case.stream, answers=answers))
    return ResultsFile(
        framework=inspection.framework_id,
        service=Service(
            name=inspection.service.name,
            area=inspection.service.local_authority,
            type=inspection.service.kind,
        ),
        inspection=InspectionDates(
            fieldwork_start=inspection.fieldwork_start,
            fieldwork_end=inspection.fieldwork_end,
            publication_date=inspection.publication_date,
        ),
        cases=cases,
        judgements={j.standard: j.rating for j in inspection.judgements.exclude(rating="")},
        discretion={
            d.standard: DiscretionRequest(rating=d.rating, reason=d.reason, force=d.force)
            for d in inspection.discretion.all()
        },
        **narrative_of(inspection),
    )


def unsettled_note(inspection: Inspection) -> str:
    """What a results file says of the disagreements it leaves out (empty if none)."""
    if scored.is_scored(inspection):
        return ""
    unsettled = unsettled_disagreements(inspection)
    if not unsettled:
        return ""
    return (
        "Unsettled disagreements between the first and second assessors: the key questions "
        "concerned are left out of these cases' answers, as they are of the ratings, until "
        f"the moderator records the agreed answer: {', '.join(unsettled)}"
    )


def import_results(inspection: Inspection, name: str, content: bytes) -> int:
    """Apply an uploaded results file; raises InputError (naming `name`) and changes nothing.
    Returns the number of case assessments imported (none for a scored inspection, which keeps
    the file itself)."""
    if scored.is_scored(inspection):
        scored.import_scored(inspection, name, content)
        return 0
    with uploads() as save:
        loaded = load_inspection_results(inspection, save(name, content))
    results = loaded.results
    problems = other_framework(inspection, results.framework)
    if results.key_questions:
        problems.append(
            Problem(
                ("key_questions",),
                "aggregated counts cannot become case assessments; give per-case answers",
            )
        )
    sampled = {c.case_ref: c for c in inspection.cases.filter(selection=Case.Selection.SAMPLE)}
    for index, case in enumerate(results.cases):
        if case.id not in sampled:
            problems.append(Problem(("cases", index, "id"), f"'{case.id}' is not a sampled case"))
        elif case.disposal != sampled[case.id].stream:
            problems.append(
                Problem(
                    ("cases", index, "disposal"), f"'{case.id}' is a {sampled[case.id].stream} case"
                )
            )
    if problems:
        raise InputError(name, problems)
    _apply(inspection, loaded.results, sampled, name)
    return len(results.cases)


@transaction.atomic
def _apply(inspection: Inspection, results: ResultsFile, sampled: dict, name: str) -> None:
    reason = f"imported from {name}"
    for case in results.cases:
        assessment, _ = CaseAssessment.objects.get_or_create(case=sampled[case.id])
        for question, value in case.answers.items():
            Answer.objects.update_or_create(
                assessment=assessment, key_question=question, defaults={"value": value}
            )
        assessment.status = CaseAssessment.Status.ACCEPTED
        assessment.version += 1
        assessment._change_reason = reason
        assessment.save()
    stored = {j.standard: j for j in inspection.judgements.all()}
    lead.record_judgements(
        inspection,
        {
            standard: (
                rating,
                stored[standard].evidence_summary if standard in stored else "",
                stored[standard].rationale if standard in stored else "",
            )
            for standard, rating in results.judgements.items()
        },
    )
    for standard, request in results.discretion.items():
        try:
            lead.record_discretion(
                inspection, standard, request.rating, request.reason, request.force
            )
        except lead.Refused as refusal:
            raise InputError(name, [Problem(("discretion", standard), str(refusal))]) from None
    apply_narrative(inspection, results)
