"""`yjinspect report` and `yjinspect press-release` on the bundled examples."""

import shutil
from datetime import date

from pypdf import PdfReader

from ..conftest import EXAMPLES


def test_report_writes_each_format(cli, tmp_path):
    for output in ("html", "md", "pdf"):
        out = tmp_path / f"essex.{output}"
        result = cli("report", EXAMPLES / "essex-2018.yaml", "--format", output, "--out", out)
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    assert (
        "<h1>An inspection of youth offending services in Essex</h1>"
        in (tmp_path / "essex.html").read_text()
    )
    assert (tmp_path / "essex.md").read_text().startswith("# An inspection of youth offending")
    assert "Page 1" not in PdfReader(tmp_path / "essex.pdf").pages[0].extract_text()
    assert list(tmp_path.glob(".*partial")) == []


def test_markdown_goes_to_standard_output_without_out(cli):
    result = cli("report", EXAMPLES / "essex-2018.yaml", "--format", "md")
    assert result.exit_code == 0
    assert "| 3.4 Joint working | Good |" in result.stdout
    assert "### 3.4 Joint working: Good[^2]" in result.stdout
    assert "[^2]: Standard 3.4 is rated Good rather than Requires improvement" in result.stdout


def test_pdf_without_out_is_written_next_to_its_input(cli, tmp_path, monkeypatch):
    inputs, elsewhere = tmp_path / "inputs", tmp_path / "elsewhere"
    inputs.mkdir()
    elsewhere.mkdir()
    for name in ("essex-2012.yaml", "cci-published-scores.csv"):
        shutil.copy(EXAMPLES / name, inputs / name)
    monkeypatch.chdir(elsewhere)
    result = cli("report", inputs / "essex-2012.yaml", "--format", "pdf", "--compare",
                 inputs / "cci-published-scores.csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert list(elsewhere.iterdir()) == []
    written = inputs / "essex-2012-report.pdf"
    assert f"wrote {written}" in result.output
    text = " ".join(p.extract_text() for p in PdfReader(written).pages)
    assert "37%" in text and "91%" in text


def test_report_with_a_sampling_report_shows_the_caseload(cli, tmp_path):
    from yjinspect.sampling.synthetic import write_synthetic

    population = write_synthetic(tmp_path / "essex.csv", 600, date(2018, 10, 1), 2018, "ESX")
    sample = tmp_path / "sample"
    drawn = cli("sample", population, "--fieldwork-start", "2018-10-01", "--out", sample,
                "--service", "Essex  youth offending service")  # fmt: skip
    assert drawn.exit_code == 0, drawn.output
    result = cli("report", EXAMPLES / "essex-2018.yaml", "--format", "md", "--sampling-report",
                 sample / "sampling-report.json")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "| Age at disposal | Cases | % |" in result.stdout
    assert "| Gender | Cases | % |" in result.stdout


def test_a_sampling_report_from_another_inspection_is_refused(cli, tmp_path):
    """It was merged without a check: another framework's, fieldwork's or service's caseload
    went into the report as this inspection's."""
    other = tmp_path / "other"
    assert cli("sample", EXAMPLES / "population-demo.csv", "--fieldwork-start", "2026-06-01",
               "--out", other, "--service", "Demo YJS").exit_code == 0  # fmt: skip
    report = other / "sampling-report.json"
    result = cli("report", EXAMPLES / "essex-2018.yaml", "--format", "md",
                 "--sampling-report", report)  # fmt: skip
    assert result.exit_code == 2
    for line in (
        "framework: this sample was drawn for framework 'hmip-yjs-2021', but the results are "
        "for 'hmip-yos-2018': is it another inspection's sampling report?",
        "fieldwork_start: this sample was drawn for fieldwork start '2026-06-01', but the "
        "results are for '2018-10-01'",
        "service: this sample was drawn for service 'Demo YJS', but the results are for "
        "'Essex Youth Offending Service'",
    ):
        assert line in " ".join(result.stderr.split()), result.stderr


def test_bad_input_exits_2_and_writes_nothing(cli, write, tmp_path):
    bad = write(
        "bad.yaml", 'framework: hmip-yos-2018\nservice: {name: X}\nkey_findings: {"7": [a]}\n'
    )
    out = tmp_path / "report.pdf"
    result = cli("report", bad, "--format", "pdf", "--out", out)
    assert result.exit_code == 2
    assert "bad.yaml:3: key_findings[\"7\"]: unknown domain '7'" in result.output
    assert not out.exists()
    scores = write("scores.csv", "service,safeguarding\nA,50\n")
    result = cli("report", EXAMPLES / "essex-2012.yaml", "--compare", scores, "--out", out)
    assert result.exit_code == 2
    assert "scores.csv:1: header: missing columns: risk_of_harm" in result.output
    assert not out.exists()


def test_press_release_as_text_and_markdown(cli, tmp_path):
    result = cli("press-release", EXAMPLES / "essex-2018.yaml", "--format", "txt",
                 "--media-contact", "Press office")  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.startswith("Essex Youth Offending Service rated ‘Outstanding’")
    assert "Notes to editors" in result.stdout and "Media enquiries: Press office." in result.stdout
    out = tmp_path / "release.md"
    assert cli("press-release", EXAMPLES / "essex-2018.yaml", "--out", out).exit_code == 0
    assert out.read_text().startswith("# Essex Youth Offending Service")


def test_press_release_is_refused_for_the_core_case_framework(cli):
    result = cli("press-release", EXAMPLES / "essex-2012.yaml")
    assert result.exit_code == 2
    assert "rated frameworks only" in result.output


def test_word_without_out_is_written_next_to_its_input(cli, tmp_path, monkeypatch):
    from docx import Document

    shutil.copy(EXAMPLES / "essex-2012.yaml", tmp_path / "essex-2012.yaml")
    monkeypatch.chdir(tmp_path.parent)
    result = cli("report", tmp_path / "essex-2012.yaml", "--format", "docx")
    assert result.exit_code == 0, result.output
    document = Document(str(tmp_path / "essex-2012-report.docx"))
    assert "Appendix 7: Glossary" in [p.text for p in document.paragraphs]


def test_the_format_follows_the_out_files_ending(cli, tmp_path):
    out = tmp_path / "r.pdf"
    result = cli("report", EXAMPLES / "essex-2018.yaml", "--out", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_an_ending_that_contradicts_the_format_is_refused(cli, tmp_path):
    out = tmp_path / "r.pdf"
    result = cli("report", EXAMPLES / "essex-2018.yaml", "--format", "html", "--out", out)
    assert result.exit_code == 2
    assert "r.pdf: ends in .pdf but --format is html" in result.output
    assert not out.exists()


def test_a_press_release_for_an_unrated_inspection_says_so(cli, write):
    path = write(
        "early.yaml",
        "framework: hmip-yos-2018\nservice: {name: Demo YOS}\njudgements: {'1.1': Good}\n",
    )
    result = cli("press-release", path)
    assert result.exit_code == 0, result.output
    assert "note: 11 of 12 counted standards are not yet rated (1.2," in result.stderr
