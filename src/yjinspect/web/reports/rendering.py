"""Report and press release files served from their stored renderings: the fast ones (HTML,
Markdown, press release) are rendered on the request on a miss; PDF and Word are rendered by a
task worker (`tasks.render_stored`) while the page says they are being prepared."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from yjinspect.reporting.press import (
    PRESS_MEDIA_TYPES,
    PressFormat,
    PressRelease,
    render_press_release,
)
from yjinspect.reporting.report import MEDIA_TYPES, ReportFormat, render_report
from yjinspect.web.compiled import Compiled
from yjinspect.web.reports.models import Rendering
from yjinspect.web.reports.versions import report_key
from yjinspect.web.workspace import reports
from yjinspect.web.workspace.models import Inspection

SLOW = {"report.pdf", "report.docx"}  # rendered off the request, by a worker


def output_name(stem: str, fmt: str) -> str | None:
    """ "report.pdf" for ("report", "pdf"); None for a format that does not exist."""
    formats = {"report": ReportFormat, "press-release": PressFormat}[stem]
    return f"{stem}.{fmt}" if fmt in {f.value for f in formats} else None


def media_type(output: str) -> str:
    stem, fmt = output.split(".")
    if stem == "report":
        return MEDIA_TYPES[ReportFormat(fmt)]
    return PRESS_MEDIA_TYPES[PressFormat(fmt)]


def build(inspection: Inspection, output: str) -> bytes:
    """Render a file from the inspection as it is now. Raises DiscretionRefused and
    scored.NotImported (when the report cannot be built yet)."""
    stem, fmt = output.split(".")
    if stem == "report":
        return render_report(reports.inspection_report(inspection), ReportFormat(fmt))
    release = reports.inspection_press_release(inspection)
    return render_press_release(release, PressFormat(fmt)).encode("utf-8")


def press_release(inspection: Inspection) -> PressRelease:
    """The draft press release the report page shows, built once per version of what it is
    built from (`report_key`, as the files are), then from Django's cache. Raises as `build`."""
    key = f"press-release:{inspection.pk}:{report_key(inspection)}"
    release = django_cache.get(key)
    if release is None:
        release = reports.inspection_press_release(inspection)
        django_cache.set(key, release, timeout=None)
    return release


_STORED = Compiled(
    lambda pk, output, key: Rendering.objects.filter(inspection_id=pk, output=output, key=key),
    -7_019_283_749,  # stand-ins for the inspection's id, the output and the key
    "(any output)",
    "(any key)",
)


def current(inspection: Inspection, output: str) -> tuple[str, Rendering | None]:
    """The key of the inspection as it is now, and the rendering stored for it, if any (read
    on every download, so its query is compiled once)."""
    key = report_key(inspection)
    return key, _STORED.first(inspection.pk, output, key)


def store(inspection: Inspection, output: str, key: str, content: bytes) -> None:
    """Keep a rendering for `key` and drop those of older versions of the same file (one asked
    for since, of a newer version, is left to its own task)."""
    with transaction.atomic():
        kept, _ = Rendering.objects.update_or_create(
            inspection=inspection, output=output, key=key,
            defaults={"content": content, "problem": ""},
        )  # fmt: skip
        others = Rendering.objects.filter(inspection=inspection, output=output).exclude(pk=kept.pk)
        others.filter(Q(created__lte=kept.created) | Q(content__isnull=False)).delete()


def request_rendering(inspection: Inspection, output: str, key: str) -> Rendering:
    """The rendering waiting for `key`, with its task queued once (two requests at once queue
    one task)."""
    from yjinspect.web.reports.tasks import render_stored

    try:
        with transaction.atomic():
            waiting = Rendering.objects.create(inspection=inspection, output=output, key=key)
            waiting.task_id = str(render_stored.enqueue(waiting.pk).id)
            waiting.save(update_fields=["task_id"])
            return waiting
    except IntegrityError:
        return Rendering.objects.get(inspection=inspection, output=output, key=key)


def task_failed(waiting: Rendering) -> bool:
    """Whether a waiting rendering's task will never render it: the worker gave up on it (the
    task itself keeps every failure it can catch in `problem`), or it has waited for a worker,
    or been running, for longer than YJINSPECT_REPORT_RENDER_TIMEOUT seconds (a worker stopped,
    or killed mid-render, leaves its task running for ever)."""
    from yjinspect.web.reports.tasks import render_stored

    if not waiting.task_id or waiting.content is not None:
        return False
    try:
        result = render_stored.get_result(waiting.task_id)
    except TaskResultDoesNotExist:  # pruned: it finished long ago, without rendering this
        return True
    since = {
        TaskResultStatus.READY: result.enqueued_at,
        TaskResultStatus.RUNNING: result.started_at,
    }
    if result.status in since:
        limit = timedelta(seconds=settings.YJINSPECT_REPORT_RENDER_TIMEOUT)
        return since[result.status] is not None and timezone.now() - since[result.status] > limit
    return result.status == TaskResultStatus.FAILED
