"""Core Case Inspection scores: proportions of work judged sufficient, each with a comment."""

from __future__ import annotations

from dataclasses import dataclass

from yjinspect.frameworks.schema import ScoredFramework
from yjinspect.ratings.bands import Scale, per_framework
from yjinspect.results.evidence import ScoredEvidence
from yjinspect.results.tally import Tally, sum_tallies


@dataclass(frozen=True)
class Score:
    id: str
    title: str
    tally: Tally | None
    comment: str | None
    label: str | None
    basis: str | None = None  # how the tally was formed, when it was not given directly
    provenance_flag: str | None = None


@dataclass(frozen=True)
class ScoreSet:
    criteria: tuple[Score, ...]
    sections: tuple[Score, ...]
    headlines: tuple[Score, ...]


@per_framework
def comment_scale(framework: ScoredFramework) -> tuple[Scale, dict[str, str]]:
    """The improvement comments as a scale, and each comment's label."""
    bands = framework.rules.comment_bands
    scale = Scale.of([(band.comment, band.min_percent) for band in bands])
    return scale, {band.comment: band.label for band in bands}


def score_evidence(framework: ScoredFramework, evidence: ScoredEvidence) -> ScoreSet:
    scale, labels = comment_scale(framework)

    def score(
        item_id: str,
        title: str,
        tally: Tally | None,
        basis: str | None = None,
        flag: str | None = None,
    ) -> Score:
        band = scale.band_of(tally) if tally is not None else None
        if band is None:
            return Score(item_id, title, None, None, None, basis, flag)
        comment = band.name
        return Score(item_id, title, tally, comment, labels[comment], basis, flag)

    criteria = tuple(
        score(c.id, c.title, evidence.criteria.get(c.id), flag=c.provenance_flag)
        for _, c in framework.criteria()
    )
    sections = []
    for section in framework.sections:
        if section.id in evidence.sections:
            tally = evidence.sections[section.id]
            sections.append(score(section.id, section.title, tally, "counts given for the section"))
            continue
        pooled = [c.id for c in section.criteria if c.id in evidence.criteria]
        absent = [c.id for c in section.criteria if c.id not in evidence.criteria]
        tally = sum_tallies([evidence.criteria[c] for c in pooled]) if pooled else None
        basis = f"pooled from criteria {', '.join(pooled)}" if pooled else None
        if pooled and absent:
            basis += f"; no result for {', '.join(absent)}"
        sections.append(score(section.id, section.title, tally, basis))
    headlines = tuple(
        score(h.id, h.title, evidence.headlines.get(h.id)) for h in framework.headlines
    )
    return ScoreSet(criteria, tuple(sections), headlines)
