"""The Essex 2018 report, built from examples/essex-2018.yaml, read back from its PDF."""

import io
import re

import pytest
from pypdf import PdfReader

from yjinspect.ratings import rate
from yjinspect.reporting.inspection import build_report, summary_sentence
from yjinspect.reporting.report import ReportFormat, build, render_report
from yjinspect.results import load_results

from ..conftest import EXAMPLES
from ..ratings.test_essex_2018 import ANNEX_2_PERCENTAGES, PUBLISHED_RATINGS

ADDRESSEES = [
    "Essex YOS and Essex Constabulary",
    "Essex County Council and the YOS Management Board",
    "The Executive Director, Children and Families and the YOS Management Board",
    "The Youth Justice Board",
    "Essex YOS",
]


@pytest.fixture(scope="module")
def essex():
    loaded = load_results(EXAMPLES / "essex-2018.yaml")
    return loaded, rate(loaded)


@pytest.fixture(scope="module")
def pdf(essex) -> bytes:
    loaded, rating = essex
    return render_report(build(rating, loaded.results), ReportFormat.pdf)


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_pdf_is_tagged_for_screen_readers(pdf):
    # A published report must be accessible: its headings, lists and tables are tagged, so a
    # screen reader can follow them, and its language is said.
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    tags = root["/StructTreeRoot"].get_object()
    assert tags["/K"]
    assert root["/Lang"] == "en-GB"


def _section(pages: list[str], start: str, end: str) -> str:
    """The text from the heading `start` to the heading `end` (cover and contents excluded)."""
    starts = [i for i, page in enumerate(pages) if page.startswith(start)]
    text = " ".join(pages[starts[0] if starts else 2 :])
    first = text.index(start)
    return text[first : text.index(end, first + len(start))]


def test_cover_names_the_area_and_the_overall_rating(pages):
    assert "An inspection of youth offending services in Essex" in pages[0]
    assert "Overall rating Outstanding" in pages[0]
    assert "Published 6 December 2018" in pages[0]


def test_ratings_table_has_the_overall_rating_and_every_standard(pages):
    ratings = _section(pages, "Ratings", "Overall findings")
    assert "Overall rating (score 33 of 36) Outstanding" in ratings
    for standard, rating in PUBLISHED_RATINGS.items():
        assert re.search(rf"{re.escape(standard)} [A-Z][\w ]+? {rating}", ratings), standard


def test_annex_2_has_every_published_percentage(pages):
    annex = _section(pages, "Annex 2: Inspection results", "Annex 3")
    for question, percent in ANNEX_2_PERCENTAGES.items():
        after = annex[annex.index(f"{question} ") :]
        assert re.search(r"(\d+)%", after).group(1) == str(percent), question


def test_the_3_4_discretion_footnote_is_at_the_foot_of_its_page(pages):
    """As published (footnote 12): the note is on the page of the rating, numbered in reading
    order (note 1 is the reference in domain one), not in an annex."""
    page = next(p for p in pages if "3.4 Joint working Good 2 Joint working with" in p)
    note = (
        "2. Standard 3.4 is rated Good rather than Requires improvement by professional "
        "discretion. The deciding key question 3.4.2 (63%) is 2.0 percentage points from the "
        "65% band edge, within the 5-point margin of error."
    )
    assert re.search(re.escape(note) + r".*Page \d+ of \d+$", page)
    annex = _section(pages, "Annex 2: Inspection results", "Annex 3")
    assert "3.4 Joint working Joint working with the police supports" in annex
    assert "coordinated services. Good2" in annex
    assert "Standard 3.4 is rated Good" not in _section(pages, "Annex 3", "Annex 4")


def test_five_recommendations_numbered_under_their_addressees(pages):
    text = _section(pages, "Recommendations", "Introduction")
    assert "We have made five recommendations" in text
    positions = [
        text.index(f"{addressee} should: {n}. ") for n, addressee in enumerate(ADDRESSEES, 1)
    ]
    assert positions == sorted(positions)


def test_pages_are_numbered_with_a_running_header_and_a_contents_page(pages):
    total = len(pages)
    for number, page in enumerate(pages[1:], 2):
        assert f"Page {number} of {total}" in page
        assert f"An inspection of youth offending services in Essex Page {number}" in page
        assert "in Essex: Essex" not in page
    contents = pages[1]
    annex_page = next(i for i, p in enumerate(pages, 1) if p.startswith("Annex 1"))
    assert re.search(rf"Annex 1: Methodology[ .]*{annex_page}\b", contents)


def test_summary_sentences_come_from_the_key_question_results(essex, pages):
    court = _section(pages, "2. Court disposals These", "3. Out-of-court disposals These")
    assert (
        "We found, overall, that assessment was sufficient in 95 per cent of cases for "
        "supporting desistance, 95 per cent for keeping the child or young person safe and "
        "98 per cent for keeping other people safe." in court
    )


def test_a_changed_count_changes_the_sentence(write):
    path = write(
        "one.yaml",
        """\
        framework: hmip-yos-2018
        service: {name: Test YOS}
        key_questions:
          "2.1.1": {yes: 3, no: 1}
          "2.1.3": {yes: 1, no: 1}
        """,
    )
    rating = rate(load_results(path))
    assessment = next(s for s in rating.standards if s.id == "2.1")
    assert summary_sentence(assessment) == (
        "We found, overall, that assessment was sufficient in 75 per cent of cases for "
        "supporting desistance and 50 per cent for keeping other people safe."
    )


def test_methodology_is_generated_from_what_was_done(pages):
    annex = _section(pages, "Annex 1: Methodology", "Annex 2")
    assert "we surveyed 52 case managers and 36 volunteers" in annex
    assert "We held 14 meetings or focus groups" in annex
    assert "We inspected 43 cases. Court disposals made up 60 per cent" in annex
    assert "We inspected 28 cases. Out-of-court disposals made up 40 per cent" in annex
    assert "6 to 9 months" in annex and "3 to 5 months" in annex
    assert "80 per cent confidence, margin of error 5" in annex
    assert "gender, disposal type, risk of serious harm and safety and wellbeing" in annex


def test_every_assumption_is_noted(essex, pages):
    _, rating = essex
    notes = _section(pages, "Annex 3", "Annex 4")
    for assumption in rating.assumptions:
        assert " ".join(assumption.split())[:60] in notes


def test_a_report_without_narrative_says_what_is_missing(write):
    path = write(
        "bare.yaml",
        """\
        framework: hmip-yjs-2021
        service: {name: Bare YJS, area: Bareshire}
        judgements: {"1.1": Good}
        """,
    )
    loaded = load_results(path)
    report = build_report(rate(loaded), loaded.results)
    markdown = render_report(report, ReportFormat.md).decode()
    assert "There is no overall rating yet" in markdown
    assert "No recommendations have been recorded yet." in markdown
    assert "No caseload profile has been supplied. To show the profile" in markdown
    assert "No cases have been assessed yet. Court disposals made up" in markdown
    assert "We inspected 0" not in markdown
    assert "4.1 Resettlement policy and provision | Not yet rated" in markdown
    assert "1.2 Staff | Not yet rated" in markdown


def test_a_standard_decided_not_rated_is_not_shown_as_unrated(write):
    path = write(
        "not-rated.yaml",
        """\
        framework: hmip-yjs-2021
        service: {name: Bare YJS, area: Bareshire}
        judgements: {"4.1": Not rated}
        """,
    )
    loaded = load_results(path)
    markdown = render_report(build_report(rate(loaded), loaded.results), ReportFormat.md).decode()
    assert "4.1 Resettlement policy and provision | Not rated" in markdown
    assert "1.1 Governance and leadership | Not yet rated" in markdown


def test_the_separately_rated_standard_is_shown_apart(write):
    path = write(
        "resettlement.yaml",
        """\
        framework: hmip-yjs-2021
        service: {name: Some YJS}
        judgements: {"4.1": Outstanding}
        """,
    )
    loaded = load_results(path)
    report = build_report(rate(loaded), loaded.results)
    assert [s.id for s in report.separate] == ["4.1"]
    assert all(s.id != "4.1" for d in report.counted for s in d.standards)
    html = render_report(report, ReportFormat.html).decode()
    assert "Rated separately: not counted in the overall score" in html


def test_charts_are_inline_svg_with_band_edges_and_unique_ids(essex):
    loaded, rating = essex
    html = render_report(build(rating, loaded.results), ReportFormat.html).decode()
    assert html.count('<svg role="img"') == 8  # one per case-based standard
    assert "Requires" in html and "improvement" in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
