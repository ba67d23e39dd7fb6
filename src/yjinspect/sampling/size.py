"""How many cases to read: the precision the framework states, split between the streams."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from statistics import NormalDist

from yjinspect.frameworks.schema import SamplingRules


@dataclass(frozen=True)
class SampleSize:
    total: int
    by_stream: dict[str, int]
    method: str
    assumptions: tuple[str, ...]


def cochran_size(population: int, confidence: Decimal, margin: Decimal, p: float = 0.5) -> int:
    """Cochran's sample size for a proportion, with the finite population correction."""
    if population <= 0:
        return 0
    z = NormalDist().inv_cdf(1 - (1 - float(confidence) / 100) / 2)
    e = float(margin) / 100
    n0 = z * z * p * (1 - p) / (e * e)
    n = n0 / (1 + (n0 - 1) / population)
    return min(population, math.ceil(n - 1e-9))


def split(total: int, rules: SamplingRules, eligible: dict[str, int]) -> dict[str, int]:
    """Each stream but the last takes its share rounded up; shortfalls pass to the others."""
    streams = rules.streams
    wanted: dict[str, int] = {}
    left = total
    for spec in streams[:-1]:
        wanted[spec.stream] = min(left, math.ceil(total * spec.share / 100))
        left -= wanted[spec.stream]
    wanted[streams[-1].stream] = left
    spare = 0
    for spec in streams:
        over = wanted[spec.stream] - eligible.get(spec.stream, 0)
        if over > 0:
            wanted[spec.stream] -= over
            spare += over
    for spec in streams:
        room = eligible.get(spec.stream, 0) - wanted[spec.stream]
        moved = min(room, spare)
        wanted[spec.stream] += moved
        spare -= moved
    return wanted


def sample_size(
    rules: SamplingRules, eligible: dict[str, int], requested: int | None = None
) -> SampleSize:
    """The sample size by stream: `requested` if given, else from the framework's precision."""
    available = sum(eligible.values())
    if requested is not None:
        total = min(requested, available)
        method = f"requested: {requested} cases" + (
            f", capped at the {available} eligible" if requested > available else ""
        )
        assumptions: tuple[str, ...] = ()
    else:
        total = cochran_size(available, rules.confidence, rules.margin_of_error)
        method = (
            f"Cochran with finite population correction: {rules.confidence}% confidence, "
            f"margin of error {rules.margin_of_error}, p = 0.5, on {available} eligible cases"
        )
        assumptions = (rules.size_rule,) if rules.size_rule_assumption else ()
    by_stream = split(total, rules, eligible)
    return SampleSize(sum(by_stream.values()), by_stream, method, assumptions)
