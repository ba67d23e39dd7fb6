"""The version of everything a report is built from, as one key for its stored renderings.

Every record the report reads is audited by django-simple-history, and every change (a save or
a deletion) adds a history row with a larger `history_id`. So the largest `history_id` in each
history table, over the rows about this inspection, changes whenever anything behind the report
changes: its evidence (cases, assessments, answers, judgements, discretion), its words (findings,
recommendations, surveys, fieldwork, foreword, quotes), its status and dates and its service.
The key adds the renderer's version (the code), the date (a draft says when it was generated) and
the media contact (the press release's notes). One query, written once per process: it runs on
every download, so it must cost far less than the file.
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
from yjinspect.web.workspace import scored
from yjinspect.web.workspace.models import (
    Answer,
    Case,
    CaseAssessment,
    Inspection,
    PublishedScore,
    ScoredResults,
    Service,
)


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model.history.model._meta.db_table)  # type: ignore[attr-defined]


def _latest(model: type[Model], where: str = "") -> str:
    return f"(SELECT MAX(history_id) FROM {_table(model)}{' WHERE ' + where if where else ''})"


def _about_inspection() -> list[type[Model]]:
    """Every audited model with an `inspection` field, so a new one counts with no change here."""
    return [
        model
        for model in apps.get_models()
        if hasattr(model, "history") and any(f.name == "inspection" for f in model._meta.fields)
    ]


@cache
def _query(compared: bool) -> str:
    """The latest history row of each source, for the inspection (%(i)s) and its service
    (%(s)s); `compared` adds what a scored report is compared with: the published scores and
    every inspection's results file and status."""
    cases = f"SELECT id FROM {_table(Case)} WHERE inspection_id = %(i)s"
    assessments = f"SELECT id FROM {_table(CaseAssessment)} WHERE case_id IN ({cases})"
    parts = [_latest(model, "inspection_id = %(i)s") for model in _about_inspection()]
    parts += [
        _latest(Inspection, "id = %(i)s"),
        _latest(Service, "id = %(s)s"),
        _latest(CaseAssessment, f"case_id IN ({cases})"),
        _latest(Answer, f"assessment_id IN ({assessments})"),
    ]
    if compared:
        parts += [_latest(ScoredResults), _latest(PublishedScore), _latest(Inspection)]
    return "SELECT " + ", ".join(parts)


def report_key(inspection: Inspection) -> str:
    """A hex digest that changes whenever the inspection's report or press release would."""
    with connection.cursor() as cursor:
        cursor.execute(
            _query(scored.is_scored(inspection)),
            {"i": inspection.pk, "s": inspection.service_id},
        )
        latest = cursor.fetchone()
    facts = [
        inspection.pk,
        list(latest),
        renderer_version(),
        timezone.localdate().isoformat(),
        settings.YJINSPECT_MEDIA_CONTACT,
    ]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()
