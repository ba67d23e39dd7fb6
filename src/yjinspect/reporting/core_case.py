"""The Core Case Inspection report (2009-12 framework): scores, comments and comparisons."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from yjinspect.frameworks.schema import GlossaryEntry
from yjinspect.ratings.engine import ScoredInspection
from yjinspect.ratings.scores import Score
from yjinspect.reporting.comparison import PublishedScores, Range, headline_ranges
from yjinspect.reporting.inspection import (
    RecommendationGroup,
    front_matter,
    group_recommendations,
    paragraphs,
)
from yjinspect.results.schema import ResultsFile


@dataclass(frozen=True)
class ScoreLine:
    id: str
    title: str
    description: str | None
    percent: int | None
    comment: str | None
    note: str | None
    comparison: Range | None = None


@dataclass(frozen=True)
class CriterionSection:
    line: ScoreLine
    text: str | None
    paragraphs: tuple[str, ...]
    strengths: tuple[str, ...]
    areas_for_improvement: tuple[str, ...]


@dataclass(frozen=True)
class SectionBlock:
    line: ScoreLine
    criteria: tuple[CriterionSection, ...]


@dataclass(frozen=True)
class QuestionnaireBlock:
    group: str
    respondents: int
    rows: tuple[tuple[str, int, int, int], ...]  # question, yes, answered, whole per cent


@dataclass(frozen=True)
class CoreCaseReport:
    title: str
    service: str
    publisher: str
    framework: str
    fieldwork: str | None
    publication: str | None
    foreword: tuple[str, ...]
    foreword_signed: str | None
    headlines: tuple[ScoreLine, ...]
    compared_with: int
    sections: tuple[SectionBlock, ...]
    recommendations: tuple[RecommendationGroup, ...]
    questionnaires: tuple[QuestionnaireBlock, ...]
    comment_bands: tuple[tuple[str, str], ...]  # label, range in words
    scoring_notes: tuple[str, ...]
    assumptions: tuple[str, ...]
    glossary: tuple[GlossaryEntry, ...]
    generated: str


def _line(
    score: Score, description: str | None = None, comparison: Range | None = None
) -> ScoreLine:
    return ScoreLine(
        id=score.id,
        title=score.title,
        description=description,
        percent=score.tally.percent if score.tally else None,
        comment=score.label,
        note="; ".join(filter(None, [score.basis, score.provenance_flag])) or None,
        comparison=comparison,
    )


def _bands(rating: ScoredInspection) -> tuple[tuple[str, str], ...]:
    bands = sorted(rating.framework.rules.comment_bands, key=lambda b: -b.min_percent)
    rows, upper = [], None
    for band in bands:
        low = f"{band.min_percent:.0f}%"
        rows.append(
            (band.label, f"{low} and above" if upper is None else f"{low} to {upper - 1:.0f}%")
        )
        upper = band.min_percent
    return tuple(rows)


def build_core_case_report(
    rating: ScoredInspection,
    results: ResultsFile,
    others: Iterable[PublishedScores] = (),
    *,
    today: date | None = None,
) -> CoreCaseReport:
    framework = rating.framework
    service, inspection = rating.service, rating.inspection
    earlier = list(others)
    ranges = headline_ranges(earlier, service.name, inspection.publication_date)
    descriptions = {h.id: h.description for h in framework.headlines}
    criteria_scores = {score.id: score for score in rating.scores.criteria}
    section_scores = {score.id: score for score in rating.scores.sections}
    criterion_texts = {criterion.id: criterion.text for _, criterion in framework.criteria()}
    sections = []
    for section in framework.sections:
        blocks = []
        for criterion in section.criteria:
            findings = results.findings.get(criterion.id)
            blocks.append(
                CriterionSection(
                    line=_line(criteria_scores[criterion.id]),
                    text=criterion_texts[criterion.id],
                    paragraphs=paragraphs(findings.text) if findings else (),
                    strengths=tuple(findings.strengths) if findings else (),
                    areas_for_improvement=(
                        tuple(findings.areas_for_improvement) if findings else ()
                    ),
                )
            )
        sections.append(SectionBlock(_line(section_scores[section.id]), tuple(blocks)))
    questionnaires = tuple(
        QuestionnaireBlock(
            q.group,
            q.respondents,
            tuple(
                (row.text, row.yes, row.answered, round(100 * row.yes / row.answered))
                for row in q.questions
                if row.answered
            ),
        )
        for q in results.questionnaires
    )
    return CoreCaseReport(
        **front_matter(framework, service, inspection, results, today),
        headlines=tuple(
            _line(score, descriptions.get(score.id), ranges.get(score.id))
            for score in rating.scores.headlines
        ),
        compared_with=max((r.count for r in ranges.values()), default=0),
        sections=tuple(sections),
        recommendations=group_recommendations(results),
        questionnaires=questionnaires,
        comment_bands=_bands(rating),
        scoring_notes=tuple(note.text for note in framework.notes if not note.assumption),
        assumptions=rating.assumptions,
    )
