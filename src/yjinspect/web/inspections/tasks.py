"""The inspection's task list: what each piece of work's status is, from plain facts.

No Django here: `progress.facts_of` reads the facts from the database, and these functions
decide. The statuses are the GOV.UK task list's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from yjinspect import timetable
from yjinspect.frameworks.schema import Framework
from yjinspect.web.inspections.kinds import KINDS


class Status(StrEnum):
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"
    CANNOT_START = "Cannot start yet"
    INCOMPLETE = "Incomplete"  # published without it finished
    SKIPPED = "Not held"  # an optional step passed by


@dataclass(frozen=True)
class Facts:
    """What the task list and the publication check need to know about one inspection."""

    published: bool
    drafting_reached: bool = False  # at drafting or later: the draft can be sent or published
    kind: str = "inspection"  # a key of `kinds.KINDS`
    framework_problem: str | None = None  # why the framework cannot be loaded
    scored: bool = False
    fieldwork_start: date | None = None
    fieldwork_end: date | None = None
    publication_date: date | None = None
    has_lead: bool = False
    team: int = 0  # members other than the lead who work on it (not service viewers)
    sampled: int = 0  # cases in the sample (replaced ones are not counted)
    allocated: int = 0
    started: int = 0  # sampled cases with an assessment begun
    accepted: int = 0
    unsettled: tuple[str, ...] = ()  # cases with a second assessment's difference unsettled
    judged: int = 0  # standards rated by judgement that have a rating recorded
    to_judge: int = 0
    unrated: tuple[str, ...] = ()  # counted standards without a rating, as "1.1 Governance"
    rated: int = 0  # standards with a rating (from cases, a judgement or discretion)
    ratings_problem: str | None = None  # recorded discretion no longer fits the evidence
    foreword: bool = False
    findings: int = 0
    recommendations: int = 0
    quotes: int = 0
    results_imported: bool = False  # a scored inspection's results file
    provisional_findings_date: date | None = None
    draft_sent_date: date | None = None
    comments_due_date: date | None = None
    draft_is_sent: bool = False  # at the factual accuracy check, or published after it
    comments: int = 0  # the service's comments on the draft report
    unanswered: int = 0  # of those, not yet answered by the lead
    plan_accepted: bool = False  # the service's improvement plan is accepted (the plans app)
    second_marked: int = 0  # cases marked for a second assessment
    second_submitted: int = 0  # of those, second assessments submitted
    double_assessed: int = 0  # cases both assessors have submitted (blindness over)


@dataclass(frozen=True)
class Task:
    key: str  # also the name of the page it links to
    name: str
    status: Status
    hint: str = ""


def _by_count(done: int, total: int) -> Status:
    if total and done >= total:
        return Status.COMPLETED
    return Status.IN_PROGRESS if done else Status.NOT_STARTED


def set_up(facts: Facts) -> Task:
    complete = (
        facts.framework_problem is None
        and facts.fieldwork_start is not None
        and facts.fieldwork_end is not None
        and facts.has_lead
        and facts.team > 0
    )
    hint = facts.framework_problem or "Framework, dates and team"
    name = f"Set up the {KINDS[facts.kind].noun}"
    return Task("set-up", name, _done(complete, True), hint)


def _done(complete: bool, begun: bool) -> Status:
    if complete:
        return Status.COMPLETED
    return Status.IN_PROGRESS if begun else Status.NOT_STARTED


def case_tasks(facts: Facts) -> list[Task]:
    """Population and sample, allocation and case assessment: each needs the one before."""
    kind = KINDS[facts.kind]
    if facts.framework_problem is not None:
        blocked = Status.CANNOT_START
        return [
            Task("sample", "Population and sample", blocked),
            Task("cases", "Allocate the cases", blocked),
            Task("cases", "Case assessment", blocked),
        ]
    sample = Status.COMPLETED if facts.sampled else Status.NOT_STARTED
    if not facts.sampled:
        first = f"{kind.cases_come} first"
        return [
            Task("sample", "Population and sample", sample),
            Task("cases", "Allocate the cases", Status.CANNOT_START, first),
            Task("cases", "Case assessment", Status.CANNOT_START, first),
        ]
    assessed = _by_count(facts.accepted, facts.sampled)
    if assessed is Status.NOT_STARTED and facts.started:
        assessed = Status.IN_PROGRESS
    return [
        Task("sample", "Population and sample", sample, f"{facts.sampled} cases {kind.cases_came}"),
        Task(
            "cases",
            "Allocate the cases",
            _by_count(facts.allocated, facts.sampled),
            f"{facts.allocated} of {facts.sampled} allocated",
        ),
        Task("cases", "Case assessment", assessed, f"{facts.accepted} of {facts.sampled} accepted"),
    ]


def judgements(facts: Facts) -> Task:
    status = _by_count(facts.judged, facts.to_judge) if facts.to_judge else Status.COMPLETED
    return Task(
        "judgements",
        "Organisational evidence and judgements",
        status,
        f"{facts.judged} of {facts.to_judge} standards judged",
    )


def ratings(facts: Facts) -> Task:
    if facts.ratings_problem:
        return Task("ratings", "Ratings and discretion", Status.IN_PROGRESS, facts.ratings_problem)
    if not (facts.accepted or facts.judged):
        return Task(
            "ratings",
            "Ratings and discretion",
            Status.CANNOT_START,
            "Needs accepted case assessments or judgements",
        )
    if facts.unrated:
        return Task(
            "ratings",
            "Ratings and discretion",
            Status.IN_PROGRESS,
            f"{len(facts.unrated)} counted standards not yet rated",
        )
    return Task(
        "ratings", "Ratings and discretion", Status.COMPLETED, "Every counted standard rated"
    )


def content(facts: Facts) -> Task:
    parts = (facts.foreword, facts.findings > 0, facts.recommendations > 0)
    return Task(
        "report-content",
        "Report content",
        _done(all(parts), any(parts) or facts.quotes > 0),
        "Foreword, findings, recommendations and fieldwork evidence",
    )


def report(facts: Facts) -> Task:
    if facts.scored:
        return Task(
            "report",
            "Results file and report",
            _done(facts.results_imported, facts.results_imported),
            "Import the results file; the report is built from it",
        )
    if facts.published:
        return Task("report", "Report and press release", Status.COMPLETED, "Published")
    if facts.ratings_problem or facts.unrated:
        return Task(
            "report", "Report and press release", Status.CANNOT_START, "Rate every standard"
        )
    complete = facts.publication_date is not None and facts.quotes > 0
    hint = "" if facts.publication_date else "Set the publication date in set-up"
    return Task("report", "Report and press release", _done(complete, True), hint)


def accuracy(facts: Facts) -> Task:
    """The factual accuracy check: optional (a service inspecting itself sends no draft)."""
    name = "Factual accuracy check"
    if not facts.draft_is_sent:
        return Task("accuracy", name, Status.NOT_STARTED, "Send the draft report to the service")
    answered = facts.comments - facts.unanswered
    hint = f"{answered} of {facts.comments} comments answered" if facts.comments else "No comments"
    if facts.published or (facts.comments and not facts.unanswered):
        return Task("accuracy", name, Status.COMPLETED, hint)
    return Task("accuracy", name, Status.IN_PROGRESS, hint)


def publication(facts: Facts) -> Task:
    if facts.published:
        return Task("publish", "Publication", Status.COMPLETED, "Published")
    if nothing_rated(facts):
        return Task("publish", "Publication", Status.CANNOT_START, "Rate a standard first")
    left = outstanding(facts)
    hint = (
        f"{len(left)} thing{'s' if len(left) > 1 else ''} outstanding"
        if left
        else "Ready to publish"
    )
    return Task("publish", "Publication", Status.NOT_STARTED, hint)


def audit_cases(facts: Facts) -> list[Task]:
    """A deep-dive audit's cases: chosen by the service (imported as a sample), allocated to
    first assessors, and their first assessments."""
    chosen, allocated, assessed = case_tasks(facts)
    return [
        Task("sample", KINDS[facts.kind].cases_title, chosen.status, chosen.hint),
        Task("cases", "Allocate the first assessors", allocated.status, allocated.hint),
        Task("cases", "First assessments", assessed.status, assessed.hint),
    ]


def second_assessments(facts: Facts) -> Task:
    name = "Second assessments"
    if not facts.allocated:
        return Task("qa", name, Status.CANNOT_START, "Allocate the first assessors first")
    hint = f"{facts.second_submitted} of {facts.second_marked} submitted"
    return Task("qa", name, _by_count(facts.second_submitted, facts.second_marked), hint)


def moderation(facts: Facts) -> Task:
    name = "Comparison and moderation"
    if not facts.double_assessed:
        return Task("qa", name, Status.CANNOT_START, "Needs cases both assessors submitted")
    if facts.unsettled:
        left = len(facts.unsettled)
        return Task("qa", name, Status.IN_PROGRESS, f"{left} case{'s' * (left != 1)} to settle")
    if facts.double_assessed < facts.second_marked:
        hint = f"{facts.double_assessed} of {facts.second_marked} cases both assessed"
        return Task("qa", name, Status.IN_PROGRESS, hint)
    return Task("qa", name, Status.COMPLETED, "Every disagreement settled")


def agreement(facts: Facts) -> Task:
    name = "Agreement and QA report"
    if not facts.double_assessed:
        return Task("agreement", name, Status.CANNOT_START, "Needs cases both assessors submitted")
    settled = moderation(facts).status is Status.COMPLETED
    hint = f"Over {facts.double_assessed} case{'s' * (facts.double_assessed != 1)} both assessed"
    return Task("agreement", name, _done(settled, True), hint)


def _one(build: Callable[[Facts], Task]) -> Callable[[Facts], list[Task]]:
    return lambda facts: [build(facts)]


# The parts a kind's task list is made of (`kinds.Kind.tasks`), each one or more tasks.
PARTS = {
    "set-up": _one(set_up),
    "cases": case_tasks,
    "audit-cases": audit_cases,
    "judgements": _one(judgements),
    "ratings": _one(ratings),
    "content": _one(content),
    "report": _one(report),
    "accuracy": _one(accuracy),
    "publication": _one(publication),
    "second": _one(second_assessments),
    "moderation": _one(moderation),
    "agreement": _one(agreement),
}


def task_list(facts: Facts) -> list[Task]:
    """Every task in the order the work is done (the parts its kind has), each status true to
    the stage reached."""
    if facts.scored:
        return at_stage(facts, [set_up(facts), report(facts), accuracy(facts), publication(facts)])
    return at_stage(
        facts, [task for part in KINDS[facts.kind].tasks for task in PARTS[part](facts)]
    )


# Tasks the stage gates (the rest are gated by their facts): the draft is sent, and the report
# published, from drafting on. Optional tasks may be passed by.
FROM_DRAFTING = frozenset({"accuracy", "publish"})
OPTIONAL = frozenset({"accuracy"})


def at_stage(facts: Facts, found: list[Task]) -> list[Task]:
    """Each status as true at the inspection's stage as it is from its facts: a task the stage
    does not reach yet "Cannot start yet"; once published, a task not completed is "Incomplete"
    (published without it) or, if optional, "Not held". A task completed stays so."""
    said = []
    for task in found:
        if task.status is Status.COMPLETED:
            said.append(task)
        elif facts.published and task.key in OPTIONAL:
            said.append(
                Task(
                    task.key,
                    task.name,
                    Status.SKIPPED,
                    "Optional: no draft was sent to the service",
                )
            )
        elif facts.published:
            hint = f"Published without it: {task.hint}" if task.hint else "Published without it"
            said.append(Task(task.key, task.name, Status.INCOMPLETE, hint))
        elif task.key in FROM_DRAFTING and not facts.drafting_reached:
            said.append(Task(task.key, task.name, Status.CANNOT_START, "From the drafting stage"))
        else:
            said.append(task)
    return said


def nothing_rated(facts: Facts) -> str | None:
    """Why the inspection has no ratings to draft a report on or publish, or None.

    Not overridable, unlike `outstanding`: a report without a single rating says nothing, and
    the national picture cannot count it. A scored inspection's ratings are its results file.
    """
    if facts.framework_problem:
        return facts.framework_problem
    if facts.scored:
        return None if facts.results_imported else "The results file has not been imported"
    if facts.ratings_problem:
        return facts.ratings_problem
    if not facts.rated:
        return "No standard has a rating yet: accept case assessments or record a judgement first"
    return None


def outstanding(facts: Facts) -> list[str]:
    """What should be done before publishing, in words for the confirmation page; the lead
    may publish anyway with a reason."""
    left = []
    if facts.framework_problem:
        left.append(facts.framework_problem)
    open_cases = facts.sampled - facts.accepted
    if open_cases > 0:
        left.append(
            f"{open_cases} of {facts.sampled} sampled cases are not accepted (or replaced from "
            "the reserve)"
        )
    if facts.unsettled:
        left.append(
            "Differences between first and second assessments not yet settled, so left out "
            f"of the ratings: {', '.join(facts.unsettled)}"
        )
    if facts.ratings_problem:
        left.append(facts.ratings_problem)
    if facts.unrated:
        left.append(f"Counted standards not yet rated: {', '.join(facts.unrated)}")
    if facts.scored and not facts.results_imported:
        left.append("The results file has not been imported")
    if facts.publication_date is None:
        left.append("No publication date is set (publishing anyway sets it to today)")
    if not facts.foreword and not facts.scored:
        left.append("The report has no foreword")
    if facts.unanswered:
        left.append(
            f"{facts.unanswered} of the service's {facts.comments} comments on the draft report "
            f"{'is' if facts.unanswered == 1 else 'are'} not answered"
        )
    return left


def dates(facts: Facts, framework: Framework | None, today: date) -> list[timetable.Step]:
    """The steps after fieldwork with their dates and what is overdue on `today`."""
    return timetable.steps(
        framework,
        timetable.Dates(
            fieldwork_start=facts.fieldwork_start,
            fieldwork_end=facts.fieldwork_end,
            provisional_findings=facts.provisional_findings_date,
            draft_sent=facts.draft_sent_date,
            comments_due=facts.comments_due_date,
            publication=facts.publication_date,
            draft_is_sent=facts.draft_is_sent,
            published=facts.published,
            unanswered_comments=facts.unanswered,
            plan_accepted=facts.plan_accepted,
        ),
        today,
    )
