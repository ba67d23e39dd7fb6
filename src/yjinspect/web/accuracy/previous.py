"""The service's previous inspection, for the next one's page and report: read from the
database here, compared in `reporting.movement`."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from yjinspect.errors import InputError
from yjinspect.frameworks import RatedFramework
from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.reporting.movement import Comparison, Earlier, compare
from yjinspect.web.inspections.frameworks import framework_for
from yjinspect.web.plans.outcomes import recommendation_outcomes, recurring
from yjinspect.web.workspace import scored
from yjinspect.web.workspace.evidence import inspection_rating, rate_inspection
from yjinspect.web.workspace.models import Inspection


def published_before(service_id: int, fieldwork_start: date) -> QuerySet[Inspection]:
    """The service's published inspections whose fieldwork began before `fieldwork_start`,
    latest first: the first is the previous inspection."""
    return Inspection.objects.filter(
        service_id=service_id,
        status=Inspection.Status.PUBLISHED,
        fieldwork_start__lt=fieldwork_start,
    ).order_by("-fieldwork_start", "-pk")


def previous_inspection(inspection: Inspection) -> Inspection | None:
    """The latest published inspection of the same service whose fieldwork began earlier."""
    return published_before(inspection.service_id, inspection.fieldwork_start).first()


def recommendations_of(previous: Inspection) -> tuple[tuple[str, str], ...]:
    """The previous inspection's recommendations as (addressee, text), in report order: its
    own, or a scored inspection's from its results file (none if not imported)."""
    if not scored.is_scored(previous):
        return tuple((r.addressee, r.text) for r in previous.recommendations.all())
    try:
        _, loaded = scored.rating_of(previous)
    except scored.NotImported:
        return ()
    return tuple((r.addressee, r.text) for r in loaded.results.recommendations)


def _earlier(previous: Inspection) -> Earlier:
    framework = framework_for(previous)
    said = recommendations_of(previous)
    if isinstance(framework, RatedFramework):
        standards, overall = rate_inspection(previous)
        ratings = {s.standard.id: s.rating for s in standards}
        return Earlier(framework, previous.publication_date, ratings, overall.rating, said,
                       recommendation_outcomes(previous), previous.fieldwork_start)  # fmt: skip
    return Earlier(framework, previous.publication_date, {}, None, said,
                   recommendation_outcomes(previous), previous.fieldwork_start)  # fmt: skip


def comparison(inspection: Inspection) -> Comparison | None:
    """The comparison with the previous inspection, or None when there is none to make (no
    previous inspection, a scored current one, or a framework that cannot be loaded). Raises
    DiscretionRefused as the current ratings do."""
    previous = previous_inspection(inspection)
    try:
        if previous is None or scored.is_scored(inspection):
            return None
        earlier = _earlier(previous)
    except (InputError, DiscretionRefused):  # the previous one cannot be rated as it stands
        return None
    return compare(earlier, inspection_rating(inspection), recurring(inspection, previous))
