"""The stored plan as the core's facts (`yjinspect.plans.progress.PlanFacts`), as it stood at
the end of a day (from the audit trail), and what the plan's pages show of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from yjinspect import timetable
from yjinspect.errors import InputError
from yjinspect.plans.progress import (
    ActionFacts,
    PlanFacts,
    RecommendationFacts,
    UpdateFacts,
    action_rag,
)
from yjinspect.plans.rag import ActionState, Rag, Status, is_overdue
from yjinspect.web.inspections.frameworks import framework_for
from yjinspect.web.plans.models import Action, Plan, ProgressUpdate
from yjinspect.web.workspace.models import Inspection


def published(inspection: Inspection) -> date:
    """The publication date; a published inspection without one counts from its fieldwork."""
    return inspection.publication_date or inspection.fieldwork_end or inspection.fieldwork_start


def plan_due(inspection: Inspection) -> date:
    """When the plan is due: the framework's interval after publication (`timetable`)."""
    try:
        framework = framework_for(inspection)
    except InputError:  # the task list says why; the default interval still gives a date
        framework = None
    return timetable.plan_due(framework, published(inspection))


def _update(update: Any) -> UpdateFacts:
    return UpdateFacts(update.pk, update.day, update.note, update.link, update.file_name)


def _action(action: Any, updates: list[Any]) -> ActionFacts:
    return ActionFacts(
        id=action.pk,
        what=action.what,
        responsible=action.responsible,
        due=action.due,
        success=action.success,
        status=Status(action.status),
        added=action.added,
        reason=action.reason,
        updates=tuple(_update(u) for u in updates),
    )


def plan_facts(inspection: Inspection, as_of: date | None = None) -> PlanFacts:
    """The plan now, or (with `as_of`) as the audit trail has it at the end of that day."""
    if as_of is None:
        actions = Action.objects.filter(recommendation__inspection=inspection)
        updates = ProgressUpdate.objects.filter(action__recommendation__inspection=inspection)
    else:
        end = timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))
        actions = Action.history.as_of(end).filter(recommendation__inspection=inspection)
        updates = ProgressUpdate.objects.filter(
            action__recommendation__inspection=inspection, day__lte=as_of
        )
    by_action: dict[int, list[Any]] = {}
    for update in updates.defer("file_content").order_by("day", "pk"):
        by_action.setdefault(update.action_id, []).append(update)
    by_recommendation: dict[int, list[ActionFacts]] = {}
    for action in sorted(actions, key=lambda a: (a.due, a.pk)):
        by_recommendation.setdefault(action.recommendation_id, []).append(
            _action(action, by_action.get(action.pk, []))
        )
    plan = Plan.objects.filter(inspection=inspection).select_related("accepted_by").first()
    accepted = plan is not None and plan.accepted_on is not None
    return PlanFacts(
        service=str(inspection.service),
        inspection=f"{inspection.fieldwork_start:%B %Y}",
        published=published(inspection),
        plan_due=plan_due(inspection),
        recommendations=tuple(
            RecommendationFacts(r.pk, r.addressee, r.text, tuple(by_recommendation.get(r.pk, [])))
            for r in inspection.recommendations.all()
        ),
        accepted_on=plan.accepted_on if accepted else None,
        accepted_by=plan.accepted_by.get_username() if accepted else "",
    )


@dataclass(frozen=True)
class ActionView:
    """An action as a page shows it: the stored row, its RAG today and whether it is overdue."""

    action: Action
    rag: Rag | None
    overdue: bool
    last_update: date | None


def action_view(action: Action, today: date) -> ActionView:
    facts = _action(action, list(action.updates.all()))
    heard = [u.day for u in facts.updates]
    return ActionView(
        action,
        action_rag(facts, today),
        is_overdue(ActionState(facts.status, facts.due, facts.added), today),
        max(heard) if heard else None,
    )
