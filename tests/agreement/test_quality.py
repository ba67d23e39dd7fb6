"""The QA report's data: agreement per pair of assessors and each assessor's calibration,
against a count done here by hand, and as HTML, PDF and XLSX."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from yjinspect.agreement.coefficients import Estimate
from yjinspect.agreement.quality import DoubleAssessment, quality_assurance
from yjinspect.frameworks import load_framework
from yjinspect.reporting.agreement import (
    estimate_words,
    quality_document,
    quality_html,
    quality_tables,
    two_places,
)
from yjinspect.reporting.exports import to_xlsx

FRAMEWORK = load_framework("hmip-yos-2018")
QUESTIONS = [q.id for _, _, q in FRAMEWORK.key_questions()][:4]
answers = st.lists(st.sampled_from(["yes", "no", "n/a"]), min_size=4, max_size=4)


def case(name, first, second, a, b, agreed=None):
    first_answers, second_answers = (
        dict(zip(QUESTIONS, a, strict=True)),
        dict(zip(QUESTIONS, b, strict=True)),
    )
    if agreed is None:  # the common answers only: every disagreement unsettled
        agreed = {kq: v for kq, v in first_answers.items() if second_answers[kq] == v}
    return DoubleAssessment(name, first, second, first_answers, second_answers, agreed)


def test_pairs_and_calibration_by_hand():
    cases = [
        case("A", "ann", "cat", ["yes", "yes", "no", "n/a"], ["yes", "no", "no", "n/a"]),
        case("B", "bob", "cat", ["yes", "yes", "yes", "yes"], ["yes", "yes", "yes", "yes"]),
        case("C", "ann", "cat", ["no", "yes", "yes", "yes"], ["no", "yes", "n/a", "yes"],
             agreed={QUESTIONS[0]: "no", QUESTIONS[1]: "yes", QUESTIONS[2]: "yes",
                     QUESTIONS[3]: "yes"}),
    ]  # fmt: skip
    qa = quality_assurance(FRAMEWORK, cases)
    assert list(qa.pairs) == [("ann", "cat"), ("bob", "cat")]
    assert qa.pairs[("ann", "cat")].overall.units == 8
    assert qa.pairs[("ann", "cat")].overall.agreement.value == 6 / 8
    assert qa.pairs[("bob", "cat")].overall.agreement.value == 1
    assert qa.overall.overall.agreement.value == 10 / 12
    assert qa.unsettled == ("A",)  # C's disagreement was settled
    by = {c.assessor: c for c in qa.calibration}
    assert by["ann"].cases == 2 and by["cat"].cases == 3
    # ann's yes answers: A has 2, C has 3, over 8 answers; the team's for the first question.
    assert sum(y for y, _ in by["ann"].yes.values()) == 5
    assert by["ann"].team_yes[QUESTIONS[0]] == (4, 6)
    # Against the agreed answers (A's unsettled question is left out): ann 7 of 7, cat 6 of 7.
    assert by["ann"].with_agreed.units == 7 and by["ann"].with_agreed.agreement.value == 1
    assert by["cat"].with_agreed.units == 11
    assert by["cat"].with_agreed.agreement.value == 10 / 11


@settings(max_examples=30)
@given(st.lists(answers, min_size=1, max_size=8))
def test_identical_assessments_agree_with_each_other_and_the_agreed_answers(sheets):
    cases = [case(f"C{i}", "ann", "bob", a, a) for i, a in enumerate(sheets)]
    qa = quality_assurance(FRAMEWORK, cases)
    assert qa.overall.overall.agreement.value == 1
    assert not qa.unsettled
    for calibration in qa.calibration:
        assert calibration.with_agreed.agreement.value == 1
        for kq, (yes, answered) in calibration.yes.items():
            team_yes, team_answered = calibration.team_yes[kq]
            assert yes * team_answered == team_yes * answered


@settings(max_examples=30)
@given(st.lists(st.tuples(answers, answers), min_size=2, max_size=8))
def test_swapping_first_and_second_changes_no_coefficient(sheets):
    forward = quality_assurance(FRAMEWORK, [case(f"C{i}", "ann", "bob", a, b)
                                            for i, (a, b) in enumerate(sheets)])  # fmt: skip
    backward = quality_assurance(FRAMEWORK, [case(f"C{i}", "bob", "ann", b, a)
                                             for i, (a, b) in enumerate(sheets)])  # fmt: skip
    for name in ("agreement", "cohen_kappa", "gwet_ac1", "pabak", "krippendorff_alpha"):
        one = getattr(forward.overall.overall, name).value
        other = getattr(backward.overall.overall, name).value
        assert (one is None and other is None) or abs(one - other) < 1e-9


def test_the_report_renders_and_its_cells_are_inert():
    cases = [case("=HYPERLINK(1)", "ann", "+bob", ["yes"] * 4, ["no"] * 4)]
    qa = quality_assurance(FRAMEWORK, cases)
    html = quality_html(qa)
    assert "&#39;Not applicable&#39; is an answer of its own" in html
    assert "<script" not in html
    book = load_workbook(io.BytesIO(to_xlsx(quality_tables(qa))))
    # Text cells hold the text as typed, as strings: never a formula.
    cells = [c for row in book["unsettled"].iter_rows() for c in row]
    assert [c.value for c in cells] == ["case", "=HYPERLINK(1)"]
    assert all(c.data_type == "s" for c in cells)
    names = [c for c in book["calibration"]["A"]][1:]
    assert "+bob" in [c.value for c in names] and all(c.data_type == "s" for c in names)


# PABAK over three answers is (3 x agreement - 1) / 2: 6 of 8 pairs agreeing give 0.625, which
# float rounding (half-even on the binary value) prints 0.62 and the agreement page 0.63.
HALF = [
    case("A", "ann", "cat", ["yes", "yes", "no", "n/a"], ["yes", "no", "no", "n/a"]),
    case("C", "ann", "cat", ["no", "yes", "yes", "yes"], ["no", "yes", "n/a", "yes"]),
]


def test_one_rounding_rule_half_up_on_the_decimal_value():
    qa = quality_assurance(FRAMEWORK, HALF)
    assert qa.overall.overall.pabak.value == 0.625
    assert [two_places(v) for v in (0.625, -0.625, 0.6249999999999999, 0.615, -0.001)] == [
        "0.63", "-0.63", "0.63", "0.62", "0.00"]  # fmt: skip
    overall = quality_document(qa).tables[0]
    assert overall.headers[5] == "PABAK" and overall.rows[0][5] == "0.63"  # 8 pairs: no interval
    assert ">0.63<" in quality_html(qa)


def test_too_few_pairs_give_no_interval_in_words_but_keep_it_in_the_data():
    """8 pairs, fewer than the minimum: the figure stands alone; a zero-width interval (every
    pair agreeing) is not printed as a certainty either."""
    html = quality_html(quality_assurance(FRAMEWORK, HALF))
    assert "interval not computed: 8 pairs" in html and " to " not in html.split("<table")[1]
    same = [case(c, "ann", "cat", ["yes"] * 4, ["yes"] * 4) for c in "ABC"]
    alike = quality_assurance(FRAMEWORK, same * 4).overall.overall.agreement
    assert alike.interval[1] > alike.interval[0]  # Wilson: the data keeps a real interval
    assert estimate_words(Estimate(-0.33, (-0.33, -0.33)), 40) == (
        "-0.33", "interval not computed: 40 pairs")  # fmt: skip
    assert estimate_words(Estimate(0.5, (0.25, 0.75)), 10) == ("0.50", "0.25 to 0.75")
    assert estimate_words(Estimate(None), 40) == (None, None)
    wide = quality_tables(quality_assurance(FRAMEWORK, HALF))[0].rows[0]
    assert None not in wide[4:6]  # the XLSX and JSON numbers are unchanged


def test_the_pdf_runs_on_and_says_a_missing_interval_once_per_table():
    """Four cases over domain 2's twelve key questions: 4 pairs per key question, so no key
    question has an interval. The note under each table says so once, not in every cell; the
    sections run on (a long table breaks between rows, its heading kept with it), so that page
    1 is not left half empty; the data keep their numbers."""
    from pypdf import PdfReader

    from yjinspect.reporting.render import html_to_pdf

    domain_2 = [q.id for _, _, q in FRAMEWORK.key_questions() if q.id.startswith("2.")]
    pattern = ["yes", "yes", "no", "n/a", "yes", "no"]
    cases = [
        DoubleAssessment(
            f"C{n}", "ann", "cat",
            {kq: pattern[(i + n) % 6] for i, kq in enumerate(domain_2)},
            {kq: pattern[(i + n + (i % 3 == 0)) % 6] for i, kq in enumerate(domain_2)},
            {},
        )
        for n in range(4)
    ]  # fmt: skip
    qa = quality_assurance(FRAMEWORK, cases)
    document = quality_document(qa)
    by_title = {table.title: table for table in document.tables}
    key_questions = by_title["By key question, lowest agreement first"]
    assert all("interval" not in cell for row in key_questions.rows for cell in row)
    assert [n for n in key_questions.notes if "interval not computed" in n] == [
        "A figure without an interval: interval not computed: 4 pairs (fewer than 10 pairs, "
        "or an interval of no width, give no certainty)."
    ]
    html = quality_html(qa)
    noted = [t for t in document.tables if any("interval not computed" in n for n in t.notes)]
    assert html.count("interval not computed") == len(noted) >= 1
    pages = [
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(html_to_pdf(html))).pages
    ]
    assert "By key question, lowest agreement first" in pages[0]
    for page in pages:
        assert not any(page.endswith(t.title) for t in document.tables)
    assert len(pages) <= 3
    overall = quality_tables(qa)[0].records()[0]
    assert overall["pairs"] == 48 and overall["agreement_low"] is not None
