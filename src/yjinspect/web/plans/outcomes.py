"""What the improvement plan says became of an inspection's recommendations, for the next
inspection of the service (`web/accuracy/previous.py`)."""

from __future__ import annotations

from yjinspect.plans.rag import Status, recommendation_outcome
from yjinspect.web.workspace.models import Inspection


def recommendation_outcomes(inspection: Inspection) -> dict[int, str] | None:
    """Recommendation number (from 1, in report order) -> what became of it; None when the
    inspection holds no improvement plan."""
    if not hasattr(inspection, "plan"):
        return None
    recommendations = inspection.recommendations.prefetch_related("actions")
    return {
        number: recommendation_outcome(Status(a.status) for a in recommendation.actions.all())
        for number, recommendation in enumerate(recommendations, start=1)
    }
