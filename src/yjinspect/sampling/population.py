"""Import an eligible case population from a CSV or Excel export, all or nothing.

Every row is checked before anything is used. Coded columns are checked on their distinct
values and dates parsed once per distinct date, so a million-row export costs a few passes of
vectorised work rather than a Python loop per row.
"""

from __future__ import annotations

import codecs
import csv
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

from yjinspect.errors import InputError
from yjinspect.sampling.profile import DEFAULT_PROFILE, MappingProfile
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


def _shown(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


class _Checker:
    """Collects bad values while turning raw columns into canonical ones."""

    def __init__(self, rows: np.ndarray, profile: MappingProfile, raw: dict[str, pd.Series]):
        self.rows = rows
        self.profile = profile
        self.bad: list[BadValue] = []
        # Hashing each coded column once dominates the cost; pandas releases the GIL for it,
        # so the columns share the cores. Free-text columns are not hashed.
        # Case references are only tested for uniqueness, which is cheaper than factorising.
        coded = [column for column in raw if column not in (*FREE_TEXT, "case_ref")]
        with ThreadPoolExecutor(max_workers=2) as pool:
            unique = pool.submit(lambda: raw["case_ref"].is_unique)
            found = pool.map(lambda column: pd.factorize(raw[column]), coded)
            self.distinct = dict(zip(coded, found, strict=True))
            self.references_unique = unique.result()

    def flag(self, mask: np.ndarray, column: str, raw: pd.Series, reason: str) -> None:
        for index in np.flatnonzero(mask):
            self.bad.append(
                BadValue(int(self.rows[index]), column, _shown(raw.iloc[index]), reason)
            )

    def by_distinct(
        self,
        raw: pd.Series,
        column: str,
        convert: Callable[[Any], tuple[Any, str | None]],
        required: bool = True,
    ) -> tuple[np.ndarray, list[Any]]:
        """Convert each distinct value once; flag the rows of values that do not convert.

        Returns codes into the converted values, with -1 (the last entry of any lookup table
        built from them) for missing or failed values.
        """
        codes, uniques = self.distinct[column]
        converted, reasons = [], []
        for value in uniques:
            result, reason = convert(value)
            converted.append(result)
            reasons.append(reason)
        if required:
            self.flag(codes < 0, column, raw, "missing value")
        failed = np.array([reason is not None for reason in reasons] + [False], dtype=bool)
        for position, reason in enumerate(reasons):
            if reason is not None:
                self.flag(codes == position, column, raw, reason)
        codes = np.where(failed[codes], -1, codes)
        return codes, converted

    def coded(self, raw: pd.Series, column: str, required: bool = True) -> pd.Categorical:
        allowed = CODES[column]
        mapping = {column_key(k): v for k, v in self.profile.values.get(column, {}).items()}

        def convert(value: Any) -> tuple[int, str | None]:
            key = column_key(str(value))
            code = mapping.get(key, key)
            if code in allowed:
                return allowed.index(code), None
            return -1, f"unknown code; expected one of {', '.join(allowed)}"

        codes, converted = self.by_distinct(raw, column, convert, required=required)
        table = np.asarray([*converted, -1], dtype=np.int16)
        return pd.Categorical.from_codes(table[codes], categories=list(allowed))

    def dates(self, raw: pd.Series, today: date) -> np.ndarray:
        date_format = self.profile.date_format

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
                    expected = date_format or "YYYY-MM-DD"
                    return None, f"not a date ({expected})"
            if parsed > today:
                return None, f"in the future (after {today.isoformat()})"
            return parsed, None

        codes, converted = self.by_distinct(raw, "disposal_date", convert)
        table = np.array(
            [np.datetime64(d, "D") if d else np.datetime64("NaT") for d in converted]
            + [np.datetime64("NaT")],
            dtype="datetime64[D]",
        )
        return table[codes]

    def ages(self, raw: pd.Series) -> np.ndarray:
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

        codes, converted = self.by_distinct(raw, "age", convert)
        return np.asarray([*converted, -1], dtype=np.int8)[codes]

    def references(self, raw: pd.Series) -> pd.Series:
        missing = raw.isna().to_numpy()
        self.flag(missing, "case_ref", raw, "missing value")
        text = raw.astype("str")
        if not self.references_unique:  # (missing values also count as repeats here)
            repeated = (text.duplicated(keep=False).to_numpy()) & ~missing
            first_row: dict[str, int] = {}
            for index in np.flatnonzero(repeated):
                first_row.setdefault(text.iloc[index], int(self.rows[index]))
            for index in np.flatnonzero(repeated):
                first = first_row[text.iloc[index]]
                if first != self.rows[index]:
                    self.bad.append(
                        BadValue(
                            int(self.rows[index]),
                            "case_ref",
                            text.iloc[index],
                            f"duplicate case reference (first on row {first})",
                        )
                    )
        return text

    def stream_matches_disposal(
        self, stream: pd.Categorical, disposal: pd.Categorical, raw: pd.Series
    ) -> None:
        allowed = np.zeros((len(CODES["stream"]), len(CODES["disposal_type"])), dtype=bool)
        for s, name in enumerate(CODES["stream"]):
            for disposal_type in DISPOSAL_TYPES[name]:
                allowed[s, CODES["disposal_type"].index(disposal_type)] = True
        s_codes, d_codes = np.asarray(stream.codes), np.asarray(disposal.codes)
        known = (s_codes >= 0) & (d_codes >= 0)
        mismatch = known & ~allowed[np.maximum(s_codes, 0), np.maximum(d_codes, 0)]
        for s, name in enumerate(CODES["stream"]):
            self.flag(mismatch & (s_codes == s), "disposal_type", raw, f"not a {name} disposal")


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
    blank = np.logical_and.reduce([raw[c].isna().to_numpy() for c in columns])
    if blank.any():
        raw = {c: series[~blank].reset_index(drop=True) for c, series in raw.items()}
        rows = rows[~blank]
    check = _Checker(rows, profile, raw)
    stream = check.coded(raw["stream"], "stream")
    disposal = check.coded(raw["disposal_type"], "disposal_type")
    check.stream_matches_disposal(stream, disposal, raw["disposal_type"])
    frame = pd.DataFrame(
        {
            "case_ref": check.references(raw["case_ref"]),
            "stream": stream,
            "disposal_type": disposal,
            "disposal_date": check.dates(raw["disposal_date"], today),
            "gender": check.coded(raw["gender"], "gender"),
            "age": check.ages(raw["age"]),
            "rosh": check.coded(raw["rosh"], "rosh"),
            "safety_wellbeing": check.coded(raw["safety_wellbeing"], "safety_wellbeing"),
            "row": rows.astype(np.int64),
        }
    )
    if "looked_after" in raw:
        frame["looked_after"] = check.coded(raw["looked_after"], "looked_after", required=False)
    for optional in ("team", "ethnicity"):
        if optional in raw:
            frame[optional] = raw[optional].astype("str").where(raw[optional].notna(), "")
    if check.bad:
        check.bad.sort(key=lambda value: (value.row, COLUMNS.index(value.column)))
        raise PopulationRejected(path, check.bad)
    source = SourceInfo(
        path, fmt, encoding, delimiter, sheet, columns, tuple(ignored), tuple(dropped)
    )
    return Population(source, frame)
