"""`yjinspect agreement FIRST SECOND`: two assessors' answers to the same cases, compared."""

from __future__ import annotations

import json

import pytest


def _results(cases: dict[str, dict[str, str]], framework: str = "hmip-yos-2018") -> str:
    lines = [f"framework: {framework}", "service: {name: Demo YOS}", "cases:"]
    for case, answers in cases.items():
        lines += [f"  - id: {case}", "    disposal: court", "    answers:"]
        lines += [f'      "{kq}": "{answer}"' for kq, answer in answers.items()]
    return "\n".join(lines) + "\n"


FIRST = {
    "YJ-001": {"2.1.1": "yes", "2.1.2": "yes", "2.2.1": "no"},
    "YJ-002": {"2.1.1": "no", "2.1.2": "yes", "2.2.1": "n/a"},
    "YJ-003": {"2.1.1": "yes", "2.1.2": "no", "2.2.1": "yes"},
    "YJ-004": {"2.1.1": "yes"},
}
SECOND = {
    "YJ-001": {"2.1.1": "yes", "2.1.2": "no", "2.2.1": "no"},
    "YJ-002": {"2.1.1": "no", "2.1.2": "yes", "2.2.1": "yes"},
    "YJ-003": {"2.1.1": "yes", "2.1.2": "no"},
    "YJ-009": {"2.1.1": "no"},
}


@pytest.fixture
def pair(write):
    return write("first.yaml", _results(FIRST)), write("second.yaml", _results(SECOND))


def test_json_is_the_documented_interface(cli, pair):
    result = cli("agreement", *pair, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["framework"] == {"id": "hmip-yos-2018", "version": "2018"}
    assert data["cases_compared"] == 3
    assert data["cases_only_in_first"] == ["YJ-004"]
    assert data["cases_only_in_second"] == ["YJ-009"]
    by_id = {kq["id"]: kq for kq in data["key_questions"]}
    # 2.1.1: three pairs, all agreeing (yes, no, yes).
    assert by_id["2.1.1"]["pairs"] == 3 and by_id["2.1.1"]["agreement"] == 1
    # 2.2.1: YJ-003's second assessor left it blank, so two pairs: no/no and n/a/yes.
    assert by_id["2.2.1"]["pairs"] == 2 and by_id["2.2.1"]["agreement"] == 0.5
    # A key question nobody answered is there, with nothing to say.
    assert by_id["2.4.1"]["pairs"] == 0 and by_id["2.4.1"]["cohen_kappa"] is None
    standards = {s["id"]: s for s in data["standards"]}
    assert standards["2.1"]["pairs"] == 6 and standards["2.1"]["agreement"] == pytest.approx(
        5 / 6, abs=1e-4
    )
    overall = data["overall"]
    assert overall["pairs"] == 8 and overall["agreement"] == 0.75
    assert set(overall["intervals"]) == {
        "agreement",
        "cohen_kappa",
        "gwet_ac1",
        "pabak",
        "krippendorff_alpha",
    }
    low, high = overall["intervals"]["agreement"]
    assert 0 <= low < 0.75 < high <= 1


def test_table_lists_the_weakest_key_question_first(cli, pair):
    result = cli("agreement", *pair)
    assert result.exit_code == 0, result.output
    text = result.output
    assert "3 cases assessed by both" in text
    assert "Only in the first file: YJ-004." in text
    assert text.index("2.2.1") < text.index("2.1.2") < text.index("2.1.1")


def test_identical_files_agree_perfectly(cli, write):
    same = write("same.yaml", _results(FIRST))
    data = json.loads(cli("agreement", same, same, "--format", "json").output)
    assert data["overall"]["agreement"] == 1
    assert data["overall"]["gwet_ac1"] == 1


def test_markdown(cli, pair):
    result = cli("agreement", *pair, "--format", "markdown")
    assert result.exit_code == 0
    assert result.output.startswith("# Agreement between assessors")
    assert "| 2.1 Assessment | 6 |" in result.output
    # Under each table, once: 2.2.1 has 2 pairs, the other key questions 3.
    assert "interval not computed: 2 or 3 pairs (fewer than 10 pairs" in result.output
    assert "| 2.2.1 | 2 | 0.50 |" in result.output


def test_different_frameworks_are_refused(cli, write, pair):
    other = write("other.yaml", _results({"YJ-001": {"2.1.1": "yes"}}, "hmip-yjs-2021"))
    result = cli("agreement", pair[0], other)
    assert result.exit_code == 2
    assert "other.yaml" in result.output and "hmip-yjs-2021" in result.output


def test_aggregated_counts_cannot_be_paired(cli, write, pair):
    counts = write(
        "counts.yaml",
        """\
        framework: hmip-yos-2018
        service: {name: Demo YOS}
        key_questions:
          "2.1.1": {yes: 30, no: 5}
        """,
    )
    result = cli("agreement", pair[0], counts)
    assert result.exit_code == 2
    assert "counts.yaml" in result.output and "no case has its own answers" in result.output


def test_counts_beside_cases_are_refused_not_left_out(cli, write, pair):
    both = write(
        "both.yaml",
        _results(FIRST) + 'key_questions:\n  "3.1.1": {yes: 30, no: 5}\n',
    )
    result = cli("agreement", both, pair[1])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{both}:" in result.stderr and "key_questions" in result.stderr
    assert "counts per key question as well as cases" in result.stderr


def test_the_qa_report_as_html_pdf_and_xlsx(cli, pair):
    import io

    from openpyxl import load_workbook

    html = cli("agreement", *pair, "--format", "html")
    assert html.exit_code == 0, html.output
    assert "Quality assurance: agreement between assessors" in html.output
    # No inspection here: it is about the two files, under the framework.
    assert "<p>Results files compared: first.yaml and second.yaml.</p>" in html.output
    assert "(2018 standards)" in html.output
    row = '<th scope="row">first.yaml and second.yaml</th>'
    row += '<td data-label="Cases">3</td><td data-label="Pairs">8</td>'
    assert row in html.output  # each figure named by its column when reflowed
    pdf = cli("agreement", *pair, "--format", "pdf")
    assert pdf.exit_code == 0, pdf.output
    assert pair[0].with_name("first-agreement.pdf").read_bytes().startswith(b"%PDF")
    out = pair[0].with_name("qa.xlsx")
    assert cli("agreement", *pair, "--format", "xlsx", "--out", out).exit_code == 0
    rows = list(load_workbook(io.BytesIO(out.read_bytes()))["agreement"].values)
    overall = dict(zip(rows[0], rows[1], strict=True))
    assert overall["pairs"] == 8 and overall["agreement"] == round(6 / 8, 4)
    unsettled = [row[0] for row in load_workbook(out)["unsettled"].values]
    assert unsettled == ["case", "YJ-001", "YJ-002"]


def test_the_qa_report_says_which_cases_were_in_one_file_only(cli, pair):
    """Every format says the cases it left out, in the table's words: a QA report that drops
    YJ-004 and YJ-009 silently would read as if every case had been compared."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    said = ("Only in the first file: YJ-004.", "Only in the second file: YJ-009.")
    table = cli("agreement", *pair).output
    html = cli("agreement", *pair, "--format", "html").output
    assert cli("agreement", *pair, "--format", "pdf").exit_code == 0
    pdf = PdfReader(pair[0].with_name("first-agreement.pdf"))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    for words in said:
        assert words in " ".join(table.split()) and words in html and words in text
    out = pair[0].with_name("qa.xlsx")
    assert cli("agreement", *pair, "--format", "xlsx", "--out", out).exit_code == 0
    rows = list(load_workbook(out)["cases_in_one_file"].values)
    assert rows == [("case", "only_in"), ("YJ-004", "first"), ("YJ-009", "second")]
