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


def _inspection_parts(report: InspectionReport) -> list[Part]:
    parts = [Part("foreword", "Foreword"), Part("ratings", "Ratings"),
             Part("overall-findings", "Overall findings"),
             Part("recommendations", "Recommendations"), Part("introduction", "Introduction"),
             Part("context", "Contextual facts")]  # fmt: skip
    for domain in report.domains:
        parts.append(Part(f"domain-{domain.id}", f"{domain.id}. {domain.title}"))
        parts += [Part(f"standard-{s.id}", f"{s.id} {s.title}") for s in domain.standards]
    annexes = [Part("annex-methodology", "Annex 1: Methodology"),
               Part("annex-results", "Annex 2: Inspection results"),
               Part("annex-notes", "Annex 3: Notes on the ratings")]  # fmt: skip
    return [*parts, *annexes]


def _core_case_parts(report: CoreCaseReport) -> list[Part]:
    parts = [Part("foreword", "Foreword"), Part("summary", "Scoring and summary table"),
             Part("recommendations", "Recommendations for improvement")]  # fmt: skip
    for block in report.sections:
        parts.append(Part(f"section-{block.line.id}", f"{block.line.id}. {block.line.title}"))
        parts += [Part(f"criterion-{c.line.id}", f"{c.line.id} {c.line.title}")
                  for c in block.criteria]  # fmt: skip
    return [*parts, *(Part(anchor, heading) for anchor, heading in report.appendices)]


def report_parts(report: Report) -> list[Part]:
    """The sections a comment may be about, in reading order."""
    if isinstance(report, CoreCaseReport):
        return _core_case_parts(report)
    return _inspection_parts(report)


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
