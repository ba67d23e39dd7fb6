"""Essex 2012 Core Case Inspection reproduced: every published score with its comment."""

from yjinspect.ratings import ScoredInspection, rate_file

from ..conftest import EXAMPLES

PUBLISHED_CRITERIA = {
    "1.1": (72, "MODERATE"),
    "1.2": (72, "MODERATE"),
    "1.3": (72, "MODERATE"),
    "2.1": (67, "MODERATE"),
    "2.2": (81, "MINIMUM"),
    "3.1": (72, "MODERATE"),
    "3.2": (83, "MINIMUM"),
}
PUBLISHED_HEADLINES = {
    "safeguarding": (73, "MODERATE"),
    "risk_of_harm": (68, "MODERATE"),
    "likelihood_of_reoffending": (77, "MINIMUM"),
}
PUBLISHED_SECTIONS = {"1": 72, "2": 76, "3": 75}


def scores(group):
    return {s.id: (s.tally.percent, s.comment) for s in group if s.tally is not None}


def test_general_criteria_scores_and_comments():
    rating = rate_file(EXAMPLES / "essex-2012.yaml")
    assert isinstance(rating, ScoredInspection)
    assert scores(rating.scores.criteria) == PUBLISHED_CRITERIA
    labels = {s.id: s.label for s in rating.scores.criteria if s.label}
    assert labels["2.2"] == "MINIMUM improvement required"


def test_criterion_without_published_score_has_no_result():
    rating = rate_file(EXAMPLES / "essex-2012.yaml")
    unscored = next(s for s in rating.scores.criteria if s.id == "2.3")
    assert (unscored.tally, unscored.comment) == (None, None)


def test_headline_scores_and_comments():
    rating = rate_file(EXAMPLES / "essex-2012.yaml")
    assert scores(rating.scores.headlines) == PUBLISHED_HEADLINES


def test_section_overall_scores():
    rating = rate_file(EXAMPLES / "essex-2012.yaml")
    assert {s.id: s.tally.percent for s in rating.scores.sections} == PUBLISHED_SECTIONS
    section_3 = next(s for s in rating.scores.sections if s.id == "3")
    assert section_3.basis == "pooled from criteria 3.1, 3.2"


def test_comment_band_assumption_is_reported():
    rating = rate_file(EXAMPLES / "essex-2012.yaml")
    assert any("band edges behind the comments are not published" in a for a in rating.assumptions)
