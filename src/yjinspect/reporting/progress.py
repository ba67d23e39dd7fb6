"""The improvement plan's progress report laid out as HTML, PDF, Word and Excel. The content is
decided once, in `yjinspect.plans.progress.build_report`; nothing here decides anything."""

from __future__ import annotations

import io
from collections.abc import Sequence

from yjinspect.plans.progress import ProgressReport
from yjinspect.reporting.escape import workbook_row
from yjinspect.reporting.render import html_to_pdf, render

XLSX_COLUMNS = (
    "Recommendation",
    "Addressed to",
    "Action",
    "Responsible",
    "Due",
    "How success will be known",
    "Status",
    "Reason not being done",
    "RAG",
    "Changed since the previous report",
    "Progress updates",
)


def progress_html(report: ProgressReport, trail: Sequence[tuple[str, str]] = ()) -> str:
    """A self-contained page (styles inline) that prints and converts to PDF and Word. `trail`,
    (words, address) pairs, is the breadcrumb trail back when the page is read in the browser
    (left out of the files, and of the page when printed)."""
    return render("plan_progress.html.j2", report=report, trail=trail)


def progress_pdf(report: ProgressReport) -> bytes:
    return html_to_pdf(progress_html(report))


def progress_docx(report: ProgressReport) -> bytes:
    from yjinspect.reporting.word import document_bytes

    return document_bytes(progress_html(report))


def progress_xlsx(report: ProgressReport) -> bytes:
    """One row per action; every row through `escape.workbook_row` (text stays text, the due
    date a date cell)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Progress"
    workbook_row(sheet, [f"{report.title} – {report.service}"])
    workbook_row(sheet, [*report.counts, *report.changed])
    workbook_row(sheet, XLSX_COLUMNS)
    for recommendation in report.recommendations:
        for action in recommendation.actions:
            updates = "\n".join(f"{u.day}: {u.note}" for u in action.new_updates)
            row = [
                recommendation.number,
                recommendation.addressee,
                action.what,
                action.responsible,
                action.due_date,
                action.success,
                action.status,
                action.reason,
                action.rag,
                " ".join(action.changes),
                updates,
            ]
            workbook_row(sheet, row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
