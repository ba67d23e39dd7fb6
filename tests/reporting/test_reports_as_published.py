"""The parts and layout of the published reports, in the reports generated from the examples.

Structure fixtures (what the published reports contain, not their words) are from
essex-2018-inspection-report.txt (overall findings' opening line, introduction, domain
introductions and summaries, good-practice boxes, footnote 12 on the page of its rating, Annex 2
with every descriptor and domain one's key questions) and essex-2012-core-case-inspection.txt
(caveat under the scoring table, recommendations lead-in, next steps, Appendices 2 to 7; 85
cases inspected).
"""

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from yjinspect.errors import InputError
from yjinspect.frameworks import load_framework
from yjinspect.frameworks.loader import load_framework_file
from yjinspect.ratings import rate
from yjinspect.reporting.report import ReportFormat, build, render_report
from yjinspect.results import load_results

from ..conftest import EXAMPLES

AXIS = "% yes, with 95% interval; dashed lines are band edges"
FOOTER = re.compile(r"An inspection of youth offending services in Essex Page \d+ of \d+$")


def _pdf_pages(name: str) -> list[str]:
    loaded = load_results(EXAMPLES / name)
    pdf = render_report(build(rate(loaded), loaded.results), ReportFormat.pdf)
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def essex_2018() -> list[str]:
    return _pdf_pages("essex-2018.yaml")


@pytest.fixture(scope="module")
def essex_2012() -> list[str]:
    return _pdf_pages("essex-2012.yaml")


def _body(page: str) -> str:
    """A page's text without the running header and page number (and any chart labels, which
    pypdf reads after the text)."""
    return FOOTER.sub("", page).split(" 0 20 40 60 80 100 ")[0].strip()


# --- the 2018 inspection report ---------------------------------------------------------------


def test_cover_names_publisher_and_framework_once(essex_2018):
    cover = essex_2018[0]
    assert cover.startswith(
        "HM Inspectorate of Probation Inspection of youth offending services (2018 standards) "
        "An inspection of youth offending services in Essex"
    )
    assert "version 2018" not in cover


def test_overall_findings_open_with_the_overall_rating(essex_2018):
    text = " ".join(essex_2018)
    assert (
        "Overall findings Overall, Essex Youth Offending Service is rated as: Outstanding. This "
        "rating was decided by inspecting three domains of the service's work" in text
    )


def test_introduction_says_what_was_inspected_and_how(essex_2018):
    text = " ".join(essex_2018)
    intro = text[
        text.index("Introduction This report") : text.index("1. Organisational delivery A")
    ]
    assert (
        "We inspected against the Inspection of youth offending services (2018 standards): "
        "twelve standards in three domains, organisational delivery, court disposals and out-of-"
        in intro
    )
    assert "we inspected 43 cases for court disposals and 28 cases for out-of-court" in intro
    assert "The role of HM Inspectorate of Probation" in intro
    assert "Essex YOS is one of the largest youth offending services" in intro  # the team's words


def test_domains_open_with_an_introduction_and_close_with_a_summary(essex_2018):
    text = " ".join(essex_2018[2:])  # after the contents
    for domain in ("1. Organisational delivery", "2. Court disposals", "3. Out-of-court disposals"):
        heading = re.search(rf"{re.escape(domain)} (?![.\d])", text)  # not the ratings table
        assert "We inspect against four standards." in text[heading.start() :][:500], domain
    assert "Summary Strengths Strategic and operational leadership is strong" in text
    assert "Areas for improvement Children's access to education" in text


def test_good_practice_boxes_carry_their_titles(essex_2018):
    text = " ".join(essex_2018)
    assert "Good practice example: performance management framework Managers and the" in text
    assert "Good practice example: risk register" in text


def test_annex_2_has_every_descriptor_and_domain_one_key_questions(essex_2018):
    text = " ".join(essex_2018[2:])
    annex = text[text.index("Annex 2: Inspection results 1.") : text.index("Annex 3: Notes")]
    framework = load_framework("hmip-yos-2018")
    for _, standard in framework.standards():
        described = " ".join(standard.description.split())
        assert f"{standard.id} {standard.title} {described[:60]}" in annex, standard.id
    for question in next(s for _, s in framework.standards() if s.id == "1.2").key_questions:
        assert f"{question.id} {' '.join(question.text.split())[:50]}" in annex


def test_a_reference_is_a_footnote_on_its_standards_page(essex_2018):
    page = next(p for p in essex_2018 if "1.4 Information and facilities Outstanding Timely" in p)
    assert re.search(
        r"1\. HM Inspectorate of Probation and HM Inspectorate of Constabulary .*"
        r"Out-of-court disposal work in youth offending teams\. " + FOOTER.pattern,
        page,
    )


def test_recommendations_do_not_count_bodies(essex_2018):
    text = " ".join(essex_2018)
    assert "We have made five recommendations. Each is set out below" in text
    assert "bodies. They" not in text and "five bodies" not in text


def test_no_contextual_facts_without_a_caseload_once_published(essex_2018):
    assert not any("Contextual facts" in page for page in essex_2018)


def test_methodology_reads_in_sentences(essex_2018):
    text = " ".join(essex_2018)
    assert "Other fieldwork: Observation of out-of-court disposal work." in text
    assert "Evidence before fieldwork: Evidence submitted in advance, and a presentation" in text
    assert "teams. Observation of" not in text


def test_no_standard_heading_ends_a_page_and_each_chart_shares_a_page_with_its_table(essex_2018):
    framework = load_framework("hmip-yos-2018")
    for _, standard in framework.standards():
        heading = re.compile(rf"{re.escape(standard.id)} {re.escape(standard.title)} [A-Z]")
        pages = [p for p in essex_2018[2:] if heading.search(p) and "Rating / % yes" not in p]
        page = pages[-1]  # the standard's section, after the ratings table
        body = _body(page)
        start = heading.search(body).start()
        described = " ".join(standard.description.split())
        assert described in body[start:], f"{standard.id}: heading and descriptor apart"
        if standard.rated_by == "key_questions":
            assert f"Key questions for standard {standard.id}" in body[start:], standard.id
    for page in essex_2018:
        tables = len(re.findall(r"Key questions for standard \d\.\d", page))
        assert page.count(AXIS) == tables, page[:60]


def test_an_annex_2_standard_row_stays_with_its_key_questions(essex_2018):
    annex_pages = [p for p in essex_2018 if "Rating / % yes" in p]
    assert len(annex_pages) >= 2
    for page in annex_pages:
        body = _body(page)
        rows = list(re.finditer(r"(?<![\d.])([1-3]\.[1-4]) [A-Z][a-z]", body))
        last = rows[-1]
        assert f"{last.group(1)}.1 " in body[last.end() :], f"{last.group(1)} stranded"


def test_a_draft_without_findings_says_so_per_domain(write):
    path = write(
        "draft.yaml",
        """\
        framework: hmip-yos-2018
        service: {name: Draft YOS, area: Draftshire}
        key_findings:
          "2": [Court work is good.]
        """,
    )
    loaded = load_results(path)
    markdown = render_report(build(rate(loaded), loaded.results), ReportFormat.md).decode()
    assert "No key findings about organisational delivery have been recorded." in markdown
    assert "No key findings about court disposals" not in markdown
    assert "The inspection team has not yet written its findings for this standard." in markdown
    assert "add a caseload section to the results file, or pass the sampling report" in markdown


# --- the 2009-12 Core Case Inspection report ----------------------------------------------------


def test_core_case_cover_gives_the_publication_date(essex_2012):
    """The example lacked it (the report is dated May 2012), so its cover asked for it."""
    assert "May 2012" in essex_2012[0]
    assert "Publication date not given" not in essex_2012[0]
    assert "generated" not in essex_2012[0]


def test_core_case_cover_asks_for_a_missing_publication_date(write):
    text = (EXAMPLES / "essex-2012.yaml").read_text(encoding="utf-8")
    path = write("draft.yaml", text.replace("  publication_date: 2012-05-01\n", ""))
    loaded = load_results(path)
    markdown = render_report(build(rate(loaded), loaded.results), ReportFormat.md).decode()
    assert (
        "Publication date not given: add inspection.publication_date to the results file."
        in markdown
    )


def test_provenance_is_in_the_note_on_sources_not_beside_the_scores(essex_2012):
    text = " ".join(essex_2012[2:])
    body, sources = text.split("Appendix 6: Note on sources ", 1)
    for note in ("reconstructed from a damaged line", "pooled from criteria", "counts given"):
        assert note not in body
    assert "1.1 Risk of Harm to others (RoH) Reconstructed from a damaged line" in sources
    assert "Pooled from criteria 1.1, 1.2, 1.3" in sources


def test_core_case_glossary_is_its_own(essex_2012):
    text = " ".join(essex_2012)
    glossary = text[text.index("Appendix 7: Glossary Asset") :]
    for term in ("Asset", "RoH", "LoR", "RMP", "VMP", "Scaled Approach"):
        assert f" {term} " in glossary, term
    for term in ("AssetPlus", "Key question", "Professional discretion"):
        assert term not in glossary, term


def test_core_case_report_has_the_published_parts(essex_2012):
    text = " ".join(essex_2012)
    assert "MINIMUM improvement required The scores describe the work found" in text  # caveat
    assert "Recommendations for improvement We ask for changes so that" in text
    assert "Next steps After publication the service sends" in text
    assert "Ninety-two" not in text and "92 questionnaires were completed" in text
    assert "Appendix 2: Contextual information Essex YOS covered the whole county" in text
    assert "Fieldwork took place in February 2012; we inspected 85 cases." in text
    assert "Appendix 4: Characteristics of cases inspected The characteristics" in text
    assert "Appendix 8: The role of HM Inspectorate of Probation HM Inspectorate" in text
    assert "Delivery and review of interventions as a whole Strengths" in text


def test_core_case_markdown_has_every_appendix():
    loaded = load_results(EXAMPLES / "essex-2012.yaml")
    markdown = render_report(build(rate(loaded), loaded.results), ReportFormat.md).decode()
    for number, title in enumerate(
        (
            "Scoring summary",
            "Contextual information",
            "Inspection arrangements",
            "Characteristics of cases inspected",
            "Scoring approach",
            "Note on sources",
            "Glossary",
            "The role of HM Inspectorate of Probation",
        ),
        1,
    ):
        assert f"## Appendix {number}: {title}" in markdown
    assert "| 1.1 Risk of Harm to others (RoH) | 72% | MODERATE improvement required |" in markdown
    assert "**Scaled Approach**:" in markdown


# --- frameworks carry their glossary -------------------------------------------------------------


@pytest.mark.parametrize("framework", ["hmip-yos-2018", "hmip-yjs-2021", "hmip-cci-2009"])
def test_every_bundled_framework_has_a_glossary(framework):
    assert len(load_framework(framework).glossary) >= 15


def test_a_repeated_glossary_term_is_refused(tmp_path):
    text = (EXAMPLES.parent / "src/yjinspect/frameworks/data/hmip-cci-2009.yaml").read_text()
    path = tmp_path / "twice.yaml"
    path.write_text(
        text.replace("glossary:\n", "glossary:\n  - {term: asset, definition: Again.}\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="duplicate glossary term"):
        load_framework_file(path)


# --- Word ----------------------------------------------------------------------------------------


def test_word_report_has_headings_tables_and_charts():
    loaded = load_results(EXAMPLES / "essex-2018.yaml")
    document = Document(
        io.BytesIO(render_report(build(rate(loaded), loaded.results), ReportFormat.docx))
    )
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]
    assert ("Title", "An inspection of youth offending services in Essex") in headings
    for heading in ("Foreword", "Ratings", "Introduction", "1. Organisational delivery"):
        assert ("Heading 1", heading) in headings
    assert ("Heading 2", "3.4 Joint working Good2") in headings  # with its footnote call
    assert len(document.inline_shapes) == 8  # one chart per case-based standard
    assert any(
        "3.4.2 Does the YOT work effectively with the police" in cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    )
    assert any(p.text.startswith("2. Standard 3.4 is rated Good") for p in document.paragraphs)
    assert 'TOC \\o "1-2"' in document.element.xml  # a contents field built from the headings
