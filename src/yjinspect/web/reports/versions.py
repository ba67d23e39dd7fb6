"""The version of everything a report is built from, as one key for its stored renderings.

Every record the report reads is audited by django-simple-history, and every change (a save or
a deletion) adds a history row with a larger `history_id`. The ratings' evidence (cases,
assessments, answers, judgements, discretion, second assessments, the inspection itself) is
keyed by `workspace.evidence.evidence_version`, the one version function of the audit trail; to
it this adds the largest `history_id` of each other audited table about the inspection: its
words (findings, recommendations, surveys, fieldwork, foreword, quotes) and the rest, and its
service. The report also says what became of the previous inspection (`accuracy.previous`): its
ratings, its status and the actions of its improvement plan. So the same sources about the
previous inspection (%(p)s, NULL when there is none) count too, with its plan's actions.
The key adds the renderer's version (the code), the date (a draft says when it was generated) and
the media contact (the press release's notes). One query, its SQL written once per process: the
key is read on every download, so it must cost far less than the file.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from yjinspect.reporting.version import renderer_version
from yjinspect.web.accuracy.previous import published_before
from yjinspect.web.compiled import Compiled, inlined, swapped
from yjinspect.web.plans.models import Action
from yjinspect.web.workspace import scored
from yjinspect.web.workspace.evidence import (
    ANY_INSPECTION,
    evidence_query,
    rating_sources,
    stamped,
)
from yjinspect.web.workspace.models import (
    Inspection,
    PublishedScore,
    Recommendation,
    ScoredResults,
    Service,
)


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model.history.model._meta.db_table)  # type: ignore[attr-defined]


def _latest(model: type[Model], where: str = "") -> str:
    return f"(SELECT MAX(history_id) FROM {_table(model)}{' WHERE ' + where if where else ''})"


def _about_inspection() -> list[type[Model]]:
    """Every audited model with an `inspection` field whose audit records `evidence_version`
    does not read already, so a new one counts with no change here."""
    read = rating_sources()
    return [
        model
        for model in apps.get_models()
        if hasattr(model, "history")
        and model.history.model not in read  # type: ignore[attr-defined]
        and any(f.name == "inspection" for f in model._meta.fields)
    ]


def _about(i: str) -> list[str]:
    """The latest history row of each other source about the inspection whose id is `i`."""
    return [_latest(model, f"inspection_id = {i}") for model in _about_inspection()]


# Stand for the service and the fieldwork date in the query compiled once (as the evidence
# query's ANY_INSPECTION stands for the inspection).
_ANY_SERVICE, _ANY_START = -7_019_283_745, date(1901, 2, 3)
_PREVIOUS = "(SELECT id FROM previous)"
_PREVIOUS_COLUMNS = ("id", "framework_id", "framework_version")
_PREVIOUS_ONE = Compiled(
    lambda service, start: published_before(service, start).values(*_PREVIOUS_COLUMNS)[:1],
    _ANY_SERVICE,
    _ANY_START,
)


@cache
def _query(compared: bool, evidence: tuple[str, tuple, int]) -> tuple[str, tuple, int]:
    """One query for the whole key, its parameters (ANY_INSPECTION, `_ANY_SERVICE` and
    `_ANY_START` standing for the inspection's), and how many columns come before the two
    evidence stamps: the previous inspection (id, framework) in a WITH clause; the latest
    history row of each other source about the inspection and the previous one, the previous
    one's plan's actions and the service; with `compared`, what a scored report is compared
    with (the published scores, every inspection's results file and status); then the
    evidence stamps of the inspection and of the previous one (`evidence`, from
    `evidence_query`: a key of this cache, so a table registered later counts). Four queries
    before, each built through the ORM on every download."""
    previous_sql, previous_params = _PREVIOUS_ONE.sql()
    evidence_sql, evidence_params, _ = evidence
    before_sql, before_params = inlined(evidence_sql, evidence_params, ANY_INSPECTION, _PREVIOUS)
    recommendations = f"SELECT id FROM {_table(Recommendation)} WHERE inspection_id = {_PREVIOUS}"
    parts = [*_about("%s"), *_about(_PREVIOUS), _latest(Service, "id = %s"),
             _latest(Action, f"recommendation_id IN ({recommendations})")]  # fmt: skip
    params = [*[ANY_INSPECTION] * len(_about_inspection()), _ANY_SERVICE]
    if compared:
        parts += [_latest(ScoredResults), _latest(PublishedScore), _latest(Inspection)]
    columns = [f"(SELECT {name} FROM previous)" for name in _PREVIOUS_COLUMNS] + parts
    # One row even for an inspection deleted since it was read (a worker reads its key), as
    # the evidence stamps come from its own row.
    sql = (
        f"WITH previous AS ({previous_sql}) SELECT {', '.join(columns)}, stamps.*, earlier.* "
        f"FROM (SELECT 1 AS one) one_row LEFT JOIN ({evidence_sql}) stamps ON 1 = 1 "
        f"LEFT JOIN ({before_sql}) earlier ON 1 = 1"
    )
    return sql, (*previous_params, *params, *evidence_params, *before_params), len(columns)


def report_key(inspection: Inspection) -> str:
    """A hex digest that changes whenever the inspection's report or press release would,
    from one query."""
    evidence = evidence_query()  # compiled for this database and the tables registered
    sql, params, before = _query(scored.is_scored(inspection), evidence)
    values = {
        ANY_INSPECTION: inspection.pk,
        _ANY_SERVICE: inspection.service_id,
        _ANY_START: inspection.fieldwork_start,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, swapped(params, values))
        row = cursor.fetchone()
    (previous, framework, version), latest = row[:3], row[3:before]
    _, _, stamps = evidence
    now, earlier = row[before : before + stamps], row[before + stamps :]
    facts = [
        inspection.pk,
        stamped(inspection.framework_id, inspection.framework_version, now),
        list(latest),
        stamped(framework, version, earlier) if previous is not None else None,
        renderer_version(),
        timezone.localdate().isoformat(),
        settings.YJINSPECT_MEDIA_CONTACT,
    ]
    return hashlib.sha256(json.dumps(facts, default=str).encode()).hexdigest()
