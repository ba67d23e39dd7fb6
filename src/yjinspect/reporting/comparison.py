"""Headline scores of other inspections under the same framework, for the comparison columns.

They come from a CSV of published scores (one row per inspection: `service`, `published`, then
one column per headline id) and from other inspections rated here. Only inspections published
before the one being reported are compared, as the Core Case Inspection reports did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from yjinspect.errors import Problem, raise_if_any
from yjinspect.files import is_summary, missing_columns, read_csv
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
    """Read and check the whole file (read like every CSV, see `files.read_csv`); every bad
    cell is reported with its line and column, and a summary row (Average, Total) is refused."""
    path = Path(path)
    headline_ids = [headline.id for headline in framework.headlines]
    table = read_csv(path, expected=("service", "published", *headline_ids))
    missing = [name for name in ("service", *headline_ids) if name not in table.header]
    if missing:
        raise missing_columns(path, missing, table.header_line)
    problems: list[Problem] = []
    found = []
    for record, line in zip(table.records, table.lines, strict=True):
        row = dict(zip(table.header, record, strict=False))
        service = (row.get("service") or "").strip()
        if is_summary(service):
            problems.append(
                Problem(("service",), f"'{service}' is a summary row, not an inspection; "
                        "remove it", line)
            )  # fmt: skip
            continue
        if not service:
            problems.append(Problem(("service",), "is empty", line))
        scores = {}
        for headline in headline_ids:
            cell = (row.get(headline) or "").strip()
            if not cell:
                continue
            try:
                scores[headline] = _percent(cell)
            except ValueError:
                problems.append(Problem((headline,), f"'{cell}' is not a percentage 0-100", line))
        published = None
        cell = (row.get("published") or "").strip()
        if cell:
            try:
                published = date.fromisoformat(cell)
            except ValueError:
                problems.append(Problem(("published",), f"'{cell}' is not an ISO date", line))
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
