"""The one place the national package reads a CSV: a header and rows with their line numbers.

Kept to one small function so that it can be switched to the project's shared reader.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from yjinspect.errors import InputError

Row = tuple[int, list[str]]


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """The header (stripped) and each non-blank row with the line it ends on.

    Raises `InputError` for a file that cannot be read, is not UTF-8, is not CSV or is empty.
    """
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError.single(path, f"cannot be read: {exc}") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        header = [name.strip() for name in next(reader, [])]
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((reader.line_num, [cell.strip() for cell in cells]))
    except csv.Error as exc:
        raise InputError.single(path, f"is not valid CSV: {exc}", line=reader.line_num) from None
    if not header:
        raise InputError.single(path, "is empty: expected a header row", line=1)
    return header, rows
