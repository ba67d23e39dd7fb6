"""Red, amber or green for an improvement plan's actions: derived from status and dates, never
typed. The rule (parameters in `rag.yaml`):

- complete: green;
- not being done (with a reason): not rated, and shown as "not being done";
- otherwise, due before the day: red (overdue);
- otherwise, due within `amber_within_days`, or nothing reported for `quiet_after_days` (no
  progress update since then, counting from when the action was added): amber;
- otherwise green (on track).

A plan's RAG is its worst action's.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

import yaml
from pydantic import BaseModel, ConfigDict, Field


class Status(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    NOT_DONE = "not_done"


STATUS_WORDS = {
    Status.NOT_STARTED: "Not started",
    Status.IN_PROGRESS: "In progress",
    Status.COMPLETE: "Complete",
    Status.NOT_DONE: "Not being done",
}


class Rag(enum.IntEnum):
    """Ordered from best to worst, so the worst of several is `max`."""

    GREEN = 1
    AMBER = 2
    RED = 3

    @property
    def word(self) -> str:
        return self.name.capitalize()


class RagRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    amber_within_days: int = Field(ge=0, le=3650)
    quiet_after_days: int = Field(ge=1, le=3650)


@cache
def default_rule() -> RagRule:
    text = files("yjinspect.plans").joinpath("rag.yaml").read_text("utf-8")
    return RagRule.model_validate(yaml.safe_load(text))


@dataclass(frozen=True)
class ActionState:
    """What the rule reads of an action: its status, due date, the day it was added, and the
    date of its latest progress update (None if there is none)."""

    status: Status
    due: date
    added: date
    last_update: date | None = None

    @property
    def last_heard(self) -> date:
        return max(self.added, self.last_update) if self.last_update else self.added


def rag(action: ActionState, today: date, rule: RagRule | None = None) -> Rag | None:
    """The action's RAG on `today`; None for an action not being done."""
    rule = rule or default_rule()
    if action.status == Status.COMPLETE:
        return Rag.GREEN
    if action.status == Status.NOT_DONE:
        return None
    if action.due < today:
        return Rag.RED
    if (action.due - today).days <= rule.amber_within_days:
        return Rag.AMBER
    if (today - action.last_heard).days >= rule.quiet_after_days:
        return Rag.AMBER
    return Rag.GREEN


def is_overdue(action: ActionState, today: date) -> bool:
    return action.status in (Status.NOT_STARTED, Status.IN_PROGRESS) and action.due < today


def summary(rags: Iterable[Rag | None]) -> tuple[Rag | None, Counter[Rag | None]]:
    """The worst RAG of the rated actions (None if none is rated) and the count of each."""
    counts = Counter(rags)
    rated = [r for r in counts if r is not None]
    return (max(rated) if rated else None), counts


@dataclass(frozen=True)
class Outcome:
    """What became of a recommendation: in words, and how many of its actions are overdue (so a
    page can mark it without reading the words)."""

    words: str
    overdue: int = 0


def recommendation_outcome(statuses: Iterable[Status], overdue: int = 0) -> Outcome:
    """What became of a recommendation, from its actions' statuses (and how many are overdue):
    for the next inspection's page and report. None planned: "No actions planned"; otherwise
    how many of how many are complete, in one wording ("All 2 actions complete", "1 of 2
    actions complete"), not-being-done and overdue actions said apart."""
    counts = Counter(statuses)
    total = sum(counts.values())
    if total == 0:
        return Outcome("No actions planned")
    complete = counts[Status.COMPLETE]
    if complete == total > 1:
        return Outcome(f"All {total} actions complete")
    said = f"{complete} of {total} action{'s' if total > 1 else ''} complete"
    if counts[Status.NOT_DONE]:
        said += f", {counts[Status.NOT_DONE]} not being done"
    if overdue:
        said += f", {overdue} overdue"
    return Outcome(said, overdue)
