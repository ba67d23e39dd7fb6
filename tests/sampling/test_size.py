"""Sample size: Essex 2018's 43 + 28 from 124 eligible, and shortfalls moved between streams."""

from decimal import Decimal

import pytest

from yjinspect.frameworks import load_framework
from yjinspect.sampling.size import cochran_size, sample_size

RULES = load_framework("hmip-yos-2018").sampling


def test_essex_2018_sizes_from_124_eligible():
    size = sample_size(RULES, {"court": 75, "out_of_court": 49})
    assert (size.total, size.by_stream) == (71, {"court": 43, "out_of_court": 28})
    assert "finite population correction" in size.method
    assert size.assumptions and "not published" in size.assumptions[0]


@pytest.mark.parametrize(("population", "expected"), [(0, 0), (1, 1), (10, 10), (124, 71)])
def test_cochran_with_finite_population_correction(population, expected):
    assert cochran_size(population, Decimal(80), Decimal(5)) == expected


def test_a_large_population_needs_about_165():
    assert cochran_size(10**6, Decimal(80), Decimal(5)) == 165


def test_a_shortfall_in_one_stream_moves_to_the_other():
    size = sample_size(RULES, {"court": 20, "out_of_court": 200})
    assert size.by_stream["court"] == 20
    assert size.total == cochran_size(220, Decimal(80), Decimal(5))


def test_a_requested_size_overrides_and_is_capped():
    size = sample_size(RULES, {"court": 75, "out_of_court": 49}, requested=50)
    assert size.by_stream == {"court": 30, "out_of_court": 20}
    assert size.assumptions == ()
    assert sample_size(RULES, {"court": 3, "out_of_court": 2}, requested=50).total == 5
