"""The eligible population's profile: the report's contextual facts about the caseload."""

from __future__ import annotations

import pandas as pd

# Age bands as youth justice statistics group them; the top band catches anyone older.
AGE_BANDS = ((10, 14, "10 to 14"), (15, 17, "15 to 17"), (18, None, "18 and over"))
PROFILE_COLUMNS = ("gender", "ethnicity", "disposal_type", "looked_after")


def _age_band(age: int) -> str:
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return f"under {AGE_BANDS[0][0]}"


def caseload_profile(cases: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Counts by age band and by each profile column present, largest category first."""
    profile: dict[str, dict[str, int]] = {}
    if "age" in cases:
        bands = cases["age"].astype(int).map(_age_band).value_counts()
        order = [label for *_, label in AGE_BANDS if label in bands.index]
        order += [label for label in bands.index if label not in order]
        profile["age"] = {label: int(bands[label]) for label in order}
    for column in PROFILE_COLUMNS:
        if column in cases and cases[column].notna().any():
            counts = cases[column].astype("string").value_counts()
            profile[column] = {str(value): int(count) for value, count in counts.items()}
    return profile
