"""The national picture's sources in the workspace: published inspections, rated by the ratings
page's own path (`evidence.inspection_rating`), and the uploaded published-results CSVs, read by
the core readers (`national.read_sources`), each file all or nothing.

Both are kept in memory between requests, so a picture over thousands of inspections is counted
on arrays without reading or rating them again: an uploaded file never changes (it is removed
and uploaded again), and a published inspection is read-only until its lead reopens it, which
writes a new audit record, so its latest audit record id says whether it must be rated again.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from yjinspect.errors import InputError
from yjinspect.frameworks.schema import RatedFramework
from yjinspect.national import About, DataProblem, National
from yjinspect.national.sources import combine, from_engine_ratings, read_sources
from yjinspect.ratings.discretion import DiscretionRefused
from yjinspect.ratings.engine import InspectionRating
from yjinspect.web.inspections.frameworks import find_framework
from yjinspect.web.national.models import PublishedResults
from yjinspect.web.workspace import scored
from yjinspect.web.workspace.evidence import inspection_rating
from yjinspect.web.workspace.models import Inspection
from yjinspect.web.workspace.uploads import uploads

_lock = threading.Lock()
_files: dict[tuple[int, str], National] = {}
# Keyed on (inspection, its newest history record), not on `evidence_version`: a published
# inspection is read-only (`workspace/rules.py`), so only reopening it, which writes a history
# record, can change its evidence; and one query serves every inspection on the page.
_rated: dict[tuple[int, int], InspectionRating | str] = {}


def source_of(inspection: Inspection) -> str:
    """How a workspace inspection is named among the picture's sources."""
    return f"workspace inspection {inspection.pk}"


def read_csv_upload(name: str, content: bytes) -> National:
    """One published-results CSV read by the core readers; raises `InputError` naming the
    upload, its lines and columns. Problems and sources name the upload, not a temporary path.
    A framework is named by id (bundled or uploaded), never by a path: that would read any file
    the server can, the database itself among them."""
    if Path(name).suffix.lower() != ".csv":
        raise InputError.single(name, "is not a CSV: upload a published-results CSV (.csv)")
    with uploads() as save:
        path = save(name, content)
        national = read_sources([path], find_framework)
    where = str(path)
    return National(
        {
            fid: replace(
                rated,
                about=tuple(replace(a, source=a.source.replace(where, name)) for a in rated.about),
            )
            for fid, rated in national.sets.items()
        },
        tuple(replace(p, file=p.file.replace(where, name)) for p in national.problems),
    )


def import_published_results(name: str, content: bytes, user: object) -> PublishedResults:
    """Keep an upload that reads whole; raises `InputError` (nothing kept) otherwise, or when a
    file of that name is already kept (its figures would count twice)."""
    national = read_csv_upload(name, content)
    with transaction.atomic():
        if PublishedResults.objects.filter(name=name).exists():
            raise InputError.single(
                name, "a file of this name is already in the picture: remove it first"
            )
        return PublishedResults.objects.create(
            name=name, content=content, inspections=national.inspections, uploaded_by=user
        )


def _uploaded() -> list[National]:
    kept = {}
    for key in PublishedResults.objects.values_list("pk", "name"):
        if key not in _files:
            _files[key] = _read_kept(*key)
        kept[key] = _files[key]
    _keep_only(_files, kept)
    return list(kept.values())


def _read_kept(pk: int, name: str) -> National:
    """A kept file, read again; one that no longer reads (a framework it names has changed)
    is left out of the picture and listed, rather than stopping the page."""
    content = PublishedResults.objects.values_list("content", flat=True).get(pk=pk)
    try:
        return read_csv_upload(name, bytes(content))
    except InputError as refusal:
        return National({}, (DataProblem(name, None, None, f"left out: {refusal.describe()}"),))


def _keep_only(cache: dict, current: dict) -> None:
    """Forget what is no longer a source (a removed file, a reopened inspection)."""
    for key in set(cache) - set(current):
        del cache[key]


def _about(inspection: Inspection) -> About:
    service = inspection.service
    return About(
        service.name, inspection.publication_date, source_of(inspection), None, service.kind
    )


def _published() -> National:
    """Published inspections under rated frameworks, rated as their ratings page rates them;
    one whose recorded discretion no longer fits its evidence is left out and listed."""
    published = Inspection.objects.filter(status=Inspection.Status.PUBLISHED).select_related(
        "service"
    )
    latest = dict(
        Inspection.history.filter(id__in=published.values("pk"))
        .values("id")
        .annotate(latest=Max("history_id"))
        .values_list("id", "latest")
    )
    rated: dict[str, list[tuple[About, InspectionRating]]] = defaultdict(list)
    frameworks: dict[str, RatedFramework] = {}
    problems = []
    current = {}
    for inspection in published.order_by("pk"):
        if scored.is_scored(inspection):
            continue
        key = (inspection.pk, latest.get(inspection.pk, 0))
        if key not in _rated:
            try:
                _rated[key] = inspection_rating(inspection)
            except DiscretionRefused as refusal:
                _rated[key] = str(refusal)
        rating = current[key] = _rated[key]
        if isinstance(rating, str):
            problems.append(DataProblem(source_of(inspection), None, None, f"left out: {rating}"))
            continue
        frameworks[rating.framework.id] = rating.framework
        rated[rating.framework.id].append((_about(inspection), rating))
    _keep_only(_rated, current)
    return National(
        {fid: from_engine_ratings(frameworks[fid], found) for fid, found in rated.items()},
        tuple(problems),
    )


def published_national() -> National:
    """Every published source in the workspace, as one set of inspections."""
    with _lock:
        return combine([_published(), *_uploaded()])
