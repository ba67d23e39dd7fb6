"""Rating one standard: by the band of its lowest key question, or by a recorded judgement."""

from __future__ import annotations

from dataclasses import dataclass

from yjinspect.frameworks.schema import Domain, KeyQuestion, RatedFramework, Standard
from yjinspect.ratings.bands import Scale, per_framework, yes_needed, yes_to_lose
from yjinspect.ratings.discretion import DiscretionRecord, apply_discretion
from yjinspect.results.evidence import RatedEvidence
from yjinspect.results.schema import DiscretionRequest
from yjinspect.results.tally import Tally


@per_framework
def rating_scale(framework: RatedFramework) -> Scale:
    return Scale.of([(band.rating, band.min_percent) for band in framework.rules.bands])


NO_ANSWERS = Tally()


@dataclass(frozen=True)
class KeyQuestionResult:
    question: KeyQuestion
    tally: Tally
    band: str | None
    interval: tuple[float, float] | None

    @property
    def id(self) -> str:
        return self.question.id


@dataclass(frozen=True)
class Headroom:
    """How far the evidence is from the bands either side of the standard's rating.

    `yes_needed`: answers that would have to turn from no to yes, over every key question below
    the next band's edge, to reach `next_band`. `yes_to_lose`: the fewest yes answers that,
    turned to no in one key question, would drop the standard to `lower_band`.
    """

    next_band: str | None
    yes_needed: int | None
    lower_band: str | None
    yes_to_lose: int | None


@dataclass(frozen=True)
class StandardRating:
    domain: Domain
    standard: Standard
    rating: str | None
    evidence_rating: str | None
    points: int | None
    key_questions: tuple[KeyQuestionResult, ...]
    deciding: KeyQuestionResult | None
    discretion: DiscretionRecord | None
    headroom: Headroom | None
    # Rated "not rated" by decision, where the framework allows it (not merely unrated yet).
    decided_not_rated: bool = False

    @property
    def id(self) -> str:
        return self.standard.id


def _headroom(scale: Scale, rating: str, results: list[KeyQuestionResult]) -> Headroom:
    above, below = scale.above(rating), scale.below(rating)
    needed = None
    if above is not None:
        steps = [yes_needed(result.tally, above) for result in results]
        needed = None if None in steps else sum(step for step in steps if step is not None)
    band = scale.named(rating)
    losses = [yes_to_lose(result.tally, band) for result in results]
    to_lose = min((loss for loss in losses if loss is not None), default=None)
    return Headroom(above.name if above else None, needed, below.name if below else None, to_lose)


def _lowest(answered: list[KeyQuestionResult]) -> KeyQuestionResult | None:
    """The first result with the lowest share of yes, compared exactly in whole numbers."""
    lowest = None
    for result in answered:
        tally = result.tally
        if (
            lowest is None
            or tally.yes * lowest.tally.applicable < lowest.tally.yes * tally.applicable
        ):
            lowest = result
    return lowest


def rate_standard(
    framework: RatedFramework,
    domain: Domain,
    standard: Standard,
    evidence: RatedEvidence,
    request: DiscretionRequest | None,
) -> StandardRating:
    """Rate `standard` from the evidence, applying any requested discretion (which may refuse)."""
    scale = rating_scale(framework)
    if standard.rated_by == "judgement":
        rating = evidence.judgements.get(standard.id)
        points = framework.points_for(rating) if rating else None
        decided_not_rated = rating is None and standard.id in evidence.judgements
        return StandardRating(
            domain, standard, rating, rating, points, (), None, None, None, decided_not_rated
        )

    results = []
    for question in standard.key_questions:
        tally = evidence.tallies.get(question.id, NO_ANSWERS)
        band = scale.band_of(tally)
        results.append(
            KeyQuestionResult(question, tally, band.name if band else None, tally.wilson_interval())
        )
    answered = [result for result in results if result.tally.applicable]
    deciding = _lowest(answered)
    evidence_rating = deciding.band if deciding else None
    record = None
    if request is not None:
        record = apply_discretion(
            scale,
            standard.id,
            evidence_rating,
            (deciding.id, deciding.tally) if deciding else None,
            request,
            framework.rules.discretion_margin,
        )
    if evidence_rating is None:
        return StandardRating(domain, standard, None, None, None, tuple(results), None, None, None)
    rating = record.to_rating if record else evidence_rating
    return StandardRating(
        domain,
        standard,
        rating,
        evidence_rating,
        framework.points_for(rating),
        tuple(results),
        deciding,
        record,
        _headroom(scale, evidence_rating, answered),
    )
