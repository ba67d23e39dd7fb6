"""The overall rating: points summed over the standards that count, banded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from yjinspect.frameworks.schema import RatedFramework
from yjinspect.ratings.standards import StandardRating


@dataclass(frozen=True)
class OverallRating:
    score: int | None
    max_score: int
    rating: str | None
    missing: tuple[str, ...]  # counted standards without a rating, which block the overall one


def overall_band(framework: RatedFramework, score: int) -> str:
    bands = framework.rules.overall_bands
    return next(band.rating for band in bands if score >= band.min_score)


def overall_rating(framework: RatedFramework, standards: Sequence[StandardRating]) -> OverallRating:
    counted = [standard for standard in standards if standard.standard.counted]
    missing = tuple(standard.id for standard in counted if standard.points is None)
    if missing:
        return OverallRating(None, framework.max_score, None, missing)
    score = sum(standard.points or 0 for standard in counted)
    return OverallRating(score, framework.max_score, overall_band(framework, score), ())
