"""The demo's improvement plan: the published Essex inspection's plan, in progress on the day the
demo is built (two actions complete, one overdue, two progress updates, a comment from the
monitoring body). Dates count from the day, so the RAG reads the same whenever it is built."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from yjinspect.plans.rag import Status
from yjinspect.web.plans.models import Action, Plan, PlanComment, ProgressUpdate
from yjinspect.web.workspace.models import Inspection

# (recommendation number, what, responsible, due in days from today, success, status)
ACTIONS = (
    (1, "Agree the revised out-of-court disposal scheme with Essex Police", "Head of service",
     -120, "The scheme is signed by both partners and in use", Status.COMPLETE),
    (1, "Train case managers in the revised scheme", "Practice development team", 60,
     "Every case manager has attended the training", Status.IN_PROGRESS),
    (2, "Audit the education, training and employment of every child on the caseload",
     "Education team", -14, "An audit report to the management board", Status.IN_PROGRESS),
    (3, "Add the service's strengths to the strategic plan", "Management board", -30,
     "The strategic plan names them, with owners", Status.COMPLETE),
    (5, "Add victims' needs and wishes to the assessment checklist", "Restorative justice team",
     150, "Case audits find victims considered in assessment and planning", Status.NOT_STARTED),
)  # fmt: skip


def build_demo_plan(inspection: Inspection, users: dict[str, Any]) -> None:
    """The plan of the published `inspection`, written by the service viewer."""
    today = date.today()
    recommendations = list(inspection.recommendations.all())
    made = []
    for number, what, responsible, due, success, status in ACTIONS:
        made.append(
            Action.objects.create(
                recommendation=recommendations[number - 1],
                what=what,
                responsible=responsible,
                due=today + timedelta(days=due),
                success=success,
                status=status.value,
                added=today - timedelta(days=200),
            )
        )
    viewer = users["viewer"]
    ProgressUpdate.objects.create(
        action=made[0], day=today - timedelta(days=125), added_by=viewer,
        note="The scheme was agreed at the joint decision-making panel and is in use.",
        link="https://www.example.org/essex-yos/out-of-court-scheme",
    )  # fmt: skip
    ProgressUpdate.objects.create(
        action=made[2], day=today - timedelta(days=100), added_by=viewer,
        note="The audit has started; half of the caseload is audited so far.",
    )  # fmt: skip
    plan = Plan.objects.create(inspection=inspection)
    PlanComment.objects.create(
        plan=plan, author=users["monitor"],
        text="Please say when the education audit will report to the management board.",
    )  # fmt: skip
