"""Whole percentages: one rounding rule (half up) wherever a share is printed."""

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from yjinspect.reporting.agreement import yes_share
from yjinspect.reporting.inspection import profile_tables
from yjinspect.results.narrative import Caseload
from yjinspect.results.tally import Tally, whole_percent


@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_a_whole_percentage_rounds_half_up(whole, data):
    part = data.draw(st.integers(min_value=0, max_value=whole))
    found = whole_percent(part, whole)
    assert found == math.floor(Fraction(100 * part, whole) + Fraction(1, 2))
    assert found == Tally(yes=part, no=whole - part).percent


def test_one_in_eight_is_13_percent_everywhere():
    # 12.5%: Python's round() would give 12 (half to even); the key question tables give 13.
    assert Tally(yes=1, no=7).percent == 13
    assert yes_share(1, 8) == "13% (1 of 8)"
    (table,) = profile_tables(Caseload(gender={"Male": 7, "Female": 1}))
    assert ("Female", 1, 13) in table.rows
