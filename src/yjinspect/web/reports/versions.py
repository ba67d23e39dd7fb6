"""The version of everything a report is built from, as one key for its stored renderings.

Every record the report reads is audited by django-simple-history, and every change (a save or
a deletion) adds a history row with a larger `history_id`. So the largest `history_id` in each
history table, over the rows about this inspection, changes whenever anything behind the report
changes: its evidence (cases, assessments, answers, judgements, discretion), its words (findings,
recommendations, surveys, fieldwork, foreword, quotes), its status and dates and its service.
The key adds the renderer's version (the code), the date (a draft says when it was generated) and
the media contact (the press release's notes). Computed in one query.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Model, QuerySet, Subquery
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


def _history(model: type[Model]) -> QuerySet[Any]:
    return model.history.model.objects.all()  # type: ignore[attr-defined]


def _latest(rows: QuerySet[Any]) -> Subquery:
    return Subquery(rows.order_by("-history_id").values("history_id")[:1])


def _about_inspection() -> list[type[Model]]:
    """Every audited model with an `inspection` field (so a new one counts without a change
    here)."""
    return [
        model
        for model in apps.get_models()
        if hasattr(model, "history") and any(f.name == "inspection" for f in model._meta.fields)
    ]


def _sources(inspection: Inspection) -> dict[str, Subquery]:
    cases = _history(Case).filter(inspection_id=inspection.pk).values("id")
    assessments = _history(CaseAssessment).filter(case_id__in=cases).values("id")
    sources = {
        model._meta.db_table: _latest(_history(model).filter(inspection_id=inspection.pk))
        for model in _about_inspection()
    }
    sources["inspection"] = _latest(_history(Inspection).filter(id=inspection.pk))
    sources["assessments"] = _latest(_history(CaseAssessment).filter(case_id__in=cases))
    sources["answers"] = _latest(_history(Answer).filter(assessment_id__in=assessments))
    sources["service"] = _latest(_history(Service).filter(id=inspection.service_id))
    if scored.is_scored(inspection):
        # Compared with published scores and the other published inspections' results files.
        sources["all_scored_results"] = _latest(_history(ScoredResults))
        sources["all_published_scores"] = _latest(_history(PublishedScore))
        sources["all_inspections"] = _latest(_history(Inspection))
    return sources


def report_key(inspection: Inspection) -> str:
    """A hex digest that changes whenever the inspection's report or press release would."""
    sources = _sources(inspection)
    named = {f"latest_{name}": rows for name, rows in sources.items()}
    latest = Inspection.objects.filter(pk=inspection.pk).annotate(**named).values(*named)
    facts = {
        "inspection": inspection.pk,
        "latest changes": latest.first(),
        "renderer": renderer_version(),
        "date": timezone.localdate().isoformat(),
        "media contact": settings.YJINSPECT_MEDIA_CONTACT,
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()
