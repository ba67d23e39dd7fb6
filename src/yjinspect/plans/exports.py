"""The improvement plan as export tables (CSV, XLSX, JSON through `reporting.exports`): its
actions, their progress updates, and the comments made on it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from yjinspect.plans.rag import STATUS_WORDS, Status
from yjinspect.reporting.exports import DataTable

PLAN_EXPORTS = ("actions", "updates", "comments")


def plan_tables(
    taken: dict[str, Any], comments: Iterable[tuple[date, str, str]]
) -> list[DataTable]:
    """Tables from a plan's `progress.snapshot` and its comments as (date, author, text)."""
    actions, updates = [], []
    for recommendation in taken["recommendations"]:
        for action in recommendation["actions"]:
            actions.append(
                (
                    recommendation["number"],
                    recommendation["addressee"],
                    action["what"],
                    action["responsible"],
                    date.fromisoformat(action["due"]),
                    action["success"],
                    STATUS_WORDS[Status(action["status"])],
                    action["reason"] or None,
                    action["rag"],
                )
            )
            updates += [
                (
                    recommendation["number"],
                    action["what"],
                    date.fromisoformat(u["date"]),
                    u["note"],
                    u["link"] or None,
                    u["file"] or None,
                )
                for u in action["updates"]
            ]
    return [
        DataTable(
            "actions",
            (
                "recommendation",
                "addressee",
                "action",
                "responsible",
                "due",
                "success",
                "status",
                "reason_not_done",
                "rag",
            ),
            tuple(actions),
        ),
        DataTable(
            "updates",
            ("recommendation", "action", "date", "note", "link", "file"),
            tuple(updates),
        ),
        DataTable("comments", ("date", "author", "text"), tuple(comments)),
    ]
