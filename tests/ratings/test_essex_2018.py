"""Essex 2018 reproduced from examples/essex-2018.yaml: the published ratings and percentages."""

from fractions import Fraction

import pytest

from yjinspect.ratings import InspectionRating, rate_file

from ..conftest import EXAMPLES

# The ratings table and Annex 2 of essex-2018-inspection-report.txt.
PUBLISHED_RATINGS = {
    "1.1": "Outstanding",
    "1.2": "Outstanding",
    "1.3": "Good",
    "1.4": "Outstanding",
    "2.1": "Outstanding",
    "2.2": "Outstanding",
    "2.3": "Outstanding",
    "2.4": "Outstanding",
    "3.1": "Outstanding",
    "3.2": "Outstanding",
    "3.3": "Good",
    "3.4": "Good",
}
ANNEX_2_PERCENTAGES = {
    "2.1.1": 95, "2.1.2": 95, "2.1.3": 98,
    "2.2.1": 90, "2.2.2": 88, "2.2.3": 90,
    "2.3.1": 93, "2.3.2": 92, "2.3.3": 92,
    "2.4.1": 88, "2.4.2": 85, "2.4.3": 81,
    "3.1.1": 93, "3.1.2": 81, "3.1.3": 89,
    "3.2.1": 85, "3.2.2": 86, "3.2.3": 80,
    "3.3.1": 93, "3.3.2": 86, "3.3.3": 73,
    "3.4.1": 93, "3.4.2": 63,
}  # fmt: skip


@pytest.fixture(scope="module")
def essex() -> InspectionRating:
    rating = rate_file(EXAMPLES / "essex-2018.yaml")
    assert isinstance(rating, InspectionRating)
    return rating


def test_every_standard_has_its_published_rating(essex):
    assert {s.id: s.rating for s in essex.standards} == PUBLISHED_RATINGS


def test_every_annex_2_percentage(essex):
    found = {kq.id: kq.tally.percent for s in essex.standards for kq in s.key_questions}
    assert found == ANNEX_2_PERCENTAGES


def test_the_sample_is_43_court_and_28_out_of_court_cases(essex):
    for standard in essex.standards:
        for kq in standard.key_questions:
            total = kq.tally.applicable + kq.tally.not_applicable
            assert total == (43 if standard.domain.case_stream == "court" else 28), kq.id


def test_overall_is_33_of_36_outstanding(essex):
    assert (essex.overall.score, essex.overall.max_score) == (33, 36)
    assert essex.overall.rating == "Outstanding"


def test_3_4_is_good_by_discretion_as_footnote_12_records(essex):
    joint_working = next(s for s in essex.standards if s.id == "3.4")
    assert joint_working.evidence_rating == "Requires improvement"
    assert joint_working.rating == "Good"
    assert joint_working.deciding.id == "3.4.2"
    record = joint_working.discretion
    assert record is not None and not record.forced
    assert [r.standard_id for r in essex.discretion] == ["3.4"]
    footnote = record.footnote()
    assert "rated Good rather than Requires improvement" in footnote
    assert "3.4.2 (63%)" in footnote and "within the 5-point margin" in footnote


def test_3_2_at_exactly_80_percent_is_outstanding(essex):
    planning = next(s for s in essex.standards if s.id == "3.2")
    assert planning.deciding.id == "3.2.3"
    assert planning.deciding.tally.proportion == Fraction(4, 5)
    assert planning.rating == "Outstanding"


def test_headroom_says_how_close_each_standard_is(essex):
    by_id = {s.id: s for s in essex.standards}
    # 3.3.3 is 19 of 26: 21 are needed for 80%.
    assert by_id["3.3"].headroom.next_band == "Outstanding"
    assert by_id["3.3"].headroom.yes_needed == 2
    # 3.4.2 is 17 of 27: 18 reach 65% (on the evidence, before discretion).
    assert by_id["3.4"].headroom.yes_needed == 1
    # 2.4.3 is 35 of 43, 81%: one fewer yes is 79%.
    assert by_id["2.4"].headroom.yes_to_lose == 1
    assert by_id["2.4"].headroom.next_band is None


def test_intervals_surround_every_result(essex):
    for standard in essex.standards:
        for kq in standard.key_questions:
            low, high = kq.interval
            assert low < float(kq.tally.proportion) * 100 < high
