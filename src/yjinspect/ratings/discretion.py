"""Professional discretion: moving a standard's rating by one band, within the margin of error.

The Essex 2018 report rated 3.4 Good rather than Requires improvement because its deciding key
question (3.4.2, 63%) was within 5 percentage points of the next band (footnote 12).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from yjinspect.ratings.bands import Scale
from yjinspect.results.schema import DiscretionRequest
from yjinspect.results.tally import Tally


class DiscretionRefused(Exception):
    """The requested change is not allowed; the message says why and what would allow it."""

    def __init__(self, standard_id: str, message: str, force_hint: str | None = None) -> None:
        self.standard_id = standard_id
        self.reason = message  # without the hint, for a layer that forces another way
        self.forcible = force_hint is not None
        super().__init__(f"{message}; {force_hint}" if force_hint else message)


@dataclass(frozen=True)
class DiscretionRecord:
    standard_id: str
    from_rating: str
    to_rating: str
    reason: str
    key_question_id: str
    proportion: Fraction
    edge_percent: Decimal
    distance: Fraction  # percentage points between the deciding result and the band edge
    margin: Decimal
    forced: bool

    @property
    def percent(self) -> float:
        return float(self.proportion * 100)

    def footnote(self) -> str:
        """The note shown wherever the rating is, in the manner of a published report."""
        where = (
            f"key question {self.key_question_id} ({self.percent:.0f}%) is "
            f"{float(self.distance):.1f} percentage points from the {self.edge_percent}% band edge"
        )
        if self.forced:
            judged = f"FORCED: {where}, outside the {self.margin}-point margin of error."
        else:
            judged = f"The deciding {where}, within the {self.margin}-point margin of error."
        return (
            f"Standard {self.standard_id} is rated {self.to_rating} rather than "
            f"{self.from_rating} by professional discretion. {judged} Reason: {self.reason}"
        )


def apply_discretion(
    scale: Scale,
    standard_id: str,
    evidence_rating: str | None,
    deciding: tuple[str, Tally] | None,
    request: DiscretionRequest,
    margin: Decimal,
) -> DiscretionRecord:
    """Check a discretion request against the evidence and record it, or refuse it."""
    if evidence_rating is None or deciding is None:
        raise DiscretionRefused(
            standard_id,
            f"standard {standard_id} has no key question results, so there is no rating to move",
        )
    if request.rating == evidence_rating:
        raise DiscretionRefused(
            standard_id,
            f"standard {standard_id} is already rated {evidence_rating} on the evidence; "
            "discretion would change nothing",
        )
    steps = scale.rank(request.rating) - scale.rank(evidence_rating)
    if abs(steps) > 1:
        raise DiscretionRefused(
            standard_id,
            f"discretion moves a rating by one band only: {request.rating} is {abs(steps)} bands "
            f"from {evidence_rating}",
        )
    question_id, tally = deciding
    proportion = tally.proportion
    assert proportion is not None  # a rated standard's deciding question has answers
    edge_band = scale.named(request.rating if steps > 0 else evidence_rating)
    distance = abs(edge_band.lower - proportion) * 100
    if distance > margin and not request.force:
        raise DiscretionRefused(
            standard_id,
            f"key question {question_id} at {float(proportion * 100):.1f}% is "
            f"{float(distance):.1f} percentage points from the {edge_band.min_percent}% edge, "
            f"outside the {margin}-point margin of error",
            "set force: true to record it anyway, flagged as forced",
        )
    return DiscretionRecord(
        standard_id=standard_id,
        from_rating=evidence_rating,
        to_rating=request.rating,
        reason=request.reason,
        key_question_id=question_id,
        proportion=proportion,
        edge_percent=edge_band.min_percent,
        distance=distance,
        margin=margin,
        forced=distance > margin,
    )
