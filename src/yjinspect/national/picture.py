"""The national picture: counts of ratings per framework version and year, scores, the weakest
standards and key questions, and the trend across years.

Every count says what it rests on: a standard's counts add up to the inspections with a rating
for it; inspections without one (unknown, or not rated) are left out of that figure only. An
inspection with no rating at all (no standard, overall rating or score) is left out of every
figure, and listed: it would only lower what the figures rest on.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from yjinspect.errors import InputError
from yjinspect.frameworks.loader import bundled_ids
from yjinspect.frameworks.schema import RatedFramework
from yjinspect.national.model import (
    NONE,
    DataProblem,
    RatedSet,
    lower_half,
    overall_names,
    question_ids,
)
from yjinspect.national.service_types import service_kind
from yjinspect.national.sources import National


@dataclass(frozen=True)
class Filters:
    """What the picture keeps; `service_type` keeps every name of the same kind of service
    (`service_types.yaml`: YOS, YOT and YJS are one)."""

    framework: str | None = None
    year: int | None = None
    service_type: str | None = None
    region: str | None = None

    def mask(self, rated: RatedSet) -> np.ndarray:
        keep = np.ones(len(rated), bool)
        if self.framework is not None and rated.framework.id != self.framework:
            keep[:] = False
        for index, about in enumerate(rated.about):
            if self.year is not None and (
                about.published is None or about.published.year != self.year
            ):
                keep[index] = False
            if self.service_type is not None and (
                about.service_type is None
                or service_kind(about.service_type) != service_kind(self.service_type)
            ):
                keep[index] = False
            if self.region is not None and not _same(about.region, self.region):
                keep[index] = False
        return keep


def _same(value: str | None, wanted: str) -> bool:
    return value is not None and value.casefold() == wanted.casefold()


@dataclass(frozen=True)
class Weak:
    """A standard or key question and how many inspections rated it in the lower half."""

    id: str
    title: str
    kind: str  # "standard" or "key question"
    below: int
    of: int

    @property
    def share(self) -> Fraction:
        return Fraction(self.below, self.of)


@dataclass(frozen=True)
class YearTrend:
    year: int
    inspections: int  # with an overall rating
    at_least: int  # rated at or above the middle of the scale (Good or better)
    change: Fraction | None  # percentage points since the previous year in the picture


@dataclass(frozen=True)
class FrameworkPicture:
    """One framework version's figures; ratings in each dict are in the framework's order."""

    framework: RatedFramework
    inspections: int
    overall: dict[str, int]
    scores: dict[int, int]
    standards: dict[str, dict[str, int]]
    key_questions: dict[str, dict[str, int]]
    by_year: dict[int, dict[str, int]]
    standards_by_year: dict[int, dict[str, dict[str, int]]]
    weakest: tuple[Weak, ...]
    trend: tuple[YearTrend, ...]

    @property
    def at_least_word(self) -> str:
        """'Good or better': the middle of the overall scale."""
        names = overall_names(self.framework)
        return f"{names[lower_half(names) - 1]} or better"

    @property
    def below_word(self) -> str:
        names = self.framework.rating_names
        return f"below {names[lower_half(names) - 1]}"


UNRATED = "left out: nothing rated (no standard, overall rating or score)"


@dataclass(frozen=True)
class Picture:
    """`unrated`: inspections passing the filters left out for having no rating at all; each
    is also one of the `problems`."""

    frameworks: tuple[FrameworkPicture, ...]
    filters: Filters
    problems: tuple[DataProblem, ...]
    unrated: int = 0

    @property
    def inspections(self) -> int:
        return sum(p.inspections for p in self.frameworks)

    def overall(self) -> dict[str, int]:
        """Overall ratings over all frameworks (the same words are counted together)."""
        total: dict[str, int] = {}
        for picture in self.frameworks:
            for rating, count in picture.overall.items():
                total[rating] = total.get(rating, 0) + count
        return total

    def by_year(self) -> dict[int, dict[str, int]]:
        years: dict[int, dict[str, int]] = {}
        for picture in self.frameworks:
            for year, counts in picture.by_year.items():
                into = years.setdefault(year, {})
                for rating, count in counts.items():
                    into[rating] = into.get(rating, 0) + count
        return dict(sorted(years.items()))


def counts(codes: np.ndarray, names: list[str]) -> np.ndarray:
    """Counts per rating for each column of `codes` [n, k]: an array [k, len(names)]."""
    k = codes.shape[1]
    valid = codes >= 0
    flat = (np.arange(k)[None, :] * len(names) + codes)[valid]
    return np.bincount(flat, minlength=k * len(names)).reshape(k, len(names))


def _as_dict(row: np.ndarray, names: list[str]) -> dict[str, int]:
    return {name: int(count) for name, count in zip(names, row, strict=True)}


def _framework_picture(rated: RatedSet) -> FrameworkPicture:
    framework = rated.framework
    names, overall = framework.rating_names, overall_names(framework)
    standards = [s for _, s in framework.standards()]
    questions = question_ids(framework)
    standard_counts = counts(rated.standards, names)
    question_counts = counts(rated.key_questions, names)
    overall_counts = counts(rated.overall[:, None], overall)[0]
    scored = rated.scores[rated.scores != NONE]
    values, how_many = np.unique(scored, return_counts=True)
    years = np.array([a.published.year if a.published else 0 for a in rated.about], np.int32)
    by_year, standards_by_year = {}, {}
    for year in sorted(set(years.tolist()) - {0}):
        in_year = years == year
        by_year[year] = _as_dict(counts(rated.overall[in_year][:, None], overall)[0], overall)
        per_standard = counts(rated.standards[in_year], names)
        standards_by_year[year] = {
            s.id: _as_dict(per_standard[i], names) for i, s in enumerate(standards)
        }
    low = lower_half(names)
    weakest = [
        Weak(
            s.id,
            s.title,
            "standard",
            int(standard_counts[i, low:].sum()),
            int(standard_counts[i].sum()),
        )
        for i, s in enumerate(standards)
    ]
    titles = {
        q.id: f"{s.title}: {q.focus or q.text or q.id}" for _, s, q in framework.key_questions()
    }
    weakest += [
        Weak(
            q,
            titles[q],
            "key question",
            int(question_counts[i, low:].sum()),
            int(question_counts[i].sum()),
        )
        for i, q in enumerate(questions)
    ]
    ranked = sorted((w for w in weakest if w.of), key=lambda w: (-w.share, -w.of, w.kind, w.id))
    return FrameworkPicture(
        framework,
        len(rated),
        _as_dict(overall_counts, overall),
        {int(v): int(c) for v, c in zip(values, how_many, strict=True)},
        {s.id: _as_dict(standard_counts[i], names) for i, s in enumerate(standards)},
        {
            q: _as_dict(question_counts[i], names)
            for i, q in enumerate(questions)
            if question_counts[i].sum()
        },
        by_year,
        standards_by_year,
        tuple(ranked),
        _trend(by_year, lower_half(overall), overall),
    )


def _trend(by_year: dict[int, dict[str, int]], low: int, names: list[str]) -> tuple[YearTrend, ...]:
    trend: list[YearTrend] = []
    for year, found in by_year.items():
        rated = sum(found.values())
        at_least = sum(found[name] for name in names[:low])
        change = None
        if trend and trend[-1].inspections and rated:
            before = trend[-1]
            change = 100 * (
                Fraction(at_least, rated) - Fraction(before.at_least, before.inspections)
            )
        trend.append(YearTrend(year, rated, at_least, change))
    return tuple(trend)


def build_picture(national: National, filters: Filters = Filters()) -> Picture:
    """The picture of the inspections that pass the filters, one part per framework version.

    Raises `InputError` when the framework asked for is not the framework of any source, which
    is more likely a mistyped id than an empty picture.
    """
    if filters.framework is not None and filters.framework not in national.sets:
        known = ", ".join(sorted(national.sets)) or "no framework"
        if filters.framework not in bundled_ids():
            raise InputError.single(
                filters.framework, f"not a bundled framework; the sources are under {known}"
            )
        raise InputError.single(
            "--framework",
            f"no inspection in the sources is under {filters.framework}; they are under {known}",
        )
    parts = []
    unrated: list[DataProblem] = []
    for framework_id in sorted(national.sets):
        rated = national.sets[framework_id]
        chosen, has_rating = filters.mask(rated), rated.has_rating()
        unrated += [
            DataProblem(about.source, about.line, None, UNRATED)
            for about in rated.select(chosen & ~has_rating).about
        ]
        selected = rated.select(chosen & has_rating)
        if len(selected):
            parts.append(_framework_picture(selected))
    return Picture(tuple(parts), filters, (*national.problems, *unrated), len(unrated))
