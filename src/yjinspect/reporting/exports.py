"""Data exports: the same tables as CSV, as one XLSX workbook (a sheet each, typed cells,
frozen headers) and as JSON. Built from core objects, so any front end exports the same."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from yjinspect.ratings.engine import InspectionRating
from yjinspect.reporting.escape import CSV_LINE_END, spreadsheet_cell, workbook_row


@dataclass(frozen=True)
class DataTable:
    """A named table of typed values (numbers stay numbers, dates stay dates)."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


STANDARD_COLUMNS = (
    "standard",
    "title",
    "domain",
    "rating",
    "points",
    "counted",
    "evidence_rating",
    "discretion_reason",
    "discretion_forced",
)
QUESTION_COLUMNS = (
    "standard",
    "key_question",
    "percent",
    "yes",
    "no",
    "not_applicable",
    "ci_low",
    "ci_high",
    "band",
    "deciding",
)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def rating_tables(rating: InspectionRating) -> list[DataTable]:
    """Standards (with discretion) and key question results of a rated inspection."""
    standards = []
    questions = []
    for s in rating.standards:
        record = s.discretion
        standards.append(
            (s.id, s.standard.title, s.domain.id, s.rating, s.points, s.standard.counted,
             s.evidence_rating, record.reason if record else None,
             record.forced if record else None)
        )  # fmt: skip
        for kq in s.key_questions:
            low, high = kq.interval or (None, None)
            questions.append(
                (s.id, kq.id, kq.tally.percent, kq.tally.yes, kq.tally.no,
                 kq.tally.not_applicable, _round(low), _round(high), kq.band,
                 s.deciding is kq)
            )  # fmt: skip
    overall = rating.overall
    standards.append(("overall", "Overall", None, overall.rating, overall.score) + (None,) * 4)
    return [
        DataTable("ratings", STANDARD_COLUMNS, tuple(standards)),
        DataTable("key_questions", QUESTION_COLUMNS, tuple(questions)),
    ]


def to_csv(table: DataTable) -> str:
    """Text that would start a formula is written inert (`escape.spreadsheet_cell`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=CSV_LINE_END)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(
            "" if value is None else value.isoformat() if isinstance(value, date) else value
            for value in (spreadsheet_cell(cell, "csv") for cell in row)
        )
    return out.getvalue()


def to_json(tables: Sequence[DataTable]) -> str:
    return json.dumps(
        {table.name: table.records() for table in tables},
        indent=2,
        ensure_ascii=False,
        default=lambda value: value.isoformat() if isinstance(value, date) else str(value),
    )


def to_xlsx(tables: Sequence[DataTable]) -> bytes:
    """Typed cells: text is a string cell, never a formula (`escape.workbook_row`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        workbook_row(sheet, table.columns)
        for row in table.rows:
            workbook_row(sheet, row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
