"""Which cases are eligible: each stream's disposals within its window before fieldwork."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from dateutil.relativedelta import relativedelta

from yjinspect.frameworks.schema import SamplingRules
from yjinspect.sampling.population import Population


@dataclass(frozen=True)
class Window:
    stream: str
    earliest: date
    latest: date


@dataclass(frozen=True)
class Exclusion:
    reason: str
    count: int


@dataclass(frozen=True)
class Eligibility:
    fieldwork_start: date
    windows: tuple[Window, ...]
    population: pd.DataFrame = field(repr=False)
    positions: dict[str, np.ndarray] = field(repr=False)  # eligible rows per stream, file order
    excluded: tuple[Exclusion, ...] = ()

    def count(self, stream: str) -> int:
        return len(self.positions.get(stream, ()))

    @property
    def cases(self) -> pd.DataFrame:
        """The eligible cases, in file order."""
        every = np.sort(np.concatenate([*self.positions.values(), np.empty(0, dtype=np.int64)]))
        return self.population.iloc[every].reset_index(drop=True)


def window(rules: SamplingRules, stream: str, fieldwork_start: date) -> Window:
    """Disposals made from `months_before_max` to `months_before_min` months before fieldwork."""
    spec = next(s for s in rules.streams if s.stream == stream)
    return Window(
        stream,
        fieldwork_start - relativedelta(months=spec.months_before_max),
        fieldwork_start - relativedelta(months=spec.months_before_min),
    )


def eligible_cases(
    population: Population, rules: SamplingRules, fieldwork_start: date
) -> Eligibility:
    frame = population.frame
    dates = frame["disposal_date"].to_numpy()
    stream_codes = np.asarray(frame["stream"].array.codes)
    categories = list(frame["stream"].cat.categories)
    positions: dict[str, np.ndarray] = {}
    windows, excluded = [], []
    in_any_stream = 0
    for spec in rules.streams:
        found = window(rules, spec.stream, fieldwork_start)
        windows.append(found)
        in_stream = np.flatnonzero(stream_codes == categories.index(spec.stream))
        in_any_stream += len(in_stream)
        stream_dates = dates[in_stream]
        too_recent = stream_dates > np.datetime64(found.latest)
        too_old = stream_dates < np.datetime64(found.earliest)
        positions[spec.stream] = in_stream[~too_recent & ~too_old]
        label = spec.stream.replace("_", "-")
        excluded += [
            Exclusion(
                f"{label} disposal less than {spec.months_before_min} months before fieldwork "
                f"(after {found.latest.day} {found.latest:%B %Y})",
                int(too_recent.sum()),
            ),
            Exclusion(
                f"{label} disposal more than {spec.months_before_max} months before fieldwork "
                f"(before {found.earliest.day} {found.earliest:%B %Y})",
                int(too_old.sum()),
            ),
        ]
    if in_any_stream < len(frame):
        excluded.append(
            Exclusion("stream not sampled by this framework", len(frame) - in_any_stream)
        )
    return Eligibility(fieldwork_start, tuple(windows), frame, positions, tuple(excluded))
