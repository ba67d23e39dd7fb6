"""The workspace's double-assessed cases as the core's `DoubleAssessment`s: nothing computed
here, only read (the statistics are `agreement.quality`'s)."""

from __future__ import annotations

from collections import defaultdict

from yjinspect.agreement.quality import DoubleAssessment, QualityAssurance, quality_assurance
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
    moderated: dict[int, dict[str, str]] = defaultdict(dict)
    for model, into, link in (
        (Answer, first, "assessment__case_id"),
        (SecondAnswer, second, "assessment__case_id"),
        (AgreedAnswer, moderated, "case_id"),
    ):
        rows = model.objects.filter(**{f"{link}__in": [c.pk for c in cases]}).exclude(value="")
        for case_id, question, value in rows.values_list(link, "key_question", "value"):
            into[case_id][question] = value
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
        )
        for case in cases
    ]


def inspection_quality(inspection: Inspection) -> QualityAssurance:
    return quality_assurance(framework_of(inspection), double_assessments(inspection))
