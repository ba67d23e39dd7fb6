"""Rate an inspection: from checked evidence to standard, overall and headline results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from yjinspect.errors import InputError
from yjinspect.frameworks.schema import Framework, RatedFramework, ScoredFramework
from yjinspect.ratings.discretion import DiscretionRecord, DiscretionRefused
from yjinspect.ratings.overall import OverallRating, overall_rating
from yjinspect.ratings.scores import ScoreSet, score_evidence
from yjinspect.ratings.standards import StandardRating, rate_standard
from yjinspect.results import LoadedResults, RatedEvidence, ScoredEvidence, load_results
from yjinspect.results.schema import DiscretionRequest, Inspection, Service
from yjinspect.results.tally import WILSON_CONFIDENCE

INTERVAL_NOTE = (
    f"Each key question's {WILSON_CONFIDENCE:.0%} interval is a Wilson score interval, added by "
    "yjinspect; HMI Probation publishes no intervals."
)


def assumptions_used(framework: Framework, *, intervals: bool) -> tuple[str, ...]:
    """Every rule behind a result that is an assumption rather than a published fact."""
    notes = [note.text for note in framework.assumptions]
    if framework.rules.assumption:
        notes.append(framework.rules.basis)
    if intervals:
        notes.append(INTERVAL_NOTE)
    return tuple(notes)


@dataclass(frozen=True)
class InspectionRating:
    framework: RatedFramework
    service: Service
    inspection: Inspection
    standards: tuple[StandardRating, ...]
    overall: OverallRating
    assumptions: tuple[str, ...]

    @property
    def discretion(self) -> list[DiscretionRecord]:
        """Discretion records in standard order: footnote 1, 2, ..."""
        return [s.discretion for s in self.standards if s.discretion is not None]


@dataclass(frozen=True)
class ScoredInspection:
    framework: ScoredFramework
    service: Service
    inspection: Inspection
    scores: ScoreSet
    assumptions: tuple[str, ...]


Rating = InspectionRating | ScoredInspection


def rate_standards(
    framework: RatedFramework,
    evidence: RatedEvidence,
    discretion: Mapping[str, DiscretionRequest],
) -> tuple[tuple[StandardRating, ...], OverallRating]:
    """Rate every standard and the whole; raises `DiscretionRefused` for a refused request."""
    standards = tuple(
        rate_standard(framework, domain, standard, evidence, discretion.get(standard.id))
        for domain, standard in framework.standards()
    )
    return standards, overall_rating(framework, standards)


def rate(loaded: LoadedResults) -> Rating:
    """Rate checked evidence; a refused discretion request is an `InputError` at its place."""
    framework, evidence, results = loaded.framework, loaded.evidence, loaded.results
    if isinstance(framework, ScoredFramework):
        assert isinstance(evidence, ScoredEvidence)
        return ScoredInspection(
            framework,
            results.service,
            results.inspection,
            score_evidence(framework, evidence),
            assumptions_used(framework, intervals=False),
        )
    assert isinstance(evidence, RatedEvidence)
    try:
        standards, overall = rate_standards(framework, evidence, results.discretion)
    except DiscretionRefused as refusal:
        problem = loaded.source.problem(("discretion", refusal.standard_id), str(refusal))
        raise InputError(loaded.source.path, [problem]) from None
    uses_intervals = any(s.key_questions for s in standards)
    return InspectionRating(
        framework,
        results.service,
        results.inspection,
        standards,
        overall,
        assumptions_used(framework, intervals=uses_intervals),
    )


def rate_file(path: str | Path, framework: str | Path | None = None) -> Rating:
    """Load, check and rate a results file in one step."""
    return rate(load_results(path, framework))
