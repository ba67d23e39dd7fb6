"""Repeated case references are found exactly, whatever their length, order or bytes, and so
are references without a digit (names)."""

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from yjinspect.sampling.references import repeated, without_digit

references = st.lists(
    st.one_of(
        st.none(),
        st.text(min_size=0, max_size=20),
        st.sampled_from(["C0000001", "C0000002", "ab", "ab\0", "é", "x" * 70]),
    ),
    max_size=60,
)


def expected(series: pd.Series, missing: np.ndarray) -> np.ndarray:
    return series.duplicated(keep=False).to_numpy() & ~missing


@given(references)
def test_the_same_rows_as_pandas_for_arrow_strings(values):
    series = pd.Series(values, dtype="str")
    missing = series.isna().to_numpy()
    assert (repeated(series, missing) == expected(series, missing)).all()


@given(references, st.integers(min_value=0, max_value=5))
def test_slices_and_plain_python_strings_agree(values, start):
    series = pd.Series(values, dtype="str").iloc[start:]  # an Arrow array with an offset
    missing = series.isna().to_numpy()
    assert (repeated(series, missing) == expected(series, missing)).all()
    as_objects = series.astype(object)
    assert (repeated(as_objects, missing) == expected(as_objects, missing)).all()


def test_fixed_width_references_from_a_file(tmp_path):
    path = tmp_path / "refs.csv"
    path.write_text("case_ref\nC0000001\nC0000002\nC0000001\nC0000003\n", encoding="utf-8")
    series = pd.read_csv(path)["case_ref"]
    assert repeated(series, series.isna().to_numpy()).tolist() == [True, False, True, False]


def no_digit_by_hand(values: list) -> list[bool]:
    return [value is None or not any(c in "0123456789" for c in value) for value in values]


@given(
    st.lists(st.none() | st.text("aZ 07é٣-", max_size=6) | st.text(max_size=8)),
    st.integers(min_value=0, max_value=3),
)
def test_without_digit_reads_every_reference_as_a_person_would(values, start):
    series = pd.Series(values, dtype="str").iloc[start:]  # an Arrow array with an offset
    kept = values[start:]
    assert without_digit(series).tolist() == no_digit_by_hand(kept)
    assert without_digit(series.astype(object)).tolist() == no_digit_by_hand(kept)
