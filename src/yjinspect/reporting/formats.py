"""The output formats of reports and press releases, apart from the code that renders them, so
that the CLI can offer them without importing matplotlib, Jinja or WeasyPrint."""

from enum import StrEnum


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


class PressFormat(StrEnum):
    md = "md"
    txt = "txt"
