"""Import an eligible case population from a CSV or Excel export, all or nothing.

Every row is checked before anything is used. Coded columns are checked on their distinct
values and dates parsed once per distinct date, so a million-row export costs a few passes of
vectorised work rather than a Python loop per row.
"""

from __future__ import annotations

import contextlib
import functools
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
from yjinspect.files import (
    DELIMITERS,
    choose_encoding,
    clean_record_lines,
    csv_layout,
    header_fields,
    is_summary,
    likely_encoding,
    read_bytes,
    read_csv,
    split_lines,
)
from yjinspect.reporting.words import quantity
from yjinspect.sampling.profile import DEFAULT_PROFILE, MappingProfile
from yjinspect.sampling.references import repeated, without_digit
from yjinspect.vocabulary import (
    AGE_RANGE,
    CODES,
    COLUMNS,
    DISPOSAL_TYPES,
    ISO_DATE_FORMAT,
    REQUIRED_COLUMNS,
    column_key,
    date_pattern,
    is_identifying,
)
from yjinspect.workbooks import is_formula, open_sheet

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_SNIFF_BYTES = 1 << 16
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SHOWN_PER_GROUP = 20
KEPT_PER_GROUP = 200
FREE_TEXT = ("team", "ethnicity")
TEXT_COLUMNS = ("case_ref", *FREE_TEXT)

Progress = Callable[[str], None]
MISSING = "missing value"
# A pseudonymous reference (YJ-0042, 167418, AB/7) holds a digit; "Jane Smith" does not.
NAMED = "not a pseudonymous reference: it has no digit (is it a name?)"
UNCALCULATED = (
    "the cell holds a formula with no saved value (the program that wrote the workbook never "
    "calculated it): open it in Excel and save it, or paste the values"
)


@dataclass(frozen=True)
class BadValue:
    """A bad value; `more` counts further rows with the same column and reason that are not
    kept one by one (no message lists them, and a file of bad rows must not fill memory)."""

    row: int
    column: str
    value: str
    reason: str
    more: int = 0


class PopulationRejected(InputError):
    """The population file cannot be used: every bad value, grouped by column and reason."""

    def __init__(
        self,
        file: Path,
        bad: Sequence[BadValue] = (),
        file_problems: Sequence[str] = (),
        sheet: str | None = None,
        records: dict[int, int] | None = None,
        rows: int | None = None,
    ) -> None:
        self.bad = list(bad)
        self.rows = rows if rows is not None else len({value.row for value in self.bad})
        self.file_problems = list(file_problems)
        self.sheet = sheet
        self.records = records or {}  # line -> record number, where they differ
        super().__init__(file, [])

    def _where(self, value: BadValue) -> str:
        if self.sheet is not None:
            return f"row {value.row}"
        record = self.records.get(value.row)
        return f"line {value.row}" + (f" (record {record})" if record else "")

    def groups(self) -> dict[tuple[str, str], list[BadValue]]:
        grouped: dict[tuple[str, str], list[BadValue]] = defaultdict(list)
        for value in self.bad:
            grouped[(value.column, value.reason)].append(value)
        return dict(grouped)

    def describe(self, most: int | None = None) -> str:
        """Every file problem, and the bad values grouped, a few shown per group (`most`, the
        cap on `InputError`'s list, is not needed: the groups already bound the message)."""
        name = f"{self.file}, sheet '{self.sheet}'" if self.sheet is not None else f"{self.file}"
        lines = [f"{name}: {problem}" for problem in self.file_problems]
        if self.bad:
            count = sum(1 + value.more for value in self.bad)
            counted = f"{quantity(count, 'bad value')} in {quantity(self.rows, 'row')}"
            lines.append(f"{name}: {counted}, nothing used:")
            for (column, reason), values in self.groups().items():
                shown = ", ".join(f"{self._where(v)} {v.value!r}" for v in values[:SHOWN_PER_GROUP])
                total = sum(1 + value.more for value in values)
                more = total - min(len(values), SHOWN_PER_GROUP)
                tail = f", and {more} more" if more > 0 else ""
                lines.append(f"  {column}: {reason} ({total}): {shown}{tail}")
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


def _csv_layout(path: Path, profile: MappingProfile) -> tuple[str, int, str, list[str]]:
    """The likely encoding, header line (0-based), delimiter and header, from the first lines.
    pandas' strict decoding then confirms the encoding for the whole file, or `choose_encoding`
    says which encoding it is or why none fits."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    encoding = likely_encoding(path, head, profile.encoding)
    text = head.decode(encoding, errors="replace")
    complete = text[: text.rfind("\n") + 1] if len(head) == _SNIFF_BYTES else text
    wanted = profile.header_row or 1
    if complete.count("\n") < wanted and len(head) == _SNIFF_BYTES:
        columns = 1 + max(text.count(delimiter) for delimiter in DELIMITERS)
        raise InputError.single(
            path,
            f"the header (line {wanted}) is longer than {_SNIFF_BYTES // 1024} KB, with at least "
            f"{columns:,} columns: a case-management export has a few dozen; is this the file "
            "meant, saved as CSV?",
            line=wanted,
        )
    lines = split_lines(complete)
    expected = [*COLUMNS, *profile.columns]
    start, delimiter = csv_layout(path, lines, profile.delimiter, profile.header_row, expected)
    return encoding, start, delimiter, header_fields(path, lines, start, delimiter)


def _read_csv(
    path: Path,
    layout: tuple[str, int, str, list[str]],
    columns: dict[str, str],
    given: str | None,
) -> tuple[dict[str, pd.Series], np.ndarray, np.ndarray, str]:
    """The needed columns, the line each row starts on, its record number, and the encoding.

    A clean file is read by pandas; one that `clean_record_lines` doubts is read by
    `read_csv`, which names every line it cannot read."""
    encoding, start, delimiter, header = layout
    known: str | None = given  # the encoding, once the whole file is known to decode with it
    # Read whole, pandas' parser refuses a record with more fields than the header (with
    # `usecols` it drops them silently): the scan may then trust a chunk's totals.
    every_column = set(columns.values()) == set(header)
    lines = clean_record_lines(path, encoding, start, delimiter, len(header), every_column)
    if lines is not None:  # pandas reads it as the lines say
        raw = None
        try:
            raw = _read_with_pandas(path, encoding, start, delimiter, columns, every_column)
            known = encoding
        except UnicodeDecodeError:
            known = choose_encoding(path, read_bytes(path), given)
            with contextlib.suppress(pd.errors.ParserError, ValueError):
                raw = _read_with_pandas(path, known, start, delimiter, columns, every_column)
        except (pd.errors.ParserError, ValueError):
            pass
        if raw is not None and len(raw["case_ref"]) == len(lines):
            return raw, lines, np.arange(start + 2, start + 2 + len(lines)), str(known)
    table = read_csv(
        path,
        encoding=known,
        delimiter=delimiter,
        header_row=start + 1,
    )
    positions = {canonical: header.index(source) for canonical, source in columns.items()}
    raw = {
        canonical: pd.Series([record[at] or None for record in table.records], dtype=object)
        for canonical, at in positions.items()
    }
    return raw, np.asarray(table.lines), np.asarray(table.numbers), table.encoding


def _read_with_pandas(
    path: Path, encoding: str, start: int, delimiter: str, columns: dict, every_column: bool
) -> dict[str, pd.Series]:
    options: dict[str, Any] = {
        "sep": delimiter,
        "encoding": encoding,
        "skiprows": start,
        "skip_blank_lines": False,
        "keep_default_na": False,
        "na_values": [""],
    }
    if not every_column:
        # Columns the export has beyond the canonical ones (names, say) are never read.
        options["usecols"] = list(columns.values())
    frame = pd.read_csv(path, **options)
    # References and free text stay text: "00123" and team "07" keep their leading zeros. Asked
    # for up front, text columns cost pandas three times as much, so only a column that came out
    # as numbers is read again.
    again = [
        source
        for canonical, source in columns.items()
        if canonical in TEXT_COLUMNS and not pd.api.types.is_string_dtype(frame[source])
    ]
    if again:
        texts = pd.read_csv(path, **(options | {"usecols": again, "dtype": str}))
        for source in again:
            frame[source] = texts[source]
    return {canonical: frame[source] for canonical, source in columns.items()}


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
    path: Path, profile: MappingProfile
) -> tuple[str, list[str], dict[str, str], list[str], list[str], dict[str, pd.Series], np.ndarray]:
    """The sheet, its header, the column plan, and the needed columns with their rows."""
    with open_sheet(path, profile.sheet) as sheet:
        header: list[str] = []
        for number, row in sheet.rows:
            if profile.header_row is None or number >= profile.header_row:
                header = ["" if cell is None else str(cell).strip() for cell in row]
                break
        try:
            columns, ignored, dropped = _plan_columns(path, header, profile)
        except PopulationRejected as exc:
            exc.sheet = sheet.name
            raise
        positions = {canonical: header.index(source) for canonical, source in columns.items()}
        values: dict[str, list[Any]] = {canonical: [] for canonical in columns}
        rows: list[int] = []
        for number, row in sheet.rows:
            rows.append(number)
            for canonical, position in positions.items():
                values[canonical].append(_cell(row[position]) if position < len(row) else None)
    raw = {canonical: pd.Series(found, dtype=object) for canonical, found in values.items()}
    return sheet.name, header, columns, ignored, dropped, raw, np.asarray(rows, dtype=np.int64)


def _summary_rows(bad: list[BadValue], references: pd.Series, rows: np.ndarray) -> list[BadValue]:
    """A row a spreadsheet added below the cases ("Total", "Average") as one problem, not as
    its bad values. Only rows that already have a bad value are looked at: a summary row always
    has, and the import of a clean file costs nothing more."""
    flagged = sorted({value.row for value in bad})
    where = np.flatnonzero(np.isin(rows, flagged))
    summary = {
        int(row): str(ref)
        for row, ref in zip(rows[where], references.iloc[where].tolist(), strict=True)
        if isinstance(ref, str) and is_summary(ref)
    }
    if not summary:
        return bad
    kept = [value for value in bad if value.row not in summary]
    reason = "a summary row, not a case: remove it"
    return kept + [BadValue(row, "case_ref", ref, reason) for row, ref in summary.items()]


def _uncalculated(path: Path, sheet: str, bad: list[BadValue], positions: dict[str, int]) -> None:
    """Say so where a missing value is a formula cell the workbook never saved a value for
    (a program wrote the formula and no spreadsheet program calculated it)."""
    missing = {(value.row, positions[value.column]) for value in bad if value.reason == MISSING}
    if not missing:
        return
    formulas = set()
    with open_sheet(path, sheet, formulas=True) as found:
        for number, row in found.rows:
            for position, cell in enumerate(row):
                if (number, position) in missing and is_formula(cell):
                    formulas.add((number, position))
    for index, value in enumerate(bad):
        if value.reason == MISSING and (value.row, positions[value.column]) in formulas:
            bad[index] = BadValue(value.row, value.column, value.value, UNCALCULATED)


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
    """One column turned canonical, its bad values, and which rows have one."""

    values: Any
    bad: list[BadValue]
    flagged: np.ndarray | None = None


def _flag(
    mask: np.ndarray, column: str, raw: pd.Series, rows: np.ndarray, reason: str
) -> list[BadValue]:
    """The flagged rows as bad values: the first `KEPT_PER_GROUP`, the last counting the rest."""
    where = np.flatnonzero(mask)
    if not where.size:  # the usual case, and taking no rows from Arrow text is not free
        return []
    kept = where[:KEPT_PER_GROUP]
    found = [
        BadValue(int(row), column, _shown(value), reason)
        for row, value in zip(rows[kept], raw.iloc[kept].tolist(), strict=True)
    ]
    if len(where) > len(kept):
        last = found[-1]
        found[-1] = BadValue(last.row, column, last.value, reason, len(where) - len(kept))
    return found


def _factorize(raw: pd.Series) -> tuple[np.ndarray, Sequence[Any]]:
    """Codes (-1 where missing) and distinct values. Arrow-backed strings are encoded by Arrow
    directly: it releases the GIL throughout, so two columns really run at once."""
    chunks = _arrow_text(raw)
    if chunks is None:
        return pd.factorize(raw, use_na_sentinel=True)
    encoded = pc.dictionary_encode(chunks).unify_dictionaries()
    if encoded.num_chunks == 0:
        return np.empty(0, dtype=np.int64), []
    codes = np.concatenate(
        [pc.fill_null(chunk.indices, -1).to_numpy(zero_copy_only=False) for chunk in encoded.chunks]
    )
    return codes, encoded.chunk(0).dictionary.to_pylist()


def _arrow_text(raw: pd.Series) -> pa.ChunkedArray | None:
    """The Arrow strings behind pandas' text column; None for any other column."""
    arrow = getattr(raw.array, "_pa_array", None)
    if arrow is None or not (
        pa.types.is_string(arrow.type) or pa.types.is_large_string(arrow.type)
    ):
        return None
    return pa.chunked_array([arrow]) if isinstance(arrow, pa.Array) else arrow


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
    missing = codes < 0 if required else np.zeros(len(codes), dtype=bool)
    bad = _flag(missing, column, raw, rows, MISSING) if required else []
    flagged = missing
    by_reason: dict[str, list[int]] = defaultdict(list)
    for position, (_, reason) in enumerate(results):
        if reason is not None:
            by_reason[reason].append(position)
    for reason, positions in by_reason.items():
        mask = np.isin(codes, positions)
        bad += _flag(mask, column, raw, rows, reason)
        flagged = flagged | mask
    table = np.array([fail if reason else value for value, reason in results] + [fail], dtype)
    return _Converted(table[codes], bad, flagged)


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
    found = _as_written(raw, rows, column, allowed, mapping, required)
    if found is None:
        found = _by_distinct(raw, rows, column, convert, -1, required, np.int8)
    # The codes were made here from `allowed`, so pandas need not check them again.
    categorical = pd.Categorical.from_codes(found.values, categories=list(allowed), validate=False)
    return _Converted(categorical, found.bad, found.flagged)


def _as_written(
    raw: pd.Series,
    rows: np.ndarray,
    column: str,
    allowed: Sequence[str],
    mapping: dict[str, str],
    required: bool,
) -> _Converted | None:
    """A coded column whose every value is written as its code ("low"): looking each row up
    among the few codes costs half of encoding its distinct values. None when the column has
    any other value ("Low", a profile's own word, a typo): `_by_distinct` then reads it."""
    chunks = _arrow_text(raw)
    if chunks is None:
        return None
    plain = [code for code in allowed if code not in mapping]  # a profile may rename a code
    found = pc.index_in(chunks, value_set=pa.array(plain, pa.string()))
    positions = np.concatenate(
        [np.empty(0, np.int8)]
        + [pc.fill_null(chunk, -1).to_numpy(zero_copy_only=False) for chunk in found.chunks]
    )
    missing = positions < 0
    if np.count_nonzero(missing) != raw.isna().sum():
        return None
    codes = np.array([allowed.index(code) for code in plain] + [-1], np.int8)[positions]
    bad = _flag(missing, column, raw, rows, MISSING) if required else []
    return _Converted(codes, bad, missing if required else None)


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
                return None, f"not a date ({date_pattern(date_format or ISO_DATE_FORMAT)})"
        if parsed > today:
            return None, f"in the future (after {today.isoformat()})"
        return np.datetime64(parsed, "D"), None

    # Seconds: the finest unit pandas keeps without converting every row again.
    found = _by_distinct(
        raw, rows, "disposal_date", convert, np.datetime64("NaT"), True, "datetime64[s]"
    )
    return _Converted(found.values, found.bad, found.flagged)


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
    return _Converted(found.values, found.bad, found.flagged)


def _references(raw: pd.Series, rows: np.ndarray, unit: str) -> _Converted:
    missing = raw.isna().to_numpy()
    bad = _flag(missing, "case_ref", raw, rows, MISSING)
    named = without_digit(raw) & ~missing
    bad += _flag(named, "case_ref", raw, rows, NAMED)
    flagged = missing | named
    again = repeated(raw, missing)
    if again.any():
        first_row: dict[str, int] = {}
        where = np.flatnonzero(again)
        kept = 0
        for index, value, row in zip(where, raw.iloc[where].tolist(), rows[where], strict=True):
            first = first_row.setdefault(value, int(row))
            if first == row:
                continue
            flagged[index] = True
            kept += 1
            if kept <= KEPT_PER_GROUP:
                reason = f"duplicate case reference (first on {unit} {first})"
                bad.append(BadValue(int(row), "case_ref", value, reason))
        if kept > KEPT_PER_GROUP:
            reason = "duplicate case reference (and more)"
            bad.append(
                BadValue(int(rows[where[-1]]), "case_ref", "", reason, kept - KEPT_PER_GROUP - 1)
            )
    return _Converted(raw, bad, flagged)


def _free_text(raw: pd.Series, rows: np.ndarray) -> _Converted:
    return _Converted(raw.astype("str").where(raw.notna(), ""), [])


def _disposal_mismatches(
    stream: pd.Categorical, disposal: pd.Categorical, raw: pd.Series, rows: np.ndarray
) -> _Converted:
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
    return _Converted(None, bad, mismatch)


def _check_columns(
    raw: dict[str, pd.Series], rows: np.ndarray, profile: MappingProfile, today: date, unit: str
) -> tuple[dict[str, Any], list[BadValue], int]:
    """Every column made canonical, two at a time: the hashing passes release the GIL.
    `unit` is what `rows` count: lines of a CSV file, or rows of a sheet."""
    jobs: dict[str, Callable[[], _Converted]] = {}
    for column, series in raw.items():
        if column == "case_ref":
            jobs[column] = functools.partial(_references, series, rows, unit)
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
    values = {column: converted.values for column, converted in done.items()}
    mismatches = _disposal_mismatches(
        values["stream"], values["disposal_type"], raw["disposal_type"], rows
    )
    checked = [*done.values(), mismatches]
    bad = [value for converted in checked for value in converted.bad]
    masks = [converted.flagged for converted in checked if converted.flagged is not None]
    flagged_rows = int(np.logical_or.reduce(masks).sum()) if bad else 0
    return values, bad, flagged_rows


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
    records: dict[int, int] = {}
    sheet = encoding = delimiter = None
    if suffix in EXCEL_SUFFIXES:
        sheet, header, columns, ignored, dropped, raw, rows = _read_excel(path, profile)
        fmt = "xlsx"
    elif suffix in CSV_SUFFIXES:
        layout = _csv_layout(path, profile)
        _, _, delimiter, header = layout
        columns, ignored, dropped = _plan_columns(path, header, profile)
        raw, rows, numbers, encoding = _read_csv(path, layout, columns, profile.encoding)
        differ = np.flatnonzero(rows != numbers)
        records = dict(zip(rows[differ].tolist(), numbers[differ].tolist(), strict=True))
        fmt = "csv"
    else:
        raise InputError.single(path, "not a population file: use .csv, .tsv, .txt or .xlsx")

    say("checking")
    if raw["case_ref"].hasnans:  # only then can a row be wholly blank
        blank = np.logical_and.reduce([raw[c].isna().to_numpy() for c in columns])
        raw = {c: series[~blank].reset_index(drop=True) for c, series in raw.items()}
        rows = rows[~blank]
    if not len(rows):
        raise PopulationRejected(
            path, file_problems=["no cases: the file has its header and no rows below it"],
            sheet=sheet,
        )  # fmt: skip
    values, bad, flagged_rows = _check_columns(
        raw, rows, profile, today, "row" if sheet else "line"
    )
    if bad:
        bad = _summary_rows(bad, raw["case_ref"], rows)
        bad.sort(key=lambda value: (value.row, COLUMNS.index(value.column)))
        if sheet is not None:
            positions = {canonical: header.index(name) for canonical, name in columns.items()}
            _uncalculated(path, sheet, bad, positions)
        raise PopulationRejected(path, bad, sheet=sheet, records=records, rows=flagged_rows)
    del raw
    frame = pd.DataFrame({column: values[column] for column in COLUMNS if column in values})
    frame["row"] = rows
    source = SourceInfo(
        path, fmt, encoding, delimiter, sheet, columns, tuple(ignored), tuple(dropped)
    )
    return Population(source, frame)
