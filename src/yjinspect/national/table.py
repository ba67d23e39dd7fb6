"""The national package's view of a CSV: a header and rows with their line numbers.

Read like every CSV the project reads (`files.read_csv`: encodings, delimiters, title rows, each
unreadable line named), so a published-results file exported from Excel reads as well as a
population export does.
"""

from __future__ import annotations

from pathlib import Path

from yjinspect.files import read_csv

Row = tuple[int, list[str]]


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """The header and each non-blank row (cells stripped) with the line it starts on.

    Raises `InputError` for a file that cannot be read as CSV, naming each line at fault.
    """
    table = read_csv(path)
    rows = [
        (line, [cell.strip() for cell in record])
        for record, line in zip(table.records, table.lines, strict=True)
    ]
    return table.header, rows
