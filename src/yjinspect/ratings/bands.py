"""Banding an exact proportion on a scale of lower edges: ratings and improvement comments."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from yjinspect.results.tally import Tally


@dataclass(frozen=True)
class Band:
    name: str
    min_percent: Decimal

    @property
    def lower(self) -> Fraction:
        return Fraction(self.min_percent) / 100


@dataclass(frozen=True)
class Scale:
    """Bands from highest to lowest; the lowest starts at 0 (checked when a framework loads)."""

    bands: tuple[Band, ...]

    @classmethod
    def of(cls, pairs: Sequence[tuple[str, Decimal]]) -> Scale:
        return cls(tuple(Band(name, edge) for name, edge in pairs))

    def band_for(self, proportion: Fraction) -> Band:
        return next(band for band in self.bands if proportion >= band.lower)

    def named(self, name: str) -> Band:
        return next(band for band in self.bands if band.name == name)

    def rank(self, name: str) -> int:
        """0 for the lowest band, rising by one per band."""
        return len(self.bands) - 1 - [band.name for band in self.bands].index(name)

    def above(self, name: str) -> Band | None:
        index = [band.name for band in self.bands].index(name)
        return self.bands[index - 1] if index > 0 else None

    def below(self, name: str) -> Band | None:
        index = [band.name for band in self.bands].index(name)
        return self.bands[index + 1] if index + 1 < len(self.bands) else None


def yes_needed(tally: Tally, band: Band) -> int | None:
    """How many of the `no` answers would have to be `yes` to reach `band`; None if impossible."""
    needed = max(0, math.ceil(band.lower * tally.applicable) - tally.yes)
    return needed if needed <= tally.no else None


def yes_to_lose(tally: Tally, band: Band) -> int | None:
    """The fewest `yes` answers whose loss would drop the tally below `band`; None at 0%."""
    if band.lower == 0:
        return None
    return math.floor(tally.yes - band.lower * tally.applicable) + 1
