"""No text yjinspect writes to a CSV or XLSX file runs as a formula; numbers stay numbers
(issue 13, item 2). Every writer: the core exports, the sample folder, the workspace."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from yjinspect.reporting.escape import FORMULA_STARTS, csv_text, spreadsheet_cell
from yjinspect.reporting.exports import DataTable, to_csv, to_xlsx
from yjinspect.web.workspace.exports import EXPORT_NAMES
from yjinspect.web.workspace.models import Answer, Case, Finding, Recommendation

from ..conftest import EXAMPLES
from .conftest import FORMULAS


def _live(text: object) -> bool:
    """Text a spreadsheet would run: starts like a formula and is not just a number."""
    if not isinstance(text, str) or not text.startswith(FORMULA_STARTS):
        return False
    return not re.fullmatch(r"-\d+(\.\d+)?", text)


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _workbook_cells(data: bytes | Path) -> list:
    """Every cell's value; a text cell is a string cell, never a formula or an error value."""
    book = load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type in ("f", "e")], "a formula cell"
    return [cell.value for cell in cells]


def _kept(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)  # what no worksheet can hold


@given(st.text())
def test_no_csv_cell_starts_a_formula_and_the_text_is_kept(text):
    cell = spreadsheet_cell(text, "csv")
    assert not _live(cell)
    assert csv_text(cell) == _kept(text)  # the mark is taken off exactly


@given(st.text(), st.text())
def test_csv_cells_of_different_texts_differ(first, second):
    """`=R125` and `'=R125` were both written `'=R125`: a reader could not tell them apart."""
    if _kept(first) != _kept(second):
        assert spreadsheet_cell(first, "csv") != spreadsheet_cell(second, "csv")


def test_an_apostrophe_is_marked_too():
    assert spreadsheet_cell("=R125", "csv") == "'=R125"
    assert spreadsheet_cell("'=R125", "csv") == "''=R125"
    assert spreadsheet_cell("R125", "csv") == "R125"


@given(st.text())
def test_workbook_text_is_kept_as_typed(text):
    assert spreadsheet_cell(text, "xlsx") == _kept(text)


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.dates(), st.booleans(),
                 st.none()), st.sampled_from(["csv", "xlsx"]))  # fmt: skip
def test_values_that_are_not_text_are_unchanged(value, kind):
    assert spreadsheet_cell(value, kind) == value


TABLE = DataTable(
    "notes",
    ("case_ref", "note", "points", "when"),
    tuple((formula, formula, -3, date(2018, 10, 1)) for formula in FORMULAS),
)


def test_core_csv_and_xlsx_exports_are_inert():
    cells = _csv_cells(to_csv(TABLE))
    assert not [cell for cell in cells if _live(cell)]
    assert cells.count("-3") == len(FORMULAS)  # a negative number is still a number
    values = _workbook_cells(to_xlsx([TABLE]))
    assert values.count(-3) == len(FORMULAS)
    assert set(FORMULAS) <= set(values)  # as typed, in string cells: no apostrophe needed
    assert "'=R125" in _workbook_cells(to_xlsx([DataTable("t", ("'=R125", "#N/A"), ())]))


def test_control_characters_never_break_a_workbook():
    pasted = DataTable("notes", ("note",), (("bell\x07 and a vertical tab\x0b from Word",),))
    assert _workbook_cells(to_xlsx([pasted])) == ["note", "bell and a vertical tab from Word"]


def test_the_sample_folder_is_inert(cli, tmp_path):
    lines = (EXAMPLES / "population-demo.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0]]
    for number, line in enumerate(lines[1:]):
        reference, rest = line.split(",", 1)
        start = FORMULAS[number % len(FORMULAS)].replace('"', "")[:2]
        rows.append(f'"{start}{reference}",{rest.replace("Team", "=Team")}')
    population = tmp_path / "population.csv"
    population.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "sample"
    done = cli("sample", population, "--fieldwork-start", "2026-06-01", "--out", out,
               "--seed", "1")  # fmt: skip
    assert done.exit_code == 0, done.output
    for name in ("sample.csv", "reserve.csv"):
        cells = _csv_cells((out / name).read_text(encoding="utf-8"))
        assert not [cell for cell in cells if _live(cell)], name
        assert any(cell.startswith("'=Team") for cell in cells)
    values = _workbook_cells(out / "sample.xlsx")
    assert any(str(value).startswith("=Team") for value in values)
    assert any(isinstance(value, int) and not isinstance(value, bool) for value in values)
    sampled = next(c for c in _csv_cells((out / "sample.csv").read_text()) if c.startswith("'=H"))
    replaced = cli("replace-case", out, sampled[1:], "--reason", "file unavailable")
    assert replaced.exit_code == 0, replaced.output  # the reference as the user knows it
    cells = _csv_cells((out / "sample.csv").read_text(encoding="utf-8"))
    assert not [cell for cell in cells if cell.startswith("''")]  # read back, not marked twice


@pytest.fixture
def hostile_workspace(demo):
    essex = demo["essex"]
    case = essex.cases.exclude(selection=Case.Selection.REPLACED).first()
    case.case_ref = FORMULAS[0]
    case.save()
    answer = Answer.objects.filter(assessment__case__inspection=essex).first()
    answer.evidence = FORMULAS[1]
    answer.save()
    Finding.objects.create(inspection=essex, kind="strength", standard="2.1", text=FORMULAS[3])
    Recommendation.objects.create(inspection=essex, addressee=FORMULAS[4], text=FORMULAS[5])
    return essex


def test_workspace_exports_are_inert(hostile_workspace, as_user):
    lead = as_user("lead")
    base = f"/inspections/{hostile_workspace.pk}/export"
    seen = []
    for name in EXPORT_NAMES:
        cells = _csv_cells(lead.get(f"{base}/{name}.csv").content.decode())
        assert not [cell for cell in cells if _live(cell)], name
        seen += cells
    assert {f"'{formula}" for formula in FORMULAS[:2] + FORMULAS[3:]} <= set(seen)
    values = _workbook_cells(lead.get(f"{base}/all.xlsx").content)
    assert FORMULAS[0] in values
    assert 33 in values  # the overall points, still a number
