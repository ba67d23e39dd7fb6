"""The report files rendered off the request by a task worker (django-tasks with the
django-tasks-db backend: `yjinspect serve` starts YJINSPECT_REPORT_WORKERS of them)."""

from __future__ import annotations

import logging

from django_tasks import task

from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.web.reports.models import Rendering
from yjinspect.web.reports.rendering import build, store
from yjinspect.web.reports.versions import report_key
from yjinspect.web.workspace import scored

logger = logging.getLogger(__name__)

FAILED = (
    "Something went wrong while preparing the file. Try again; if it happens again, tell your "
    "administrator."
)


@task()
def render_stored(rendering_id: int) -> None:
    """Render a waiting rendering and keep it, or keep why it could not be rendered."""
    waiting = (
        Rendering.objects.select_related("inspection")
        .filter(pk=rendering_id, content__isnull=True, problem="")
        .first()
    )
    if waiting is None:  # rendered meanwhile, or replaced by a newer version's
        return
    if report_key(waiting.inspection) != waiting.key:  # changed since: no one will ask for it
        waiting.delete()
        return
    try:
        content = build(waiting.inspection, waiting.output)
    except (DiscretionRefused, scored.NotImported) as refusal:
        problem = f"No report: {refusal}"
    except Exception:
        logger.exception("rendering %s failed", waiting)
        problem = FAILED
    else:
        store(waiting.inspection, waiting.output, waiting.key, content)
        return
    Rendering.objects.filter(pk=waiting.pk).update(problem=problem)
