"""What each kind of work has: an inspection, or a service's own deep-dive audit.

An audit (the Essex 2018 report's "deep dive") runs the same case pages as an inspection: cases,
first and second assessments, moderation, agreement and the QA report. It is never published,
never in the national picture, and has no after-fieldwork steps (factual accuracy check, press
release, improvement plan). Every place that differs asks this table, never the kind's name.
Plain Python: the models, task list and stages all read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from yjinspect.reporting.words import long_date


@dataclass(frozen=True)
class Kind:
    title: str  # how it is named, from "{service}"
    noun: str  # "inspection", "deep-dive audit"
    stages: tuple[str, ...]  # the stages it moves through, in order
    publishes: bool  # published, so counted in the national picture
    dates: tuple[str, ...]  # the dates its set-up asks for
    tasks: tuple[str, ...]  # its task list's parts (`tasks.PARTS`), in order
    own_staff: bool  # its team is the service's own staff (`qa.ServiceMember`)
    roles: tuple[str, ...] | None  # the team roles it offers (None: every role)
    role_words: dict[str, str] = field(default_factory=dict)  # a role's name in this kind
    cases_title: str = "Case sample"  # its cases' page, and the step that brings them
    cases_come: str = "Draw the sample"  # how its cases come in, as an instruction
    cases_came: str = "sampled"  # and as what happened to them
    date_words: dict[str, str] = field(default_factory=dict)  # a set-up date's label here
    cases_fix_framework: str = "the sample is drawn under it"  # why its framework is fixed
    short_noun: str = "inspection"  # with its number, "(audit 5)", and in its files' names
    period: str = "fieldwork"  # how its dates are led in: "fieldwork 7 September 2026 to ..."

    def runs(self, start: date | None, end: date | None) -> str:
        """Its dates in words: "fieldwork 7 September 2026 to 25 September 2026", or
        "the audit runs from 7 September 2026" while the end is not set."""
        if end is None:
            return f"{self.period} from {long_date(start)}"
        return f"{self.period} {long_date(start)} to {long_date(end)}"


KINDS = {
    "inspection": Kind(
        title="{service}",
        noun="inspection",
        stages=("planning", "fieldwork", "rating", "drafting", "published"),
        publishes=True,
        dates=(
            "fieldwork_start",
            "fieldwork_end",
            "provisional_findings_date",
            "draft_sent_date",
            "comments_due_date",
            "publication_date",
        ),
        tasks=(
            "set-up",
            "cases",
            "judgements",
            "ratings",
            "content",
            "report",
            "accuracy",
            "publication",
        ),
        own_staff=False,
        roles=None,
    ),
    "audit": Kind(
        title="Deep-dive audit of {service}",
        cases_title="Cases chosen",
        cases_come="Choose the cases",
        cases_came="chosen",
        cases_fix_framework="the cases chosen are assessed under it",
        date_words={"fieldwork_start": "The audit starts", "fieldwork_end": "The audit ends"},
        short_noun="audit",
        period="the audit runs",
        noun="deep-dive audit",
        stages=("planning", "fieldwork", "rating"),
        publishes=False,
        dates=("fieldwork_start", "fieldwork_end"),
        tasks=("set-up", "audit-cases", "second", "moderation", "agreement"),
        own_staff=True,
        # Never published, so no readers from outside: a lead, the managers who assess, and
        # a quality assurance lead.
        roles=("lead_inspector", "local_assessor", "inspector", "qa_lead"),
        role_words={
            "lead_inspector": "Lead of the audit",
            "local_assessor": "Manager (assesses cases)",
            "inspector": "Manager who reads every case",
        },
    ),
}
