"""The progress report: the plan at a date, and exactly what changed since the previous one."""

import io
from datetime import date

from docx import Document
from openpyxl import load_workbook

from yjinspect.plans.progress import (
    ActionFacts,
    PlanFacts,
    RecommendationFacts,
    UpdateFacts,
    build_report,
    snapshot,
)
from yjinspect.plans.rag import Status
from yjinspect.reporting.progress import progress_docx, progress_html, progress_xlsx


def plan(status=Status.IN_PROGRESS, updates=(), extra=()):
    first = ActionFacts(
        1, "Agree the diversion scheme", "Head of service", date(2019, 6, 1),
        "The scheme is signed", status, date(2019, 1, 2), updates=tuple(updates),
    )  # fmt: skip
    overdue = ActionFacts(
        2, "=HYPERLINK(\"http://x\")", "Education team", date(2019, 3, 1), "Attendance up",
        Status.NOT_STARTED, date(2019, 1, 2),
    )  # fmt: skip
    return PlanFacts(
        service="Essex YOS",
        inspection="October 2018",
        published=date(2018, 12, 6),
        plan_due=date(2019, 1, 3),
        recommendations=(
            RecommendationFacts(10, "Essex YOS", "divert children", (first, *extra)),
            RecommendationFacts(11, "The board", "ensure education", (overdue,)),
        ),
    )


def test_the_snapshot_is_the_plan_at_its_date():
    late = UpdateFacts(7, date(2019, 5, 1), "later")
    taken = snapshot(
        plan(updates=[UpdateFacts(6, date(2019, 2, 1), "met"), late]), date(2019, 4, 1)
    )
    first, overdue = (r["actions"][0] for r in taken["recommendations"])
    assert [u["id"] for u in first["updates"]] == [6]  # the May update is after the date
    assert overdue["rag"] == "red" and first["rag"] == "green"


def test_the_first_report_says_so_and_lists_every_update():
    report = build_report(snapshot(plan(updates=[UpdateFacts(6, date(2019, 2, 1), "met")]),
                                   date(2019, 4, 1)), None)  # fmt: skip
    assert report.changed == ["This is the first progress report on this plan."]
    assert report.overall == "Red"
    assert report.counts == ["1 action red", "1 action green"]
    assert [u.note for u in report.recommendations[0].actions[0].new_updates] == ["met"]


def test_changes_since_the_previous_report_are_exact():
    earlier = snapshot(plan(updates=[UpdateFacts(6, date(2019, 2, 1), "met")]), date(2019, 4, 1))
    added = ActionFacts(3, "Train staff", "Training lead", date(2020, 1, 1), "All trained",
                        Status.NOT_STARTED, date(2019, 5, 1))  # fmt: skip
    later = snapshot(
        plan(
            Status.COMPLETE,
            [UpdateFacts(6, date(2019, 2, 1), "met"), UpdateFacts(8, date(2019, 8, 1), "signed")],
            [added],
        ),
        date(2019, 9, 1),
    )
    report = build_report(later, earlier)
    first, new = report.recommendations[0].actions
    assert first.changes == ["Status changed from in progress to complete."]
    assert [u.note for u in first.new_updates] == ["signed"]  # not "met": reported before
    assert new.changes == ["New since the previous report."]
    assert report.changed == [
        "1 new action, 1 action with a new status and 1 progress update since 1 April 2019."
    ]
    assert report.previous_as_of == "1 April 2019"


def test_every_format_carries_the_words_and_no_formula():
    report = build_report(snapshot(plan(), date(2019, 4, 1)), None)
    html = progress_html(report)
    assert "Agree the diversion scheme" in html and "Red" in html
    assert "<script>" not in progress_html(
        build_report(snapshot(plan(extra=[ActionFacts(
            4, "<script>x</script>", "Team", date(2019, 6, 1), "Done", Status.NOT_STARTED,
            date(2019, 1, 2))]), date(2019, 4, 1)), None)
    )  # fmt: skip
    sheet = load_workbook(io.BytesIO(progress_xlsx(report))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    texts = [cell.value for cell in cells]
    assert '=HYPERLINK("http://x")' in texts and "Agree the diversion scheme" in texts
    assert all(cell.data_type == "s" for cell in cells)  # text as typed, never a formula
    due = next(row[4] for row in sheet.iter_rows(min_row=4) if row[2].value.startswith("Agree"))
    assert due.is_date and due.value.date() == date(2019, 6, 1)  # a date cell, not text
    assert due.number_format == "d mmmm yyyy"
    words = "\n".join(p.text for p in Document(io.BytesIO(progress_docx(report))).paragraphs)
    assert "Recommendation 1" in words and "first progress report" in words
