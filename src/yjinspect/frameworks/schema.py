"""The typed schema every framework file is validated against.

Two kinds of framework exist. A *rated* framework (HMI Probation's 2018 and 2021 youth
standards) rates standards on a four-point scale and sums points to an overall rating. A *scored*
framework (the 2009-12 Core Case Inspection) reports proportions of work judged sufficient, each
with an improvement comment. The kind is data in the file; nothing branches on a framework's id.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

CaseStream = Literal["court", "out_of_court"]
Provenance = Literal["verbatim", "reconstructed", "paraphrased", "assumed_unchanged", "title_only"]

_PROVENANCE_WORDS: dict[str, str] = {
    "reconstructed": "text reconstructed from a damaged source",
    "paraphrased": "paraphrased, not the published wording",
    "assumed_unchanged": "assumed unchanged from the earlier framework",
    "title_only": "title only: the full text is not in the source documents",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class _Sourced(_Strict):
    """Anything whose wording came from a source document, and how faithfully."""

    provenance: Provenance = "verbatim"
    provenance_note: str | None = None

    @property
    def provenance_flag(self) -> str | None:
        """What a reader must be told about this text, or None when it is verbatim."""
        if self.provenance == "verbatim":
            return None
        return self.provenance_note or _PROVENANCE_WORDS[self.provenance]


class Source(_Strict):
    document: str
    note: str | None = None


class InForce(_Strict):
    """The days a framework is inspected under, both included; no `to` while it is current."""

    start: date = Field(alias="from")
    end: date | None = Field(default=None, alias="to")
    note: str | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> InForce:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"'to' ({self.end}) is before 'from' ({self.start})")
        return self

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Note(_Strict):
    """A statement about the framework; `assumption` marks what is not a published fact."""

    id: str
    text: str
    assumption: bool = False


class StreamSampling(_Strict):
    """One case stream's share of the sample and its eligibility window before fieldwork."""

    stream: CaseStream
    share: Decimal = Field(gt=0, le=100)
    months_before_min: int = Field(ge=0)
    months_before_max: int = Field(ge=0)


class SamplingRules(_Strict):
    """How the case sample is drawn: windows, shares, precision and balancing variables."""

    streams: list[StreamSampling] = Field(min_length=1)
    confidence: Decimal = Field(gt=0, lt=100)
    margin_of_error: Decimal = Field(gt=0, lt=100)
    stratify_by: list[str] = []
    basis: str
    size_rule: str
    size_rule_assumption: bool = True


class GlossaryEntry(_Strict):
    """A term the framework's reports use, defined in yjinspect's own words."""

    term: str = Field(min_length=1)
    definition: str = Field(min_length=1)


class ReportTexts(_Strict):
    """The fixed texts of a framework's report, in yjinspect's own words (never the published
    wording); each is left out of the report when absent."""

    inspectorate: str | None = Field(default=None, description="the inspectorate's role")
    standards: str | None = Field(default=None, description="what the standards are for")
    scores_caveat: str | None = Field(default=None, description="beneath the scoring table")
    recommendations_lead: str | None = Field(
        default=None, description="the line before the recommendations"
    )
    next_steps: str | None = Field(default=None, description="what follows publication")
    inspection_model: str | None = Field(
        default=None, description="how an inspection under the framework is done"
    )


class AfterFieldwork(_Strict):
    """When each step after fieldwork is expected, in weeks. The defaults are the 2009-12
    reports' "Publication arrangements": provisional findings two weeks after the visit, the
    draft report 4-6 weeks after it, publication about six weeks after the draft. How long the
    service has to comment is not published: two weeks is an assumption."""

    provisional_findings_weeks: int = Field(default=2, ge=0, le=52)
    draft_report_weeks: int = Field(default=6, ge=0, le=52, description="latest, after fieldwork")
    comments_due_weeks: int = Field(default=2, ge=0, le=52, description="after the draft is sent")
    publication_weeks: int = Field(default=6, ge=0, le=52, description="after the draft is sent")


class AfterPublication(_Strict):
    """The 2009-12 reports' "Next steps": an improvement plan four weeks after publication."""

    improvement_plan_due_weeks: int = Field(default=4, ge=0, le=52)


class _FrameworkBase(_Strict):
    id: str = Field(min_length=1)
    title: str
    version: str
    publisher: str
    in_force: InForce
    sources: list[Source] = Field(min_length=1)
    notes: list[Note] = []
    sampling: SamplingRules | None = None
    report_title: str = Field(
        default="An inspection of {area}", description="the report's title; {area} is filled in"
    )
    texts: ReportTexts = ReportTexts()
    glossary: list[GlossaryEntry] = []
    after_fieldwork: AfterFieldwork = AfterFieldwork()
    after_publication: AfterPublication = AfterPublication()

    @property
    def assumptions(self) -> list[Note]:
        return [note for note in self.notes if note.assumption]


# --- rated frameworks --------------------------------------------------------------------------


class KeyQuestion(_Sourced):
    id: str = Field(min_length=1)
    text: str | None = None
    focus: str | None = Field(
        default=None, description="what the question looks at, for the report's summary sentence"
    )


class Standard(_Sourced):
    id: str = Field(min_length=1)
    title: str
    description: str | None = None
    rated_by: Literal["key_questions", "judgement"]
    counted: bool = True
    may_be_not_rated: bool = False
    summary: str | None = Field(
        default=None, description="what a yes means, e.g. 'assessment was sufficient'"
    )
    key_questions: list[KeyQuestion] = []


class Domain(_Strict):
    id: str = Field(min_length=1)
    title: str
    introduction: str | None = Field(
        default=None, description="what the domain covers, in yjinspect's own words"
    )
    case_stream: CaseStream | None = None
    standards: list[Standard] = Field(min_length=1)


class RatingBand(_Strict):
    rating: str
    points: int = Field(ge=0)
    min_percent: Decimal = Field(ge=0, le=100)


class OverallBand(_Strict):
    rating: str
    min_score: int = Field(ge=0)


class RatingRules(_Strict):
    """Band edges, points and overall bands: the parameters of the rating rules."""

    bands: list[RatingBand] = Field(min_length=2)
    overall_bands: list[OverallBand] = Field(min_length=1)
    discretion_margin: Decimal = Field(default=Decimal(5), ge=0, le=100)
    not_rated: str = "Not rated"
    basis: str
    assumption: bool = False


class RatedFramework(_FrameworkBase):
    kind: Literal["rated"]
    domains: list[Domain] = Field(min_length=1)
    rules: RatingRules

    def standards(self) -> Iterator[tuple[Domain, Standard]]:
        for domain in self.domains:
            for standard in domain.standards:
                yield domain, standard

    def key_questions(self) -> Iterator[tuple[Domain, Standard, KeyQuestion]]:
        for domain, standard in self.standards():
            for question in standard.key_questions:
                yield domain, standard, question

    @property
    def rating_names(self) -> list[str]:
        """Best first: the bands are checked to descend."""
        return [band.rating for band in self.rules.bands]

    def points_for(self, rating: str) -> int:
        return next(band.points for band in self.rules.bands if band.rating == rating)

    @property
    def max_score(self) -> int:
        top = max(band.points for band in self.rules.bands)
        return top * sum(1 for _, standard in self.standards() if standard.counted)


# --- scored frameworks -------------------------------------------------------------------------


class Question(_Sourced):
    id: str = Field(min_length=1)
    text: str
    headlines: list[str] = []


class Criterion(_Sourced):
    id: str = Field(min_length=1)
    title: str
    text: str | None = None
    questions: list[Question] = []


class Section(_Strict):
    id: str = Field(min_length=1)
    title: str
    criteria: list[Criterion] = Field(min_length=1)


class Headline(_Strict):
    id: str = Field(min_length=1)
    title: str
    description: str | None = None


class CommentBand(_Strict):
    comment: str
    label: str
    min_percent: Decimal = Field(ge=0, le=100)


class ScoringRules(_Strict):
    comment_bands: list[CommentBand] = Field(min_length=1)
    basis: str
    assumption: bool = False


class ScoredFramework(_FrameworkBase):
    kind: Literal["scored"]
    sections: list[Section] = Field(min_length=1)
    headlines: list[Headline] = []
    rules: ScoringRules

    def criteria(self) -> Iterator[tuple[Section, Criterion]]:
        for section in self.sections:
            for criterion in section.criteria:
                yield section, criterion

    def questions(self) -> Iterator[tuple[Criterion, Question]]:
        for _, criterion in self.criteria():
            for question in criterion.questions:
                yield criterion, question


Framework = RatedFramework | ScoredFramework
FRAMEWORK_KINDS: dict[str, type[RatedFramework] | type[ScoredFramework]] = {
    "rated": RatedFramework,
    "scored": ScoredFramework,
}
