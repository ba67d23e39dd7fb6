"""The sample: eligible, balanced within one case of every share, seeded, with a reserve."""

import tempfile
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from yjinspect.errors import InputError
from yjinspect.frameworks import load_framework
from yjinspect.sampling.balance import Profiles, allocate, margins, targets, within_one_possible
from yjinspect.sampling.draw import draw_sample
from yjinspect.sampling.eligibility import eligible_cases
from yjinspect.sampling.population import read_population
from yjinspect.vocabulary import DISPOSAL_TYPES, RISK_LEVELS

from ..conftest import EXAMPLES
from .helpers import case, write_population

RULES = load_framework("hmip-yos-2018").sampling
FIELDWORK = date(2018, 10, 1)
TODAY = date(2026, 11, 23)


def test_windows_are_inclusive_and_exclusions_counted(tmp_path):
    rows = [
        case("C1-on-9-months", disposal_date="2018-01-01"),
        case("C2-on-6-months", disposal_date="2018-04-01"),
        case("C3-too-old", disposal_date="2017-12-31"),
        case("C4-too-recent", disposal_date="2018-04-02"),
        case("C5-ooc-in", stream="out_of_court", disposal_date="2018-05-01"),
        case("C6-ooc-late", stream="out_of_court", disposal_date="2018-07-02"),
    ]
    population = read_population(write_population(tmp_path / "p.csv", rows), today=TODAY)
    found = eligible_cases(population, RULES, FIELDWORK)
    assert found.cases["case_ref"].tolist() == ["C1-on-9-months", "C2-on-6-months", "C5-ooc-in"]
    counts = {e.reason.split(" (")[0]: e.count for e in found.excluded}
    assert counts == {
        "court disposal less than 6 months before fieldwork": 1,
        "court disposal more than 9 months before fieldwork": 1,
        "out-of-court disposal less than 3 months before fieldwork": 1,
        "out-of-court disposal more than 5 months before fieldwork": 0,
    }


def test_the_demo_draw_is_reproducible_and_sized_by_the_rule():
    population = read_population(EXAMPLES / "population-demo.csv", today=TODAY)
    first = draw_sample(population, RULES, date(2026, 6, 1), seed=11)
    again = draw_sample(population, RULES, date(2026, 6, 1), seed=11)
    other = draw_sample(population, RULES, date(2026, 6, 1), seed=12)
    assert first.sample["case_ref"].tolist() == again.sample["case_ref"].tolist()
    assert first.reserve["case_ref"].tolist() == again.reserve["case_ref"].tolist()
    assert first.sample["case_ref"].tolist() != other.sample["case_ref"].tolist()
    assert len(first.sample) == first.size.total


# --- properties ---------------------------------------------------------------------------------


@st.composite
def populations(draw):
    """A population file of 5 to 120 cases with skewed categories, some outside the windows."""
    count = draw(st.integers(5, 120))
    rows = []
    for index in range(count):
        stream = draw(st.sampled_from(["court", "court", "out_of_court"]))
        offset = draw(st.integers(40, 320))  # days before fieldwork
        rows.append(
            case(
                f"C{index}",
                stream=stream,
                disposal_type=draw(st.sampled_from(DISPOSAL_TYPES[stream][:3])),
                disposal_date=(FIELDWORK - timedelta(days=offset)).isoformat(),
                gender=draw(st.sampled_from(["male", "male", "male", "female"])),
                rosh=draw(st.sampled_from((*RISK_LEVELS[:3], "low"))),
                safety_wellbeing=draw(st.sampled_from(RISK_LEVELS)),
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        path = write_population(Path(folder) / "p.csv", rows)
        population = read_population(path, today=TODAY)
    # A population with no eligible case is refused (see test_no_eligible_case_is_refused).
    eligibility = eligible_cases(population, RULES, FIELDWORK)
    assume(any(eligibility.count(spec.stream) for spec in RULES.streams))
    return population


def stream_profiles(drawn, stream):
    cases = drawn.eligibility.cases
    cases = cases[cases["stream"] == stream]
    codes = [np.asarray(cases[v].cat.codes, dtype=np.int64) for v in drawn.stratify_by]
    sizes = [len(cases[v].cat.categories) for v in drawn.stratify_by]
    return Profiles.of(codes, sizes)[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(populations(), st.integers(0, 2**32 - 1))
def test_every_category_is_within_one_case_of_its_share_whenever_possible(population, seed):
    drawn = draw_sample(population, RULES, FIELDWORK, seed=seed)
    for stream, n in drawn.size.by_stream.items():
        rows = [row for row in drawn.balance if row.stream == stream]
        if any(abs(row.achieved - row.target) > 1 for row in rows):
            # Allowed only where no allocation of whole cases could do it (proved exactly).
            assert not within_one_possible(stream_profiles(drawn, stream), n), rows


def test_a_high_sampling_fraction_found_by_hypothesis_is_within_one():
    """Six of twenty cases medium risk, 17 sampled: the search alone left medium at 4 of 5.1."""
    rng = np.random.default_rng(0)
    for _ in range(50):
        count = 20
        codes = [rng.integers(0, 2, count), rng.integers(0, 3, count),
                 rng.integers(0, 3, count), rng.integers(0, 4, count)]  # fmt: skip
        profiles, _ = Profiles.of(codes, [2, 3, 3, 4])
        allocation = allocate(profiles, 17, rng)
        pairs = zip(margins(profiles, allocation), targets(profiles, 17), strict=True)
        worst = max(np.abs(a - w).max() for a, w in pairs)
        assert worst <= 1 or not within_one_possible(profiles, 17)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(populations(), st.integers(0, 2**32 - 1), st.none() | st.integers(1, 80))
def test_sample_and_reserve_are_eligible_distinct_and_disjoint(population, seed, size):
    drawn = draw_sample(population, RULES, FIELDWORK, seed=seed, size=size)
    eligible = set(drawn.eligibility.cases["case_ref"])
    sample, reserve = list(drawn.sample["case_ref"]), list(drawn.reserve["case_ref"])
    assert len(set(sample)) == len(sample) and len(set(reserve)) == len(reserve)
    assert set(sample) <= eligible and set(reserve) <= eligible
    assert not set(sample) & set(reserve)
    assert len(sample) == drawn.size.total
    for stream, wanted in drawn.size.by_stream.items():
        assert (drawn.sample["stream"] == stream).sum() == wanted


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(populations(), st.integers(0, 2**32 - 1))
def test_same_seed_same_sample(population, seed):
    first = draw_sample(population, RULES, FIELDWORK, seed=seed)
    again = draw_sample(population, RULES, FIELDWORK, seed=seed)
    assert np.array_equal(first.sample["case_ref"], again.sample["case_ref"])
    assert np.array_equal(first.reserve["case_ref"], again.reserve["case_ref"])


def test_no_eligible_case_is_refused(tmp_path):
    rows = [case("C1", disposal_date="2010-01-01"), case("C2", disposal_date="2010-02-01")]
    population = read_population(write_population(tmp_path / "p.csv", rows), today=TODAY)
    with pytest.raises(InputError) as caught:
        draw_sample(population, RULES, FIELDWORK, seed=1)
    assert "no eligible case: none of the 2 cases is in the eligibility windows" in str(
        caught.value
    )
