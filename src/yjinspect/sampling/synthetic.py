"""Synthetic, clearly fictitious populations: for the demo, the tests and the benchmark.

Proportions are typical of a youth justice caseload (mostly boys aged 15 to 17; most cases low
or medium risk) but every case is invented; references start with a prefix such as DEMO.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from yjinspect.vocabulary import COLUMNS

_CHOICES: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "stream": (("court", "out_of_court"), (0.55, 0.45)),
    "court": (
        ("referral_order", "youth_rehabilitation_order", "detention_and_training_order",
         "reparation_order"),
        (0.5, 0.33, 0.1, 0.07),
    ),
    "out_of_court": (
        ("community_resolution", "youth_caution", "youth_conditional_caution"),
        (0.5, 0.25, 0.25),
    ),
    "gender": (("male", "female"), (0.85, 0.15)),
    "age": (tuple(str(a) for a in range(10, 18)), (0.01, 0.02, 0.04, 0.07, 0.11, 0.2, 0.25, 0.3)),
    "rosh": (("low", "medium", "high", "very_high"), (0.5, 0.35, 0.13, 0.02)),
    "safety_wellbeing": (("low", "medium", "high", "very_high"), (0.3, 0.45, 0.2, 0.05)),
    "team": (("Team A", "Team B", "Team C"), (0.4, 0.35, 0.25)),
    "ethnicity": (("white", "black", "mixed", "asian", "other"), (0.7, 0.1, 0.1, 0.07, 0.03)),
    "looked_after": (("no", "yes"), (0.85, 0.15)),
}  # fmt: skip


def synthetic_rows(
    count: int, first: date, last: date, seed: int = 0, prefix: str = "DEMO"
) -> dict[str, np.ndarray]:
    """`count` invented cases with disposals from `first` to `last`, as canonical columns."""
    rng = np.random.default_rng(seed)

    def pick(name: str, size: int = count) -> np.ndarray:
        values, weights = _CHOICES[name]
        return np.asarray(values)[rng.choice(len(values), size=size, p=weights)]

    stream = pick("stream")
    disposal = np.where(stream == "court", pick("court"), pick("out_of_court"))
    days = rng.integers(0, (last - first).days + 1, size=count)
    dates = np.datetime64(first) + days.astype("timedelta64[D]")
    width = max(4, len(str(count)))
    return {
        "case_ref": np.char.add(
            f"{prefix}-", np.char.zfill(np.arange(1, count + 1).astype(str), width)
        ),
        "stream": stream,
        "disposal_type": disposal,
        "disposal_date": dates.astype(str),
        **{name: pick(name) for name in ("gender", "age", "rosh", "safety_wellbeing", "team")},
        "ethnicity": pick("ethnicity"),
        "looked_after": pick("looked_after"),
    }


def write_synthetic(
    path: Path, count: int, fieldwork_start: date, seed: int = 0, prefix: str = "DEMO"
) -> Path:
    """Write a population CSV whose disposals span the year before fieldwork starts."""
    first = fieldwork_start - timedelta(days=365)
    columns = synthetic_rows(count, first, fieldwork_start, seed, prefix)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(zip(*(columns[name] for name in COLUMNS), strict=True))
    return path
