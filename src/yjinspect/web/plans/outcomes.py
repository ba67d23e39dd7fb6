"""What became of an inspection's recommendations, for the next inspection of the service
(`web/accuracy/previous.py`): what its improvement plan says, and which recommendation of the
next inspection repeats it (the lead's mark)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from yjinspect.plans.rag import ActionState, Outcome, Status, is_overdue, recommendation_outcome
from yjinspect.web.plans.models import Recurrence
from yjinspect.web.workspace.edits import check_unchanged, seen
from yjinspect.web.workspace.models import Inspection, Recommendation


def recommendation_outcomes(inspection: Inspection) -> dict[int, Outcome] | None:
    """Recommendation number (from 1, in report order) -> what became of it; None when the
    inspection holds no improvement plan."""
    if not hasattr(inspection, "plan"):
        return None
    recommendations = inspection.recommendations.prefetch_related("actions")
    today = date.today()
    found = {}
    for number, recommendation in enumerate(recommendations, start=1):
        states = [ActionState(Status(a.status), a.due, a.added)
                  for a in recommendation.actions.all()]  # fmt: skip
        found[number] = recommendation_outcome(
            (s.status for s in states), sum(is_overdue(s, today) for s in states)
        )
    return found


def recurring(inspection: Inspection, previous: Inspection) -> dict[int, int]:
    """The previous inspection's recommendation number -> the number (from 1, in report order)
    of this inspection's recommendation the lead marked as repeating it."""
    numbers = {pk: n for n, pk in enumerate(
        inspection.recommendations.values_list("pk", flat=True), start=1)}  # fmt: skip
    marks = Recurrence.objects.filter(inspection=inspection, previous=previous)
    return {mark.number: numbers[mark.recommendation_id] for mark in marks
            if mark.recommendation_id in numbers}  # fmt: skip


def marks_seen(inspection: Inspection) -> int:
    """The newest audit record of the lead's marks on `inspection`: what a page drawn now shows
    (`edits.seen`), for `mark_recurrence`."""
    return seen(Recurrence.history.filter(inspection_id=inspection.pk))


@transaction.atomic
def mark_recurrence(
    inspection: Inspection,
    previous: Inspection,
    number: int,
    by: Recommendation | None,
    seen_then: int | None = None,
) -> None:
    """Record that this inspection's recommendation `by` repeats the previous inspection's
    recommendation `number` (None: none repeats it). One audited change. With `seen_then`
    (`marks_seen` when the page was drawn), a mark of `number` made since, in another tab,
    is never overwritten: `edits.EditedMeanwhile`, nothing saved."""
    if seen_then is not None:
        check_unchanged(
            inspection,
            Recurrence.history.filter(inspection_id=inspection.pk, number=number),
            seen_then,
            lambda record: f"the mark of previous recommendation {number}",
        )
    found = (
        Recurrence.objects.select_for_update()
        .filter(inspection=inspection, previous=previous, number=number)
        .first()
    )
    if by is None:
        if found is not None:
            found._change_reason = "no longer marked as repeated"
            found.delete()
        return
    found = found or Recurrence(inspection=inspection, previous=previous, number=number)
    found.recommendation = by
    found._change_reason = "marked as repeated by one of this report's recommendations"
    found.save()
