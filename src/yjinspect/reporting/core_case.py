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
    ProfileTable,
    RecommendationGroup,
    SummaryBlock,
    front_matter,
    group_recommendations,
    paragraphs,
    profile_tables,
    summary_block,
)
from yjinspect.reporting.words import month, quantity
from yjinspect.results.narrative import Questionnaire
from yjinspect.results.schema import ResultsFile
from yjinspect.results.tally import whole_percent


@dataclass(frozen=True)
class ScoreLine:
    id: str
    title: str
    description: str | None
    percent: int | None
    comment: str | None
    note: str | None  # how the figure or text was sourced: for the note on sources only
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
    summary: SummaryBlock | None = None


@dataclass(frozen=True)
class QuestionnaireBlock:
    group: str
    respondents: int
    opening: str  # 'Ninety-two children and young people completed a questionnaire.'
    rows: tuple[tuple[str, int, int, int], ...]  # question, yes, answered, whole per cent


@dataclass(frozen=True)
class CoreCaseReport:
    title: str
    service: str
    publisher: str
    framework: str
    fieldwork: str | None
    publication: str | None
    publication_missing: str | None  # said plainly when the results file gives no date
    foreword: tuple[str, ...]
    foreword_signed: str | None
    headlines: tuple[ScoreLine, ...]
    compared_with: int
    comparison_note: str | None  # 'Lowest, highest and average of three earlier inspections …'
    scores_caveat: str | None
    sections: tuple[SectionBlock, ...]
    recommendations: tuple[RecommendationGroup, ...]
    recommendations_lead: str | None
    next_steps: str | None
    questionnaires: tuple[QuestionnaireBlock, ...]
    context: tuple[str, ...]
    context_missing: str | None
    arrangements: tuple[str, ...]  # Appendix 3: the fieldwork, then how the model works
    characteristics: tuple[ProfileTable, ...]
    characteristics_missing: str | None
    comment_bands: tuple[tuple[str, str], ...]  # label, range in words
    scoring_notes: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # what, and how it was sourced
    assumptions: tuple[str, ...]
    inspectorate: str | None
    glossary: tuple[GlossaryEntry, ...]
    generated: str

    @property
    def appendices(self) -> tuple[tuple[str, str], ...]:
        """Anchor and heading of each appendix, numbered in the order they appear."""
        parts = [
            ("appendix-scores", "Scoring summary"),
            ("appendix-context", "Contextual information"),
            ("appendix-arrangements", "Inspection arrangements"),
            ("appendix-characteristics", "Characteristics of cases inspected"),
            ("appendix-scoring", "Scoring approach"),
            ("appendix-sources", "Note on sources"),
            ("appendix-glossary", "Glossary"),
        ]
        if self.inspectorate:
            parts.append(("appendix-inspectorate", f"The role of {self.publisher}"))
        return tuple(
            (anchor, f"Appendix {n}: {title}") for n, (anchor, title) in enumerate(parts, 1)
        )

    def appendix(self, anchor: str) -> str:
        return dict(self.appendices)[anchor]

    @property
    def contents(self) -> tuple[tuple[str, str], ...]:
        entries = [("foreword", "Foreword")] if self.foreword else []
        entries += [
            ("summary", "Scoring and summary table"),
            ("recommendations", "Recommendations for improvement"),
        ]
        if self.next_steps:
            entries.append(("next-steps", "Next steps"))
        entries.append(("service-users", "Service users' perspective"))
        entries += [(f"section-{b.line.id}", f"{b.line.id}. {b.line.title}") for b in self.sections]
        return (*entries, *self.appendices)


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


def _sources(lines: list[ScoreLine]) -> tuple[tuple[str, str], ...]:
    """Every score or criterion not taken whole from the source, with how it was formed."""
    return tuple((f"{line.id} {line.title}", line.note) for line in lines if line.note)


def _questionnaire(questionnaire: Questionnaire) -> QuestionnaireBlock:
    who = questionnaire.group
    count = quantity(questionnaire.respondents, "questionnaire", in_words=True)
    return QuestionnaireBlock(
        who,
        questionnaire.respondents,
        f"{count.capitalize()} {'was' if questionnaire.respondents == 1 else 'were'} completed "
        f"by {who}. For each question, the table gives how many answered it and how many of "
        "them answered yes.",
        tuple(
            (row.text, row.yes, row.answered, whole_percent(row.yes, row.answered))
            for row in questionnaire.questions
            if row.answered
        ),
    )


def _arrangements(rating: ScoredInspection, results: ResultsFile) -> tuple[str, ...]:
    inspection = rating.inspection
    when = month(inspection.fieldwork_start)
    cases = inspection.cases_inspected
    if when and cases is not None:
        first = f"Fieldwork took place in {when}; we inspected {quantity(cases, 'case')}."
    elif when:
        first = (
            f"Fieldwork took place in {when}. The number of cases inspected is not recorded: "
            "give it as inspection.cases_inspected in the results file."
        )
    else:
        first = "The fieldwork dates and the number of cases inspected are not recorded."
    model = rating.framework.texts.inspection_model
    return (first, *((model,) if model else ()))


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
        sections.append(
            SectionBlock(
                _line(section_scores[section.id]),
                tuple(blocks),
                summary_block(results.summaries.get(section.id)),
            )
        )
    headlines = [
        _line(score, descriptions.get(score.id), ranges.get(score.id))
        for score in rating.scores.headlines
    ]
    compared_with = max((r.count for r in ranges.values()), default=0)
    characteristics = profile_tables(results.case_characteristics)
    texts = framework.texts
    every_line = headlines + [
        line for block in sections for line in (block.line, *(c.line for c in block.criteria))
    ]
    return CoreCaseReport(
        **front_matter(framework, service, inspection, results, today),
        publication_missing=None
        if inspection.publication_date
        else ("Publication date not given: add inspection.publication_date to the results file."),
        headlines=tuple(headlines),
        compared_with=compared_with,
        comparison_note=(
            f"Lowest, highest and average of "
            f"{quantity(compared_with, 'earlier inspection', in_words=True)} under this "
            "framework."
        )
        if compared_with
        else None,
        scores_caveat=texts.scores_caveat,
        sections=tuple(sections),
        recommendations=group_recommendations(results),
        recommendations_lead=texts.recommendations_lead,
        next_steps=texts.next_steps,
        questionnaires=tuple(_questionnaire(q) for q in results.questionnaires),
        context=paragraphs(results.context),
        context_missing=None
        if results.context.strip()
        else "No contextual information was supplied: add it as context in the results file.",
        arrangements=_arrangements(rating, results),
        characteristics=characteristics,
        characteristics_missing=None
        if characteristics
        else (
            "The characteristics of the cases inspected were not supplied: add them as "
            "case_characteristics in the results file."
        ),
        comment_bands=_bands(rating),
        scoring_notes=tuple(note.text for note in framework.notes if not note.assumption),
        sources=_sources(every_line),
        assumptions=rating.assumptions,
        inspectorate=texts.inspectorate,
    )
