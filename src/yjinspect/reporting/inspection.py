"""The inspection report's content, built from the rating and the results file's narrative.

Everything a renderer (HTML, PDF, Markdown) shows is decided here, once; the renderers only
lay it out. Sentences with figures in them are generated from the results, never typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from yjinspect.frameworks.schema import Domain, Framework, RatedFramework
from yjinspect.ratings.engine import InspectionRating
from yjinspect.ratings.standards import KeyQuestionResult, StandardRating
from yjinspect.reporting.charts import caseload_chart, standard_chart
from yjinspect.reporting.glossary import GlossaryEntry, glossary
from yjinspect.reporting.ratings import interval_text
from yjinspect.reporting.words import (
    NOT_YET_RATED,
    column_label,
    join_words,
    label,
    long_date,
    month,
    per_cent,
    quantity,
    rating_word,
)
from yjinspect.results.narrative import DomainOne
from yjinspect.results.schema import Inspection, ResultsFile, Service


@dataclass(frozen=True)
class KeyQuestionLine:
    id: str
    text: str
    percent: int | None
    interval: str
    band: str | None
    counts: str
    note: str | None


@dataclass(frozen=True)
class StandardSection:
    id: str
    title: str
    description: str | None
    rating: str
    band: int | None  # 1 for the top band, for colouring; None when not rated
    footnote: int | None
    counted: bool
    case_based: bool
    summary: str | None
    paragraphs: tuple[str, ...]
    strengths: tuple[str, ...]
    areas_for_improvement: tuple[str, ...]
    good_practice: tuple[str, ...]
    key_questions: tuple[KeyQuestionLine, ...]
    chart: str | None
    note: str | None


@dataclass(frozen=True)
class DomainSection:
    id: str
    title: str
    key_findings: tuple[str, ...]
    standards: tuple[StandardSection, ...]


@dataclass(frozen=True)
class RecommendationGroup:
    addressee: str
    items: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class ProfileTable:
    title: str
    rows: tuple[tuple[str, int, int], ...]  # category, count, whole per cent


@dataclass(frozen=True)
class SampleStream:
    domain: str
    cases: int
    share: str
    window: str
    confidence: str
    stratified_by: str

    @property
    def inspected(self) -> str:
        """The count of inspected cases as a sentence; a draft may have none yet."""
        if self.cases == 0:
            return "No cases have been assessed yet."
        return f"We inspected {quantity(self.cases, 'case')}."


@dataclass(frozen=True)
class Footnote:
    number: int
    standard: str
    text: str


@dataclass(frozen=True)
class InspectionReport:
    title: str
    service: str
    framework: str
    publication: str | None
    fieldwork: str | None
    foreword: tuple[str, ...]
    foreword_signed: str | None
    overall_rating: str | None
    overall_band: int | None
    score: int | None
    max_score: int
    overall_sentence: str
    domains: tuple[DomainSection, ...]
    recommendations: tuple[RecommendationGroup, ...]
    recommendations_sentence: str | None
    caseload: tuple[ProfileTable, ...]
    caseload_chart: str | None
    domain_one: DomainOne | None
    surveyed: str | None  # '52 case managers and 36 volunteers'
    meetings: str | None  # '14 meetings or focus groups'; None when not recorded
    sample: tuple[SampleStream, ...]
    footnotes: tuple[Footnote, ...]
    assumptions: tuple[str, ...]
    glossary: tuple[GlossaryEntry, ...]
    generated: str  # the date the report was built, shown on a draft

    @property
    def overall_word(self) -> str:
        return self.overall_rating or NOT_YET_RATED

    @property
    def counted(self) -> tuple[DomainSection, ...]:
        """The domains with their counted standards: the ratings table."""
        return tuple(
            DomainSection(d.id, d.title, d.key_findings, tuple(s for s in d.standards if s.counted))
            for d in self.domains
            if any(s.counted for s in d.standards)
        )

    @property
    def separate(self) -> tuple[StandardSection, ...]:
        """Standards rated separately (not counted), shown apart."""
        return tuple(s for d in self.domains for s in d.standards if not s.counted)


def summary_sentence(standard: StandardRating) -> str | None:
    """'We found, overall, that assessment was sufficient in 95 per cent of cases for …'.

    Built from the framework's `summary` and each key question's `focus`; None when the
    framework gives no wording or no key question has a result.
    """
    subject = standard.standard.summary
    parts = [
        (result.tally.percent, result.question.focus)
        for result in standard.key_questions
        if result.tally.percent is not None and result.question.focus
    ]
    if not subject or not parts:
        return None
    (first, focus), *rest = parts
    pieces = [f"in {per_cent(first)} of cases for {focus}"]
    pieces += [f"{per_cent(percent)} for {focus}" for percent, focus in rest]
    return f"We found, overall, that {subject} {join_words(pieces)}."


def band_of(framework: RatedFramework, rating: str | None) -> int | None:
    """A rating's place on the scale, 1 for the best band."""
    names = framework.rating_names
    return names.index(rating) + 1 if rating in names else None


def _key_question(result: KeyQuestionResult) -> KeyQuestionLine:
    tally = result.tally
    return KeyQuestionLine(
        id=result.id,
        text=result.question.text or f"Key question {result.id}",
        percent=tally.percent,
        interval=interval_text(result),
        band=result.band,
        counts=f"{tally.yes} / {tally.no} / {tally.not_applicable}",
        note=result.question.provenance_flag,
    )


def paragraphs(text: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def _standard(
    framework: RatedFramework,
    rated: StandardRating,
    results: ResultsFile,
    footnotes: Mapping[str, int],
) -> StandardSection:
    standard = rated.standard
    findings = results.findings.get(standard.id)
    case_based = standard.rated_by == "key_questions"
    has_results = any(r.tally.percent is not None for r in rated.key_questions)
    return StandardSection(
        id=standard.id,
        title=standard.title,
        description=standard.description,
        rating=rating_word(rated, framework.rules.not_rated),
        band=band_of(framework, rated.rating),
        footnote=footnotes.get(standard.id),
        counted=standard.counted,
        case_based=case_based,
        summary=summary_sentence(rated),
        paragraphs=paragraphs(findings.text) if findings else (),
        strengths=tuple(findings.strengths) if findings else (),
        areas_for_improvement=tuple(findings.areas_for_improvement) if findings else (),
        good_practice=tuple(findings.good_practice) if findings else (),
        key_questions=tuple(_key_question(r) for r in rated.key_questions),
        chart=standard_chart(framework, rated) if case_based and has_results else None,
        note=standard.provenance_flag,
    )


def group_recommendations(results: ResultsFile) -> tuple[RecommendationGroup, ...]:
    """Consecutive recommendations to the same body share a heading; numbering runs on."""
    numbered = list(enumerate(results.recommendations, 1))
    return tuple(
        RecommendationGroup(addressee, tuple((n, r.text) for n, r in group))
        for addressee, group in groupby(numbered, key=lambda item: item[1].addressee)
    )


def _recommendations_sentence(groups: Sequence[RecommendationGroup]) -> str | None:
    count = sum(len(group.items) for group in groups)
    if not count:
        return None
    bodies = list(dict.fromkeys(group.addressee for group in groups))
    made = quantity(count, "recommendation", in_words=True)
    to = quantity(len(bodies), "body", "bodies", in_words=True)
    return (
        f"We have made {made}, addressed to {to}. They are set out below under the body "
        "responsible for each."
    )


def _caseload(results: ResultsFile) -> tuple[ProfileTable, ...]:
    if results.caseload is None:
        return ()
    tables = []
    for variable, counts in results.caseload.variables():
        total = sum(counts.values())
        rows = tuple(
            (label(category), count, round(100 * count / total) if total else 0)
            for category, count in counts.items()
        )
        tables.append(ProfileTable(label(column_label(variable)), rows))
    return tuple(tables)


def _cases_in(domain: Domain, rating: InspectionRating, results: ResultsFile) -> int:
    """Cases inspected in a domain's stream: per-case answers counted, else the largest tally."""
    if results.cases:
        return sum(1 for case in results.cases if case.disposal == domain.case_stream)
    totals = [
        r.tally.applicable + r.tally.not_applicable
        for s in rating.standards
        if s.domain.id == domain.id
        for r in s.key_questions
    ]
    return max(totals, default=0)


def _sample(rating: InspectionRating, results: ResultsFile) -> tuple[SampleStream, ...]:
    rules = rating.framework.sampling
    if rules is None:
        return ()
    streams = {spec.stream: spec for spec in rules.streams}
    found = []
    for domain in rating.framework.domains:
        spec = streams.get(domain.case_stream) if domain.case_stream else None
        if spec is None:
            continue
        found.append(
            SampleStream(
                domain=domain.title,
                cases=_cases_in(domain, rating, results),
                share=f"{spec.share:.0f} per cent",
                window=f"{spec.months_before_min} to {spec.months_before_max} months",
                confidence=(
                    f"{rules.confidence:.0f} per cent confidence, margin of error "
                    f"{rules.margin_of_error:.0f}"
                ),
                stratified_by=join_words([column_label(v) for v in rules.stratify_by]),
            )
        )
    return tuple(found)


def _surveyed(evidence: DomainOne | None) -> str | None:
    if evidence is None or not evidence.surveys:
        return None
    return join_words([f"{group.surveyed} {group.group}" for group in evidence.surveys])


def _meetings(evidence: DomainOne | None) -> str | None:
    if evidence is None or evidence.meetings_and_focus_groups is None:
        return None
    return quantity(
        evidence.meetings_and_focus_groups, "meeting or focus group", "meetings or focus groups"
    )


def _overall_sentence(rating: InspectionRating) -> str:
    overall = rating.overall
    if overall.rating is None:
        missing = join_words(list(overall.missing))
        return f"There is no overall rating yet: standard(s) {missing} still need a rating."
    return (
        f"The overall rating is {overall.rating}, from a score of {overall.score} out of "
        f"{overall.max_score} across the standards counted."
    )


def front_matter(
    framework: Framework,
    service: Service,
    inspection: Inspection,
    results: ResultsFile,
    today: date | None,
) -> dict[str, Any]:
    """What every report opens with: title, service, framework, dates and the foreword."""
    return {
        "title": framework.report_title.replace("{area}", service.area or service.name),
        "service": service.name,
        "framework": f"{framework.title} ({framework.publisher}, version {framework.version})",
        "publication": long_date(inspection.publication_date),
        "fieldwork": month(inspection.fieldwork_start),
        "foreword": paragraphs(results.foreword.text) if results.foreword else (),
        "foreword_signed": results.foreword.signed if results.foreword else None,
        "generated": long_date(today or date.today()) or "",
    }


def build_report(
    rating: InspectionRating, results: ResultsFile, *, today: date | None = None
) -> InspectionReport:
    """The report for a rated inspection; `results` supplies the narrative and context."""
    framework = rating.framework
    footnotes = tuple(
        Footnote(n, record.standard_id, record.footnote())
        for n, record in enumerate(rating.discretion, 1)
    )
    numbers = {footnote.standard: footnote.number for footnote in footnotes}
    by_domain: dict[str, list[StandardSection]] = {}
    for rated in rating.standards:
        section = _standard(framework, rated, results, numbers)
        by_domain.setdefault(rated.domain.id, []).append(section)
    domains = tuple(
        DomainSection(
            domain.id,
            domain.title,
            tuple(results.key_findings.get(domain.id, ())),
            tuple(by_domain.get(domain.id, ())),
        )
        for domain in framework.domains
    )
    groups = group_recommendations(results)
    caseload = _caseload(results)
    return InspectionReport(
        **front_matter(framework, rating.service, rating.inspection, results, today),
        overall_rating=rating.overall.rating,
        overall_band=band_of(framework, rating.overall.rating),
        score=rating.overall.score,
        max_score=rating.overall.max_score,
        overall_sentence=_overall_sentence(rating),
        domains=domains,
        recommendations=groups,
        recommendations_sentence=_recommendations_sentence(groups),
        caseload=caseload,
        caseload_chart=caseload_chart(caseload) if caseload else None,
        domain_one=results.domain_one,
        surveyed=_surveyed(results.domain_one),
        meetings=_meetings(results.domain_one),
        sample=_sample(rating, results),
        footnotes=footnotes,
        assumptions=rating.assumptions,
        glossary=glossary(),
    )
