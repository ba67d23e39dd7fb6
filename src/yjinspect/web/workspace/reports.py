"""The inspection's report and press release, through the same core as `yjinspect report`."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings

from yjinspect.reporting.press import PressRelease, build_press_release
from yjinspect.reporting.render import Report
from yjinspect.reporting.report import build
from yjinspect.web.accuracy import previous
from yjinspect.web.workspace import scored
from yjinspect.web.workspace.evidence import inspection_rating
from yjinspect.web.workspace.interchange import export_results
from yjinspect.web.workspace.models import Inspection


def inspection_report(inspection: Inspection) -> Report:
    """Raises DiscretionRefused if recorded discretion no longer fits the evidence, and
    scored.NotImported for a scored inspection without its results file."""
    if scored.is_scored(inspection):
        rating, loaded = scored.rating_of(inspection)
        return build(rating, loaded.results, scored.comparisons(inspection))
    rating = inspection_rating(inspection)
    if inspection.status != Inspection.Status.PUBLISHED:
        # Until it is published the report is a draft, whatever date is planned for it (the
        # press release still gives the planned date, for its embargo).
        rating = replace(rating, inspection=rating.inspection.model_copy(
            update={"publication_date": None}))  # fmt: skip
    report = build(rating, export_results(inspection))
    # Only the workspace knows the service's previous inspection (a results file does not).
    return replace(report, previous=previous.comparison(inspection))


def inspection_press_release(inspection: Inspection) -> PressRelease:
    return build_press_release(
        inspection_rating(inspection),
        export_results(inspection),
        settings.YJINSPECT_MEDIA_CONTACT,
    )
