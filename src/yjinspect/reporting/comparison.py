"""Headline scores of other inspections under the same framework, for the comparison columns.

They come from a CSV of published scores (one row per inspection: `service`, `published`, then
one column per headline id) and from other inspections rated here. Only inspections published
before the one being reported are compared, as the Core Case Inspection reports did.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from yjinspect.errors import InputError, Problem, raise_if_any
from yjinspect.frameworks.schema import ScoredFramework
from yjinspect.ratings.engine import ScoredInspection


@dataclass(frozen=True)
class PublishedScores:
    service: str
    published: date | None
    headlines: dict[str, int]  # headline id -> whole per cent


@dataclass(frozen=True)
class Range:
    lowest: int
    highest: int
    average: int
    count: int


def _percent(text: str) -> int:
    value = int(text.strip().removesuffix("%").strip())
    if not 0 <= value <= 100:
        raise ValueError
    return value


def read_published_scores(path: str | Path, framework: ScoredFramework) -> list[PublishedScores]:
    """Read and check the whole file; every bad cell is reported with its row and column."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, [Problem((), f"cannot be read: {exc}")]) from None
    reader = csv.DictReader(io.StringIO(text))
    headline_ids = [headline.id for headline in framework.headlines]
    header = reader.fieldnames or []
    missing = [name for name in ("service", *headline_ids) if name not in header]
    if missing:
        columns = "missing column" if len(missing) == 1 else "missing columns"
        raise InputError.single(path, f"{columns}: {', '.join(missing)}", ("header",), 1)
    problems: list[Problem] = []
    found = []
    for row_number, row in enumerate(reader, start=2):
        scores = {}
        for headline in headline_ids:
            cell = (row.get(headline) or "").strip()
            if not cell:
                continue
            try:
                scores[headline] = _percent(cell)
            except ValueError:
                problems.append(
                    Problem((headline,), f"'{cell}' is not a percentage 0-100", row_number)
                )
        published = None
        cell = (row.get("published") or "").strip()
        if cell:
            try:
                published = date.fromisoformat(cell)
            except ValueError:
                problems.append(Problem(("published",), f"'{cell}' is not an ISO date", row_number))
        service = (row.get("service") or "").strip()
        if not service:
            problems.append(Problem(("service",), "is empty", row_number))
        found.append(PublishedScores(service, published, scores))
    raise_if_any(path, problems)
    return found


def scores_of(rating: ScoredInspection) -> PublishedScores:
    """Another inspection rated here, as a row of published scores."""
    return PublishedScores(
        rating.service.name,
        rating.inspection.publication_date,
        {
            score.id: score.tally.percent
            for score in rating.scores.headlines
            if score.tally is not None and score.tally.percent is not None
        },
    )


def headline_ranges(
    others: Iterable[PublishedScores], service: str, published: date | None
) -> dict[str, Range]:
    """Lowest, highest and average (rounded half up) per headline over the earlier inspections."""
    earlier: Sequence[PublishedScores] = [
        other
        for other in others
        if other.service != service
        and (published is None or other.published is None or other.published < published)
    ]
    ranges = {}
    headline_ids = {headline for other in earlier for headline in other.headlines}
    for headline in sorted(headline_ids):
        values = [other.headlines[headline] for other in earlier if headline in other.headlines]
        total, n = sum(values), len(values)
        ranges[headline] = Range(min(values), max(values), (2 * total + n) // (2 * n), n)
    return ranges
