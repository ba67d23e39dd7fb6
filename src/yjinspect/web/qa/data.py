"""The workspace's double-assessed cases as the core's `DoubleAssessment`s: nothing computed
here, only read (the statistics are `agreement.quality`'s)."""

from __future__ import annotations

from collections import defaultdict

from django.utils.timezone import localdate

from yjinspect.agreement.quality import (
    DoubleAssessment,
    Moderated,
    QualityAssurance,
    Views,
    quality_assurance,
)
from yjinspect.reporting.words import long_date
from yjinspect.web.qa.allocation import DONE_FIRST
from yjinspect.web.qa.models import AgreedAnswer, SecondAnswer, SecondAssessment
from yjinspect.web.workspace.evidence import framework_of
from yjinspect.web.workspace.models import Answer, Case, Inspection


def double_assessments(inspection: Inspection) -> list[DoubleAssessment]:
    """Sampled cases both assessors have submitted (blindness over), in sample order."""
    cases = list(
        Case.objects.filter(
            inspection=inspection,
            selection=Case.Selection.SAMPLE,
            assessment__status__in=DONE_FIRST,
            second_assessment__status=SecondAssessment.Status.SUBMITTED,
        )
        .select_related("allocated_to", "second_assessment__assessor")
        .order_by("order", "case_ref")
    )
    first: dict[int, dict[str, str]] = defaultdict(dict)
    second: dict[int, dict[str, str]] = defaultdict(dict)
    for model, into in ((Answer, first), (SecondAnswer, second)):
        rows = model.objects.filter(assessment__case_id__in=[c.pk for c in cases]).exclude(value="")
        for case_id, question, value in rows.values_list(
            "assessment__case_id", "key_question", "value"
        ):
            into[case_id][question] = value
    settled = _settled(cases, first, second)
    moderated: dict[int, dict[str, str]] = defaultdict(dict)
    for case_id, decisions in settled.items():
        for decision in decisions:
            moderated[case_id][decision.key_question] = decision.agreed
    return [
        DoubleAssessment(
            case.case_ref,
            str(case.allocated_to),
            str(case.second_assessment.assessor),
            first[case.pk],
            second[case.pk],
            {
                kq: value if second[case.pk].get(kq) == value else moderated[case.pk][kq]
                for kq, value in first[case.pk].items()
                if second[case.pk].get(kq) == value or kq in moderated[case.pk]
            },
            tuple(settled[case.pk]),
            tuple(
                Views(
                    words,
                    getattr(case.second_assessment, f"{who}_reached"),
                    getattr(case.second_assessment, f"{who}_views"),
                )
                for who, words in (("child", "The child"), ("carer", "The parent or carer"))
            ),
        )
        for case in cases
    ]


def _settled(
    cases: list[Case], first: dict[int, dict[str, str]], second: dict[int, dict[str, str]]
) -> dict[int, list[Moderated]]:
    """Each case's agreed answers that settle its disagreements as they stand
    (`AgreedAnswer.settles`), with who recorded them and when (their latest history record)."""
    found: dict[int, list[Moderated]] = defaultdict(list)
    agreed = AgreedAnswer.objects.filter(case__in=cases).order_by("pk")
    for answer in agreed:
        one, two = (
            first[answer.case_id].get(answer.key_question, ""),
            second[answer.case_id].get(answer.key_question, ""),
        )
        if one == two or not answer.settles(one, two):  # answers changed since: history
            continue
        record = answer.history.select_related("history_user").first()
        found[answer.case_id].append(
            Moderated(
                answer.key_question,
                one,
                two,
                answer.value,
                answer.reason,
                str(record.history_user or "unknown"),
                localdate(record.history_date),
            )
        )
    return found


def second_assessment_counts(inspection: Inspection) -> dict[str, int]:
    """For the task list: cases marked for a second assessment, second assessments submitted,
    and cases both assessors have submitted."""
    marked = SecondAssessment.objects.filter(case__inspection=inspection)
    submitted = marked.filter(status=SecondAssessment.Status.SUBMITTED)
    return {
        "second_marked": marked.count(),
        "second_submitted": submitted.count(),
        "double_assessed": submitted.filter(
            case__selection=Case.Selection.SAMPLE, case__assessment__status__in=DONE_FIRST
        ).count(),
    }


def inspection_quality(inspection: Inspection) -> QualityAssurance:
    return quality_assurance(
        framework_of(inspection), double_assessments(inspection), _subject(inspection)
    )


def _subject(inspection: Inspection) -> str:
    """ "Demo Youth Justice Service: fieldwork 3 March 2025 to 14 March 2025, published 2 May
    2025." (the dates held, in its kind's words: "the audit runs 3 March 2025 to ...")."""
    said = f"{inspection.name}: " + inspection.work.runs(
        inspection.fieldwork_start, inspection.fieldwork_end
    )
    if inspection.publication_date:
        said += f", published {long_date(inspection.publication_date)}"
    return said + "."
