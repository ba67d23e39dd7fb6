"""The overall score: points over the counted standards, and no overall rating with a gap."""

from dataclasses import replace

import pytest

from yjinspect.frameworks import load_framework
from yjinspect.ratings.engine import rate_standards
from yjinspect.ratings.overall import overall_band
from yjinspect.results.evidence import RatedEvidence
from yjinspect.results.tally import Tally

from .strategies import CASE_QUESTIONS, FRAMEWORK, JUDGED


@pytest.mark.parametrize(
    ("score", "rating"),
    [
        (0, "Inadequate"),
        (6, "Inadequate"),
        (7, "Requires improvement"),
        (18, "Requires improvement"),
        (19, "Good"),
        (30, "Good"),
        (31, "Outstanding"),
        (36, "Outstanding"),
    ],
)
def test_overall_bands_at_their_edges(score, rating):
    assert overall_band(FRAMEWORK, score) == rating


def test_a_counted_standard_without_a_rating_blocks_the_overall_rating():
    found = RatedEvidence(
        tallies={q: Tally(8, 2) for q in CASE_QUESTIONS if not q.startswith("2.3")},
        judgements={s: "Good" for s in JUDGED if s != "1.2"},
    )
    standards, overall = rate_standards(FRAMEWORK, found, {})
    assert (overall.score, overall.rating) == (None, None)
    assert overall.missing == ("1.2", "2.3")
    assert next(s for s in standards if s.id == "2.3").rating is None


def test_a_key_question_without_answers_has_no_result_and_does_not_decide():
    found = RatedEvidence(
        tallies={q: Tally(9, 1) for q in CASE_QUESTIONS} | {"2.1.1": Tally(0, 0, 43)},
        judgements=dict.fromkeys(JUDGED, "Good"),
    )
    standards, _ = rate_standards(FRAMEWORK, found, {})
    assessment = next(s for s in standards if s.id == "2.1")
    no_result = next(kq for kq in assessment.key_questions if kq.id == "2.1.1")
    assert (no_result.tally.percent, no_result.band, no_result.interval) == (None, None, None)
    assert assessment.deciding.id != "2.1.1"
    assert assessment.rating == "Outstanding"


def test_2021_resettlement_is_rated_apart_and_may_be_not_rated():
    framework = load_framework("hmip-yjs-2021")
    questions = [q.id for _, s, q in framework.key_questions() if s.rated_by == "key_questions"]
    judged = [s.id for _, s in framework.standards() if s.rated_by == "judgement"]
    found = RatedEvidence(
        tallies={q: Tally(7, 3) for q in questions},  # 70%: Good
        judgements=dict.fromkeys(judged, "Good") | {"4.1": None},
    )
    standards, overall = rate_standards(framework, found, {})
    assert (overall.score, overall.max_score, overall.rating) == (24, 36, "Good")
    assert next(s for s in standards if s.id == "4.1").rating is None
    outstanding = replace(found, judgements=found.judgements | {"4.1": "Outstanding"})
    _, with_resettlement = rate_standards(framework, outstanding, {})
    assert with_resettlement == overall
