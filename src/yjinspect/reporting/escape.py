"""User text made inert in each place an output puts it: one function per context.

HTML text and attributes are escaped by Jinja2's autoescaping (MarkupSafe); this module holds
the contexts no library covers for us: Markdown, plain text and spreadsheet cells. No user text
is ever placed in CSS: the PDF's running header is taken from the cover's title element.
Each keeps the words as written: the reader sees the text, never markup made from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Literal

from yjinspect.errors import without_control_characters

_LINE_BREAK = re.compile(r"\r\n|[\r\n\f\v\x85\u2028\u2029]")
_MARKDOWN_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# An underscore inside a word (disposal_type) makes no emphasis, so it is left as it is.
_MARKDOWN_PUNCTUATION = re.compile(r"[\\`*\[\]|~&<>]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# What starts a heading, list or rule at the beginning of a line: "# ", "- ", "+ ", "---", "1. "
# What GitHub-style viewers turn into a link by itself (GFM's autolink extension and linkify):
# `scheme://`, a dangerous scheme with no slashes, and `www.`. A backslash before the colon or
# dot breaks the match and renders as nothing.
_BARE_LINK = re.compile(
    r"(?i)\b(?:[a-z][a-z0-9+.-]{0,31}(?=://)|(?:javascript|vbscript|data|file|mailto)(?=:)|www(?=\.))"
)
_BLOCK_START = re.compile(r"^(?:[#+=-](?=[#=-]*(?:\s|$))|\d{1,9}(?=[.)](?:\s|$)))")


def _markdown_character(match: re.Match[str]) -> str:
    found = match.group()
    return _MARKDOWN_ENTITIES.get(found, "\\" + found)


def markdown_text(text: str) -> str:
    """Text shown as written in Markdown, on one line (a paragraph, list item or table cell).

    HTML's `&`, `<` and `>` become entities, so no tag or autolink (`<javascript:...>`) forms;
    the punctuation that makes links, emphasis, code and table cells is backslash-escaped, so
    `[x](javascript:...)` stays text; a leading `#`, `-`, `+`, `=` or `1.` starts no heading or
    list or code block; a bare `http://`, `www.` or `javascript:` is not linked by viewers that
    link URLs in text (GitHub's). Line breaks become spaces (inside a paragraph Markdown reads
    them so).
    """
    one_line = without_control_characters(_LINE_BREAK.sub(" ", text)).strip()
    escaped = _MARKDOWN_PUNCTUATION.sub(_markdown_character, one_line)
    escaped = _BARE_LINK.sub(lambda found: found.group() + "\\", escaped)
    start = _BLOCK_START.match(escaped)
    if start is None:
        return escaped
    marker, rest = start.group(), escaped[start.end() :]
    if marker.isdigit():  # "1." or "1)" would start an ordered list: escape what follows
        return f"{marker}\\{rest}"
    return f"\\{marker}{rest}"


def plain_text(text: str) -> str:
    """Text for a plain-text file: control characters (terminal escape sequences) removed.

    Plain text has no markup: `<b>` or `javascript:` are characters a reader sees, and the
    file is served as text/plain, so nothing else needs escaping.
    """
    return without_control_characters(text)


# What a worksheet cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE): C0 controls but \t \n \r.
_UNSHEETABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A CSV cell starting with an apostrophe was marked by `spreadsheet_cell`: one is added to text
# that starts with one already, so `=R125` and `'=R125` are written differently.
_CSV_MARKED = (*FORMULA_STARTS, "'")
# RFC 4180's line end: Python's csv module quotes a field holding a CR or LF only when that
# character is in the line terminator, so "\n" alone would leave a bare CR splitting a row.
CSV_LINE_END = "\r\n"


def spreadsheet_cell(value: Any, kind: Literal["csv", "xlsx"]) -> Any:
    """A value for a CSV or XLSX cell; numbers, dates, booleans and None are unchanged.

    CSV has no cell types, so text a spreadsheet would run as a formula is prefixed with an
    apostrophe (the OWASP advice), and so is text that already starts with one: the mark is
    unambiguous and `csv_text` takes it off. An XLSX cell is typed: text is written as a string
    cell (`workbook_row`), never a formula, so it needs no mark and is kept as typed.

    Control characters but tab, line feed and carriage return are dropped: a workbook cannot
    hold them (openpyxl refuses the whole sheet), and pasted text can carry them. Every CSV and
    XLSX writer in yjinspect passes each cell through this.
    """
    if not isinstance(value, str):
        return value
    if _UNSHEETABLE.search(value):
        value = _UNSHEETABLE.sub("", value)
    if kind == "csv" and value.startswith(_CSV_MARKED):
        return "'" + value
    return value


def csv_text(cell: str) -> str:
    """The text a CSV cell written by `spreadsheet_cell` holds: its mark taken off."""
    return cell[1:] if cell.startswith("'") else cell


# How a date cell reads in a workbook, as dates read on the pages ("6 December 2018").
DATE_FORMAT = "d mmmm yyyy"
DATE_TIME_FORMAT = "d mmmm yyyy hh:mm"


def workbook_row(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet, every text as a string cell (openpyxl would
    otherwise store `=...` as a formula and `#N/A` as an error value) and every date as a date
    cell that reads as a date, so a spreadsheet sorts and filters it as one."""
    sheet.append([spreadsheet_cell(value, "xlsx") for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
        elif isinstance(cell.value, datetime):
            cell.number_format = DATE_TIME_FORMAT
        elif isinstance(cell.value, date):
            cell.number_format = DATE_FORMAT
