"""Banding an exact proportion on a scale of lower edges: ratings and improvement comments.

Every comparison is exact: a band's edge is kept as a Fraction, and a tally is compared with it
in whole numbers (yes / applicable >= p / q exactly when yes * q >= p * applicable).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from yjinspect.results.tally import Tally


@dataclass(frozen=True)
class Band:
    name: str
    min_percent: Decimal
    lower: Fraction = field(init=False, repr=False, compare=False)  # min_percent / 100

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", Fraction(self.min_percent) / 100)

    def reached_by(self, tally: Tally) -> bool:
        """Whether the tally's share of yes is at or above this band's lower edge."""
        lower = self.lower
        return tally.yes * lower.denominator >= lower.numerator * tally.applicable


@dataclass(frozen=True)
class Scale:
    """Bands from highest to lowest; the lowest starts at 0 (checked when a framework loads)."""

    bands: tuple[Band, ...]
    _positions: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        positions = {band.name: index for index, band in enumerate(self.bands)}
        object.__setattr__(self, "_positions", positions)

    @classmethod
    def of(cls, pairs: Sequence[tuple[str, Decimal]]) -> Scale:
        return cls(tuple(Band(name, edge) for name, edge in pairs))

    def band_of(self, tally: Tally) -> Band | None:
        """The band of the tally's share of yes; None when no answer applied."""
        if not tally.applicable:
            return None
        for band in self.bands:
            if band.reached_by(tally):
                return band
        raise AssertionError("the lowest band starts at 0")

    def named(self, name: str) -> Band:
        return self.bands[self._positions[name]]

    def rank(self, name: str) -> int:
        """0 for the lowest band, rising by one per band."""
        return len(self.bands) - 1 - self._positions[name]

    def above(self, name: str) -> Band | None:
        index = self._positions[name]
        return self.bands[index - 1] if index > 0 else None

    def below(self, name: str) -> Band | None:
        index = self._positions[name]
        return self.bands[index + 1] if index + 1 < len(self.bands) else None


Framework = TypeVar("Framework")
Built = TypeVar("Built")


def per_framework(build: Callable[[Framework], Built]) -> Callable[[Framework], Built]:
    """`build(framework)` once per loaded framework (frameworks are immutable), forgotten with
    it. Keyed by identity: a framework's pydantic hash would walk its every field."""
    built: dict[int, Built] = {}

    def cached(framework: Framework) -> Built:
        key = id(framework)
        if key not in built:
            built[key] = build(framework)
            weakref.finalize(framework, built.pop, key, None)
        return built[key]

    return cached


def yes_needed(tally: Tally, band: Band) -> int | None:
    """How many of the `no` answers would have to be `yes` to reach `band`; None if impossible."""
    lower = band.lower
    # ceil(lower * applicable) - yes, in whole numbers
    needed = max(0, -(-lower.numerator * tally.applicable // lower.denominator) - tally.yes)
    return needed if needed <= tally.no else None


def yes_to_lose(tally: Tally, band: Band) -> int | None:
    """The fewest `yes` answers whose loss would drop the tally below `band`; None at 0%."""
    lower = band.lower
    if not lower:
        return None
    # floor(yes - lower * applicable) + 1, in whole numbers
    return (tally.yes * lower.denominator - lower.numerator * tally.applicable) // (
        lower.denominator
    ) + 1
