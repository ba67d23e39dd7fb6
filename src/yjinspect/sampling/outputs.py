"""The sample folder: sample.csv, reserve.csv, sample.xlsx and the sampling report.

Text that a spreadsheet would run as a formula is written inert (`escape.spreadsheet_cell`).

Files are written to temporary names and moved into place together, after everything has been
computed, so a failure leaves the folder as it was.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from yjinspect.errors import InputError
from yjinspect.reporting.escape import CSV_LINE_END, csv_text, spreadsheet_cell, workbook_row
from yjinspect.reporting.sampling import sampling_document
from yjinspect.reporting.tables import to_markdown
from yjinspect.sampling.draw import BalanceRow, best_replacement
from yjinspect.sampling.population import read_population
from yjinspect.vocabulary import COLUMNS

SAMPLE, RESERVE, WORKBOOK = "sample.csv", "reserve.csv", "sample.xlsx"
REPORT_JSON, REPORT_MD = "sampling-report.json", "sampling-report.md"
OUTPUTS = (SAMPLE, RESERVE, WORKBOOK, REPORT_JSON, REPORT_MD)


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """The canonical columns the frame has, in their documented order."""
    return frame[[column for column in COLUMNS if column in frame.columns]]


def _text_columns(frame: pd.DataFrame) -> list[str]:
    types = pd.api.types
    return [
        column
        for column, kind in frame.dtypes.items()
        if not (types.is_numeric_dtype(kind) or types.is_datetime64_any_dtype(kind))
    ]


def _inert(frame: pd.DataFrame, kind: Literal["csv", "xlsx"]) -> pd.DataFrame:
    """The frame's text columns as they are written to a spreadsheet; numbers untouched."""
    return frame.assign(
        **{
            column: frame[column].map(lambda v: spreadsheet_cell(v, kind), na_action="ignore")
            for column in _text_columns(frame)
        }
    )


def _read_back(path: Path) -> pd.DataFrame:
    """A sample folder's CSV as it was before `_inert` marked it for a spreadsheet."""
    frame = read_population(path).frame
    return frame.assign(
        **{c: frame[c].map(csv_text, na_action="ignore") for c in _text_columns(frame)}
    )


def _workbook(path: Path, sample: pd.DataFrame, reserve: pd.DataFrame, report: dict) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets: list[tuple[str, list[str], list[list[Any]]]] = []
    for title, frame in (("Sample", sample), ("Reserve", reserve)):
        frame = _inert(canonical(frame), "xlsx")
        rows = []
        for record in frame.itertuples(index=False):
            row = []
            for value in record:
                if isinstance(value, pd.Timestamp):
                    value = value.date()
                elif pd.isna(value):
                    value = None
                elif hasattr(value, "item"):
                    value = value.item()
                row.append(value)
            rows.append(row)
        sheets.append((title, list(frame.columns), rows))
    balance_headers = ["stream", "variable", "value", "population", "target", "achieved"]
    sheets.append(
        ("Balance", balance_headers, [[r[h] for h in balance_headers] for r in report["balance"]])
    )
    sheets.append(
        ("Excluded", ["reason", "count"], [[e["reason"], e["count"]] for e in report["excluded"]])
    )
    book.remove(book.active)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title)
        workbook_row(sheet, headers)
        for row in rows:
            workbook_row(sheet, row)
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column, header in zip(sheet.columns, headers, strict=False):
            if header == "disposal_date":
                for cell in column[1:]:
                    cell.number_format = "yyyy-mm-dd"
    book.save(path)


def write_outputs(
    directory: Path, sample: pd.DataFrame, reserve: pd.DataFrame, report: dict
) -> list[Path]:
    """Write every output of a sample folder, all or nothing."""
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name in OUTPUTS:
            staged.append((directory / f".{name}.partial", directory / name))
        temp = {final.name: part for part, final in staged}
        for name, frame in ((SAMPLE, sample), (RESERVE, reserve)):
            _inert(canonical(frame), "csv").to_csv(
                temp[name], index=False, date_format="%Y-%m-%d", lineterminator=CSV_LINE_END
            )
        _workbook(temp[WORKBOOK], sample, reserve, report)
        temp[REPORT_JSON].write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        temp[REPORT_MD].write_text(to_markdown(sampling_document(report)), encoding="utf-8")
    except BaseException:
        for part, _ in staged:
            part.unlink(missing_ok=True)
        raise
    for part, final in staged:
        os.replace(part, final)
    return [final for _, final in staged]


def existing_outputs(directory: Path) -> list[str]:
    return [name for name in OUTPUTS if (directory / name).exists()]


def replace_case(
    directory: Path, case_ref: str, reason: str, now: datetime | None = None
) -> dict[str, Any]:
    """Swap a sampled case for the reserve case that best keeps the balance; record why."""
    if not reason.strip():
        raise InputError.single(directory, "a reason is required to replace a case")
    missing = [name for name in (SAMPLE, RESERVE, REPORT_JSON) if not (directory / name).exists()]
    if missing:
        raise InputError.single(directory, f"not a sample folder: no {', '.join(missing)}")
    report = json.loads((directory / REPORT_JSON).read_text(encoding="utf-8"))
    sample = _read_back(directory / SAMPLE)
    reserve = _read_back(directory / RESERVE)
    if case_ref not in set(sample["case_ref"]):
        earlier = [r for r in report.get("replacements", []) if r.get("case_ref") == case_ref]
        done = f": it was replaced by {earlier[-1]['replaced_by']}" if earlier else ""
        raise InputError.single(directory / SAMPLE, f"case '{case_ref}' is not in the sample{done}")
    balance = [BalanceRow(**row) for row in report["balance"]]
    position = best_replacement(sample, reserve, case_ref, balance)
    stream = sample.loc[sample["case_ref"] == case_ref, "stream"].iloc[0]
    if position < 0:
        raise InputError.single(
            directory / RESERVE, f"no {stream.replace('_', '-')} case is left on the reserve list"
        )
    incoming = reserve.iloc[[position]]
    at = sample.index[sample["case_ref"] == case_ref][0]
    sample = pd.concat([sample.iloc[:at], incoming, sample.iloc[at + 1 :]], ignore_index=True)
    reserve = reserve.drop(index=reserve.index[position]).reset_index(drop=True)
    record = {
        "case_ref": case_ref,
        "replaced_by": incoming["case_ref"].iloc[0],
        "reason": reason.strip(),
        "at": (now or datetime.now()).isoformat(timespec="seconds"),
    }
    report["replacements"].append(record)
    for row in report["balance"]:
        in_stream = sample[sample["stream"] == row["stream"]]
        row["achieved"] = int((in_stream[row["variable"]].astype(str) == row["value"]).sum())
    report["reserve"][stream] = int((reserve["stream"] == stream).sum())
    write_outputs(directory, sample, reserve, report)
    return record
