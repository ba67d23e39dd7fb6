"""Exports round-trip the numbers: XLSX with typed cells and frozen headers, CSV, JSON."""

import csv
import io
import json

from openpyxl import load_workbook

from yjinspect.ratings import rate_file
from yjinspect.reporting.exports import rating_tables, to_csv, to_json, to_xlsx

from ..conftest import EXAMPLES


def essex_tables():
    return rating_tables(rate_file(EXAMPLES / "essex-2018.yaml"))


def test_xlsx_has_a_typed_sheet_per_table_with_frozen_headers():
    book = load_workbook(io.BytesIO(to_xlsx(essex_tables())))
    assert book.sheetnames == ["ratings", "key_questions"]
    sheet = book["key_questions"]
    assert sheet.freeze_panes == "A2"
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["3.4.2"][2:6] == (63, 17, 10, 1)
    assert isinstance(rows["3.4.2"][6], float) and rows["3.4.2"][9] is True
    overall = [row for row in book["ratings"].iter_rows(values_only=True) if row[0] == "overall"]
    assert overall[0][3:5] == ("Outstanding", 33)


def test_csv_and_json_carry_the_same_numbers():
    tables = essex_tables()
    rows = list(csv.DictReader(io.StringIO(to_csv(tables[1]))))
    assert {r["key_question"]: r["percent"] for r in rows}["2.1.3"] == "98"
    data = json.loads(to_json(tables))
    joint = next(r for r in data["ratings"] if r["standard"] == "3.4")
    assert (joint["rating"], joint["evidence_rating"], joint["discretion_forced"]) == (
        "Good", "Requires improvement", False,
    )  # fmt: skip
