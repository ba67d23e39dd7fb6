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
the media contact (the press release's notes). A few small queries, their SQL written once per
process: the key is read on every download, so it must cost far less than the file.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from yjinspect.reporting.version import renderer_version
from yjinspect.web.accuracy.previous import previous_inspection
from yjinspect.web.plans.models import Action
from yjinspect.web.workspace import scored
from yjinspect.web.workspace.evidence import evidence_version, rating_sources
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


@cache
def _query(compared: bool) -> str:
    """The latest history row of each source, for the inspection (%(i)s), the previous one
    (%(p)s) with its plan's actions, and the service (%(s)s); `compared` adds what a scored
    report is compared with: the published scores and every inspection's results file and
    status."""
    recommendations = f"SELECT id FROM {_table(Recommendation)} WHERE inspection_id = %(p)s"
    parts = [*_about("%(i)s"), *_about("%(p)s"), _latest(Service, "id = %(s)s"),
             _latest(Action, f"recommendation_id IN ({recommendations})")]  # fmt: skip
    if compared:
        parts += [_latest(ScoredResults), _latest(PublishedScore), _latest(Inspection)]
    return "SELECT " + ", ".join(parts)


def report_key(inspection: Inspection) -> str:
    """A hex digest that changes whenever the inspection's report or press release would."""
    previous = previous_inspection(inspection)
    with connection.cursor() as cursor:
        cursor.execute(
            _query(scored.is_scored(inspection)),
            {"i": inspection.pk, "p": previous and previous.pk, "s": inspection.service_id},
        )
        latest = cursor.fetchone()
    facts = [
        inspection.pk,
        evidence_version(inspection),
        list(latest),
        evidence_version(previous) if previous is not None else None,
        renderer_version(),
        timezone.localdate().isoformat(),
        settings.YJINSPECT_MEDIA_CONTACT,
    ]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()
