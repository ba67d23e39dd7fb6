"""Published results as a CSV: one row per inspection, one column per standard id.

Columns: `service`, `published` (YYYY-MM-DD), `framework` (a bundled id or a framework file),
`overall`, `score` (points), then one column per standard id (`1.1`, `2.1`, ...) holding its
rating; optional `service_type` and `region`. Empty cells are unknown. The file is checked whole:
every problem is reported with its line and column, and nothing is used from a file with any.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

from yjinspect.errors import InputError, Problem, raise_if_any
from yjinspect.files import missing_columns
from yjinspect.frameworks import Framework, load_framework
from yjinspect.frameworks.schema import RatedFramework
from yjinspect.national.model import NONE, About, RatedSet, overall_names, rating_index
from yjinspect.national.table import read_rows
from yjinspect.ratings.overall import overall_band

REQUIRED = ("service", "published", "framework", "overall", "score")
OPTIONAL = ("service_type", "region")
# How many repeated column names a refusal lists: a header may hold 100,000 of them.
_LISTED = 10

FrameworkResolver = Callable[[str], Framework]
"""A `framework` cell to its framework; raises `InputError` when it names none."""


class _Frameworks:
    """Frameworks named in the file, loaded once each; a bad name is a problem at its cell."""

    def __init__(self, resolve: FrameworkResolver) -> None:
        self.resolve = resolve
        self.loaded: dict[str, RatedFramework | str] = {}

    def get(self, name: str) -> RatedFramework | str:
        """The framework, or why it cannot be used."""
        if name not in self.loaded:
            try:
                framework = self.resolve(name)
            except InputError as exc:
                self.loaded[name] = "; ".join(p.message for p in exc.problems)
            else:
                self.loaded[name] = (
                    framework
                    if isinstance(framework, RatedFramework)
                    else f"{framework.id} is a scored framework; the national picture counts "
                    "rated frameworks"
                )
        return self.loaded[name]


def read_published(
    path: str | Path, resolve: FrameworkResolver | None = None
) -> dict[str, RatedSet]:
    """Inspections by framework id; raises `InputError` listing every problem in the file.

    `resolve` names a framework from a `framework` cell; by default a bundled id or a framework
    file relative to the CSV (the command line's files). A server takes ids only: a path there
    would read any file the server can."""
    path = Path(path)
    header, rows = read_rows(path)
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise missing_columns(path, missing, 1)
    duplicated = sorted(name for name, count in Counter(header).items() if count > 1)
    if duplicated:
        more = len(duplicated) - _LISTED
        listed = ", ".join(duplicated[:_LISTED]) + (f" and {more} more" if more > 0 else "")
        raise InputError.single(path, f"column(s) named twice: {listed}", ("header",), 1)
    standard_columns = [name for name in header if name not in (*REQUIRED, *OPTIONAL)]
    frameworks = _Frameworks(resolve or (lambda name: load_framework(name, path.parent)))
    problems: list[Problem] = []
    found: dict[str, list[tuple[About, list[int], int, int]]] = defaultdict(list)
    used: dict[str, RatedFramework] = {}
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append(
                Problem((), f"has {len(cells)} cells; the header has {len(header)}", line)
            )
            continue
        row = dict(zip(header, cells, strict=True))

        def problem(column: str, message: str, line: int = line) -> None:
            problems.append(Problem((column,), message, line))

        framework = frameworks.get(row["framework"]) if row["framework"] else "is empty"
        if isinstance(framework, str):
            problem("framework", framework)
            continue
        used[framework.id] = framework
        if not row["service"]:
            problem("service", "is empty")
        published = None
        if row["published"]:
            try:
                published = date.fromisoformat(row["published"])
            except ValueError:
                problem("published", f"'{row['published']}' is not a date (YYYY-MM-DD)")
        ratings = framework.rating_names
        standards = {standard.id: standard for _, standard in framework.standards()}
        codes = {standard_id: NONE for standard_id in standards}
        for column in standard_columns:
            cell = row[column]
            if not cell:
                continue
            if column not in standards:
                problem(column, f"is not a standard of {framework.id}")
                continue
            index = rating_index(cell, ratings)
            if index is not None:
                codes[column] = index
            elif not (
                standards[column].may_be_not_rated
                and rating_index(cell, [framework.rules.not_rated]) is not None
            ):
                problem(column, f"'{cell}' is not a rating: use one of {', '.join(ratings)}")
        overall = NONE
        if row["overall"]:
            index = rating_index(row["overall"], overall_names(framework))
            if index is None:
                problem(
                    "overall",
                    f"'{row['overall']}' is not an overall rating: use one of "
                    + ", ".join(overall_names(framework)),
                )
            else:
                overall = index
        score = NONE
        if row["score"]:
            try:
                score = int(row["score"])
            except ValueError:
                score = NONE
            if not 0 <= score <= framework.max_score:
                problem("score", f"'{row['score']}' is not a whole number 0-{framework.max_score}")
                score = NONE
        if score != NONE:
            problems.extend(_inconsistencies(framework, codes, overall, score, line))
        about = About(
            row["service"],
            published,
            str(path),
            line,
            row.get("service_type") or None,
            row.get("region") or None,
        )
        found[framework.id].append((about, list(codes.values()), overall, score))
    unknown = [
        column
        for column in standard_columns
        if not any(column in {s.id for _, s in f.standards()} for f in used.values())
    ]
    if unknown and used:
        problems.insert(
            0,
            Problem(("header",), f"not a standard of any framework named: {', '.join(unknown)}", 1),
        )
    raise_if_any(path, problems)
    return {
        framework_id: RatedSet.from_records(used[framework_id], rows_of)
        for framework_id, rows_of in found.items()
    }


def _inconsistencies(
    framework: RatedFramework, codes: dict[str, int], overall: int, score: int, line: int
) -> list[Problem]:
    """A score must band to the overall rating given, and equal the points of the standards."""
    problems = []
    banded = overall_band(framework, score)
    if overall != NONE and overall_names(framework)[overall] != banded:
        problems.append(
            Problem(
                ("overall",),
                f"a score of {score} is rated {banded}, not {overall_names(framework)[overall]}",
                line,
            )
        )
    counted = [s.id for _, s in framework.standards() if s.counted]
    if all(codes[standard] != NONE for standard in counted):
        points = sum(framework.rules.bands[codes[standard]].points for standard in counted)
        if points != score:
            problems.append(
                Problem(
                    ("score",),
                    f"is {score}, but the standards' ratings add up to {points} points",
                    line,
                )
            )
    return problems
