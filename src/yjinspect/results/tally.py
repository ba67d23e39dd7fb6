"""Answer tallies: the evidence behind every key question, criterion and headline score."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from scipy.stats import binomtest

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
        n = self.applicable
        return (200 * self.yes + n) // (2 * n) if n else None

    def wilson_interval(self, confidence: float = WILSON_CONFIDENCE) -> tuple[float, float] | None:
        """Wilson score interval for the proportion, in percent."""
        if not self.applicable:
            return None
        ci = binomtest(self.yes, self.applicable).proportion_ci(
            confidence_level=confidence, method="wilson"
        )
        return float(ci.low) * 100, float(ci.high) * 100


def sum_tallies(tallies: list[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total += tally
    return total
