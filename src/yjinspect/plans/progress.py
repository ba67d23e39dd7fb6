"""The management board's progress report: the plan as it stood at a date (a snapshot, stored
with each report so that "since the previous report" is exact) and what changed since then.

Shapes: `PlanFacts` in; `snapshot()` gives a JSON-able dict (dates as ISO text, RAG as a word);
`build_report(current, previous)` gives a `ProgressReport` that renderers only lay out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from yjinspect.plans.rag import STATUS_WORDS, ActionState, Rag, RagRule, Status, rag, summary
from yjinspect.reporting.words import long_date, quantity


@dataclass(frozen=True)
class UpdateFacts:
    id: int
    day: date
    note: str
    link: str = ""
    file_name: str = ""


@dataclass(frozen=True)
class ActionFacts:
    id: int
    what: str
    responsible: str
    due: date
    success: str
    status: Status
    added: date
    reason: str = ""
    updates: tuple[UpdateFacts, ...] = ()


@dataclass(frozen=True)
class RecommendationFacts:
    id: int
    addressee: str
    text: str
    actions: tuple[ActionFacts, ...] = ()


@dataclass(frozen=True)
class PlanFacts:
    service: str
    inspection: str
    published: date
    plan_due: date
    recommendations: tuple[RecommendationFacts, ...]
    accepted_on: date | None = None
    accepted_by: str = ""


def action_rag(action: ActionFacts, today: date, rule: RagRule | None = None) -> Rag | None:
    """The RAG of an action from its facts, counting only the updates made by `today`."""
    heard = [u.day for u in action.updates if u.day <= today]
    state = ActionState(action.status, action.due, action.added, max(heard) if heard else None)
    return rag(state, today, rule)


def snapshot(plan: PlanFacts, as_of: date, rule: RagRule | None = None) -> dict[str, Any]:
    """The plan on `as_of`: actions added by then, updates dated by then, each action's RAG."""
    recommendations = []
    for number, recommendation in enumerate(plan.recommendations, start=1):
        actions = []
        for action in recommendation.actions:
            if action.added > as_of:
                continue
            found = action_rag(action, as_of, rule)
            actions.append(
                {
                    "id": action.id,
                    "what": action.what,
                    "responsible": action.responsible,
                    "due": action.due.isoformat(),
                    "success": action.success,
                    "status": action.status.value,
                    "reason": action.reason,
                    "added": action.added.isoformat(),
                    "rag": found.name.lower() if found else None,
                    "updates": [
                        {
                            "id": u.id,
                            "date": u.day.isoformat(),
                            "note": u.note,
                            "link": u.link,
                            "file": u.file_name,
                        }
                        for u in sorted(action.updates, key=lambda u: (u.day, u.id))
                        if u.day <= as_of
                    ],
                }
            )
        recommendations.append(
            {
                "id": recommendation.id,
                "number": number,
                "addressee": recommendation.addressee,
                "text": recommendation.text,
                "actions": actions,
            }
        )
    return {
        "as_of": as_of.isoformat(),
        "service": plan.service,
        "inspection": plan.inspection,
        "published": plan.published.isoformat(),
        "plan_due": plan.plan_due.isoformat(),
        "accepted_on": plan.accepted_on.isoformat() if plan.accepted_on else None,
        "accepted_by": plan.accepted_by,
        "recommendations": recommendations,
    }


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _rag_word(code: str | None) -> str:
    return Rag[code.upper()].word if code else "Not rated"


@dataclass
class UpdateRow:
    day: str
    note: str
    link: str
    file: str


@dataclass
class ActionRow:
    what: str
    responsible: str
    due: str  # in words, "6 December 2018"
    due_date: date  # the same, for a workbook's date cell
    success: str
    status: str
    reason: str
    rag: str  # "Red", "Amber", "Green" or "Not rated"
    rag_code: str  # "red", "amber", "green" or "none": for styling only
    changes: list[str]
    new_updates: list[UpdateRow]


@dataclass
class RecommendationRow:
    number: int
    addressee: str
    text: str
    actions: list[ActionRow]


@dataclass
class ProgressReport:
    service: str
    inspection: str
    as_of: str
    published: str
    plan_due: str
    accepted: str | None
    previous_as_of: str | None
    overall: str
    counts: list[str]
    changed: list[str]
    recommendations: list[RecommendationRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Improvement plan: progress at {self.as_of}"


def _changes(action: dict, before: dict | None, first_report: bool) -> list[str]:
    """What moved for one action since the previous report, in words."""
    if first_report:
        return []
    if before is None:
        return ["New since the previous report."]
    said = []
    if before["status"] != action["status"]:
        said.append(
            f"Status changed from {STATUS_WORDS[Status(before['status'])].lower()} "
            f"to {STATUS_WORDS[Status(action['status'])].lower()}."
        )
    if before["due"] != action["due"]:
        said.append(
            f"Due date moved from {long_date(_day(before['due']))} "
            f"to {long_date(_day(action['due']))}."
        )
    if before["rag"] != action["rag"]:
        said.append(f"RAG changed from {_rag_word(before['rag'])} to {_rag_word(action['rag'])}.")
    return said


def build_report(current: dict[str, Any], previous: dict[str, Any] | None) -> ProgressReport:
    """The report for the snapshot `current`, compared with the snapshot of the previous report
    (None for the first report: then nothing is "changed" and every update is listed)."""
    before_actions = {
        a["id"]: a for r in (previous or {}).get("recommendations", []) for a in r["actions"]
    }
    seen_updates = {u["id"] for a in before_actions.values() for u in a["updates"]}
    rows, rags, new_actions, moved, new_updates = [], [], 0, 0, 0
    for recommendation in current["recommendations"]:
        actions = []
        for action in recommendation["actions"]:
            before = before_actions.get(action["id"])
            changes = _changes(action, before, previous is None)
            new_actions += previous is not None and before is None
            moved += before is not None and before["status"] != action["status"]
            fresh = [u for u in action["updates"] if u["id"] not in seen_updates]
            new_updates += len(fresh)
            rags.append(Rag[action["rag"].upper()] if action["rag"] else None)
            actions.append(
                ActionRow(
                    what=action["what"],
                    responsible=action["responsible"],
                    due=long_date(_day(action["due"])) or "",
                    due_date=date.fromisoformat(action["due"]),
                    success=action["success"],
                    status=STATUS_WORDS[Status(action["status"])],
                    reason=action["reason"],
                    rag=_rag_word(action["rag"]),
                    rag_code=action["rag"] or "none",
                    changes=changes,
                    new_updates=[
                        UpdateRow(long_date(_day(u["date"])) or "", u["note"], u["link"], u["file"])
                        for u in fresh
                    ],
                )
            )
        rows.append(
            RecommendationRow(
                recommendation["number"],
                recommendation["addressee"],
                recommendation["text"],
                actions,
            )
        )
    worst, counts = summary(rags)
    count_lines = [
        quantity(counts[r], "action") + f" {r.word.lower()}" for r in reversed(Rag) if counts[r]
    ]
    if counts[None]:
        count_lines.append(quantity(counts[None], "action") + " not being done")
    if previous is None:
        changed = ["This is the first progress report on this plan."]
    else:
        changed = [
            f"{quantity(new_actions, 'new action')}, "
            f"{quantity(moved, 'action')} with a new status and "
            f"{quantity(new_updates, 'progress update')} since "
            f"{long_date(_day(previous['as_of']))}."
        ]
    accepted = (
        f"Accepted on {long_date(_day(current['accepted_on']))} by {current['accepted_by']}."
        if current["accepted_on"]
        else None
    )
    return ProgressReport(
        service=current["service"],
        inspection=current["inspection"],
        as_of=long_date(_day(current["as_of"])) or "",
        published=long_date(_day(current["published"])) or "",
        plan_due=long_date(_day(current["plan_due"])) or "",
        accepted=accepted,
        previous_as_of=long_date(_day(previous["as_of"])) if previous else None,
        overall=worst.word if worst else "Not rated",
        counts=count_lines or ["No actions yet."],
        changed=changed,
        recommendations=rows,
    )
