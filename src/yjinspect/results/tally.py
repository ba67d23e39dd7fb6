"""Answer tallies: the evidence behind every key question, criterion and headline score."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from statistics import NormalDist

WILSON_CONFIDENCE = 0.95


@dataclass(frozen=True)
class Tally:
    """Yes, no and not-applicable answers to one question (yes = judged sufficient)."""

    yes: int = 0
    no: int = 0
    not_applicable: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.yes + other.yes, self.no + other.no, self.not_applicable + other.not_applicable
        )

    @property
    def applicable(self) -> int:
        return self.yes + self.no

    @property
    def proportion(self) -> Fraction | None:
        """Exact share of yes among applicable answers; None when nothing applied."""
        return Fraction(self.yes, self.applicable) if self.applicable else None

    @property
    def percent(self) -> int | None:
        """Whole percentage, rounded half up (bands are decided on `proportion`, not this)."""
        return whole_percent(self.yes, self.applicable) if self.applicable else None

    def wilson_interval(self, confidence: float = WILSON_CONFIDENCE) -> tuple[float, float] | None:
        """Wilson score interval for the proportion, in percent (Wilson 1927, without continuity
        correction: the interval statsmodels' `proportion_confint(method="wilson")` gives)."""
        n = self.applicable
        if not n:
            return None
        z = _two_sided_z(confidence)
        p, z2 = self.yes / n, z * z
        denominator = 1 + z2 / n
        centre = (p + z2 / (2 * n)) / denominator
        half_width = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
        # Rounding can put an end a hair past the estimate (0% or 100%): the interval holds it.
        low, high = min(p, centre - half_width), max(p, centre + half_width)
        return max(0.0, low) * 100, min(1.0, high) * 100


def whole_percent(part: int, whole: int) -> int:
    """`part` of `whole` (> 0) as a whole percentage, rounded half up as the published tables
    are (1 of 8 is 13%; Python's `round` would say 12). Every printed share uses this."""
    return (200 * part + whole) // (2 * whole)


@cache
def _two_sided_z(confidence: float) -> float:
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def sum_tallies(tallies: list[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total += tally
    return total
