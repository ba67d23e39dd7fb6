"""Rating rules that must hold for any evidence, not just the published inspections."""

from dataclasses import replace
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from yjinspect.ratings.bands import Scale, yes_needed, yes_to_lose
from yjinspect.ratings.engine import rate_standards
from yjinspect.ratings.standards import rating_scale
from yjinspect.results.schema import DiscretionRequest
from yjinspect.results.tally import Tally

from .strategies import CASE_QUESTIONS, FRAMEWORK, JUDGED, RATINGS, answered_tallies, evidence

SCALE = rating_scale(FRAMEWORK)


def rated(found, discretion=None):
    return rate_standards(FRAMEWORK, found, discretion or {})


def rank(rating):
    return SCALE.rank(rating)


@given(evidence, st.sampled_from(CASE_QUESTIONS), st.integers(1, 10))
def test_more_yes_answers_never_lower_any_rating(found, question, extra):
    before_standards, before = rated(found)
    tally = found.tallies[question]
    moved = min(extra, tally.no)
    better = dict(found.tallies, **{question: Tally(tally.yes + moved, tally.no - moved)})
    after_standards, after = rated(replace(found, tallies=better))
    for old, new in zip(before_standards, after_standards, strict=True):
        assert rank(new.rating) >= rank(old.rating)
    assert rank(after.rating) >= rank(before.rating)
    assert after.score >= before.score


@given(evidence, st.sampled_from(JUDGED), st.sampled_from(RATINGS))
def test_overall_band_is_monotone_in_every_judgement(found, standard, rating):
    current = found.judgements[standard]
    assume(rank(rating) > rank(current))
    _, before = rated(found)
    _, after = rated(replace(found, judgements=dict(found.judgements, **{standard: rating})))
    assert after.score > before.score
    assert rank(after.rating) >= rank(before.rating)


@given(evidence, st.sampled_from(CASE_QUESTIONS), st.integers(1, 20))
def test_not_applicable_answers_never_change_a_rating(found, question, extra):
    before_standards, before = rated(found)
    tally = found.tallies[question]
    more = dict(
        found.tallies, **{question: replace(tally, not_applicable=tally.not_applicable + extra)}
    )
    after_standards, after = rated(replace(found, tallies=more))
    assert [s.rating for s in after_standards] == [s.rating for s in before_standards]
    assert after == before


@given(evidence)
def test_no_rating_exceeds_its_lowest_key_question_without_discretion(found):
    standards, _ = rated(found)
    for standard in standards:
        if standard.standard.rated_by != "key_questions":
            continue
        lowest = min(rank(exact_band(kq.tally.proportion)) for kq in standard.key_questions)
        assert rank(standard.rating) == lowest
        assert standard.discretion is None


def exact_band(proportion):
    """The published rule, in Fractions: the highest band whose lower edge the share reaches."""
    return next(
        band.rating
        for band in FRAMEWORK.rules.bands
        if proportion >= Fraction(band.min_percent) / 100
    )


@given(evidence)
def test_each_key_question_and_the_deciding_one_follow_the_exact_proportions(found):
    for standard in rated(found)[0]:
        if standard.standard.rated_by != "key_questions":
            continue
        for kq in standard.key_questions:
            assert kq.band == exact_band(kq.tally.proportion)
        lowest = min(kq.tally.proportion for kq in standard.key_questions)
        first_lowest = next(kq for kq in standard.key_questions if kq.tally.proportion == lowest)
        assert standard.deciding is first_lowest
        assert standard.evidence_rating == exact_band(lowest)


@given(evidence, st.sampled_from(["2.1", "2.4", "3.3", "3.4"]), st.sampled_from(RATINGS))
def test_discretion_moves_one_band_within_the_margin_or_is_flagged_forced(found, standard, to):
    standards, _ = rated(found)
    target = next(s for s in standards if s.id == standard)
    request = DiscretionRequest(rating=to, reason="test", force=True)
    assume(to != target.evidence_rating and abs(rank(to) - rank(target.evidence_rating)) == 1)
    moved = next(s for s in rated(found, {standard: request})[0] if s.id == standard)
    record = moved.discretion
    assert moved.rating == to
    assert record.forced == (record.distance > FRAMEWORK.rules.discretion_margin)


@given(
    st.integers(1, 10**12).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.lists(st.decimals(0, 100, places=3), min_size=1, max_size=5, unique=True),
)
def test_a_tally_is_banded_by_its_exact_proportion(counts, edges):
    yes, applicable = counts
    scale = Scale.of([(f"from {edge}%", edge) for edge in sorted([*edges, 0], reverse=True)])
    exact = Fraction(yes, applicable) * 100
    expected = max(edge for edge in [*edges, 0] if exact >= edge)
    assert scale.band_of(Tally(yes, applicable - yes)).min_percent == expected


@given(answered_tallies, st.sampled_from(SCALE.bands))
def test_yes_needed_is_exactly_enough(tally, band):
    needed = yes_needed(tally, band)
    if needed is None:
        assert Tally(tally.applicable, 0).proportion < band.lower
        return
    reached = Tally(tally.yes + needed, tally.no - needed)
    assert reached.proportion >= band.lower
    if needed:
        assert Tally(reached.yes - 1, reached.no + 1).proportion < band.lower


@given(answered_tallies, st.sampled_from(SCALE.bands))
def test_yes_to_lose_is_the_fewest_that_drop_the_band(tally, band):
    assume(tally.proportion >= band.lower)
    lost = yes_to_lose(tally, band)
    if band.lower == 0:
        assert lost is None
        return
    assert Tally(tally.yes - lost, tally.no + lost).proportion < band.lower
    assert Tally(tally.yes - lost + 1, tally.no + lost - 1).proportion >= band.lower


@given(answered_tallies)
def test_wilson_interval_holds_the_estimate_and_stays_in_range(tally):
    low, high = tally.wilson_interval()
    assert 0 <= low <= float(tally.proportion) * 100 <= high <= 100
