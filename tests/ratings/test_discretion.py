"""Professional discretion: one band, within the margin of error, with a reason, or forced."""

from dataclasses import replace

import pytest

from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.ratings.engine import rate_standards
from yjinspect.results.evidence import RatedEvidence
from yjinspect.results.schema import DiscretionRequest
from yjinspect.results.tally import Tally

from .strategies import CASE_QUESTIONS, FRAMEWORK, JUDGED

ALL_GOOD = RatedEvidence(
    tallies={question: Tally(yes=9, no=1) for question in CASE_QUESTIONS},
    judgements=dict.fromkeys(JUDGED, "Good"),
)


def joint_working(yes: int, no: int, rating: str, force: bool = False):
    found = replace(ALL_GOOD, tallies=dict(ALL_GOOD.tallies, **{"3.4.2": Tally(yes, no)}))
    request = DiscretionRequest(rating=rating, reason="a review of the cases", force=force)
    standards, overall = rate_standards(FRAMEWORK, found, {"3.4": request})
    return next(s for s in standards if s.id == "3.4"), overall


def test_within_the_margin_moves_up_one_band():
    standard, _ = joint_working(17, 10, "Good")  # 63%, 2 points below 65%
    assert (standard.evidence_rating, standard.rating, standard.points) == (
        "Requires improvement",
        "Good",
        2,
    )
    assert standard.discretion.reason == "a review of the cases"


def test_within_the_margin_moves_down_one_band():
    standard, _ = joint_working(67, 33, "Requires improvement")  # 67%, 2 points above 65%
    assert standard.rating == "Requires improvement"
    assert standard.discretion.edge_percent == 65


def test_exactly_at_the_margin_is_allowed():
    standard, _ = joint_working(60, 40, "Good")  # 60%: 5 points below 65%
    assert standard.rating == "Good" and not standard.discretion.forced


def test_outside_the_margin_is_refused_with_the_distance():
    with pytest.raises(DiscretionRefused) as refused:
        joint_working(59, 41, "Good")
    assert refused.value.standard_id == "3.4"
    assert "3.4.2 at 59.0% is 6.0 percentage points from the 65% edge" in str(refused.value)
    assert "set force: true" in str(refused.value)


def test_forced_outside_the_margin_is_recorded_as_forced():
    standard, _ = joint_working(59, 41, "Good", force=True)
    assert standard.rating == "Good"
    assert standard.discretion.forced
    assert standard.discretion.footnote().count("FORCED") == 1


def test_two_bands_is_refused_even_when_forced():
    with pytest.raises(DiscretionRefused, match="one band only: Outstanding is 2 bands"):
        joint_working(63, 37, "Outstanding", force=True)


def test_no_change_is_refused():
    with pytest.raises(DiscretionRefused, match="already rated Good"):
        joint_working(70, 30, "Good")


def test_no_results_leaves_nothing_to_move():
    empty = dict(ALL_GOOD.tallies, **{"3.4.1": Tally(), "3.4.2": Tally()})
    request = DiscretionRequest(rating="Good", reason="x")
    with pytest.raises(DiscretionRefused, match="no key question results"):
        rate_standards(FRAMEWORK, replace(ALL_GOOD, tallies=empty), {"3.4": request})
