"""The key questions' Wilson score interval, against statsmodels' as an independent reference."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint

from yjinspect.results.tally import Tally


def reference(yes: int, applicable: int, confidence: float) -> tuple[float, float]:
    low, high = proportion_confint(yes, applicable, alpha=1 - confidence, method="wilson")
    return float(low) * 100, float(high) * 100


@st.composite
def tallies(draw, most=5000):
    applicable = draw(st.integers(1, most))
    yes = draw(st.integers(0, applicable))
    return Tally(yes, applicable - yes, draw(st.integers(0, 10)))


@given(tallies())
def test_the_interval_is_the_wilson_score_interval(tally):
    low, high = tally.wilson_interval()
    ref_low, ref_high = reference(tally.yes, tally.applicable, 0.95)
    assert low == pytest.approx(ref_low, abs=1e-9)
    assert high == pytest.approx(ref_high, abs=1e-9)


@given(tallies(most=200), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_other_confidence_levels_match_too(tally, confidence):
    low, high = tally.wilson_interval(confidence)
    ref_low, ref_high = reference(tally.yes, tally.applicable, confidence)
    assert (low, high) == (pytest.approx(ref_low, abs=1e-9), pytest.approx(ref_high, abs=1e-9))


@pytest.mark.parametrize("applicable", [1, 2, 7, 20, 1000])
def test_all_yes_and_all_no_reach_the_ends_of_the_scale(applicable):
    none_low, _ = Tally(0, applicable).wilson_interval()
    _, all_high = Tally(applicable, 0).wilson_interval()
    assert (none_low, all_high) == (0, 100)


def test_a_published_size_of_sample():
    """17 of 27 (63%, Essex 2018 key question 3.4.2): 44.2% to 78.5% (statsmodels, 95%)."""
    low, high = Tally(17, 10).wilson_interval()
    assert (round(low, 1), round(high, 1)) == (44.2, 78.5)


def test_no_interval_without_applicable_answers():
    assert Tally(0, 0, 4).wilson_interval() is None
