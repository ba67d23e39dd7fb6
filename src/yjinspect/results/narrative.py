"""The report's words and context facts, carried in the results file beside the evidence.

All optional: a results file without them still rates and still makes a (shorter) report.
The words are written by the inspection team; nothing here generates prose.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from yjinspect.datafile import DataFile
from yjinspect.errors import Problem
from yjinspect.frameworks.schema import Framework, RatedFramework

if TYPE_CHECKING:
    from yjinspect.results.schema import ResultsFile

Count = Annotated[int, Field(strict=True, ge=0)]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Foreword(_Strict):
    text: Text
    signed: str | None = Field(default=None, description="name and role under the foreword")


class GoodPractice(_Strict):
    """An example worth sharing, shown in a box; a bare string is an example without a title."""

    title: str | None = None
    text: Text


def _untitled(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Findings(_Strict):
    """What the report says under one standard (or, for the Core Case Inspection, criterion)."""

    text: str = Field(default="", description="paragraphs, separated by blank lines")
    strengths: list[Text] = []
    areas_for_improvement: list[Text] = []
    good_practice: list[Annotated[GoodPractice, BeforeValidator(_untitled)]] = Field(
        default=[], description="examples worth sharing"
    )
    references: list[Text] = Field(
        default=[], description="sources cited, printed as footnotes on the standard's page"
    )


class Summary(_Strict):
    """The summing up of a domain (or Core Case section): commentary, strengths, improvements."""

    text: str = Field(default="", description="paragraphs, separated by blank lines")
    strengths: list[Text] = []
    areas_for_improvement: list[Text] = []


class Recommendation(_Strict):
    addressee: Text = Field(description="the body the recommendation is addressed to")
    text: Text


class SurveyGroup(_Strict):
    group: Text
    surveyed: Count


class DomainOne(_Strict):
    """Annex 1's evidence for organisational delivery."""

    advance_evidence: str = ""
    surveys: list[SurveyGroup] = []
    meetings_and_focus_groups: Count | None = None
    other_activity: str = ""


class Caseload(_Strict):
    """The eligible population's profile: counts by category, for the contextual facts."""

    age: dict[str, Count] = {}
    gender: dict[str, Count] = {}
    ethnicity: dict[str, Count] = {}
    disposal_type: dict[str, Count] = {}
    looked_after: dict[str, Count] = {}

    def variables(self) -> Iterator[tuple[str, dict[str, int]]]:
        for name in type(self).model_fields:
            counts = getattr(self, name)
            if counts:
                yield name, counts


class QuestionnaireQuestion(_Strict):
    text: Text
    yes: Count
    answered: Count

    @model_validator(mode="after")
    def _yes_within_answered(self) -> QuestionnaireQuestion:
        if self.yes > self.answered:
            raise ValueError(f"yes ({self.yes}) is more than answered ({self.answered})")
        return self


class Questionnaire(_Strict):
    """A service-user questionnaire: who answered, and the count per question."""

    group: Text = Field(description="e.g. children and young people, victims")
    respondents: Count
    questions: list[QuestionnaireQuestion] = []


class Quote(_Strict):
    speaker: Text
    text: Text
    role: str | None = Field(
        default=None, description="e.g. 'HM Chief Inspector of Probation', after the name"
    )


class PressRelease(_Strict):
    """The press release's free text: never generated."""

    headline: str | None = None
    quotes: list[Quote] = []
    media_contact: str | None = None
    report_url: str | None = None


def check_narrative(results: ResultsFile, framework: Framework, source: DataFile) -> list[Problem]:
    """Ids in the narrative sections must name parts of the framework."""
    if isinstance(framework, RatedFramework):
        parts = {domain.id for domain in framework.domains}
        parts_word = "domain"
        standards = {standard.id for _, standard in framework.standards()}
    else:
        parts = {section.id for section in framework.sections}
        parts_word = "section"
        standards = {criterion.id for _, criterion in framework.criteria()}
    problems = [
        source.problem((field, key), f"unknown {parts_word} '{key}'")
        for field, keyed in (
            ("key_findings", results.key_findings),
            ("summaries", results.summaries),
        )
        for key in keyed
        if key not in parts
    ]
    problems += [
        source.problem(("findings", key), f"unknown standard or criterion '{key}'")
        for key in results.findings
        if key not in standards
    ]
    for index, questionnaire in enumerate(results.questionnaires):
        for number, question in enumerate(questionnaire.questions):
            if question.answered > questionnaire.respondents:
                problems.append(
                    source.problem(
                        ("questionnaires", index, "questions", number, "answered"),
                        f"{question.answered} answered, but only "
                        f"{questionnaire.respondents} respondents",
                    )
                )
    return problems
