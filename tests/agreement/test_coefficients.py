"""Agreement coefficients against published worked examples and an independent computation."""

from __future__ import annotations

from pathlib import Path

import krippendorff
import numpy as np
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from yjinspect.agreement.coefficients import agreement_statistics

EXAMPLES = yaml.safe_load((Path(__file__).parent / "worked_examples.yaml").read_text())


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_published_worked_examples(name):
    example = EXAMPLES[name]
    statistics = agreement_statistics(np.array(example["table"]))
    for coefficient, expected in example["expected"].items():
        estimate = getattr(statistics, coefficient)
        assert estimate.value == pytest.approx(expected["value"], abs=5e-7), coefficient
        if "interval" in expected:
            low, high = estimate.interval
            assert [round(low, 3), round(high, 3)] == expected["interval"], coefficient


# An independent computation from the raw pairs, written from the textbook definitions.
def _by_definition(pairs: list[tuple[int, int]], q: int) -> dict[str, float | None]:
    n = len(pairs)
    agree = sum(a == b for a, b in pairs) / n
    first = [sum(a == k for a, _ in pairs) / n for k in range(q)]
    second = [sum(b == k for _, b in pairs) / n for k in range(q)]
    mean = [(f + s) / 2 for f, s in zip(first, second, strict=True)]
    kappa_chance = sum(f * s for f, s in zip(first, second, strict=True))
    ac1_chance = sum(m * (1 - m) for m in mean) / (q - 1)
    return {
        "agreement": agree,
        "cohen_kappa": None if kappa_chance == 1 else (agree - kappa_chance) / (1 - kappa_chance),
        "gwet_ac1": (agree - ac1_chance) / (1 - ac1_chance),
        "pabak": (q * agree - 1) / (q - 1),
    }


pairs_strategy = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=2, max_size=60)


def _table(pairs: list[tuple[int, int]]) -> np.ndarray:
    table = np.zeros((3, 3), dtype=np.int64)
    for a, b in pairs:
        table[a, b] += 1
    return table


@given(pairs_strategy)
def test_matches_the_definitions_and_krippendorffs_own_package(pairs):
    statistics = agreement_statistics(_table(pairs))
    for name, value in _by_definition(pairs, 3).items():
        got = getattr(statistics, name).value
        assert got is None if value is None else got == pytest.approx(value, abs=1e-9), name
    data = np.array(pairs, dtype=float).T
    if len(set(data.ravel())) > 1:
        expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert statistics.krippendorff_alpha.value == pytest.approx(expected, abs=1e-9)
    else:
        assert statistics.krippendorff_alpha.value is None


@given(st.lists(st.integers(0, 2), min_size=2, max_size=60))
def test_identical_answers_agree_perfectly(answers):
    statistics = agreement_statistics(_table([(a, a) for a in answers]))
    assert statistics.agreement.value == 1
    assert statistics.gwet_ac1.value == pytest.approx(1)
    assert statistics.pabak.value == pytest.approx(1)
    for undefined_when_one_answer in (statistics.cohen_kappa, statistics.krippendorff_alpha):
        if len(set(answers)) == 1:
            assert undefined_when_one_answer.value is None
        else:
            assert undefined_when_one_answer.value == pytest.approx(1)


@given(pairs_strategy)
def test_symmetric_in_the_two_assessors(pairs):
    one = agreement_statistics(_table(pairs))
    other = agreement_statistics(_table(pairs).T)
    for name in ("agreement", "cohen_kappa", "gwet_ac1", "pabak", "krippendorff_alpha"):
        a, b = getattr(one, name), getattr(other, name)
        assert (a.value is None) == (b.value is None), name
        if a.value is not None:
            assert a.value == pytest.approx(b.value, abs=1e-9), name
            assert a.interval == pytest.approx(b.interval, abs=1e-9), name


@given(pairs_strategy)
def test_coefficients_and_intervals_stay_in_range(pairs):
    statistics = agreement_statistics(_table(pairs))
    assert 0 <= statistics.agreement.value <= 1
    assert -0.5 <= statistics.pabak.value <= 1  # (3 po - 1) / 2 over three answers
    for name in ("cohen_kappa", "gwet_ac1", "pabak", "krippendorff_alpha"):
        estimate = getattr(statistics, name)
        if estimate.value is not None:
            assert -1 <= estimate.value <= 1 + 1e-12, name
        if estimate.interval is not None:
            low, high = estimate.interval
            assert -1 <= low <= high <= 1, name


def test_no_pairs_means_nothing_to_say():
    statistics = agreement_statistics(np.zeros((3, 3), dtype=np.int64))
    assert statistics.units == 0
    assert statistics.agreement.value is None and statistics.gwet_ac1.value is None


def test_high_agreement_with_low_kappa_is_flagged_as_prevalence():
    # 38 of 40 agree, nearly all 'yes': kappa is 0 while AC1 stays near the agreement.
    statistics = agreement_statistics(np.array([[38, 2, 0], [0, 0, 0], [0, 0, 0]]))
    assert statistics.cohen_kappa.value == pytest.approx(0)
    assert statistics.gwet_ac1.value > 0.9
    assert statistics.prevalence_paradox
    balanced = agreement_statistics(np.array([[18, 2, 0], [2, 18, 0], [0, 0, 0]]))
    assert not balanced.prevalence_paradox
