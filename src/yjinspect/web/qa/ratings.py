"""The one way a second assessment changes the ratings: only agreed answers count.

Used by `workspace.evidence.agreed_answer_counts` and by the results file and exports
(`workspace.interchange`, `workspace.exports`); it reads only models, so the evidence module
can import it without importing the answering machinery.
"""

from __future__ import annotations

from collections import Counter, defaultdict
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


def moderated_answers(inspection: Inspection) -> dict[int, dict[str, str]]:
    """Case id -> key question -> the answer the ratings count instead of the first assessor's,
    for every accepted first answer the second assessor answered differently: the agreed answer
    that settles these two answers (`AgreedAnswer.settles`), or "" while the disagreement is
    unsettled (it then counts for neither answer). Double-assessed cases only."""
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
    agreed = {(a.case_id, a.key_question): a for a in AgreedAnswer.objects.filter(case__in=cases)}
    moderated: dict[int, dict[str, str]] = defaultdict(dict)
    for case, kq, value in first:
        other = second.get((case, kq), "")
        if not value or other == value:
            continue
        decision = agreed.get((case, kq))
        moderated[case][kq] = decision.value if decision and decision.settles(value, other) else ""
    return moderated


def rating_changes(inspection: Inspection) -> tuple[Counter, list[str]]:
    """How the agreed answers change the accepted first answers' counts, and the cases that
    hold an unsettled disagreement (by reference).

    Returns `(changes, unsettled)`: changes maps (key question, answer) to the number to add
    (negative to take away). Where the two answers differ, the first's is taken away and the
    agreed one added once settled (`moderated_answers`).
    """
    moderated = moderated_answers(inspection)
    first = {
        (case, kq): value
        for case, kq, value in Answer.objects.filter(
            assessment__case_id__in=list(moderated)
        ).values_list("assessment__case_id", "key_question", "value")
    }
    changes: Counter = Counter()
    unsettled: set[int] = set()
    for case, answers in moderated.items():
        for kq, agreed in answers.items():
            changes[(kq, first[(case, kq)])] -= 1
            if agreed:
                changes[(kq, agreed)] += 1
            else:
                unsettled.add(case)
    references = Case.objects.filter(pk__in=unsettled).order_by("order", "case_ref")
    return changes, list(references.values_list("case_ref", flat=True))
