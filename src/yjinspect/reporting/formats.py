"""The output formats of reports and press releases, apart from the code that renders them, so
that the CLI can offer them without importing matplotlib, Jinja or WeasyPrint."""

from enum import StrEnum


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"
    docx = "docx"

    @property
    def binary(self) -> bool:
        """Not for a terminal: written next to the input file when no output is named."""
        return self in {ReportFormat.pdf, ReportFormat.docx}


class PressFormat(StrEnum):
    md = "md"
    txt = "txt"


class NationalFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"
    docx = "docx"
    xlsx = "xlsx"

    @property
    def binary(self) -> bool:
        """Not for a terminal: written only to a named file."""
        return self in {NationalFormat.pdf, NationalFormat.docx, NationalFormat.xlsx}
