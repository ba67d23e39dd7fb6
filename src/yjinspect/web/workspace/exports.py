"""The workspace's export tables: the core's rating tables plus what only the workspace holds."""

from __future__ import annotations

from django.db.models import QuerySet

from yjinspect.reporting.exports import DataTable, rating_tables
from yjinspect.web.qa.ratings import moderated_answers
from yjinspect.web.workspace.evidence import inspection_rating
from yjinspect.web.workspace.models import Answer, Case, CaseAssessment, Inspection

EXPORT_NAMES = ("ratings", "key_questions", "case_answers", "sample", "findings", "recommendations")
# A report's words: only a kind of work that is published has a report (`inspections.kinds`).
REPORT_WORDS = ("findings", "recommendations")
_CASE_FIELDS = ("case_ref", "stream", "disposal_type", "disposal_date", "gender", "age", "rosh",
                "safety_wellbeing", "selection", "order")  # fmt: skip


# `answer` is the assessor's; `rated_answer` the one the ratings count (blank where they count
# none: an assessment not accepted, a case out of the sample, an unsettled disagreement).
ANSWER_COLUMNS = ("case_ref", "stream", "status", "key_question", "answer", "rated_answer",
                  "moderation", "evidence")  # fmt: skip
_AGREED = "agreed answer of the moderator (the second assessor answered differently)"
_UNSETTLED = "unsettled disagreement with the second assessor: left out of the ratings"


def _answer_rows(answers: QuerySet, inspection: Inspection) -> list[tuple]:
    moderated = moderated_answers(inspection)
    rows = []
    for answer in answers.order_by("assessment__case__order", "key_question"):
        case = answer.assessment.case
        counted = (
            case.selection == Case.Selection.SAMPLE
            and answer.assessment.status == CaseAssessment.Status.ACCEPTED
        )
        rated, note = (answer.value if counted else ""), ""
        if answer.key_question in moderated.get(case.pk, {}):
            rated = moderated[case.pk][answer.key_question]
            note = _AGREED if rated else _UNSETTLED
        rows.append(
            (
                case.case_ref,
                case.stream,
                answer.assessment.status,
                answer.key_question,
                answer.value or None,
                rated or None,
                note or None,
                answer.evidence or None,
            )
        )
    return rows


def export_names(inspection: Inspection) -> tuple[str, ...]:
    """The export tables its kind of work has: a deep-dive audit has no report's words."""
    return tuple(n for n in EXPORT_NAMES if inspection.work.publishes or n not in REPORT_WORDS)


def export_tables(inspection: Inspection) -> list[DataTable]:
    """Every export table of an inspection (`export_names`); case references only, never
    names."""
    answers = Answer.objects.filter(assessment__case__inspection=inspection).select_related(
        "assessment__case"
    )
    cases = inspection.cases.exclude(selection=Case.Selection.REPLACED).order_by(
        "selection", "order"
    )
    tables = [
        *rating_tables(inspection_rating(inspection)),
        DataTable("case_answers", ANSWER_COLUMNS, tuple(_answer_rows(answers, inspection))),
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
    names = export_names(inspection)
    return [table for table in tables if table.name in names]
