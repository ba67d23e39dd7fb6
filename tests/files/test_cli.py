"""Every file problem of the catalogue through the CLI: one message naming the file and the
place in it, exit status 2, never a traceback."""

import time

import pytest

from ..conftest import EXAMPLES
from .catalogue import CATALOGUE, by_kind, dimension_bomb

FIELDWORK = ("--fieldwork-start", "2018-09-01", "--framework", "hmip-yos-2018")


def refused(result, expected: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert expected in result.stderr, result.stderr


def commands(bad, path):
    if bad.kind == "population":
        out = path.parent / "out"
        return [("population", "check", path), ("sample", path, *FIELDWORK, "--out", out)]
    if bad.kind == "scores":
        return [("report", EXAMPLES / "essex-2012.yaml", "--compare", path)]
    return [("validate", path), ("rate", path)]


@pytest.mark.parametrize("bad", CATALOGUE, ids=[bad.id for bad in CATALOGUE])
def test_each_bad_file_is_named_with_its_problem(cli, tmp_path, bad):
    path = tmp_path / bad.name
    path.write_bytes(bad.content())
    for command in commands(bad, path):
        refused(cli(*command), f"error: {path}{bad.message}")


def test_the_population_kinds_are_all_tried():
    assert len(by_kind("population")) >= 10


def test_a_declared_dimension_cannot_hold_the_machine(cli, tmp_path):
    """A 2 KB workbook whose sheet declares A1:XFD1048576 held a server thread for 764 s."""
    path = tmp_path / "cases.xlsx"
    path.write_bytes(dimension_bomb())
    start = time.perf_counter()
    result = cli("population", "check", path)
    assert time.perf_counter() - start < 5
    assert result.exit_code == 0, result.output
    assert "1 cases, all valid (XLSX, sheet 'Sheet')" in result.stdout


def test_a_semicolon_export_with_commas_in_its_text_is_read(cli, tmp_path):
    path = tmp_path / "export.csv"
    header = (
        "case_ref;stream;disposal_type;disposal_date;gender;age;rosh;safety_wellbeing;"
        "Offence (main, other)"  # commas in the header too: the sniffer once chose them
    )
    rows = [
        "YJ-001;court;referral_order;2018-02-01;male;15;low;medium;Theft, shoplifting",
        "YJ-002;court;referral_order;2018-02-01;male;15;low;medium;Burglary, dwelling",
    ]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    result = cli("population", "check", path)
    assert result.exit_code == 0, result.output
    assert "2 cases, all valid (CSV, encoding utf-8, delimiter ';')" in result.stdout


def test_the_hidden_sheet_is_not_read_but_the_active_one(cli, tmp_path):
    from .catalogue import hidden_first_sheet

    path = tmp_path / "cases.xlsx"
    path.write_bytes(hidden_first_sheet())
    result = cli("population", "check", path)
    assert "sheet 'Cases'" in result.stderr and "Lookups" not in result.stderr
