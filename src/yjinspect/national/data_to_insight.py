"""The data-to-insight scrape of HMI Probation youth justice ratings, repaired where it can be.

Layout (data-to-insight/hmi-probation-youth-justice-scrape on GitHub): `la_name`, `la_ref`,
`score_%` (earlier `score_`), `overall_rating`, `publication_date` (dd/mm/yy or dd/mm/yyyy; absent
in early versions), `report_url`, then one column per standard *name* in snake case
(`assessment`, `planning`, `staff`, `outofcourt_disposal_policy_and_provision`, ...).

Its known defects, and what is done about each, row by row:
- standards of different domains with the same name (2.1 and 3.1 Assessment) share one column
  and overwrite each other: the rating cannot be placed, so both are left unknown and reported;
- "Requires improvement" is cut to its last word and dropped, leaving the cell empty: a counted
  standard without a rating is filled in only when the score leaves exactly one possibility;
  otherwise it is reported;
- a footnote appears as a row, or in the overall rating's cell: the row is left out, or the
  overall rating is taken from the score, and either is reported;
- overall ratings with stray spaces or capitals ('Inadeq uate') are read as the rating named.
The framework of each row is the one whose standard names cover its columns; where several do,
the one in force at publication that started latest. A file that is not in this layout, a score
that is not a number or a date that is not a date makes the whole file refused, as `InputError`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime
from fractions import Fraction
from functools import cache
from pathlib import Path

from yjinspect.errors import InputError, Problem, raise_if_any
from yjinspect.files import missing_columns
from yjinspect.frameworks.schema import RatedFramework, Standard
from yjinspect.national.model import (
    NONE,
    About,
    DataProblem,
    RatedSet,
    overall_names,
    rating_index,
)
from yjinspect.national.table import read_rows
from yjinspect.ratings.overall import overall_band

SCORE_COLUMNS = ("score_%", "score_")
FIXED = ("la_name", "la_ref", *SCORE_COLUMNS, "overall_rating", "publication_date", "report_url")
_PREFIX = re.compile(r"^(an inspection of )?youth (justice|offending) services in ", re.IGNORECASE)
Note = Callable[[str | None, str], None]  # (column, message) for the row being read
_SUFFIX = re.compile(r"\s*-\s*joint_inspection$", re.IGNORECASE)


def is_data_to_insight(header: Sequence[str]) -> bool:
    return "la_name" in header and any(column in header for column in SCORE_COLUMNS)


def slug(title: str) -> str:
    """A standard's title as the scrape names its column: 'Out-of-court disposal policy and
    provision' -> 'outofcourt_disposal_policy_and_provision'."""
    return "_".join(re.sub(r"[^a-z0-9 ]", "", title.lower()).split())


def _date(text: str) -> date:
    for pattern in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _in_force(framework: RatedFramework, day: date | None) -> bool:
    start, end = framework.in_force.start, framework.in_force.end
    return day is None or (start <= day and (end is None or day <= end))


def _choose(frameworks: Sequence[RatedFramework], columns: set[str], day: date | None):
    """The framework whose standard names cover most of the row's rated columns; ties go to
    the one in force at publication that started latest."""

    def fit(framework: RatedFramework) -> tuple[int, bool, date]:
        names = {slug(standard.title) for _, standard in framework.standards()}
        return len(columns & names), _in_force(framework, day), framework.in_force.start

    return max(frameworks, key=fit)


@cache
def _ways(points: tuple[int, ...], slots: int, total: int) -> int:
    """How many ways `slots` standards can be rated so that their points add up to `total`."""
    if slots == 0:
        return int(total == 0)
    return sum(_ways(points, slots - 1, total - p) for p in points if total - p >= 0)


def _only_way(points: tuple[int, ...], slots: int, total: int) -> list[int] | None:
    """The rating indexes of the single way, or None when there are none or several."""
    if _ways(points, slots, total) != 1:
        return None
    chosen = []
    for remaining in range(slots, 0, -1):
        index = next(
            i
            for i, p in enumerate(points)
            if total - p >= 0 and _ways(points, remaining - 1, total - p)
        )
        chosen.append(index)
        total -= points[index]
    return chosen


def _points(cell: str, framework: RatedFramework, path: Path, line: int, column: str) -> int | None:
    """The score as whole points, or None when it is not a whole number of points."""
    try:
        percent = Fraction(cell)
    except ValueError:
        raise InputError.single(path, f"'{cell}' is not a number", (column,), line) from None
    exact = percent * framework.max_score / 100
    nearest = round(exact)
    # The scrape rounds to two decimals: within 0.005 of a whole number of points as a percentage.
    close = abs(percent - Fraction(100 * nearest, framework.max_score)) <= Fraction(1, 200)
    return nearest if close and 0 <= nearest <= framework.max_score else None


def read_data_to_insight(
    path: str | Path, frameworks: Sequence[RatedFramework]
) -> tuple[dict[str, RatedSet], list[DataProblem]]:
    """Inspections by framework id, and what could not be read or was repaired, row by row."""
    path = Path(path)
    header, rows = read_rows(path)
    score_column = next((c for c in SCORE_COLUMNS if c in header), None)
    missing = [c for c in ("la_name", "overall_rating") if c not in header]
    if missing or score_column is None:
        missing += [] if score_column else ["score_%"]
        raise missing_columns(path, missing, 1)
    rated_columns = [c for c in header if c not in FIXED]
    fatal: list[Problem] = []
    notes: list[DataProblem] = []
    found: dict[str, list[tuple[About, list[int], int, int]]] = defaultdict(list)
    chosen_by_id: dict[str, RatedFramework] = {}
    for line, cells in rows:
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))

        def note(column: str | None, message: str, line: int = line) -> None:
            notes.append(DataProblem(str(path), line, column, message))

        day = None
        if row.get("publication_date"):
            try:
                day = _date(row["publication_date"])
            except ValueError:
                fatal.append(
                    Problem(
                        ("publication_date",),
                        f"'{row['publication_date']}' is not a date (dd/mm/yyyy)",
                        line,
                    )
                )
        ratings_in_row = {
            c: row[c] for c in rated_columns if row.get(c) and any(
                rating_index(row[c], f.rating_names) is not None for f in frameworks
            )
        }  # fmt: skip
        if not row[score_column] and not ratings_in_row:
            text = next((cell for cell in cells if cell), "")
            note(None, f"a footnote, not an inspection ('{text[:70]}'): left out")
            continue
        framework = _choose(frameworks, set(ratings_in_row), day)
        chosen_by_id[framework.id] = framework
        try:
            points = (
                _points(row[score_column], framework, Path(path), line, score_column)
                if row[score_column]
                else None
            )
        except InputError as exc:
            fatal += exc.problems
            continue
        if row[score_column] and points is None:
            note(
                score_column,
                f"{row[score_column]}% is not a whole number of points out of "
                f"{framework.max_score}: the score is left out",
            )
        codes = _standards(framework, row, rated_columns, note)
        if points is not None:
            points = _fill_from_score(framework, codes, points, note)
        else:
            _report_missing(framework, codes, note)
        overall = _overall(framework, row["overall_rating"], points, note)
        service = _SUFFIX.sub("", _PREFIX.sub("", row["la_name"])) or row.get("la_ref", "")
        about = About(service, day, str(path), line)
        found[framework.id].append(
            (about, list(codes.values()), overall, NONE if points is None else points)
        )
    raise_if_any(path, fatal)
    sets = {
        framework_id: RatedSet.from_records(chosen_by_id[framework_id], rows_of)
        for framework_id, rows_of in found.items()
    }
    return sets, notes


def _standards(
    framework: RatedFramework, row: dict[str, str], columns: list[str], note: Note
) -> dict:
    """Ratings by standard id; a column that names two standards places neither."""
    by_name: dict[str, list[Standard]] = defaultdict(list)
    for _, standard in framework.standards():
        by_name[slug(standard.title)].append(standard)
    codes = {standard.id: NONE for _, standard in framework.standards()}
    for column in columns:
        cell = row.get(column, "")
        if not cell:
            continue
        standards = by_name.get(column, [])
        index = rating_index(cell, framework.rating_names)
        if index is None:
            note(column, f"'{cell}' is not a rating: left out")
        elif not standards:
            note(column, f"names no standard of {framework.id}: its rating {cell} is left out")
        elif len(standards) > 1:
            named = " and ".join(f"{s.id} {s.title}" for s in standards)
            note(
                column,
                f"one column for {named} (the same name in different domains): its rating "
                f"{cell} cannot be placed, so neither is known",
            )
        else:
            codes[standards[0].id] = index
    return codes


def _overall(framework: RatedFramework, cell: str, points: int | None, note: Note) -> int:
    names = overall_names(framework)
    index = rating_index(cell, names) if cell else None
    banded = overall_band(framework, points) if points is not None else None
    if index is not None:
        if banded is not None and names[index] != banded:
            note(
                "overall_rating",
                f"{names[index]}, but the score gives {points} points, rated {banded}: "
                "the published rating is kept",
            )
        return index
    shown = f"'{cell[:70]}'" if cell else "empty"
    if banded is None:
        note("overall_rating", f"{shown} is not an overall rating and there is no score: unknown")
        return NONE
    note("overall_rating", f"{shown} is not an overall rating: taken from the score ({banded})")
    return names.index(banded)


def _fill_from_score(framework: RatedFramework, codes: dict, points: int, note: Note) -> int | None:
    """Fill counted standards without a rating when the score allows only one way; the points,
    or None when the standards given cannot add up to them."""
    band_points = tuple(band.points for band in framework.rules.bands)
    counted = [s for _, s in framework.standards() if s.counted]
    unknown = [s for s in counted if codes[s.id] == NONE]
    known = sum(band_points[codes[s.id]] for s in counted if codes[s.id] != NONE)
    left = points - known
    ways = _ways(band_points, len(unknown), left) if left >= 0 else 0
    if ways == 0:
        note(
            None,
            f"the ratings given add up to {known} points, which no rating of "
            f"{_names(unknown) or 'the other standards'} brings to the score's {points}: "
            "the score is left out",
        )
        return None
    if not unknown:
        return points
    only = _only_way(band_points, len(unknown), left)
    if only is not None:
        for standard, index in zip(unknown, only, strict=True):
            codes[standard.id] = index
        filled = ", ".join(
            f"{s.id} {framework.rating_names[i]}" for s, i in zip(unknown, only, strict=True)
        )
        note(None, f"no rating in the file for {filled}: the only ratings the score allows")
        return points
    note(
        None,
        f"no rating for {_names(unknown)} (the scrape drops 'Requires improvement' and names it "
        f"cannot read): the score leaves {left} point{'' if left == 1 else 's'} among them, "
        f"which {ways} combinations of ratings give, so they are left unknown",
    )
    return points


def _report_missing(framework: RatedFramework, codes: dict, note: Note) -> None:
    unknown = [s for _, s in framework.standards() if s.counted and codes[s.id] == NONE]
    if unknown:
        note(
            None,
            f"no rating for {_names(unknown)} (the scrape drops 'Requires improvement') "
            "and no usable score to work them out: left unknown",
        )


def _names(standards: Sequence[Standard]) -> str:
    return ", ".join(f"{s.id} {s.title}" for s in standards)
