"""The inspection report's content, built from the rating and the results file's narrative.

Everything a renderer (HTML, PDF, Markdown) shows is decided here, once; the renderers only
lay it out. Sentences with figures in them are generated from the results, never typed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import count as numbering
from itertools import groupby
from typing import Any

from yjinspect.frameworks.schema import (
    Domain,
    Framework,
    GlossaryEntry,
    KeyQuestion,
    RatedFramework,
)
from yjinspect.ratings.engine import InspectionRating
from yjinspect.ratings.standards import KeyQuestionResult, StandardRating
from yjinspect.reporting.charts import caseload_chart, standard_chart
from yjinspect.reporting.movement import Comparison
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
from yjinspect.results.narrative import Caseload, DomainOne, GoodPractice, Summary
from yjinspect.results.schema import Inspection, ResultsFile, Service
from yjinspect.results.tally import whole_percent


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
class Footnote:
    """A note at the foot of the page where it is called; numbered through the report."""

    number: int
    text: str


@dataclass(frozen=True)
class StandardSection:
    id: str
    title: str
    description: str | None
    rating: str
    band: int | None  # 1 for the top band, for colouring; None when not rated
    discretion: Footnote | None  # called at the rating
    references: tuple[Footnote, ...]  # called at the end of the findings
    counted: bool
    case_based: bool
    summary: str | None
    paragraphs: tuple[str, ...]
    strengths: tuple[str, ...]
    areas_for_improvement: tuple[str, ...]
    good_practice: tuple[GoodPractice, ...]
    key_questions: tuple[KeyQuestionLine, ...]  # with results: case-based standards only
    questions: tuple[KeyQuestionLine, ...]  # every key question, for Annex 2
    chart: str | None
    note: str | None
    missing: str | None  # what a draft still lacks under this standard

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        return ((self.discretion,) if self.discretion else ()) + self.references


@dataclass(frozen=True)
class SummaryBlock:
    """The summing up at the end of a domain or section, in the team's words."""

    paragraphs: tuple[str, ...]
    strengths: tuple[str, ...]
    areas_for_improvement: tuple[str, ...]


def summary_block(summary: Summary | None) -> SummaryBlock | None:
    if summary is None:
        return None
    return SummaryBlock(
        paragraphs(summary.text), tuple(summary.strengths), tuple(summary.areas_for_improvement)
    )


@dataclass(frozen=True)
class DomainSection:
    id: str
    title: str
    key_findings: tuple[str, ...]
    standards: tuple[StandardSection, ...]
    introduction: tuple[str, ...] = ()  # the framework's words, then the count of standards
    summary: SummaryBlock | None = None
    no_findings: str | None = None  # said when the team has recorded no key findings


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
class InspectionReport:
    title: str
    service: str
    publisher: str
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
    overall_opening: str  # 'Overall, youth offending work in Essex is rated as: Outstanding.'
    introduction: tuple[str, ...]  # what was inspected and how, generated; then the context
    inspectorate: str | None  # the framework's words on the inspectorate's role
    standards_text: str | None  # the framework's words on its standards
    domains: tuple[DomainSection, ...]
    recommendations: tuple[RecommendationGroup, ...]
    recommendations_sentence: str | None
    caseload: tuple[ProfileTable, ...]
    caseload_chart: str | None
    context_missing: str | None  # a draft without a caseload profile says what to supply
    domain_one: DomainOne | None
    methodology: tuple[str, ...]  # Annex 1's sentences for domain one
    sample: tuple[SampleStream, ...]
    assumptions: tuple[str, ...]
    glossary: tuple[GlossaryEntry, ...]
    generated: str  # the date the report was built, shown on a draft
    # The service's previous inspection, where the workspace holds one (`movement.compare`).
    previous: Comparison | None = None

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

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        """Every footnote, in the order they are called (and numbered)."""
        return tuple(f for d in self.domains for s in d.standards for f in s.footnotes)

    @property
    def discretion_used(self) -> bool:
        return any(s.discretion for d in self.domains for s in d.standards)

    @property
    def contents(self) -> tuple[tuple[str, str], ...]:
        """Anchor and heading of each chapter, for the contents page and the Word outline."""
        entries = [("foreword", "Foreword")] if self.foreword else []
        entries.append(("ratings", "Ratings"))
        if self.previous is not None:
            entries.append(("previous-inspection", "Since the last inspection"))
        entries += [
            ("overall-findings", "Overall findings"),
            ("recommendations", "Recommendations"),
            ("introduction", "Introduction"),
        ]
        if self.caseload or self.context_missing:
            entries.append(("context", "Contextual facts"))
        entries += [(f"domain-{d.id}", f"{d.id}. {d.title}") for d in self.domains]
        return (
            *entries,
            ("annex-methodology", "Annex 1: Methodology"),
            ("annex-results", "Annex 2: Inspection results"),
            ("annex-notes", "Annex 3: Notes on the ratings"),
            ("annex-glossary", "Annex 4: Glossary"),
        )


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


def _question_text(question: KeyQuestion) -> KeyQuestionLine:
    """A key question without results: judgement-rated standards list theirs in Annex 2."""
    text = question.text or f"Key question {question.id}"
    return KeyQuestionLine(question.id, text, None, "", None, "", question.provenance_flag)


def _standard(
    framework: RatedFramework,
    rated: StandardRating,
    results: ResultsFile,
    notes: Iterator[int],
    draft: bool,
) -> StandardSection:
    standard = rated.standard
    findings = results.findings.get(standard.id)
    case_based = standard.rated_by == "key_questions"
    has_results = any(r.tally.percent is not None for r in rated.key_questions)
    discretion = rated.discretion
    written = findings is not None and (findings.text.strip() or findings.strengths)
    return StandardSection(
        id=standard.id,
        title=standard.title,
        description=standard.description,
        rating=rating_word(rated, framework.rules.not_rated),
        band=band_of(framework, rated.rating),
        discretion=Footnote(next(notes), discretion.footnote()) if discretion else None,
        references=tuple(Footnote(next(notes), ref) for ref in findings.references)
        if findings
        else (),
        counted=standard.counted,
        case_based=case_based,
        summary=summary_sentence(rated),
        paragraphs=paragraphs(findings.text) if findings else (),
        strengths=tuple(findings.strengths) if findings else (),
        areas_for_improvement=tuple(findings.areas_for_improvement) if findings else (),
        good_practice=tuple(findings.good_practice) if findings else (),
        key_questions=tuple(_key_question(r) for r in rated.key_questions),
        questions=tuple(_key_question(r) for r in rated.key_questions)
        or tuple(_question_text(q) for q in standard.key_questions),
        chart=standard_chart(framework, rated) if case_based and has_results else None,
        note=standard.provenance_flag,
        missing=None
        if written or not draft
        else "The inspection team has not yet written its findings for this standard.",
    )


def group_recommendations(results: ResultsFile) -> tuple[RecommendationGroup, ...]:
    """Consecutive recommendations to the same body share a heading; numbering runs on."""
    numbered = list(enumerate(results.recommendations, 1))
    return tuple(
        RecommendationGroup(addressee, tuple((n, r.text) for n, r in group))
        for addressee, group in groupby(numbered, key=lambda item: item[1].addressee)
    )


def _recommendations_sentence(groups: Sequence[RecommendationGroup]) -> str | None:
    """Bodies are not counted: one heading may name several ('Essex YOS and Essex Police')."""
    count = sum(len(group.items) for group in groups)
    if not count:
        return None
    made = quantity(count, "recommendation", in_words=True)
    return f"We have made {made}. Each is set out below under the body or bodies responsible."


def profile_tables(profile: Caseload | None) -> tuple[ProfileTable, ...]:
    """Counts by category as tables with whole percentages (a caseload or a case sample)."""
    if profile is None:
        return ()
    tables = []
    for variable, counts in profile.variables():
        total = sum(counts.values())
        rows = tuple(
            (label(category), count, whole_percent(count, total) if total else 0)
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


def sample_streams(rating: InspectionRating, results: ResultsFile) -> tuple[SampleStream, ...]:
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


def _fragment(text: str) -> str:
    """A recorded phrase ('Observation of ...') to follow a label: spaces tidied, no full stop.
    Its capitals are kept: it may start with a name."""
    return " ".join(text.split()).rstrip(".")


def _methodology(evidence: DomainOne | None) -> tuple[str, ...]:
    """Annex 1's sentences for domain one, from what the team recorded doing."""
    if evidence is None:
        return ()
    sentences = []
    if evidence.advance_evidence.strip():
        sentences.append(f"Evidence before fieldwork: {_fragment(evidence.advance_evidence)}.")
    if evidence.surveys:
        groups = join_words([f"{group.surveyed} {group.group}" for group in evidence.surveys])
        sentences.append(
            f"During fieldwork we surveyed {groups} about their training, development, "
            "supervision and leadership."
        )
    if evidence.meetings_and_focus_groups is not None:
        held = quantity(
            evidence.meetings_and_focus_groups, "meeting or focus group", "meetings or focus groups"
        )
        sentences.append(f"We held {held} to test and triangulate the evidence.")
    if evidence.other_activity.strip():
        sentences.append(f"Other fieldwork: {_fragment(evidence.other_activity)}.")
    return tuple(sentences)


def _overall_sentence(rating: InspectionRating) -> str:
    overall = rating.overall
    if overall.rating is None:
        missing = list(overall.missing)
        if len(missing) == 1:
            return f"There is no overall rating yet: standard {missing[0]} still needs a rating."
        return (
            f"There is no overall rating yet: standards {join_words(missing)} still need a rating."
        )
    return (
        f"The overall rating is {overall.rating}, from a score of {overall.score} out of "
        f"{overall.max_score} across the standards counted."
    )


def _overall_opening(rating: InspectionRating) -> str:
    """The first line of the overall findings."""
    name = rating.service.name
    if rating.overall.rating is None:
        return f"{name} has no overall rating yet."
    domains = quantity(len(rating.framework.domains), "domain", in_words=True)
    return (
        f"Overall, {name} is rated as: {rating.overall.rating}. This rating was decided by "
        f"inspecting {domains} of the service's work; the findings in each are described below."
    )


def _introduction(rating: InspectionRating, results: ResultsFile) -> tuple[str, ...]:
    """What was inspected and how, generated from the framework and the results; then the
    team's own words on the service and its area."""
    framework, inspection = rating.framework, rating.inspection
    counted = [s for s in rating.standards if s.standard.counted]
    separate = len(rating.standards) - len(counted)
    when = f" in {month(inspection.fieldwork_start)}" if inspection.fieldwork_start else ""
    domains = join_words([d.title.lower() for d in framework.domains])
    first = (
        f"This report sets out the findings of {framework.publisher}'s inspection of "
        f"{rating.service.name}, with fieldwork{when}. We inspected against the "
        f"{framework.title}: {quantity(len(rating.standards), 'standard', in_words=True)} in "
        f"{quantity(len(framework.domains), 'domain', in_words=True)}, {domains}."
    )
    if separate:
        first += (
            f" {quantity(separate, 'standard', in_words=True).capitalize()} "
            f"{'is' if separate == 1 else 'are'} rated separately and not counted in the "
            "overall rating."
        )
    how = []
    judged = [d.title.lower() for d in framework.domains if d.case_stream is None]
    if judged:
        how.append(
            f"We rated {join_words(judged)} on the evidence the service sent us and what we "
            "found in fieldwork: surveys, meetings and focus groups, and observation."
        )
    streams = [(s.domain.lower(), s.cases) for s in sample_streams(rating, results) if s.cases]
    if streams:
        cases = join_words([f"{quantity(n, 'case')} for {title}" for title, n in streams])
        how.append(
            f"We rated the other domains on case assessments: we inspected {cases}, with the "
            "case managers, and answered each standard's key questions for every case."
        )
    return (first, *how, *paragraphs(results.context))


def front_matter(
    framework: Framework,
    service: Service,
    inspection: Inspection,
    results: ResultsFile,
    today: date | None,
) -> dict[str, Any]:
    """What every report opens with: title, service, framework, dates, foreword, glossary."""
    return {
        "title": framework.report_title.replace("{area}", service.area or service.name),
        "service": service.name,
        "publisher": framework.publisher,
        "framework": framework.title,
        "publication": long_date(inspection.publication_date),
        "fieldwork": month(inspection.fieldwork_start),
        "foreword": paragraphs(results.foreword.text) if results.foreword else (),
        "foreword_signed": results.foreword.signed if results.foreword else None,
        "glossary": tuple(sorted(framework.glossary, key=lambda entry: entry.term.lower())),
        "generated": long_date(today or date.today()) or "",
    }


def build_report(
    rating: InspectionRating, results: ResultsFile, *, today: date | None = None
) -> InspectionReport:
    """The report for a rated inspection; `results` supplies the narrative and context."""
    framework = rating.framework
    draft = rating.inspection.publication_date is None
    notes = numbering(1)
    by_domain: dict[str, list[StandardSection]] = {}
    for rated in rating.standards:  # in the framework's order: footnotes number in reading order
        section = _standard(framework, rated, results, notes, draft)
        by_domain.setdefault(rated.domain.id, []).append(section)
    domains = tuple(
        DomainSection(
            domain.id,
            domain.title,
            tuple(results.key_findings.get(domain.id, ())),
            tuple(by_domain.get(domain.id, ())),
            introduction=(
                *((domain.introduction,) if domain.introduction else ()),
                f"We inspect against {quantity(len(domain.standards), 'standard', in_words=True)}.",
            ),
            summary=summary_block(results.summaries.get(domain.id)),
            no_findings=None
            if results.key_findings.get(domain.id)
            else f"No key findings about {domain.title.lower()} have been recorded.",
        )
        for domain in framework.domains
    )
    groups = group_recommendations(results)
    caseload = profile_tables(results.caseload)
    return InspectionReport(
        **front_matter(framework, rating.service, rating.inspection, results, today),
        overall_rating=rating.overall.rating,
        overall_band=band_of(framework, rating.overall.rating),
        score=rating.overall.score,
        max_score=rating.overall.max_score,
        overall_sentence=_overall_sentence(rating),
        overall_opening=_overall_opening(rating),
        introduction=_introduction(rating, results),
        inspectorate=framework.texts.inspectorate,
        standards_text=framework.texts.standards,
        domains=domains,
        recommendations=groups,
        recommendations_sentence=_recommendations_sentence(groups),
        caseload=caseload,
        caseload_chart=caseload_chart(caseload) if caseload else None,
        context_missing=None
        if caseload or not draft
        else (
            "No caseload profile has been supplied. To show the profile of the eligible "
            "caseload here, add a caseload section to the results file, or pass the sampling "
            "report with --sampling-report."
        ),
        domain_one=results.domain_one,
        methodology=_methodology(results.domain_one),
        sample=sample_streams(rating, results),
        assumptions=rating.assumptions,
    )
