"""The one way a second assessment changes the ratings: only agreed answers count.

Used by `workspace.evidence.agreed_answer_counts`; it reads only models, so the evidence module
can import it without importing the answering machinery.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from yjinspect.web.qa.models import AgreedAnswer, SecondAnswer, SecondAssessment
from yjinspect.web.workspace.models import Answer, Case, CaseAssessment, Inspection


def _double_assessed(inspection: Inspection) -> Any:
    """Sampled cases whose first assessment is accepted and second submitted: those whose
    agreed answers replace the first assessor's in the ratings."""
    return Case.objects.filter(
        inspection=inspection,
        selection=Case.Selection.SAMPLE,
        assessment__status=CaseAssessment.Status.ACCEPTED,
        second_assessment__status=SecondAssessment.Status.SUBMITTED,
    )


def rating_changes(inspection: Inspection) -> tuple[Counter, list[str]]:
    """How the agreed answers change the accepted first answers' counts, and the cases that
    hold an unsettled disagreement (by reference).

    Returns `(changes, unsettled)`: changes maps (key question, answer) to the number to add
    (negative to take away). Where the two answers differ, the first's is taken away and the
    agreed one added once settled; an unsettled disagreement counts for neither answer.
    """
    cases = _double_assessed(inspection)
    first = Answer.objects.filter(assessment__case__in=cases).values_list(
        "assessment__case_id", "key_question", "value"
    )
    second = {
        (case, kq): value
        for case, kq, value in SecondAnswer.objects.filter(assessment__case__in=cases).values_list(
            "assessment__case_id", "key_question", "value"
        )
    }
    agreed = {
        (case, kq): value
        for case, kq, value in AgreedAnswer.objects.filter(case__in=cases).values_list(
            "case_id", "key_question", "value"
        )
    }
    changes: Counter = Counter()
    unsettled: set[int] = set()
    for case, kq, value in first:
        other = second.get((case, kq), "")
        if not value or other == value:
            continue
        changes[(kq, value)] -= 1
        if (case, kq) in agreed:
            changes[(kq, agreed[(case, kq)])] += 1
        else:
            unsettled.add(case)
    references = Case.objects.filter(pk__in=unsettled).order_by("order", "case_ref")
    return changes, list(references.values_list("case_ref", flat=True))
