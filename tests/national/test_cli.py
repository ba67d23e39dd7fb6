"""`yjinspect national`: its formats, --out, --position and the filters; exit 2 for bad input."""

import json
from pathlib import Path

import pytest

from ..conftest import EXAMPLES

D2I = Path(__file__).with_name("data-to-insight-invented.csv")
ESSEX = EXAMPLES / "essex-2018.yaml"


def test_json_is_the_documented_form(cli):
    result = cli("national", D2I, ESSEX, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"inspections", "frameworks", "overall", "scores", "standards", "by_year",
            "problems"} <= data.keys()  # fmt: skip
    assert data["inspections"] == 8
    assert data["frameworks"] == {"hmip-yjs-2021": 6, "hmip-yos-2018": 2}
    assert data["overall"]["Good"] == 3
    assert data["standards"]["hmip-yos-2018"]["3.4"] == {
        "Outstanding": 0, "Good": 2, "Requires improvement": 0, "Inadequate": 0
    }  # fmt: skip
    assert data["by_year"]["2021"] == {
        "Outstanding": 0, "Good": 0, "Requires improvement": 1, "Inadequate": 0
    }  # fmt: skip
    assert data["key_questions"]["hmip-yos-2018"]["3.4.2"]["Requires improvement"] == 1
    assert any(p["line"] == 4 and p["column"] is None for p in data["problems"])
    assert data["position"] is None


def test_filters_and_position(cli):
    result = cli("national", D2I, "--format", "json", "--framework", "hmip-yjs-2021",
                 "--year", "2024", "--position", ESSEX)  # fmt: skip
    # Essex is under the 2018 standards: nothing under them passes the filter.
    assert result.exit_code == 2
    assert "nothing to compare with" in result.stderr
    result = cli("national", D2I, "--format", "json", "--year", "2024")
    data = json.loads(result.stdout)
    assert data["inspections"] == 2 and data["filters"]["year"] == 2024


def test_position_sentences(cli):
    result = cli("national", D2I, "--format", "markdown", "--position", ESSEX)
    assert result.exit_code == 0, result.output
    assert "3.4 Joint working: Good; 1 of 1 service was rated the same or lower" in result.stdout
    assert "Overall rating: Outstanding; 0 of 0 services were rated the same or lower" not in (
        result.stdout
    )


@pytest.mark.parametrize("output", ["table", "markdown", "html"])
def test_each_format_writes_the_picture(cli, tmp_path, output):
    out = tmp_path / f"national.{output}"
    result = cli("national", D2I, ESSEX, "--format", output, "--out", out)
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert "Standards: Inspection of youth justice services (2021 standards)" in text
    assert "a footnote, not an inspection" in text
    if output == "html":
        assert text.count("<svg") == 4 and '<table class="reflow" aria-labelledby' in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("service,published,framework,overall,score\nA,2024-01-01,hmip-yjs-2021,Fine,\n",
         ":2: overall: 'Fine' is not an overall rating"),
        ('service,published\n"A,2024\n', "published.csv:2: a quoted field opened on this line"),
        ("service,published\nA,2024-01-01\n", "published.csv:1: header: missing columns"),
        ("la_name,score_%,overall_rating\nA,ten,Good\n",
         ':2: ["score_%"]: \'ten\' is not a number'),
        (b"\xff\xfe".decode("latin-1"), "published.csv:1: no header"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_file_line_and_column(cli, tmp_path, content, expected):
    path = tmp_path / "published.csv"
    path.write_bytes(content.encode("latin-1"))
    result = cli("national", path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.stdout == ""
    assert expected in result.stderr


def test_a_missing_source_exits_2(cli, tmp_path):
    result = cli("national", tmp_path / "nowhere.csv")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_a_standard_nobody_else_has_a_rating_for_says_so(cli):
    result = cli("national", D2I, "--format", "markdown", "--position", ESSEX)
    assert "2.1 Assessment: Outstanding; no other inspection in the picture has one to compare" in (
        result.stdout
    )
    assert "against 1 inspection under" in result.stdout


def test_a_framework_no_source_is_under_is_refused(cli):
    result = cli("national", D2I, "--framework", "hmip-cci-2009")
    assert result.exit_code == 2
    assert (
        "error: --framework: no inspection in the sources is under hmip-cci-2009; they are under "
        "hmip-yjs-2021, hmip-yos-2018"
    ) in result.stderr


def test_a_mistyped_framework_is_named_as_not_bundled(cli):
    result = cli("national", D2I, "--framework", "hmip-yjs-2012")
    assert result.exit_code == 2
    assert (
        "error: hmip-yjs-2012: not a bundled framework; the sources are under "
        "hmip-yjs-2021, hmip-yos-2018"
    ) in result.stderr


def test_a_source_given_twice_is_counted_once(cli):
    essex = EXAMPLES / "essex-2018.yaml"
    result = cli("national", essex, essex, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["inspections"] == 1
    assert any("given twice: counted once" in p["message"] for p in data["problems"])


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_file_formats_need_out_and_carry_the_figures(cli, tmp_path, fmt):
    result = cli("national", D2I, ESSEX, "--format", fmt)
    assert result.exit_code == 2
    assert f"--format {fmt} writes a file: name it with --out PATH" in result.stderr
    out = tmp_path / f"national.{fmt}"
    result = cli("national", D2I, ESSEX, "--format", fmt, "--out", out)
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(out)
        rows = list(book["standards"].iter_rows(min_row=2, values_only=True))
        assert ("hmip-yos-2018", "3.4", "Good", 2) in rows
        problems = list(book["problems"].iter_rows(min_row=2, values_only=True))
        assert any(line == 4 for _, line, _, _ in problems)
    elif fmt == "docx":
        from docx import Document

        text = "\n".join(p.text for p in Document(out).paragraphs)
        assert "8 inspections; 6 under" in text
        assert len(Document(out).inline_shapes) >= 2  # the charts, as pictures
    else:
        assert out.read_bytes().startswith(b"%PDF")


def test_the_projects_examples_folder_is_read_and_the_other_files_skipped_one_line_each(
    cli, tmp_path
):
    """The examples folder holds a population, a mapping profile and published Core Case
    Inspection scores besides results files: each is skipped with its reason, and the picture
    is built from the rest (Essex 2018; Essex 2012 is scored, so left out)."""
    folder = tmp_path / "examples"
    folder.mkdir()
    for file in EXAMPLES.iterdir():
        if file.is_file():
            (folder / file.name).write_bytes(file.read_bytes())
    result = cli("national", folder, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["frameworks"] == {"hmip-yos-2018": 1}
    skipped = {Path(p["file"]).name: p["message"] for p in data["problems"]
               if p["message"].startswith("skipped: ")}  # fmt: skip
    assert skipped.keys() == {"cci-published-scores.csv", "population-cms-export.csv",
                              "population-demo.csv", "profile-example.yaml"}  # fmt: skip
    assert "not a published-results CSV" in skipped["population-demo.csv"]
    assert "not a results file" in skipped["profile-example.yaml"]
    table = cli("national", folder)
    assert table.exit_code == 0 and "population-demo.csv: skipped: not a" in table.stdout


def test_a_file_named_on_its_own_is_read_whatever_it_holds(cli):
    result = cli("national", EXAMPLES / "cci-published-scores.csv")
    assert result.exit_code == 2 and "missing columns: framework" in result.output
