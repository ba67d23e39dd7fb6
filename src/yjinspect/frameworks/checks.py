"""Consistency checks a framework file must pass beyond its field types."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from decimal import Decimal

from yjinspect.errors import Location
from yjinspect.frameworks.schema import Framework, RatedFramework, ScoredFramework
from yjinspect.vocabulary import STRATIFIABLE

Finding = tuple[Location, str]


def check_framework(framework: Framework) -> list[Finding]:
    """Every inconsistency in `framework`, each with the place in the file it concerns."""
    found = list(_check_sampling(framework))
    found += _unique(
        ((("glossary", i, "term"), e.term.lower()) for i, e in enumerate(framework.glossary)),
        "glossary term",
    )
    if isinstance(framework, RatedFramework):
        return found + list(_check_rated(framework))
    return found + list(_check_scored(framework))


def _check_sampling(framework: Framework) -> Iterator[Finding]:
    rules = framework.sampling
    if rules is None:
        return
    if sum(stream.share for stream in rules.streams) != 100:
        yield ("sampling", "streams"), "the streams' shares must add up to 100"
    yield from _unique(
        ((("sampling", "streams", i, "stream"), s.stream) for i, s in enumerate(rules.streams)),
        "stream",
    )
    for i, stream in enumerate(rules.streams):
        if stream.months_before_min > stream.months_before_max:
            yield (
                ("sampling", "streams", i),
                "months_before_min must not be more than months_before_max",
            )
    for i, column in enumerate(rules.stratify_by):
        if column not in STRATIFIABLE:
            yield (
                ("sampling", "stratify_by", i),
                f"cannot balance on '{column}': use {', '.join(STRATIFIABLE)}",
            )


def _unique(items: Iterable[tuple[Location, str]], what: str) -> Iterator[Finding]:
    seen: dict[str, Location] = {}
    for location, identifier in items:
        if identifier in seen:
            yield location, f"duplicate {what} id '{identifier}'"
        seen.setdefault(identifier, location)


def _descending(
    values: list[Decimal] | list[int], location: Location, what: str
) -> Iterator[Finding]:
    if any(later >= earlier for earlier, later in itertools.pairwise(values)):
        yield location, f"{what} must be listed from highest to lowest, without repeats"
    if values and values[-1] != 0:
        yield (*location, len(values) - 1), f"the lowest of the {what} must start at 0"


def _percentages(values: list[Decimal], location: Location, what: str) -> Iterator[Finding]:
    """Band edges are whole percentages: edges all at or below 1 were written as fractions
    (0.8 for 80%), which would rate almost everything in the top band."""
    if len(values) > 1 and max(values) <= 1:
        written = ", ".join(str(value) for value in values)
        fixed = ", ".join(f"{float(value * 100):g}" for value in values)
        yield (
            location,
            f"the {what} edges ({written}) are all at or below 1: min_percent is a percentage, "
            f"not a fraction; write {fixed}",
        )


def _check_rated(framework: RatedFramework) -> Iterator[Finding]:
    yield from _unique(
        ((("domains", d, "id"), domain.id) for d, domain in enumerate(framework.domains)), "domain"
    )
    standard_ids = []
    question_ids = []
    for d, domain in enumerate(framework.domains):
        for s, standard in enumerate(domain.standards):
            at: Location = ("domains", d, "standards", s)
            standard_ids.append(((*at, "id"), standard.id))
            question_ids += [
                ((*at, "key_questions", q, "id"), question.id)
                for q, question in enumerate(standard.key_questions)
            ]
            if standard.rated_by == "key_questions":
                if not standard.key_questions:
                    yield (*at, "key_questions"), "a standard rated by key questions needs some"
                if domain.case_stream is None:
                    yield (
                        ("domains", d, "case_stream"),
                        f"standard {standard.id} is rated by key questions, so its domain must "
                        "name the case_stream (court or out_of_court) its cases come from",
                    )
    yield from _unique(standard_ids, "standard")
    yield from _unique(question_ids, "key question")

    rules = framework.rules
    edges = [band.min_percent for band in rules.bands]
    yield from _descending(edges, ("rules", "bands"), "rating bands")
    yield from _percentages(edges, ("rules", "bands"), "rating band")
    if any(later.points >= earlier.points for earlier, later in itertools.pairwise(rules.bands)):
        yield (
            ("rules", "bands"),
            "points must fall with the ratings: each band scores fewer points than the one above",
        )
    yield from _unique(
        ((("rules", "bands", b, "rating"), band.rating) for b, band in enumerate(rules.bands)),
        "rating",
    )
    yield from _descending(
        [band.min_score for band in rules.overall_bands],
        ("rules", "overall_bands"),
        "overall bands",
    )
    for b, band in enumerate(rules.overall_bands):
        if band.rating not in framework.rating_names:
            yield (
                ("rules", "overall_bands", b, "rating"),
                f"'{band.rating}' is not one of the ratings: {', '.join(framework.rating_names)}",
            )
        if band.min_score > framework.max_score:
            yield (
                ("rules", "overall_bands", b, "min_score"),
                f"{band.min_score} is above the highest possible score, {framework.max_score}",
            )


def _check_scored(framework: ScoredFramework) -> Iterator[Finding]:
    headline_ids = {headline.id for headline in framework.headlines}
    yield from _unique(
        ((("headlines", h, "id"), headline.id) for h, headline in enumerate(framework.headlines)),
        "headline",
    )
    yield from _unique(
        ((("sections", s, "id"), section.id) for s, section in enumerate(framework.sections)),
        "section",
    )
    criterion_ids = []
    question_ids = []
    for s, section in enumerate(framework.sections):
        for c, criterion in enumerate(section.criteria):
            at: Location = ("sections", s, "criteria", c)
            criterion_ids.append(((*at, "id"), criterion.id))
            for q, question in enumerate(criterion.questions):
                question_ids.append(((*at, "questions", q, "id"), question.id))
                for h, headline in enumerate(question.headlines):
                    if headline not in headline_ids:
                        yield (
                            (*at, "questions", q, "headlines", h),
                            f"unknown headline '{headline}'; the framework's headlines are "
                            f"{', '.join(sorted(headline_ids)) or 'none'}",
                        )
    yield from _unique(criterion_ids, "criterion")
    yield from _unique(question_ids, "question")
    edges = [band.min_percent for band in framework.rules.comment_bands]
    yield from _descending(edges, ("rules", "comment_bands"), "comment bands")
    yield from _percentages(edges, ("rules", "comment_bands"), "comment band")
