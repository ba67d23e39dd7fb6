"""One service against the national picture: each of its ratings, and how many inspections under
the same framework were rated the same or lower."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yjinspect.errors import InputError
from yjinspect.frameworks.schema import RatedFramework
from yjinspect.national.model import NONE, About, RatedSet, overall_names
from yjinspect.national.picture import Filters
from yjinspect.national.sources import National, engine_codes
from yjinspect.ratings import rate
from yjinspect.ratings.engine import InspectionRating
from yjinspect.results import load_results


@dataclass(frozen=True)
class Standing:
    """`same_or_lower` of the `of` inspections with a rating for it were rated no better."""

    id: str
    title: str
    rating: str | None
    same_or_lower: int
    of: int


@dataclass(frozen=True)
class Position:
    service: str
    framework: RatedFramework
    compared: int  # inspections under the same framework that pass the filters
    overall: Standing
    score: Standing  # `rating` is the score as text, e.g. '16 of 36'
    standards: tuple[Standing, ...]


def _standing(item_id: str, title: str, name: str | None, own: int, codes: np.ndarray) -> Standing:
    rated = codes[codes != NONE]
    if own == NONE:
        return Standing(item_id, title, name, 0, int(rated.size))
    return Standing(item_id, title, name, int((rated >= own).sum()), int(rated.size))


def position_of(national: National, filters: Filters, path: str | Path) -> Position:
    """Rate a results file with the engine and place it among the picture's inspections under
    its framework (itself left out, if it is one of the sources)."""
    rating = rate(load_results(path))
    if not isinstance(rating, InspectionRating):
        raise InputError.single(path, "a position is given for rated frameworks only")
    own = str(Path(path).resolve())
    return position_of_rating(
        national, filters, rating, lambda about: str(Path(about.source).resolve()) == own, path
    )


def position_of_rating(
    national: National,
    filters: Filters,
    rating: InspectionRating,
    is_itself: Callable[[About], bool],
    name: str | Path,
) -> Position:
    """Place an engine rating (a results file's, or a workspace inspection's) among the
    inspections under its framework that pass the filters and have a rating, leaving out those
    `is_itself` picks.

    Raises `InputError` naming `name` when there is nothing to compare with.
    """
    framework = rating.framework
    standards, overall, score, _ = engine_codes(rating)
    others = national.sets.get(framework.id, RatedSet.empty(framework))
    itself = np.array([is_itself(a) for a in others.about], bool)
    mask = filters.mask(others) & others.has_rating() & ~itself
    others = others.select(mask)
    if not len(others):
        raise InputError.single(
            name,
            f"no other inspection in the sources is under {framework.id} and passes the "
            "filters: nothing to compare with",
        )
    names = framework.rating_names
    overall_name = overall_names(framework)[overall] if overall != NONE else None
    scores = others.scores[others.scores != NONE]
    return Position(
        rating.service.name,
        framework,
        len(others),
        _standing("overall", "Overall rating", overall_name, overall, others.overall),
        Standing(
            "score",
            "Score",
            None if score == NONE else f"{score} of {framework.max_score}",
            int((scores <= score).sum()) if score != NONE else 0,
            int(scores.size),
        ),
        tuple(
            _standing(
                s.id, s.title, names[code] if code != NONE else None, code, others.standards[:, i]
            )
            for i, ((_, s), code) in enumerate(zip(framework.standards(), standards, strict=True))
        ),
    )
