"""One entry point for reports: from a rating and its results file to HTML, Markdown, PDF or
Word.

The CLI and the workspace both come through here, so a report looks the same from either.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from yjinspect.errors import InputError
from yjinspect.frameworks.schema import Framework, ScoredFramework
from yjinspect.ratings.engine import Rating, ScoredInspection, rate
from yjinspect.reporting.comparison import PublishedScores, read_published_scores, scores_of
from yjinspect.reporting.core_case import build_core_case_report
from yjinspect.reporting.formats import ReportFormat
from yjinspect.reporting.inspection import build_report
from yjinspect.reporting.render import Report, html_to_pdf, report_html, report_markdown
from yjinspect.reporting.word import document_bytes
from yjinspect.results import load_results
from yjinspect.results.schema import ResultsFile

MEDIA_TYPES = {
    ReportFormat.html: "text/html; charset=utf-8",
    ReportFormat.pdf: "application/pdf",
    ReportFormat.md: "text/markdown; charset=utf-8",
    ReportFormat.docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def comparisons_from(paths: Iterable[Path], framework: Framework) -> list[PublishedScores]:
    """Published scores from CSV files, and other inspections' results files, to compare with."""
    found: list[PublishedScores] = []
    for path in paths:
        if not isinstance(framework, ScoredFramework):
            raise InputError.single(path, "comparisons are for scored (Core Case) frameworks only")
        if path.suffix.lower() == ".csv":
            found += read_published_scores(path, framework)
            continue
        other = rate(load_results(path))
        if not isinstance(other, ScoredInspection) or other.framework.id != framework.id:
            raise InputError.single(path, f"is not an inspection under {framework.id}")
        found.append(scores_of(other))
    return found


def build(
    rating: Rating, results: ResultsFile, comparisons: Iterable[PublishedScores] = ()
) -> Report:
    """The report's content for either kind of framework."""
    if isinstance(rating, ScoredInspection):
        return build_core_case_report(rating, results, comparisons)
    return build_report(rating, results)


def render_report(report: Report, output: ReportFormat) -> bytes:
    """The report as the bytes of a file in the chosen format."""
    if output is ReportFormat.md:
        return report_markdown(report).encode("utf-8")
    html = report_html(report)
    if output is ReportFormat.docx:
        return document_bytes(html)
    return html_to_pdf(html) if output is ReportFormat.pdf else html.encode("utf-8")
