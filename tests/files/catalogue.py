"""Real-world file problems, one example of each kind, with the message a user must see.

Invented data and pseudonymous references only. Binary files (workbooks, an encrypted package)
are built here rather than kept, so each stays tiny and readable. The same files go through the
CLI (tests/files/test_cli.py) and the workspace's upload forms (tests/files/test_uploads.py),
which must give the same messages.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl import Workbook

HEADER = "case_ref,stream,disposal_type,disposal_date,gender,age,rosh,safety_wellbeing,team\n"
COLUMNS = HEADER.strip().split(",")


def row(ref: str, team: str = "North", **changes: str) -> str:
    values = dict(zip(COLUMNS, [ref, "court", "referral_order", "2018-02-01", "male", "15",
                                "low", "medium", team], strict=True))  # fmt: skip
    values.update(changes)
    return ",".join(values.values()) + "\n"


@dataclass(frozen=True)
class BadFile:
    """`kind`: population, scores (published scores for --compare) or results."""

    id: str
    kind: str
    name: str
    content: Callable[[], bytes]
    message: str  # what follows "NAME" in the message: ":3: ..." or ": ..."


def _workbook(build: Callable[[Workbook], None]) -> bytes:
    book = Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cases(sheet, *extra_rows) -> None:
    sheet.append(COLUMNS[:-1])
    sheet.append(["YJ-001", "court", "referral_order", "2018-02-01", "male", 15, "low", "medium"])
    for extra in extra_rows:
        sheet.append(extra)


def hidden_first_sheet() -> bytes:
    def build(book: Workbook) -> None:
        lookups = book.active
        lookups.title = "Lookups"
        lookups.append(["code", "label"])
        lookups.sheet_state = "hidden"
        cases = book.create_sheet("Cases")
        _cases(cases, ["YJ-002", "court", "referral_order", "2018-02-01", "boy", 15, "low", "low"])
        book.active = 1

    return _workbook(build)


def formula_without_value() -> bytes:
    """openpyxl, like many programs, writes formulas and never calculates them."""
    return _workbook(
        lambda book: _cases(
            book.active,
            ["YJ-002", "court", "referral_order", "2018-02-01", "male", "=10+5", "low", "low"],
        )
    )


def _patched(replace: Callable[[str, bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_workbook(lambda book: _cases(book.active))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            target.writestr(part, replace(part.filename, source.read(part.filename)))
    return out.getvalue()


def dimension_bomb() -> bytes:
    """A sheet that declares all 17 billion cells of a sheet, fills two rows and touches the far
    corner: a reader that trusts the declaration pads a million empty rows to 16,384 cells."""

    def replace(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            whole_sheet = b'<dimension ref="A1:XFD1048576"/>'
            data = re.sub(rb'<dimension ref="[^"]*"\s*/>', whole_sheet, data)
            corner = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
            data = data.replace(b"</sheetData>", corner + b"</sheetData>")
            assert data.count(b"XFD1048576") == 2
        return data

    return _patched(replace)


def billion_laughs(padding: int = 0) -> bytes:
    """Nine levels of ten entities: a billion "lol"s. `padding` pushes the declaration past
    the first 4 KB of the part, beyond a quick look at its start."""
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    declaration = b"<!DOCTYPE workbook [" + entities + b"]>"

    def replace(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            comment = b"<!--" + b"x" * padding + b"-->" if padding else b""
            data = data.replace(b"<workbookPr", b"<workbookPr codeName='&lol9;'", 1)
            data = comment + declaration + data
        return data

    return _patched(replace)


def ole2(stream_name: str) -> bytes:
    """The start of an OLE2 compound file (what an encrypted or sensitivity-labelled workbook,
    and an old .xls, is), with one directory entry name."""
    return bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + stream_name.encode("utf-16-le")


CATALOGUE = [
    # PostgreSQL's text columns refuse NUL: a NUL past the first 4 KB (which say "binary")...
    BadFile(
        "nul-byte", "population", "nul.csv",
        lambda: (HEADER + "".join(row(f"YJ-{n:03d}") for n in range(1, 101))
                 + row("YJ-101", team="No\x00rth")).encode(),
        ":102: holds a NUL character (a zero byte), which no text may hold; remove it",
    ),
    # ... or written as an escape, which JSON and YAML read as one.
    BadFile(
        "nul-escape", "results", "nul.json",
        lambda: b'{"framework": "hmip-yos-2018",\n "service": {"name": "Demo\\u0000 YOS"}}',
        ":2: service.name: holds a NUL character (a zero byte), which no text may hold; remove it",
    ),
    BadFile(
        "unquoted-comma", "population", "extra.csv",
        lambda: (HEADER + row("YJ-001") + row("YJ-002", team="North, Chelmsford")).encode(),
        ":3: 10 fields, but the header has 9; a comma inside a value needs quotes around that "
        "value",
    ),
    BadFile(
        "short-line", "population", "short.csv",
        lambda: (HEADER + row("YJ-001") + "YJ-002,court,referral_order,2018-02-01\n").encode(),
        ":3: 4 fields, but the header has 9; a value may be missing, or a line break inside a "
        "value needs quotes around it",
    ),
    BadFile(
        "quote-never-closed", "population", "quote.csv",
        lambda: (HEADER + row("YJ-001") + row("YJ-002", team='"North') + row("YJ-003")).encode(),
        ":3: a quoted field opened on this line is never closed",
    ),
    BadFile(
        "mixed-encodings", "population", "mixed.csv",
        lambda: (HEADER + row("YJ-001", team="£ North")).encode("cp1252")
        + row("YJ-002", team="Álvaro Team").encode("utf-8"),
        ":2: mixed encodings: line 3 has UTF-8 text ('Á') but line 2 has byte 0xA3, which is not "
        "UTF-8; save it as 'CSV UTF-8' (or UTF-8 text), or set encoding: in the mapping profile",
    ),
    BadFile(
        "undefined-byte", "population", "byte.csv",
        lambda: (HEADER + row("YJ-001")).encode() + row("YJ-002", team="\x81").encode("latin-1"),
        ":3: byte 0x81 is neither UTF-8 nor Windows-1252 text; save it as 'CSV UTF-8' (or UTF-8 "
        "text), or set encoding: in the mapping profile",
    ),
    BadFile(
        "stray-carriage-return", "population", "cr.csv",
        lambda: (HEADER.replace("stream,", "stream\r,") + row("YJ-001")).encode(),
        ":1: a stray carriage return (CR) character after 'stream' splits the line; remove it",
    ),
    BadFile(
        "line-break-in-quotes", "population", "quoted.csv",
        lambda: (HEADER + row("YJ-001", team='"North\nEast"')
                 + row("YJ-002", gender="boy")).encode(),
        ": 1 bad value in 1 row, nothing used:\n  gender: unknown code; expected one of male, "
        "female, other, not_known (1): line 4 (record 3) 'boy'",
    ),
    BadFile(
        "header-only", "population", "empty.csv", lambda: HEADER.encode(),
        ": no cases: the file has its header and no rows below it",
    ),
    BadFile(
        "total-row", "population", "total.csv",
        lambda: (HEADER + row("YJ-001") + row("YJ-002") + "Total,,,,,2,,,\n").encode(),
        ": 1 bad value in 1 row, nothing used:\n  case_ref: a summary row, not a case: remove "
        "it (1): line 4 'Total'",
    ),
    BadFile(
        "workbook-named-csv", "population", "cases.csv", formula_without_value,
        ": this is an Excel workbook (or another zip file), not text: name it .xlsx",
    ),
    BadFile(
        "html-as-xlsx", "population", "cases.xlsx",
        lambda: b"<html><body><table><tr><td>case_ref</td></tr></table></body></html>",
        ": this is an HTML file (a web page or table saved with an Excel name), not a workbook: "
        "open it in Excel and save it as an Excel workbook (.xlsx), or export CSV",
    ),
    BadFile(
        "encrypted-workbook", "population", "cases.xlsx", lambda: ole2("EncryptedPackage"),
        ": this workbook is encrypted (protected by a password or a sensitivity label): save an "
        "unprotected copy and import that",
    ),
    BadFile(
        "old-xls", "population", "cases.xlsx", lambda: ole2("Workbook"),
        ": this is an old-style Excel 97-2003 workbook (.xls): save it as .xlsx",
    ),
    BadFile(
        "csv-named-xlsx", "population", "cases.xlsx", lambda: HEADER.encode(),
        ": this is not an Excel workbook (.xlsx): save it from Excel as .xlsx, or export CSV",
    ),
    BadFile(
        "truncated-workbook", "population", "cases.xlsx",
        lambda: hidden_first_sheet()[:3000],
        ": this workbook is damaged (an incomplete or corrupt file): save it again",
    ),
    BadFile(
        "hidden-first-sheet", "population", "cases.xlsx", hidden_first_sheet,
        ", sheet 'Cases': 1 bad value in 1 row, nothing used:\n  gender: unknown code; expected "
        "one of male, female, other, not_known (1): row 3 'boy'",
    ),
    BadFile(
        "formula-without-value", "population", "cases.xlsx", formula_without_value,
        ", sheet 'Sheet': 1 bad value in 1 row, nothing used:\n  age: the cell holds a formula "
        "with no saved value (the program that wrote the workbook never calculated it): open it "
        "in Excel and save it, or paste the values (1): row 3 ''",
    ),
    BadFile(
        "billion-laughs", "population", "cases.xlsx", billion_laughs,
        ": part xl/workbook.xml of this workbook declares XML entities, which spreadsheet "
        "programs never write (a way to exhaust memory): save a fresh copy from Excel",
    ),
    BadFile(
        "billion-laughs-padded", "population", "cases.xlsx", lambda: billion_laughs(5000),
        ": part xl/workbook.xml of this workbook declares XML entities, which spreadsheet "
        "programs never write (a way to exhaust memory): save a fresh copy from Excel",
    ),
    BadFile(
        "summary-row", "scores", "scores.csv",
        lambda: b"service,published,safeguarding,risk_of_harm,likelihood_of_reoffending\n"
        b"Area A,2010-06-15,37,36,43\nArea B,2011-03-10,91,86,87\nAverage,,64,61,65\n",
        ":4: service: 'Average' is a summary row, not an inspection; remove it",
    ),
    BadFile(
        "scores-unquoted-comma", "scores", "scores.csv",
        lambda: b"service,published,safeguarding,risk_of_harm,likelihood_of_reoffending\n"
        b"Area A, Essex,2010-06-15,37,36,43\n",
        ":2: 6 fields, but the header has 5; a comma inside a value needs quotes around that "
        "value",
    ),
    BadFile(
        "huge-field", "population", "huge.csv",
        lambda: (HEADER + row("YJ-001") + row("YJ-002", team="N" * 600_000)
                 + row("YJ-003")).encode(),
        ":3: a field of more than 32,767 characters; no field may hold more than 32,767 (a quote "
        "left open, or text pasted into the export?)",
    ),
    BadFile(
        "long-field", "population", "long.csv",
        lambda: (HEADER + row("YJ-001", team="N" * 32_768) + row("YJ-002")).encode(),
        ":2: a field of 32,768 characters; no field may hold more than 32,767 (a quote left "
        "open, or text pasted into the export?)",
    ),
    BadFile(
        "header-too-wide", "population", "wide.csv",
        lambda: (HEADER.strip() + "".join(f",extra{n}" for n in range(20_000)) + "\n"
                 + row("YJ-001")).encode(),
        ":1: the header (line 1) is longer than 64 KB, with at least 6,666 columns: a "
        "case-management export has a few dozen; is this the file meant, saved as CSV?",
    ),
    BadFile(
        "duplicate-judgement", "results", "results.yaml",
        lambda: b"framework: hmip-yos-2018\nservice: {name: Test YOS}\njudgements:\n"
        b'  "1.1": Good\n  "1.2": Good\n  "1.1": Inadequate\n',
        ":6: judgements: '1.1' is written twice (first on line 4); keep one",
    ),
    BadFile(
        "duplicate-key-question", "results", "results.yaml",
        lambda: b"framework: hmip-yos-2018\nservice: {name: Test YOS}\nkey_questions:\n"
        b'  "2.1.1": {yes: 5, no: 1}\n  "2.1.1": {yes: 1, no: 5}\n',
        ":5: key_questions: '2.1.1' is written twice (first on line 4); keep one",
    ),
]  # fmt: skip


def by_kind(kind: str) -> list[BadFile]:
    return [bad for bad in CATALOGUE if bad.kind == kind]
