"""Reading the text files users give, and writing output files so that a crash never leaves a
half-written one behind.

Every text file (CSV, YAML, JSON) is decoded by `decode` and every CSV split into records by
`read_csv`, so that a file the population import reads is read the same way by `--compare`
and by the workspace's uploads. Nothing is guessed silently: a file whose encoding, delimiter
or field count is in doubt is refused with the line that shows it.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import os
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from yjinspect.errors import InputError, Problem

if TYPE_CHECKING:
    import numpy as np

DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_SNIFF_RECORDS = 200
SHOWN_PROBLEMS = 20
# A UTF-8 character of two to four bytes: text that has them and also other high bytes was
# saved from two programs, and no one encoding reads it right.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
SAVE_AS_UTF8 = "save it as 'CSV UTF-8' (or UTF-8 text), or set encoding: in the mapping profile"


# What spreadsheets put in the first column of the rows they add below a table.
SUMMARY_WORDS = frozenset(
    ("total", "totals", "grand total", "sum", "average", "mean", "median", "overall", "count",
     "minimum", "maximum", "min", "max", "all", "subtotal", "sub-total")
)  # fmt: skip


def is_summary(text: str) -> bool:
    """Whether a first cell says its row sums up the others ("Total", "Average:")."""
    return text.strip().rstrip(":").strip().casefold() in SUMMARY_WORDS


def missing_columns(path: Path, missing: Sequence[str], line: int) -> InputError:
    """The error for a header that lacks required columns, naming them on the header's line."""
    noun = "missing column" if len(missing) == 1 else "missing columns"
    return InputError.single(path, f"{noun}: {', '.join(missing)}", ("header",), line)


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it in one step, so a reader never sees half a
    file. A link is followed to the file it names; a folder, device or pipe is refused, never
    replaced. Raises `InputError` naming the path when it cannot be written."""
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        kind = "a folder" if target.is_dir() else "not an ordinary file"
        raise InputError.single(path, f"is {kind}: name a file to write")
    part = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(data)
        os.replace(part, target)
    except OSError as exc:
        raise InputError.single(path, f"cannot be written: {exc.strerror or exc}") from None
    finally:
        part.unlink(missing_ok=True)


# No text is stored with a NUL character (PostgreSQL's text columns refuse it): a file holding
# one, written as a byte or (in YAML or JSON) as an escape, is refused, saying where.
NUL = "\x00"
NUL_MESSAGE = "holds a NUL character (a zero byte), which no text may hold; remove it"


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing or unreadable file is an `InputError` naming it, and so is
    a device or pipe (which could be read for ever)."""
    if path.exists() and not path.is_file() and not path.is_dir():
        raise InputError.single(path, "is not an ordinary file")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError.single(path, "no such file") from None
    except IsADirectoryError:
        raise InputError.single(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError.single(path, exc.strerror or str(exc)) from None


# --- encodings ----------------------------------------------------------------------------------


def _line_at(raw: bytes, offset: int, encoding: str) -> int:
    return raw[:offset].decode(encoding, errors="replace").count("\n") + 1


def _bom_or_utf16(raw: bytes) -> str | None:
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = raw[:200]
    if len(head) >= 4 and head[1::2].count(0) == len(head[1::2]):
        return "utf-16-le"  # plain text saved as UTF-16 without its byte order mark
    if len(head) >= 4 and head[0::2].count(0) == len(head[0::2]):
        return "utf-16-be"
    return None


def _binary_kind(raw: bytes) -> str | None:
    """What a file that is not text is, for a file given where text is expected."""
    if raw.startswith(b"PK\x03\x04"):
        return "this is an Excel workbook (or another zip file), not text: name it .xlsx"
    if raw.startswith(bytes.fromhex("D0CF11E0A1B11AE1")):
        return "this is an Excel 97-2003 or encrypted workbook, not text: save it as CSV"
    if raw.startswith(b"%PDF"):
        return "this is a PDF, not text"
    if b"\x00" in raw[:4096]:
        return "this is a binary file, not text"
    return None


def choose_encoding(path: Path, raw: bytes, given: str | None = None) -> str:
    """The encoding that reads all of `raw`: `given` (a profile's), else a byte order mark,
    else UTF-8, else Windows-1252 (what Excel saves as "CSV" in the UK).

    Raises `InputError` naming the line and byte when none fits, including a file that mixes
    UTF-8 with another encoding (which Windows-1252 would read without error, but wrongly).
    """
    if given:
        try:
            raw.decode(given)
        except LookupError:
            raise InputError.single(path, f"unknown encoding '{given}'") from None
        except UnicodeDecodeError as exc:
            line = _line_at(raw, exc.start, given)
            raise InputError.single(
                path, f"byte 0x{raw[exc.start]:02X} is not {given} text", line=line
            ) from None
        return given
    found = _bom_or_utf16(raw)
    binary = _binary_kind(raw) if found is None else None
    if binary is not None:
        raise InputError.single(path, binary)
    if found is not None:
        try:
            raw.decode(found)
        except UnicodeDecodeError as exc:
            raise InputError.single(
                path,
                f"this {found.upper()} text has bytes that are not {found.upper()}; "
                + SAVE_AS_UTF8,
                line=_line_at(raw, exc.start, found),
            ) from None
        return found
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    utf8 = _UTF8_SEQUENCE.search(raw)
    if utf8 is not None:
        char = utf8.group().decode("utf-8")
        raise InputError.single(
            path,
            f"mixed encodings: line {_line_at(raw, utf8.start(), 'latin-1')} has UTF-8 text "
            f"('{char}') but line {_line_at(raw, bad, 'latin-1')} has byte 0x{raw[bad]:02X}, "
            f"which is not UTF-8; {SAVE_AS_UTF8}",
            line=_line_at(raw, bad, "latin-1"),
        )
    try:
        raw.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError as exc:
        raise InputError.single(
            path,
            f"byte 0x{raw[exc.start]:02X} is neither UTF-8 nor Windows-1252 text; {SAVE_AS_UTF8}",
            line=_line_at(raw, exc.start, "latin-1"),
        ) from None


def decode(path: Path, raw: bytes, given: str | None = None) -> tuple[str, str]:
    """The text of `raw` and the encoding it was read with (see `choose_encoding`)."""
    encoding = choose_encoding(path, raw, given)
    text = raw.decode(encoding)
    if (at := text.find(NUL)) >= 0:
        raise InputError.single(path, NUL_MESSAGE, line=text.count("\n", 0, at) + 1)
    return text, encoding


def read_text(path: Path, given: str | None = None) -> tuple[str, str]:
    return decode(path, read_bytes(path), given)


# --- CSV ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header and records, each record with the line it starts on."""

    header: list[str]
    records: list[list[str]]
    lines: list[int]  # the line in the file where each record starts
    numbers: list[int]  # each record's number counted from the top, as a spreadsheet's row
    encoding: str
    delimiter: str
    header_line: int


def _excel_separator_hint(line: str) -> str | None:
    """Excel's `sep=;` first line, which names the delimiter."""
    match = re.fullmatch(r'"?sep=(.)"?\s*', line.strip("\r\n"))
    return match.group(1) if match else None


def _records(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found = []
    try:
        for record in reader:
            found.append(record)
            if limit is not None and len(found) >= limit:
                break
    except csv.Error:
        pass
    return found


def sniff_delimiter(header: str, sample: str, expected: Iterable[str] = ()) -> str:
    """The delimiter that splits the header into most known columns and gives the most records
    the header's field count; a comma inside quoted or unquoted text does not sway it."""
    known = {name.strip().lower() for name in expected}
    best, best_score = ",", None
    for candidate in DELIMITERS:
        if candidate not in header:
            continue
        fields = next(iter(_records(header, candidate)), [])
        if len(fields) < 2:
            continue
        records = [r for r in _records(sample, candidate, _SNIFF_RECORDS) if any(r)]
        consistent = sum(len(r) == len(fields) for r in records) / max(len(records), 1)
        matches = sum(field.strip().lower() in known for field in fields)
        score = (matches, consistent, len(fields))
        if best_score is None or score > best_score:
            best, best_score = candidate, score
    return best


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split at LF (so CRLF too) or, in a file with no LF at all, CR."""
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def csv_layout(
    path: Path,
    lines: list[str],
    delimiter: str | None,
    header_row: int | None,
    expected: Iterable[str] = (),
) -> tuple[int, str]:
    """The 0-based index of the header line (after an Excel `sep=;` line, or at a profile's
    `header_row`) and the delimiter: given, named by `sep=`, or sniffed from the first lines."""
    hint = _excel_separator_hint(lines[0]) if lines else None
    start = header_row - 1 if header_row is not None else (1 if hint else 0)
    if start >= len(lines) or not lines[start].strip():
        place = f"line {start + 1}" if header_row else "the first line"
        raise InputError.single(path, f"no header: {place} is empty", line=start + 1)
    sample = "".join(lines[start : start + _SNIFF_RECORDS])
    return start, delimiter or hint or sniff_delimiter(lines[start], sample, expected)


def header_fields(path: Path, lines: list[str], start: int, delimiter: str) -> list[str]:
    """The column names on line `start + 1` (0-based `start`), as they are written."""
    reader = csv.reader(lines[start:], delimiter=delimiter, strict=True)
    try:
        return next(reader, [])
    except csv.Error as exc:
        problem = _csv_problem(lines, start + 1, start + reader.line_num, exc, delimiter)
        raise InputError(path, [problem]) from None


def _stray_carriage_return(line: str) -> int | None:
    """Where a CR stands alone inside a line (not before its LF), outside quotes."""
    quoted = False
    for position, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "\r" and not quoted and line[position + 1 : position + 2] != "\n":
            return position
    return None


def read_csv(
    path: Path,
    raw: bytes | None = None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
    expected: Iterable[str] = (),
) -> CsvTable:
    """Read a whole CSV file into its header and records, or raise `InputError` listing each
    line that cannot be read as one: a field count unlike the header's, a stray carriage
    return, a quote never closed. `expected` names columns that help choose the delimiter."""
    raw = read_bytes(path) if raw is None else raw
    text, encoding = decode(path, raw, encoding)
    lines = split_lines(text)
    start, delimiter = csv_layout(path, lines, delimiter, header_row, expected)
    problems: list[Problem] = []
    unshown = 0  # lines with a problem beyond those shown
    table = CsvTable([], [], [], [], encoding, delimiter, start + 1)
    reader = csv.reader(lines[start:], delimiter=delimiter, strict=True)
    line, number = start, start  # lines and records read so far
    while True:
        first = line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if len(problems) < SHOWN_PROBLEMS:
                problems.append(_csv_problem(lines, first, start + reader.line_num, exc, delimiter))
            else:
                unshown += 1
            line, number = start + reader.line_num, number + 1
            continue
        line, number = start + reader.line_num, number + 1
        if not table.header:
            table.header.extend(field.strip() for field in record)
        elif any(field.strip() for field in record):  # not a blank line or delimiters only
            if len(record) != len(table.header):
                if len(problems) < SHOWN_PROBLEMS:
                    problem = _field_count_problem(record, table.header, first, number, delimiter)
                    problems.append(problem)
                else:
                    unshown += 1
            if not problems:  # records are kept only while they can still be used
                table.records.append(record)
                table.lines.append(first)
                table.numbers.append(number)
    if unshown:
        problems.append(Problem((), f"and {unshown} more lines like these"))
    if problems:
        raise InputError(path, problems)
    return table


def where(line: int, number: int) -> str:
    """`line 7`, or `line 7 (record 6)` where a line break inside a quoted value (or a title
    line) makes the record, as a spreadsheet numbers its rows, differ from the line."""
    return f"line {line}" if line == number else f"line {line} (record {number})"


def _csv_problem(
    lines: list[str], first: int, last: int, exc: csv.Error, delimiter: str
) -> Problem:
    text = lines[first - 1] if first - 1 < len(lines) else ""
    stray = _stray_carriage_return(text)
    if stray is not None:
        before = text[:stray].split(delimiter)[-1]
        return Problem(
            (),
            f"a stray carriage return (CR) character after '{before}' splits the line; remove it",
            first,
        )
    reason = str(exc)
    if "unexpected end of data" in reason or last > first + 1:
        return Problem((), "a quoted field opened on this line is never closed", first)
    return Problem((), f"cannot be read as CSV ({reason})", first)


def _field_count_problem(
    record: list[str], header: list[str], line: int, number: int, delimiter: str
) -> Problem:
    name = _DELIMITER_NAMES.get(delimiter, repr(delimiter))
    shown = "" if number == line else f" (record {number})"
    if len(record) > len(header):
        hint = f"; a {name} inside a value needs quotes around that value"
    else:
        hint = "; a value may be missing, or a line break inside a value needs quotes around it"
    return Problem(
        (),
        f"{len(record)} fields{shown}, but the header has {len(header)}{hint}",
        line,
    )


# --- the fast path for large, clean CSV files -----------------------------------------------------

_CHUNK = 1 << 19
_SPLIT_FROM = 1 << 23  # bytes: a smaller file is scanned in one part


def likely_encoding(path: Path, head: bytes, given: str | None = None) -> str:
    """The encoding to try first for a file starting with `head`: `given`, else the one its
    byte order mark names, else UTF-8. A reader that decodes strictly with it and fails must
    then ask `choose_encoding`. A file that is not text at all is refused here."""
    found = given or _bom_or_utf16(head)
    binary = _binary_kind(head) if found is None else None
    if binary is not None:
        raise InputError.single(path, binary)
    return found or "utf-8"


# The longest field a CSV may hold, in characters: Excel's cell limit, which no export of a case
# holds more than. A population holds references, codes and dates: a longer field is a broken
# file (a quote left open, a paste), refused before it is read into memory.
MAX_FIELD = 32_767
_UTF8_MOST = 4  # bytes a character can take


def _refuse_long_fields(
    path: Path, data: np.ndarray, marks: np.ndarray, encoding: str, line: int, final: bool
) -> None:
    """Raise `InputError` naming the line of a field over `MAX_FIELD` characters among the
    fields that `marks` (delimiters and line breaks outside quotes) separate in `data`. The
    field still open at the end of a chunk is refused once it is surely too long."""
    import numpy as np  # called only while reading a large CSV, which has already imported it

    lengths = np.diff(marks, prepend=-1, append=len(data)) - 1  # in bytes, at least the characters
    if lengths.max() <= MAX_FIELD:
        return
    starts = np.concatenate(([0], marks + 1))
    ends = np.concatenate((marks, [len(data)]))
    for at in np.flatnonzero(lengths > MAX_FIELD):
        start, end = int(starts[at]), int(ends[at])
        if at == len(lengths) - 1 and not final:  # still being read
            if end - start <= MAX_FIELD * _UTF8_MOST:
                continue
            size = f"more than {MAX_FIELD:,}"
        else:
            text = data[start:end].tobytes().decode(encoding, "replace").strip('"')
            if len(text) <= MAX_FIELD:
                continue
            size = f"{len(text):,}"
        where = line + int(np.count_nonzero(data[:start] == 10))
        raise InputError.single(
            path,
            f"a field of {size} characters; no field may hold more than {MAX_FIELD:,} (a "
            "quote left open, or text pasted into the export?)",
            line=where,
        )


def clean_record_lines(
    path: Path,
    encoding: str,
    skip_lines: int,
    delimiter: str,
    fields: int,
    extra_fields_refused: bool = False,
) -> np.ndarray | None:
    """The line each record after the header starts on (blank ones too, as pandas counts them),
    found with vector operations over the bytes; or None when `read_csv` must read the file
    line by line: a record whose field count differs from `fields`, a carriage return alone
    inside a line, a quote left open, a NUL character, or an encoding whose delimiter is not
    one byte.

    A delimiter or line break is inside quotes when an odd number of quote characters precede
    it (an escaped quote `""` adds two), so quoting needs no parser here: only the positions of
    quotes, line breaks and delimiters are looked at, not every byte's state.

    `extra_fields_refused` says the reader refuses a record with more fields than the header
    (pandas' C parser reading every column): a chunk without quotes is then checked on its
    totals (`_counted_records`) rather than line by line."""
    if codecs.lookup(encoding).name not in ("utf-8", "utf-8-sig", "cp1252"):
        return None
    import numpy as np  # here, not at start-up: only large CSV files need it

    scan = functools.partial(
        _scan_records, path, delimiter=delimiter, encoding=encoding, fields=fields,
        counted=extra_fields_refused,
    )  # fmt: skip
    split = _middle_break(path, skip_lines)
    if split is None:
        whole = scan(0, None, 1, skip_lines + 1)
        return None if whole is None else whole[0]
    with ThreadPoolExecutor(max_workers=1) as pool:  # numpy releases the GIL: both cores work
        later = pool.submit(scan, split, None, 1, 0)
        first = scan(0, split, 1, skip_lines + 1)
        if first is not None:
            try:
                second = later.result()
            except InputError as refused:  # said on the second half's lines: the file's, now
                raise InputError(refused.file, [
                    replace(p, line=None if p.line is None else p.line + first[1] - 1)
                    for p in refused.problems
                ]) from None  # fmt: skip
    if first is None:  # a quote open across the split, or a file to read line by line anyway
        whole = scan(0, None, 1, skip_lines + 1)
        return None if whole is None else whole[0]
    if second is None:
        return None
    return np.concatenate((first[0], second[0] + first[1] - 1))


def _middle_break(path: Path, skip_lines: int) -> int | None:
    """Where a large file is split to be scanned in two halves at once: after the first line
    break past the middle, if the header ends before it; None for a small file. The break may
    lie inside quotes: the first half's scan then finds a quote open at its end."""
    import mmap

    size = path.stat().st_size
    if size < _SPLIT_FROM:
        return None
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
        header_end = -1
        for _ in range(skip_lines + 1):
            header_end = view.find(b"\n", header_end + 1)
        middle = view.find(b"\n", size // 2)
    return middle + 1 if 0 <= header_end < middle else None


def _scan_records(
    path: Path,
    begin: int,
    stop: int | None,
    line: int,
    skip: int,
    delimiter: str,
    encoding: str,
    fields: int,
    counted: bool = False,
) -> tuple[np.ndarray, int] | None:
    """`clean_record_lines` over the bytes from `begin` to `stop` (None: the end), which start
    a record on line `line` and whose first `skip` lines are not records; with the line after
    the last. `counted`: quote-free chunks after the first record may be checked on totals
    (`_counted_records`); the first record is always counted exactly, as a reader may take
    one extra field there for an index column instead of refusing it."""
    import numpy as np

    target = delimiter.encode("ascii")[0]
    starts: list[np.ndarray] = []
    records = 0
    pending = b""
    with path.open("rb") as handle:
        handle.seek(begin)
        left = (path.stat().st_size if stop is None else stop) - begin
        while True:
            chunk = handle.read(min(_CHUNK, left))
            left -= len(chunk)
            final = not chunk
            buffer = pending + chunk
            if not buffer:
                break
            if buffer.find(b"\x00") >= 0:
                return None  # a NUL character: `read_csv` refuses it, naming the line
            newlines = None  # every line break ends a record, unless the chunk has quotes
            if buffer.find(b'"') < 0:
                totals = (
                    _counted_records(buffer, target, fields, final) if counted and records else None
                )
                if totals is not None:
                    end, found_here = totals
                    starts.append(line + np.arange(found_here))
                    line, records, pending = line + found_here, records + found_here, buffer[end:]
                    if final:
                        break
                    continue
                found = _unquoted_records(path, buffer, target, encoding, line, final)
            else:
                newlines = np.flatnonzero(np.frombuffer(buffer, np.uint8) == 10)
                found = _quoted_records(path, buffer, target, encoding, line, final)
            if found is None:
                return None  # a quote never closed, or a carriage return alone inside a line
            data, breaks, counts = found
            if not breaks.size:
                pending = buffer
                continue
            end = int(breaks[-1]) + 1
            record_starts = np.concatenate(([0], breaks[:-1] + 1))
            if newlines is None:
                record_lines = line + np.arange(len(breaks))
                line += len(breaks)
            else:
                newlines = newlines[newlines < end]
                record_lines = line + np.searchsorted(newlines, record_starts)
                line += newlines.size
            if skip:
                dropped = min(skip, len(record_lines))
                if dropped == skip and counts[dropped - 1] != fields:
                    return None  # the header's field count
                record_lines, counts = record_lines[dropped:], counts[dropped:]
                record_starts, breaks = record_starts[dropped:], breaks[dropped:]
                skip -= dropped
            wrong = np.flatnonzero(counts != fields)
            if wrong.size:  # only a blank line (or CR alone) may have another field count
                length = breaks[wrong] - record_starts[wrong]
                if (length > (data[np.maximum(breaks[wrong] - 1, 0)] == 13)).any():
                    return None
            starts.append(record_lines)
            records += len(record_lines)
            pending = buffer[end:]
            if final:
                break
    return (np.concatenate(starts) if starts else np.empty(0, np.int64)), line


_BLOCK = 1 << 14  # bytes: a line of MAX_FIELD bytes or more covers a whole aligned block


def _counted_records(
    buffer: bytes, target: int, fields: int, final: bool
) -> tuple[int, int] | None:
    """For a quote-free chunk read by a reader that refuses a record with more fields than the
    header: where its complete records end and how many there are, when it holds exactly
    `fields - 1` delimiters per line break (a record short of fields would need another with
    too many, which the reader refuses). A few passes over the bytes, no positions found.
    None, for `_unquoted_records` to count line by line, when the totals differ (a blank line,
    a wrong record), when a line may be long enough to hold a field over MAX_FIELD, when a
    carriage return stands alone, or when the last line lacks its break."""
    import numpy as np

    end = buffer.rfind(b"\n") + 1
    if not end or (final and end < len(buffer)):
        return None
    data = np.frombuffer(buffer, np.uint8, count=end)
    breaks = data == 10
    records = int(np.count_nonzero(breaks))
    if np.count_nonzero(data == target) != (fields - 1) * records:
        return None
    whole = end - end % _BLOCK  # a block with no line break lies inside a line that long
    if whole and not breaks[:whole].reshape(-1, _BLOCK).any(axis=1).all():
        return None
    if buffer.find(b"\r", 0, end) >= 0:
        carriages = data == 13
        if np.count_nonzero(carriages) != np.count_nonzero(carriages[:-1] & breaks[1:]):
            return None
    return end, records


def _unquoted_records(
    path: Path, buffer: bytes, target: int, encoding: str, line: int, final: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """For a chunk without quotes: its bytes (a line break added after a last line without
    one), where its complete records end, and each record's field count; None on a carriage
    return alone inside a line. Fields are counted per line (`reduceat`), not found one by one:
    a quote-free chunk needs no mark's position, only how many lie between two line breaks."""
    import numpy as np

    data = np.frombuffer(buffer, np.uint8)
    breaks = np.flatnonzero(data == 10)
    if final and (not breaks.size or breaks[-1] != len(data) - 1):
        data = np.append(data, np.uint8(10))
        breaks = np.append(breaks, len(data) - 1)
    tail = len(data) - (int(breaks[-1]) + 1 if breaks.size else 0)  # the line still open
    longest = int(np.diff(breaks, prepend=-1).max()) if breaks.size else 0  # bytes, with the LF
    if tail > MAX_FIELD or longest > MAX_FIELD:
        # A line that long may hold a field that long: find the fields' marks to be sure.
        marks = np.flatnonzero((data == 10) | (data == target))
        _refuse_long_fields(path, data, marks, encoding, line, final)
    if not breaks.size:
        return data, breaks, breaks
    end = int(breaks[-1]) + 1
    if buffer.find(b"\r", 0, end) >= 0:
        before_breaks = np.count_nonzero(data[np.maximum(breaks - 1, 0)] == 13)
        if np.count_nonzero(data[:end] == 13) != before_breaks:
            return None  # a carriage return not just before a line break
    starts = np.concatenate(([0], breaks[:-1] + 1))
    # Counted in the narrowest type no line can overflow: bytes, for lines under 256 bytes.
    narrow = np.uint8 if longest < 256 else np.int32
    delimiters = np.add.reduceat((data[:end] == target).view(np.uint8), starts, dtype=narrow)
    return data, breaks, delimiters.astype(np.int64) + 1


def _quoted_records(
    path: Path, buffer: bytes, target: int, encoding: str, line: int, final: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """As `_unquoted_records`, for a chunk with quotes: delimiters and line breaks count only
    outside quotes, so each one's position is found and weighed against the quotes before it;
    None also when a quote is never closed."""
    import numpy as np

    data = np.frombuffer(buffer, np.uint8)
    quotes = np.flatnonzero(data == 34)
    marks = np.flatnonzero((data == 10) | (data == target))  # line breaks, delimiters
    marks = marks[(np.searchsorted(quotes, marks, side="right") & 1) == 0]  # outside quotes
    _refuse_long_fields(path, data, marks, encoding, line, final)
    if final:
        if quotes.size % 2:
            return None
        if not marks.size or data[marks[-1]] != 10 or marks[-1] != len(data) - 1:
            marks = np.append(marks, len(data))  # a last line without its LF
            data = np.append(data, np.uint8(10))
    break_at = np.flatnonzero(data[marks] == 10)  # indexes into marks
    breaks = marks[break_at]
    if breaks.size and buffer.find(b"\r", 0, int(breaks[-1]) + 1) >= 0:
        end = int(breaks[-1]) + 1
        carriage = np.flatnonzero(data[:end] == 13)
        carriage = carriage[(np.searchsorted(quotes, carriage, side="right") & 1) == 0]
        if (data[carriage + 1] != 10).any():
            return None
    return data, breaks, np.diff(break_at, prepend=-1)  # delimiters between breaks, plus one
