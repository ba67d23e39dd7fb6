"""The workspace's export tables: the core's rating tables plus what only the workspace holds."""

from __future__ import annotations

from django.db.models import QuerySet

from yjinspect.reporting.exports import DataTable, rating_tables
from yjinspect.web.workspace.evidence import inspection_rating
from yjinspect.web.workspace.models import Answer, Case, Inspection

EXPORT_NAMES = ("ratings", "key_questions", "case_answers", "sample", "findings", "recommendations")
_CASE_FIELDS = ("case_ref", "stream", "disposal_type", "disposal_date", "gender", "age", "rosh",
                "safety_wellbeing", "selection", "order")  # fmt: skip


ANSWER_COLUMNS = ("case_ref", "stream", "status", "key_question", "answer", "evidence")


def _answer_rows(answers: QuerySet) -> list[tuple]:
    rows = []
    for answer in answers.order_by("assessment__case__order", "key_question"):
        case = answer.assessment.case
        rows.append(
            (
                case.case_ref,
                case.stream,
                answer.assessment.status,
                answer.key_question,
                answer.value or None,
                answer.evidence or None,
            )
        )
    return rows


def export_tables(inspection: Inspection) -> list[DataTable]:
    """Every export table of an inspection; case references only, never names."""
    answers = Answer.objects.filter(assessment__case__inspection=inspection).select_related(
        "assessment__case"
    )
    cases = inspection.cases.exclude(selection=Case.Selection.REPLACED).order_by(
        "selection", "order"
    )
    return [
        *rating_tables(inspection_rating(inspection)),
        DataTable("case_answers", ANSWER_COLUMNS, tuple(_answer_rows(answers))),
        DataTable(
            "sample",
            _CASE_FIELDS,
            tuple(tuple(getattr(case, field) for field in _CASE_FIELDS) for case in cases),
        ),
        DataTable(
            "findings",
            ("where", "kind", "text"),
            tuple((f.standard, f.kind, f.text) for f in inspection.findings.all()),
        ),
        DataTable(
            "recommendations",
            ("number", "addressee", "text"),
            tuple(
                (number, r.addressee, r.text)
                for number, r in enumerate(inspection.recommendations.all(), 1)
            ),
        ),
    ]
