"""Scored (Core Case Inspection) inspections in the workspace: rated from an imported results
file, and compared with published scores and the workspace's other published inspections."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from yjinspect.errors import InputError
from yjinspect.files import decode
from yjinspect.frameworks import ScoredFramework
from yjinspect.ratings.engine import ScoredInspection, rate
from yjinspect.reporting.comparison import PublishedScores, read_published_scores, scores_of
from yjinspect.results import LoadedResults
from yjinspect.web.inspections.frameworks import (
    framework_for,
    load_inspection_results,
    other_framework,
)
from yjinspect.web.workspace.models import Inspection, PublishedScore, ScoredResults
from yjinspect.web.workspace.uploads import uploads


class NotImported(Exception):
    """A scored inspection is rated from its results file, and none has been imported yet."""

    def __init__(self) -> None:
        super().__init__("Import this inspection's results file first.")


def is_scored(inspection: Inspection) -> bool:
    return isinstance(framework_for(inspection), ScoredFramework)


def _load(inspection: Inspection, name: str, content: bytes) -> LoadedResults:
    with uploads() as save:
        return load_inspection_results(inspection, save(name, content))


def require_results(inspection: Inspection) -> None:
    """Raises NotImported unless the results file has been imported."""
    if not ScoredResults.objects.filter(inspection=inspection).exists():
        raise NotImported


def loaded_results(inspection: Inspection) -> LoadedResults:
    """The imported results file, checked again against its framework; raises NotImported
    before it is imported."""
    stored = getattr(inspection, "scored_results", None)
    if stored is None:
        raise NotImported
    return _load(inspection, stored.name, stored.content.encode("utf-8"))


def rating_of(inspection: Inspection) -> tuple[ScoredInspection, LoadedResults]:
    """Raises NotImported before the results file is imported."""
    loaded = loaded_results(inspection)
    rating = rate(loaded)
    assert isinstance(rating, ScoredInspection)
    return rating, loaded


def import_scored(inspection: Inspection, name: str, content: bytes) -> None:
    """Keep an uploaded results file once it checks; raises InputError naming `name`."""
    loaded = _load(inspection, name, content)
    if problems := other_framework(inspection, loaded.results.framework):
        raise InputError(name, problems)
    ScoredResults.objects.update_or_create(
        inspection=inspection, defaults={"name": name, "content": decode(Path(name), content)[0]}
    )


@transaction.atomic
def import_published_scores(inspection: Inspection, name: str, content: bytes) -> int:
    """Add (or correct) published scores from a CSV, all or nothing; returns the row count."""
    framework = framework_for(inspection)
    assert isinstance(framework, ScoredFramework)
    with uploads() as save:
        rows = read_published_scores(save(name, content), framework)
    for row in rows:
        PublishedScore.objects.update_or_create(
            framework_id=framework.id,
            service=row.service,
            published=row.published,
            defaults={"headlines": row.headlines},
        )
    return len(rows)


def comparisons(inspection: Inspection) -> list[PublishedScores]:
    """Imported published scores, and the workspace's other published inspections under the
    same framework (never an unpublished one: its scores are not public)."""
    found = [
        PublishedScores(row.service, row.published, row.headlines)
        for row in PublishedScore.objects.filter(framework_id=inspection.framework_id)
    ]
    others = Inspection.objects.filter(
        framework_id=inspection.framework_id,
        status=Inspection.Status.PUBLISHED,
        scored_results__isnull=False,
    ).exclude(pk=inspection.pk)
    found += [scores_of(rating_of(other)[0]) for other in others]
    return found
