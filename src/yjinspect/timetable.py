"""What follows fieldwork, and when: the steps from fieldwork to the improvement plan, the date
each falls (set by the lead, else expected from the framework's timetable) and what is overdue.

Plain facts in, plain steps out: the workspace's task list and the `plans` app read the dates
from here. The weeks are framework parameters (`after_fieldwork`, `after_publication`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from yjinspect.frameworks.schema import AfterFieldwork, AfterPublication, Framework


def plan_due(framework: Framework | None, publication: date) -> date:
    """The day the improvement plan is due: publication plus the framework's
    `after_publication.improvement_plan_due_weeks` (four by default, from the 2009-12 reports'
    "Next steps"). A framework that cannot be loaded (None) takes the default."""
    rules = framework.after_publication if framework is not None else AfterPublication()
    return publication + timedelta(weeks=rules.improvement_plan_due_weeks)


@dataclass(frozen=True)
class Dates:
    """The inspection's dates as recorded (None when not set) and how far it has gone."""

    fieldwork_start: date | None = None
    fieldwork_end: date | None = None
    provisional_findings: date | None = None
    draft_sent: date | None = None
    comments_due: date | None = None
    publication: date | None = None
    draft_is_sent: bool = False  # the factual accuracy check has begun (or is over)
    published: bool = False
    unanswered_comments: int = 0
    plan_accepted: bool | None = None  # None: the improvement plan is not tracked here


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    when: date | None  # the date set, or expected (`expected`), or None when not yet known
    expected: bool  # `when` comes from the timetable, not from a date the lead set
    done: bool
    overdue: bool
    note: str = ""


def _weeks(start: date | None, weeks: int) -> date | None:
    return start + timedelta(weeks=weeks) if start is not None else None


def _step(key: str, name: str, set_on: date | None, expected: date | None, done: bool,
          today: date, note: str = "") -> Step:  # fmt: skip
    when = set_on or expected
    overdue = not done and when is not None and when < today
    return Step(key, name, when, set_on is None and when is not None, done, overdue, note)


def _comments(dates: Dates, expected: date | None, today: date) -> Step:
    """Done once the day has passed (or the report is published) with every comment answered;
    overdue while a comment is unanswered after it."""
    due = dates.comments_due or expected
    closed = due is not None and due < today and dates.draft_is_sent
    done = dates.published or (closed and not dates.unanswered_comments)
    note = f"{dates.unanswered_comments} unanswered" if dates.unanswered_comments else ""
    return _step("comments-due", "Service's comments due", dates.comments_due, expected, done,
                 today, note)  # fmt: skip


def _settled(found: list[Step]) -> list[Step]:
    """Once a later step is done, an earlier step was done too: never overdue, on its recorded
    date, or with no date (`when` None) where none was recorded, never an expected one."""
    settled: list[Step] = []
    later_done = False
    for step in reversed(found):
        if later_done:
            when = None if step.expected else step.when
            step = Step(step.key, step.name, when, False, True, False, step.note)
        later_done = later_done or step.done
        settled.append(step)
    return settled[::-1]


def steps(framework: Framework | None, dates: Dates, today: date) -> list[Step]:
    """Fieldwork, provisional findings, draft sent, comments due, publication and plan due, in
    order. A step is overdue when it is not done and its date (set, else expected) is before
    `today`. A date the lead set for provisional findings counts as done once it has passed;
    comments are overdue while any is unanswered after the day they were due; a step before
    one that is done is done (`_settled`)."""
    rules = framework.after_fieldwork if framework is not None else AfterFieldwork()
    end = dates.fieldwork_end
    fieldwork_done = end is not None and end < today
    draft_sent = dates.draft_sent
    provisional = dates.provisional_findings
    publication_expected = _weeks(draft_sent or _weeks(end, rules.draft_report_weeks),
                                  rules.publication_weeks)  # fmt: skip
    return _settled([
        Step("fieldwork", "Fieldwork", end or dates.fieldwork_start, False, fieldwork_done, False),
        _step("provisional-findings", "Provisional findings given", provisional,
              _weeks(end, rules.provisional_findings_weeks),
              provisional is not None and provisional <= today, today),
        _step("draft-sent", "Draft report sent to the service", draft_sent,
              _weeks(end, rules.draft_report_weeks), dates.draft_is_sent or dates.published, today),
        _comments(dates, _weeks(draft_sent, rules.comments_due_weeks), today),
        _step("publication", "Publication", dates.publication, publication_expected,
              dates.published, today),
        _plan(framework, dates, publication_expected, today),
    ])  # fmt: skip


def _plan(framework: Framework | None, dates: Dates, expected: date | None, today: date) -> Step:
    """Due from the publication date (set, else expected). Whether the plan was accepted is the
    `plans` app's to say (`Dates.plan_accepted`); untracked, it is never called overdue."""
    publication = dates.publication or expected
    due = plan_due(framework, publication) if publication is not None else None
    submitted = bool(dates.plan_accepted)
    tracked = dates.plan_accepted is not None and dates.published
    return Step(
        "plan-due",
        "Improvement plan due",
        due,
        not dates.published,
        submitted,
        tracked and not submitted and due is not None and due < today,
    )
