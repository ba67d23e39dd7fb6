"""The results file: the evidence of one inspection, in any of three forms mixed per standard.

Per-case answers, aggregated counts, or judgement ratings; plus recorded professional
discretion. Core Case Inspection results give counts of sufficient and insufficient work.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from yjinspect.frameworks.schema import CaseStream
from yjinspect.results.narrative import (
    Caseload,
    DomainOne,
    Findings,
    Foreword,
    PressRelease,
    Questionnaire,
    Recommendation,
    Summary,
)

# No inspection has a billion cases: a larger count is a mistake, and would overflow intervals.
Count = Annotated[int, Field(strict=True, ge=0, le=1_000_000_000)]

_NOT_APPLICABLE = {"n/a", "na", "not applicable", "not_applicable"}


def _answer_word(value: Any) -> Any:
    """YAML writers type yes/no bare; accept booleans and common spellings of n/a."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, str):
        word = value.strip().lower()
        return "n/a" if word in _NOT_APPLICABLE else word
    return value


Answer = Annotated[Literal["yes", "no", "n/a"], BeforeValidator(_answer_word)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class AnswerCounts(_Strict):
    yes: Count = 0
    no: Count = 0
    not_applicable: Count = 0


class SufficiencyCounts(_Strict):
    sufficient: Count = 0
    insufficient: Count = 0
    not_applicable: Count = 0


class CaseAnswers(_Strict):
    id: str = Field(min_length=1, description="pseudonymous case reference; never a name")
    disposal: CaseStream | None = None
    answers: dict[str, Answer] = {}


class DiscretionRequest(_Strict):
    rating: str
    reason: str = Field(min_length=1)
    force: bool = False


class Service(_Strict):
    name: str = Field(min_length=1)
    area: str | None = None
    type: str | None = None


class Inspection(_Strict):
    fieldwork_start: date | None = None
    fieldwork_end: date | None = None
    publication_date: date | None = None
    cases_inspected: Count | None = Field(
        default=None, description="when the results give no per-case answers (Core Case)"
    )

    @model_validator(mode="after")
    def _in_order(self) -> Inspection:
        """Fieldwork ends after it starts, and a report is published after fieldwork."""
        start, end, published = self.fieldwork_start, self.fieldwork_end, self.publication_date
        if start and end and end < start:
            raise ValueError("fieldwork_end is before fieldwork_start")
        if published and (end or start) and published < (end or start):  # type: ignore[operator]
            raise ValueError("publication_date is before the fieldwork")
        return self


class ResultsFile(_Strict):
    framework: str = Field(min_length=1)
    service: Service
    inspection: Inspection = Inspection()
    cases: list[CaseAnswers] = []
    key_questions: dict[str, AnswerCounts] = {}
    judgements: dict[str, str] = {}
    discretion: dict[str, DiscretionRequest] = {}
    criteria: dict[str, SufficiencyCounts] = {}
    sections: dict[str, SufficiencyCounts] = {}
    headlines: dict[str, SufficiencyCounts] = {}
    # The report's words and context (results/narrative.py); all optional.
    foreword: Foreword | None = None
    key_findings: dict[str, list[Annotated[str, Field(min_length=1)]]] = {}
    findings: dict[str, Findings] = {}
    summaries: dict[str, Summary] = {}
    recommendations: list[Recommendation] = []
    domain_one: DomainOne | None = None
    caseload: Caseload | None = None
    case_characteristics: Caseload | None = None
    context: str = Field(default="", description="the service and its area, in the team's words")
    questionnaires: list[Questionnaire] = []
    press_release: PressRelease | None = None
