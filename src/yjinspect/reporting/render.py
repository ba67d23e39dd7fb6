"""Lay a built report out as HTML, Markdown or PDF. No decisions about content here."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from yjinspect.reporting.core_case import CoreCaseReport
from yjinspect.reporting.escape import markdown_text
from yjinspect.reporting.inspection import InspectionReport

Report = InspectionReport | CoreCaseReport


def _markdown_value(value: object) -> object:
    """Every value a Markdown template prints is text, unless the template marks it `|safe`."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return markdown_text(value)


@cache
def environment(markdown: bool = False) -> Environment:
    """HTML templates escape every value (MarkupSafe); Markdown templates escape every value as
    Markdown text (`escape.markdown_text`). Only `|safe` output is left as it is."""
    return Environment(
        loader=PackageLoader("yjinspect.reporting", "templates"),
        autoescape=not markdown,
        finalize=_markdown_value if markdown else None,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def stylesheet() -> str:
    return files("yjinspect.reporting").joinpath("templates/report.css").read_text("utf-8")


def _template(report: Report, suffix: str) -> str:
    stem = "core_case" if isinstance(report, CoreCaseReport) else "inspection"
    return f"{stem}.{suffix}.j2"


def render(template: str, **context: Any) -> str:
    markdown = template.endswith(".md.j2")
    return environment(markdown).get_template(template).render(**context)


def report_html(report: Report) -> str:
    """A self-contained page (styles and charts inline) that prints and converts to PDF."""
    return render(
        _template(report, "html"),
        report=report,
        css=stylesheet(),
    )


def report_markdown(report: Report) -> str:
    return render(_template(report, "md"), report=report)


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint, imported only when a PDF is wanted (it loads Pango).

    The report is self-contained (styles and charts inline), so the renderer fetches nothing:
    only `data:` URIs are read, and any other URL (http, file, ...) is refused, whatever the
    report's text says.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",), allow_redirects=False)
    # Tagged, so a screen reader can follow the headings, lists and tables of a public report.
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_tags=True)
