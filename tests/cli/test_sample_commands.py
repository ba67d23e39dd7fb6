"""`population check`, `sample` and `replace-case` as a user runs them."""

import json

import pytest
from openpyxl import load_workbook

from ..conftest import EXAMPLES
from ..sampling.helpers import case, write_population

DEMO = EXAMPLES / "population-demo.csv"


def sample(cli, out, *extra, population=DEMO):
    return cli("sample", population, "--fieldwork-start", "2026-06-01", "--out", out, *extra)


def test_population_check_reports_what_it_understood(cli):
    result = cli("population", "check", DEMO)
    assert result.exit_code == 0, result.output
    assert "population-demo.csv: 600 cases, all valid (CSV, encoding utf-8" in result.stdout
    assert "community_resolution" in result.stdout


def test_sample_writes_every_output(cli, tmp_path):
    out = tmp_path / "sample"
    result = sample(cli, out, "--seed", "3")
    assert result.exit_code == 0, result.output
    assert "Sampling report" in result.stdout
    names = {"sample.csv", "reserve.csv", "sample.xlsx", "sampling-report.json"}
    assert names | {"sampling-report.md"} == {p.name for p in out.iterdir()}
    report = json.loads((out / "sampling-report.json").read_text())
    assert set(report) >= {"eligible", "excluded", "size", "balance"}
    assert set(report["size"]) >= {"total", "court", "out_of_court", "method", "assumptions"}
    assert report["size"]["total"] == report["size"]["court"] + report["size"]["out_of_court"]
    row = report["balance"][0]
    assert set(row) == {"stream", "variable", "value", "population", "target", "achieved"}
    assert report["seed"] == 3

    book = load_workbook(out / "sample.xlsx")
    assert book.sheetnames == ["Sample", "Reserve", "Balance", "Excluded"]
    sheet = book["Sample"]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert isinstance(first["age"], int)
    assert first["disposal_date"].year in (2025, 2026)
    assert sheet.max_row - 1 == report["size"]["total"]
    csv_rows = (out / "sample.csv").read_text().splitlines()
    assert csv_rows[0].startswith("case_ref,stream,disposal_type,disposal_date")
    assert len(csv_rows) - 1 == report["size"]["total"]


def test_the_same_seed_gives_the_same_files(cli, tmp_path):
    sample(cli, tmp_path / "a", "--seed", "9")
    sample(cli, tmp_path / "b", "--seed", "9")
    for name in ("sample.csv", "reserve.csv"):
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()


def test_an_existing_sample_is_not_overwritten_without_force(cli, tmp_path):
    sample(cli, tmp_path, "--seed", "1")
    before = (tmp_path / "sample.csv").read_text()
    result = sample(cli, tmp_path, "--seed", "2")
    assert result.exit_code == 2
    assert "already holds a sample" in result.stderr
    assert (tmp_path / "sample.csv").read_text() == before
    assert sample(cli, tmp_path, "--seed", "2", "--force").exit_code == 0


def test_size_override(cli, tmp_path):
    assert sample(cli, tmp_path, "--size", "10", "--seed", "1").exit_code == 0
    report = json.loads((tmp_path / "sampling-report.json").read_text())
    assert (report["size"]["court"], report["size"]["out_of_court"]) == (6, 4)


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (
            {"case_ref": "DEMO-0001"},
            "case_ref: duplicate case reference (first on line 2) (1): line 3",
        ),
        ({"disposal_date": "31/12/2025"}, "disposal_date: not a date (YYYY-MM-DD) (1): line 3"),
        ({"disposal_date": "2099-01-01"}, "disposal_date: in the future"),
        (
            {"rosh": "severe"},
            "rosh: unknown code; expected one of low, medium, high, very_high (1)",
        ),
        ({"age": "twelve"}, "age: not a whole number (1): line 3 'twelve'"),
    ],
)
def test_bad_values_name_row_and_column_and_write_nothing(cli, tmp_path, bad, expected):
    rows = [case("DEMO-0001"), case("DEMO-0002", **bad), case("DEMO-0003")]
    population = write_population(tmp_path / "p.csv", rows)
    out = tmp_path / "out"
    result = sample(cli, out, population=population)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    check = cli("population", "check", population)
    assert check.exit_code == 2 and expected in check.stderr


def test_an_identifying_column_is_refused_by_name(cli, tmp_path):
    rows = [case("C1") | {"first_name": "Invented"}]
    population = write_population(tmp_path / "p.csv", rows, header=["first_name", *case("x")])
    result = sample(cli, tmp_path / "out", population=population)
    assert result.exit_code == 2
    assert "column 'first_name' would identify a child" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unreadable_inputs(cli, tmp_path):
    result = sample(cli, tmp_path / "out", population=tmp_path / "none.csv")
    assert result.exit_code == 2 and "none.csv: no such file" in result.stderr
    (tmp_path / "p.ods").write_text("x")
    result = sample(cli, tmp_path / "out", population=tmp_path / "p.ods")
    assert result.exit_code == 2 and "not a population file" in result.stderr
    bad_date = cli("sample", DEMO, "--fieldwork-start", "June", "--out", tmp_path / "out")
    assert bad_date.exit_code == 2
    result = sample(cli, tmp_path / "out", "--framework", "hmip-cci-2009")
    assert result.exit_code == 2 and "error: hmip-cci-2009: has no sampling rules" in result.stderr
    assert not (tmp_path / "out").exists()


def test_replace_case_through_the_cli(cli, tmp_path):
    sample(cli, tmp_path, "--seed", "4")
    first = (tmp_path / "sample.csv").read_text().splitlines()[1].split(",")[0]
    result = cli("replace-case", tmp_path, first, "--reason", "transferred out")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{first} replaced by DEMO-")
    missing = cli("replace-case", tmp_path, first, "--reason", "again")
    assert missing.exit_code == 2 and f"case '{first}' is not in the sample" in missing.stderr


def test_replacing_a_case_again_says_what_replaced_it(cli, tmp_path):
    out = tmp_path / "sample"
    assert cli("sample", EXAMPLES / "population-demo.csv", "--fieldwork-start", "2026-06-01",
               "--out", out, "--seed", "1").exit_code == 0  # fmt: skip
    first = (out / "sample.csv").read_text().splitlines()[1].split(",")[0]
    done = cli("replace-case", out, first, "--reason", "transferred out of the area")
    assert done.exit_code == 0, done.output
    again = cli("replace-case", out, first, "--reason", "again")
    assert again.exit_code == 2
    assert f"case '{first}' is not in the sample: it was replaced by " in again.output


def test_sample_follows_the_framework_in_force_on_the_fieldwork_start(cli, tmp_path):
    """It defaulted to the 2018 framework whatever the date."""
    result = sample(cli, tmp_path / "sample", "--seed", "3")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "sample" / "sampling-report.json").read_text())
    assert report["framework"] == "hmip-yjs-2021"
    early = cli("sample", DEMO, "--fieldwork-start", "2010-01-01", "--out", tmp_path / "early")
    assert early.exit_code == 2
    assert (
        "no bundled framework with sampling rules is in force on 2010-01-01: hmip-yjs-2021 from "
        "2022-05-01; hmip-yos-2018 from 2018-10-01 to 2022-04-30; choose one with --framework"
    ) in early.stderr


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("2026-02-31", "2026-02-31 is not a real date (write YYYY-MM-DD)"),
        ("June", "June is not a date (write YYYY-MM-DD)"),
        ("01/06/2026", "01/06/2026 is not a date (write YYYY-MM-DD)"),
    ],
)
def test_a_bad_date_option_is_one_plain_error_line(cli, tmp_path, given, said):
    """Like every other bad input: one `error:` line naming the option, exit status 2, and
    nothing written; never a usage box that says a real-looking date does not match."""
    result = cli("sample", DEMO, "--fieldwork-start", given, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == f"error: --fieldwork-start: {said}\n"
    assert not (tmp_path / "out").exists()
