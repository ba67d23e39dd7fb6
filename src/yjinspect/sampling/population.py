"""Import an eligible case population from a CSV or Excel export, all or nothing.

Every row is checked before anything is used. Coded columns are checked on their distinct
values and dates parsed once per distinct date, so a million-row export costs a few passes of
vectorised work rather than a Python loop per row.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from yjinspect.errors import InputError
from yjinspect.sampling.profile import DEFAULT_PROFILE, MappingProfile
from yjinspect.sampling.references import repeated
from yjinspect.vocabulary import (
    AGE_RANGE,
    CODES,
    COLUMNS,
    DISPOSAL_TYPES,
    REQUIRED_COLUMNS,
    column_key,
    is_identifying,
)

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_SNIFF_BYTES = 1 << 16
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SHOWN_PER_GROUP = 20
FREE_TEXT = ("team", "ethnicity")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BadValue:
    row: int
    column: str
    value: str
    reason: str


class PopulationRejected(InputError):
    """The population file cannot be used: every bad value, grouped by column and reason."""

    def __init__(
        self, file: Path, bad: Sequence[BadValue] = (), file_problems: Sequence[str] = ()
    ) -> None:
        self.bad = list(bad)
        self.file_problems = list(file_problems)
        super().__init__(file, [])

    def groups(self) -> dict[tuple[str, str], list[BadValue]]:
        grouped: dict[tuple[str, str], list[BadValue]] = defaultdict(list)
        for value in self.bad:
            grouped[(value.column, value.reason)].append(value)
        return dict(grouped)

    def describe(self) -> str:
        lines = [f"{self.file}: {problem}" for problem in self.file_problems]
        if self.bad:
            rows = len({value.row for value in self.bad})
            lines.append(f"{self.file}: {len(self.bad)} bad values in {rows} rows, nothing used:")
            for (column, reason), values in self.groups().items():
                shown = ", ".join(f"row {v.row} {v.value!r}" for v in values[:SHOWN_PER_GROUP])
                more = len(values) - SHOWN_PER_GROUP
                tail = f", and {more} more" if more > 0 else ""
                lines.append(f"  {column}: {reason} ({len(values)}): {shown}{tail}")
        return "\n".join(lines)


@dataclass(frozen=True)
class SourceInfo:
    """What the importer understood of the file, for `population check` to show."""

    path: Path
    format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    columns: dict[str, str]  # canonical -> the export's column
    ignored: tuple[str, ...]
    dropped: tuple[str, ...]


@dataclass(frozen=True)
class Population:
    """Valid canonical cases: one row per case, with `row` the line it came from."""

    source: SourceInfo
    frame: pd.DataFrame = field(repr=False)

    def __len__(self) -> int:
        return len(self.frame)


# --- reading ------------------------------------------------------------------------------------


def _sniff_csv(path: Path) -> tuple[str, str, list[str]]:
    with path.open("rb") as handle:
        raw = handle.read(_SNIFF_BYTES)
    if raw.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        try:
            raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            # A character cut by the sniffing window is no evidence against UTF-8.
            encoding = "utf-8" if exc.start >= len(raw) - 3 else "cp1252"
    text = raw.decode(encoding, errors="replace")
    if len(raw) == _SNIFF_BYTES:
        text = text[: text.rfind("\n") + 1] or text
    try:
        delimiter = csv.Sniffer().sniff(text, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    return encoding, delimiter, header


def _read_csv(
    path: Path, sniffed: tuple[str, str, list[str]], columns: dict[str, str]
) -> tuple[dict[str, pd.Series], np.ndarray, str]:
    """The needed columns, their file rows, and the encoding that worked."""
    encoding, delimiter, header = sniffed
    options: dict[str, Any] = {
        "sep": delimiter,
        "skip_blank_lines": False,
        "keep_default_na": False,
        "na_values": [""],
    }
    if set(columns.values()) != set(header):
        # Columns the export has beyond the canonical ones (names, say) are never read.
        options["usecols"] = list(columns.values())
    try:
        frame = pd.read_csv(path, encoding=encoding, **options)
    except UnicodeDecodeError:
        encoding = "cp1252"
        frame = pd.read_csv(path, encoding=encoding, **options)
    reference = columns["case_ref"]
    if not pd.api.types.is_string_dtype(frame[reference]):
        # Numeric-looking references must keep their leading zeros.
        frame[reference] = pd.read_csv(
            path, encoding=encoding, **(options | {"usecols": [reference], "dtype": str})
        )[reference]
    raw = {canonical: frame[source] for canonical, source in columns.items()}
    return raw, np.arange(2, len(frame) + 2), encoding


def _excel_header(path: Path, sheet: str | None) -> tuple[list[str], str]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet_name = sheet or book.sheetnames[0]
        if sheet_name not in book.sheetnames:
            raise PopulationRejected(
                path,
                file_problems=[f"no sheet '{sheet_name}': it has {', '.join(book.sheetnames)}"],
            )
        first = next(book[sheet_name].iter_rows(max_row=1, values_only=True), ())
        return ["" if cell is None else str(cell).strip() for cell in first], sheet_name
    finally:
        book.close()


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def _read_excel(
    path: Path, sheet: str, header: list[str], columns: dict[str, str]
) -> tuple[dict[str, pd.Series], np.ndarray]:
    from openpyxl import load_workbook

    positions = {canonical: header.index(source) for canonical, source in columns.items()}
    values: dict[str, list[Any]] = {canonical: [] for canonical in columns}
    rows: list[int] = []
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for number, row in enumerate(book[sheet].iter_rows(min_row=2, values_only=True), 2):
            if all(cell is None for cell in row):
                continue
            rows.append(number)
            for canonical, position in positions.items():
                values[canonical].append(_cell(row[position]) if position < len(row) else None)
    finally:
        book.close()
    raw = {canonical: pd.Series(found, dtype=object) for canonical, found in values.items()}
    return raw, np.asarray(rows)


def _plan_columns(
    path: Path, header: list[str], profile: MappingProfile
) -> tuple[dict[str, str], list[str], list[str]]:
    """Map the export's columns to canonical ones; refuse identifying or missing columns."""
    dropped_keys = {column_key(name) for name in profile.drop}
    renames = {column_key(name): canonical for name, canonical in profile.columns.items()}
    columns: dict[str, str] = {}
    ignored, dropped, problems = [], [], []
    for name in header:
        key = column_key(name)
        if key in dropped_keys:
            dropped.append(name)
            continue
        if is_identifying(name):
            problems.append(
                f"column '{name}' would identify a child; remove it from the export, or list it "
                "under drop: in a mapping profile so that it is never read"
            )
            continue
        canonical = renames.get(key) or (key if key in COLUMNS else None)
        if canonical is None:
            ignored.append(name)
        elif canonical in columns:
            problems.append(
                f"columns '{columns[canonical]}' and '{name}' both give {canonical}; keep one"
            )
        else:
            columns[canonical] = name
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        problems.append(
            f"missing column(s) {', '.join(missing)}; the file has {', '.join(header) or 'none'}"
            " (a mapping profile can rename the export's own columns)"
        )
    if problems:
        raise PopulationRejected(path, file_problems=problems)
    return columns, ignored, dropped


# --- checking -----------------------------------------------------------------------------------

Converter = Callable[[Any], tuple[Any, str | None]]


def _shown(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


@dataclass
class _Converted:
    """One column turned canonical, and its bad values."""

    values: Any
    bad: list[BadValue]


def _flag(mask: np.ndarray, column: str, raw: pd.Series, rows: np.ndarray, reason: str):
    return [
        BadValue(int(rows[i]), column, _shown(raw.iloc[i]), reason) for i in np.flatnonzero(mask)
    ]


def _factorize(raw: pd.Series) -> tuple[np.ndarray, Sequence[Any]]:
    """Codes (-1 where missing) and distinct values. Arrow-backed strings are encoded by Arrow
    directly: it releases the GIL throughout, so two columns really run at once."""
    arrow = getattr(raw.array, "_pa_array", None)
    if arrow is None or not (
        pa.types.is_string(arrow.type) or pa.types.is_large_string(arrow.type)
    ):
        return pd.factorize(raw, use_na_sentinel=True)
    chunks = pa.chunked_array([arrow]) if isinstance(arrow, pa.Array) else arrow
    encoded = pc.dictionary_encode(chunks).unify_dictionaries()
    if encoded.num_chunks == 0:
        return np.empty(0, dtype=np.int64), []
    codes = np.concatenate(
        [pc.fill_null(chunk.indices, -1).to_numpy(zero_copy_only=False) for chunk in encoded.chunks]
    )
    return codes, encoded.chunk(0).dictionary.to_pylist()


def _by_distinct(
    raw: pd.Series,
    rows: np.ndarray,
    column: str,
    convert: Converter,
    fail: Any,
    required: bool,
    dtype: np.dtype | type,
) -> _Converted:
    """Convert each distinct value once and spread the results, as `dtype`, over the rows.

    Missing values (when allowed) and values that do not convert become `fail`.
    """
    codes, uniques = _factorize(raw)
    results = [convert(value) for value in uniques]
    bad = _flag(codes < 0, column, raw, rows, "missing value") if required else []
    for position, (_, reason) in enumerate(results):
        if reason is not None:
            bad += _flag(codes == position, column, raw, rows, reason)
    table = np.array([fail if reason else value for value, reason in results] + [fail], dtype)
    return _Converted(table[codes], bad)


def _coded(raw: pd.Series, rows: np.ndarray, column: str, profile: MappingProfile) -> _Converted:
    allowed = CODES[column]
    mapping = {column_key(k): v for k, v in profile.values.get(column, {}).items()}

    def convert(value: Any) -> tuple[int, str | None]:
        key = column_key(str(value))
        code = mapping.get(key, key)
        if code in allowed:
            return allowed.index(code), None
        return -1, f"unknown code; expected one of {', '.join(allowed)}"

    required = column in REQUIRED_COLUMNS
    found = _by_distinct(raw, rows, column, convert, -1, required, np.int8)
    # The codes were made here from `allowed`, so pandas need not check them again.
    categorical = pd.Categorical.from_codes(found.values, categories=list(allowed), validate=False)
    return _Converted(categorical, found.bad)


def _dates(raw: pd.Series, rows: np.ndarray, date_format: str | None, today: date) -> _Converted:
    def convert(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, date):
            parsed = value
        else:
            text = str(value).strip()
            try:
                if date_format:
                    parsed = datetime.strptime(text, date_format).date()
                elif _ISO_DATE.match(text):
                    parsed = date.fromisoformat(text)
                else:
                    raise ValueError(text)
            except ValueError:
                return None, f"not a date ({date_format or 'YYYY-MM-DD'})"
        if parsed > today:
            return None, f"in the future (after {today.isoformat()})"
        return np.datetime64(parsed, "D"), None

    # Seconds: the finest unit pandas keeps without converting every row again.
    found = _by_distinct(
        raw, rows, "disposal_date", convert, np.datetime64("NaT"), True, "datetime64[s]"
    )
    return _Converted(found.values, found.bad)


def _ages(raw: pd.Series, rows: np.ndarray) -> _Converted:
    low, high = AGE_RANGE

    def convert(value: Any) -> tuple[int, str | None]:
        try:
            number = float(str(value).strip())
        except ValueError:
            return -1, "not a whole number"
        if not number.is_integer():
            return -1, "not a whole number"
        if not low <= number <= high:
            return -1, f"outside {low} to {high}"
        return int(number), None

    found = _by_distinct(raw, rows, "age", convert, -1, True, np.int8)
    return _Converted(found.values, found.bad)


def _references(raw: pd.Series, rows: np.ndarray) -> _Converted:
    missing = raw.isna().to_numpy()
    bad = _flag(missing, "case_ref", raw, rows, "missing value")
    again = repeated(raw, missing)
    if again.any():
        first_row: dict[str, int] = {}
        for index in np.flatnonzero(again):
            value, row = raw.iloc[index], int(rows[index])
            first = first_row.setdefault(value, row)
            if first != row:
                bad.append(
                    BadValue(
                        row, "case_ref", value, f"duplicate case reference (first on row {first})"
                    )
                )
    return _Converted(raw, bad)


def _free_text(raw: pd.Series, rows: np.ndarray) -> _Converted:
    return _Converted(raw.astype("str").where(raw.notna(), ""), [])


def _disposal_mismatches(
    stream: pd.Categorical, disposal: pd.Categorical, raw: pd.Series, rows: np.ndarray
) -> list[BadValue]:
    allowed = np.zeros((len(CODES["stream"]), len(CODES["disposal_type"])), dtype=bool)
    for s, name in enumerate(CODES["stream"]):
        for disposal_type in DISPOSAL_TYPES[name]:
            allowed[s, CODES["disposal_type"].index(disposal_type)] = True
    s_codes, d_codes = np.asarray(stream.codes), np.asarray(disposal.codes)
    known = (s_codes >= 0) & (d_codes >= 0)
    mismatch = known & ~allowed[np.maximum(s_codes, 0), np.maximum(d_codes, 0)]
    bad = []
    for s, name in enumerate(CODES["stream"]):
        bad += _flag(
            mismatch & (s_codes == s), "disposal_type", raw, rows, f"not a {name} disposal"
        )
    return bad


def _check_columns(
    raw: dict[str, pd.Series], rows: np.ndarray, profile: MappingProfile, today: date
) -> tuple[dict[str, Any], list[BadValue]]:
    """Every column made canonical, two at a time: the hashing passes release the GIL."""
    jobs: dict[str, Callable[[], _Converted]] = {}
    for column, series in raw.items():
        if column == "case_ref":
            jobs[column] = functools.partial(_references, series, rows)
        elif column == "disposal_date":
            jobs[column] = functools.partial(_dates, series, rows, profile.date_format, today)
        elif column == "age":
            jobs[column] = functools.partial(_ages, series, rows)
        elif column in CODES:
            jobs[column] = functools.partial(_coded, series, rows, column, profile)
        else:
            jobs[column] = functools.partial(_free_text, series, rows)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {column: pool.submit(job) for column, job in jobs.items()}
        done = {column: future.result() for column, future in futures.items()}
    bad = [value for converted in done.values() for value in converted.bad]
    values = {column: converted.values for column, converted in done.items()}
    bad += _disposal_mismatches(
        values["stream"], values["disposal_type"], raw["disposal_type"], rows
    )
    return values, bad


def read_population(
    path: str | Path,
    profile: MappingProfile = DEFAULT_PROFILE,
    today: date | None = None,
    progress: Progress | None = None,
) -> Population:
    """Read and check a population export; raise `PopulationRejected` listing every problem."""
    path = Path(path)
    say = progress or (lambda stage: None)
    today = today or date.today()
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError.single(path, "no such file")
    say("reading")
    if suffix in EXCEL_SUFFIXES:
        header, sheet = _excel_header(path, profile.sheet)
        columns, ignored, dropped = _plan_columns(path, header, profile)
        raw, rows = _read_excel(path, sheet, header, columns)
        encoding = delimiter = None
        fmt = "xlsx"
    elif suffix in CSV_SUFFIXES:
        sniffed = _sniff_csv(path)
        delimiter = sniffed[1]
        columns, ignored, dropped = _plan_columns(path, sniffed[2], profile)
        raw, rows, encoding = _read_csv(path, sniffed, columns)
        sheet, fmt = None, "csv"
    else:
        raise InputError.single(path, "not a population file: use .csv, .tsv, .txt or .xlsx")

    say("checking")
    if raw["case_ref"].hasnans:  # only then can a row be wholly blank
        blank = np.logical_and.reduce([raw[c].isna().to_numpy() for c in columns])
        raw = {c: series[~blank].reset_index(drop=True) for c, series in raw.items()}
        rows = rows[~blank]
    values, bad = _check_columns(raw, rows, profile, today)
    if bad:
        bad.sort(key=lambda value: (value.row, COLUMNS.index(value.column)))
        raise PopulationRejected(path, bad)
    del raw
    frame = pd.DataFrame({column: values[column] for column in COLUMNS if column in values})
    frame["row"] = rows
    source = SourceInfo(
        path, fmt, encoding, delimiter, sheet, columns, tuple(ignored), tuple(dropped)
    )
    return Population(source, frame)
