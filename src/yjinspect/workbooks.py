"""Reading the Excel workbooks users give: the right sheet, and never one that can hold the
machine or be misread.

A file named .xlsx may be something else (a web page saved by a reporting tool, an encrypted or
sensitivity-labelled workbook, an old .xls): each is named with what to do. Workbooks are read
row by row (openpyxl's read-only mode) ignoring the size a sheet declares for itself, XML entity
declarations are refused (defusedxml, and a check of each part's prologue), and a workbook that
would expand far beyond its size on disk is refused before it is read.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException

from yjinspect.errors import InputError

_ZIP = b"PK\x03\x04"
_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_ENTITY = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
# What may stand before an XML part's root element: white space, the XML declaration, comments
# and processing instructions. A document type (where entities are declared) comes among them.
_PROLOGUE_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_PROLOGUE_LIMIT = 1 << 20
_ENTITY_MESSAGE = (
    "{part} of this workbook declares XML entities, which spreadsheet programs never write (a way "
    "to exhaust memory): save a fresh copy from Excel"
)
# A zip whose parts expand more than this many times over, to more than the size below, is
# built to exhaust memory or time: real workbooks compress five to twenty times.
_EXPANSION_RATIO = 200
_EXPANSION_FLOOR = 100 << 20


def _what_it_is(head: bytes) -> str | None:
    """Why a file that is not an Excel workbook is not one, with what to do instead."""
    if head.startswith(_OLE2):
        if _ENCRYPTED in head:
            return (
                "this workbook is encrypted (protected by a password or a sensitivity label): "
                "save an unprotected copy and import that"
            )
        return "this is an old-style Excel 97-2003 workbook (.xls): save it as .xlsx"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table")) or b"<html" in text[:1024]:
        return (
            "this is an HTML file (a web page or table saved with an Excel name), not a workbook: "
            "open it in Excel and save it as an Excel workbook (.xlsx), or export CSV"
        )
    if text.startswith(b"<?xml"):
        return "this is an XML file, not an Excel workbook (.xlsx): save it as .xlsx"
    if text.startswith(b"%pdf"):
        return "this is a PDF, not an Excel workbook"
    if not head.startswith(_ZIP):
        return "this is not an Excel workbook (.xlsx): save it from Excel as .xlsx, or export CSV"
    return None


def _check_package(path: Path) -> None:
    """Refuse a zip that is not a workbook, a zip bomb, or XML that declares entities."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
            names = {part.filename for part in parts}
            if "xl/workbook.xml" not in names:
                raise InputError.single(path, "this is a zip archive, not an Excel workbook")
            expanded = sum(part.file_size for part in parts)
            packed = max(sum(part.compress_size for part in parts), 1)
            if expanded > _EXPANSION_FLOOR and expanded > _EXPANSION_RATIO * packed:
                raise InputError.single(
                    path,
                    f"this workbook would expand to {expanded >> 20} MB from {packed >> 10} KB: "
                    "it is not a workbook a spreadsheet program saved",
                )
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    with package.open(part) as handle:
                        if _declares_entities(handle):
                            message = _ENTITY_MESSAGE.format(part=f"part {part.filename}")
                            raise InputError.single(path, message)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise InputError.single(
            path, "this workbook is damaged (an incomplete or corrupt file): save it again"
        ) from None


def _declares_entities(handle: Any) -> bool:
    """Whether the part's prologue (all before its root element, however padded with comments)
    holds a document type or entity declaration; a prologue over 1 MB counts as one."""
    text = b""
    while len(text) <= _PROLOGUE_LIMIT:
        chunk = handle.read(65536)
        text += chunk
        position = 0
        while (item := _PROLOGUE_ITEM.match(text, position)) is not None:
            position = item.end()
        rest = text[position:]
        if _ENTITY.match(rest):
            return True
        if (rest.startswith(b"<") and not rest.startswith((b"<?", b"<!"))) or not chunk:
            return False
    return True


@dataclass(frozen=True)
class SheetRows:
    """The chosen sheet's name and its rows: (row number, cell values), empty rows left out."""

    name: str
    rows: Iterator[tuple[int, tuple[Any, ...]]]


def _choose(book: Any, wanted: str | None, path: Path) -> Any:
    sheets = book.worksheets
    if wanted is not None:
        for sheet in sheets:
            if sheet.title == wanted:
                return sheet
        names = ", ".join(f"'{sheet.title}'" for sheet in sheets)
        raise InputError.single(path, f"no sheet '{wanted}': it has {names}")
    visible = [sheet for sheet in sheets if sheet.sheet_state == "visible"]
    if not visible:
        raise InputError.single(path, "every sheet of this workbook is hidden")
    active = book.active
    return active if active in visible else visible[0]


def _rows(sheet: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
        if any(cell is not None and cell != "" for cell in row):
            yield number, row


@contextmanager
def open_sheet(path: Path, sheet: str | None = None, formulas: bool = False) -> Iterator[SheetRows]:
    """The sheet `sheet` names, else the active sheet if visible, else the first visible one.

    Cell values are those Excel saved (`formulas=True`: a formula's text instead, to tell a
    formula never calculated from an empty cell). Raises `InputError` for anything that is
    not a workbook, or a workbook that cannot be read, naming what it is.
    """
    from openpyxl import load_workbook

    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    reason = _what_it_is(head)
    if reason is not None:
        raise InputError.single(path, reason)
    _check_package(path)
    try:
        book = load_workbook(path, read_only=True, data_only=not formulas)
    except Exception as exc:  # openpyxl raises many kinds for a malformed package
        raise _unreadable(path, exc, "this workbook cannot be read") from None
    try:
        chosen = _choose(book, sheet, path)
        chosen.reset_dimensions()  # never trust the size a sheet declares for itself
        yield SheetRows(chosen.title, _guarded(_rows(chosen), path, chosen.title))
    finally:
        book.close()


def _guarded(rows: Iterator[tuple[int, tuple[Any, ...]]], path: Path, name: str) -> Iterator:
    try:
        yield from rows
    except Exception as exc:  # a malformed sheet fails only when its rows are read
        raise _unreadable(path, exc, f"sheet '{name}' cannot be read") from None


def _unreadable(path: Path, exc: BaseException, what: str) -> InputError:
    """What went wrong reading a workbook; XML entity tricks (refused by defusedxml, however
    deep openpyxl wraps the refusal) are named as such."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return InputError.single(path, _ENTITY_MESSAGE.format(part="an XML part"))
        cause = cause.__cause__ or cause.__context__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError.single(path, f"{what} ({text[:160]}): save the workbook again")


def is_formula(value: Any) -> bool:
    """Whether a cell read with `formulas=True` holds a formula."""
    return (isinstance(value, str) and value.startswith("=")) or type(value).__name__ in (
        "ArrayFormula",
        "DataTableFormula",
    )
