"""The next inspection of a service: per standard, the previous and current rating and the
movement, and what became of the previous inspection's recommendations.

Standards are matched by id; where the previous framework gave that number to a standard of
another title, the row's title says so. Movement is read on the current framework's scale (its
bands' points), so a previous rating the scale does not have is "not comparable"; a previous
framework that rates no standards (a scored one) is said, and no standard is compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from yjinspect.frameworks.schema import Framework, RatedFramework, Standard
from yjinspect.ratings.engine import InspectionRating
from yjinspect.reporting.words import long_date

if TYPE_CHECKING:
    from yjinspect.plans.rag import Outcome


@dataclass(frozen=True)
class Earlier:
    """The previous inspection of the service, as published."""

    framework: Framework
    published: date | None
    ratings: Mapping[str, str | None]  # standard id -> rating; empty for a scored framework
    overall: str | None
    recommendations: tuple[tuple[str, str], ...]  # (addressee, text) in report order
    # Recommendation number (from 1) -> what the improvement plan says became of it; None when
    # no plan is held for the previous inspection.
    outcomes: Mapping[int, Outcome] | None = None
    # When its fieldwork began: says which inspection it was when no publication date is held
    # (one published before yjinspect, such as a scored Core Case Inspection).
    fieldwork_start: date | None = None


@dataclass(frozen=True)
class StandardMovement:
    id: str
    title: str  # the current title, with the previous one where it differs under this number
    previous: str | None
    current: str | None
    movement: str  # Improved, Declined, Unchanged, New standard, Not yet rated, ...


@dataclass(frozen=True)
class RecommendationOutcome:
    number: int
    addressee: str
    text: str
    outcome: Outcome | None  # None: not known (no plan, or the plan does not cover it)
    # The number of this report's recommendation the lead marked as repeating it; None: none is.
    recurs_as: int | None = None

    @property
    def recurs(self) -> str:
        """Whether it recurs, in words: from the lead's mark, never guessed from the text."""
        if self.recurs_as is None:
            return "Recurs: no"
        return f"Recurs: yes – recommendation {self.recurs_as} of this report"


@dataclass(frozen=True)
class Comparison:
    previous: str  # "published 6 December 2018", or which one it was when no date is held
    framework_note: str | None  # said when the previous inspection used another framework
    standards: tuple[StandardMovement, ...]
    overall_previous: str | None
    overall_current: str | None
    overall_movement: str
    recommendations: tuple[RecommendationOutcome, ...]
    outcomes_note: str | None  # said when no improvement plan is held


def _movement(points: Mapping[str, int], previous: str | None, current: str | None) -> str:
    """Read on a scale of rating -> points (a standard's bands, or the overall bands)."""
    if previous is None:
        return "Not rated before"
    if current is None:
        return "Not yet rated"
    if previous not in points or current not in points:
        return "Not comparable"
    if points[current] == points[previous]:
        return "Unchanged"
    return "Improved" if points[current] > points[previous] else "Declined"


def _undated(fieldwork_start: date | None) -> str:
    """The previous inspection is published (`previous_inspection` finds only those) but its
    publication date is not held."""
    which = f"the one of {fieldwork_start:%B %Y}, " if fieldwork_start else ""
    return which + "published on a date not held here"


def _framework_note(earlier: Framework, current: RatedFramework) -> str | None:
    if earlier.id == current.id:
        return None
    if not isinstance(earlier, RatedFramework):
        return (
            f"The previous inspection used {earlier.title} (version {earlier.version}), "
            "which scores work rather than rating standards: no standard is compared."
        )
    return (f"The previous inspection used {earlier.title} (version {earlier.version}); "
            "standards are matched by their numbers, and a standard may have changed between "
            "the frameworks.")  # fmt: skip


def _title(standard: Standard, earlier: Framework) -> str:
    """Says "Out-of-court disposal policy and provision (in 2018: 3.4 Joint working)" when the
    previous framework's standard under this number has another title."""
    before = {s.id: s.title for _, s in earlier.standards()} if isinstance(
        earlier, RatedFramework) else {}  # fmt: skip
    then = before.get(standard.id)
    if then is None or then == standard.title:
        return standard.title
    return f"{standard.title} (in {earlier.version}: {standard.id} {then})"


def compare(
    earlier: Earlier, current: InspectionRating, recurs: Mapping[int, int] | None = None
) -> Comparison:
    """Each of the current framework's standards against the previous inspection's, and each
    previous recommendation with what became of it. `recurs`: previous recommendation number
    -> the number of the current report's recommendation that repeats it (both from 1)."""
    framework = current.framework
    rated = isinstance(earlier.framework, RatedFramework)
    points = {band.rating: band.points for band in framework.rules.bands}
    overall = {band.rating: band.min_score for band in framework.rules.overall_bands}
    standards = tuple(
        StandardMovement(
            s.standard.id,
            _title(s.standard, earlier.framework),
            earlier.ratings.get(s.standard.id),
            s.rating,
            _movement(points, earlier.ratings.get(s.standard.id), s.rating)
            if s.standard.id in earlier.ratings
            else "New standard",
        )
        for s in current.standards
        if rated
    )
    outcomes = earlier.outcomes
    return Comparison(
        previous=f"published {long_date(earlier.published)}" if earlier.published
        else _undated(earlier.fieldwork_start),
        framework_note=_framework_note(earlier.framework, framework),
        standards=standards,
        overall_previous=earlier.overall,
        overall_current=current.overall.rating,
        overall_movement=_movement(overall, earlier.overall, current.overall.rating)
        if rated
        else "Not comparable",
        recommendations=tuple(
            RecommendationOutcome(n, addressee, text, (outcomes or {}).get(n),
                                  (recurs or {}).get(n))
            for n, (addressee, text) in enumerate(earlier.recommendations, 1)
        ),
        outcomes_note=None if outcomes is not None
        else "No improvement plan is held for the previous inspection, so what became of its "
        "recommendations is not known here.",
    )  # fmt: skip
