"""The factual accuracy check: the parts of a draft report a service may comment on, and the
log of its comments and the lead's answers as an export table.

Each part is a section of the report as laid out (its anchor in the HTML report, and its
heading), so a comment points at the place the service read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from yjinspect.reporting.core_case import CoreCaseReport
from yjinspect.reporting.exports import DataTable
from yjinspect.reporting.inspection import InspectionReport

Report = InspectionReport | CoreCaseReport


@dataclass(frozen=True)
class Part:
    anchor: str  # the section's id in the HTML report
    title: str


def _with_sections(
    chapters: tuple[tuple[str, str], ...], within: dict[str, list[Part]]
) -> list[Part]:
    """Each chapter of the contents, followed by the sections it holds."""
    return [part for anchor, heading in chapters
            for part in (Part(anchor, heading), *within.get(anchor, []))]  # fmt: skip


def report_parts(report: Report) -> list[Part]:
    """The sections a comment may be about, in reading order."""
    if isinstance(report, CoreCaseReport):
        within = {f"section-{block.line.id}": [Part(f"criterion-{c.line.id}",
                  f"{c.line.id} {c.line.title}") for c in block.criteria]
                  for block in report.sections}  # fmt: skip
    else:
        within = {f"domain-{d.id}": [Part(f"standard-{s.id}", f"{s.id} {s.title}")
                  for s in d.standards] for d in report.domains}  # fmt: skip
    return _with_sections(report.contents, within)


@dataclass(frozen=True)
class LoggedComment:
    """One comment and its answer, as the log shows it. `accepted` is None until answered."""

    number: int
    part: str  # the section's heading
    paragraph: int | None
    comment: str
    author: str
    made: datetime
    accepted: bool | None
    response: str  # the change made, or why not
    answered_by: str
    answered: datetime | None


LOG_COLUMNS = ("number", "section", "paragraph", "comment", "from", "made", "answer",
               "change made or reason", "answered by", "answered")  # fmt: skip


def answer_words(accepted: bool | None) -> str:
    if accepted is None:
        return "Not yet answered"
    return "Accepted" if accepted else "Not accepted"


def comment_log(comments: Sequence[LoggedComment]) -> DataTable:
    """The log as one table for CSV, XLSX and JSON (cells made inert by `exports`). Times are
    ISO 8601 to the minute, in the time zone they are given in."""
    rows = tuple(
        (c.number, c.part, c.paragraph, c.comment, c.author, c.made.isoformat(timespec="minutes"),
         answer_words(c.accepted), c.response or None, c.answered_by or None,
         c.answered.isoformat(timespec="minutes") if c.answered else None)
        for c in comments
    )  # fmt: skip
    return DataTable("factual_accuracy_comments", LOG_COLUMNS, rows)
