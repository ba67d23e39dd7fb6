"""The bridge from stored assessments to the ratings engine: no second implementation.

The ratings are computed once per change of their evidence: `evidence_version` is a cheap key
that changes whenever anything feeding the ratings changes (read from the audit trail, which
records every change), and `rate_inspection` keeps its result in Django's cache under it.
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import cache
from typing import TypeVar

from django.core.cache import cache as django_cache
from django.db import connection
from django.db.models import Count, F, Func, Model, QuerySet, Subquery

from yjinspect.frameworks import RatedFramework
from yjinspect.ratings.engine import InspectionRating, assumptions_used, rate_standards
from yjinspect.ratings.overall import OverallRating
from yjinspect.ratings.standards import StandardRating
from yjinspect.results.evidence import RatedEvidence
from yjinspect.results.schema import DiscretionRequest, Service
from yjinspect.results.schema import Inspection as Dates
from yjinspect.results.tally import Tally
from yjinspect.web.compiled import Compiled
from yjinspect.web.inspections.frameworks import framework_for
from yjinspect.web.qa.ratings import rating_changes
from yjinspect.web.workspace.models import (
    Answer,
    Case,
    CaseAssessment,
    Discretion,
    Inspection,
    StandardJudgement,
)

# The audit records of everything that feeds an inspection's ratings, given its id.
EvidenceRecords = Callable[[int], QuerySet]
_FEEDS: dict[str, EvidenceRecords] = {}


def feeds_ratings(name: str) -> Callable[[EvidenceRecords], EvidenceRecords]:
    """Register the audit records (a django-simple-history queryset) of a table whose changes
    change an inspection's ratings; another app adds its own tables with this decorator."""

    def register(records: EvidenceRecords) -> EvidenceRecords:
        _FEEDS[name] = records
        return records

    return register


def _cases(pk: int) -> QuerySet:
    return Case.history.filter(inspection_id=pk)


def _assessments(pk: int) -> QuerySet:
    return CaseAssessment.history.filter(case_id__in=_cases(pk).values("id"))


# Read from the audit records alone, so a deleted case or answer still counts as a change.
feeds_ratings("framework")(lambda pk: Inspection.history.filter(id=pk))
feeds_ratings("cases' selection")(_cases)
feeds_ratings("case assessments' status")(_assessments)
feeds_ratings("answers")(
    lambda pk: Answer.history.filter(assessment_id__in=_assessments(pk).values("id"))
)
feeds_ratings("judgements")(lambda pk: StandardJudgement.history.filter(inspection_id=pk))
feeds_ratings("discretion")(lambda pk: Discretion.history.filter(inspection_id=pk))


def rating_sources() -> set[type[Model]]:
    """The audit (history) models `evidence_version` reads, for keys that add other tables."""
    return {records(ANY_INSPECTION).model for records in _FEEDS.values()}


def _newest(records: QuerySet, field: str) -> Subquery:
    """MAX(field) over the records, as a subquery (no GROUP BY: one row)."""
    newest = records.order_by().annotate(newest=Func(F(field), function="MAX"))
    return Subquery(newest.values("newest")[:1])


ANY_INSPECTION = -7_019_283_746  # stands for the inspection's id in the query compiled once


def _stamps(pk: int, feeds: tuple[str, ...]) -> QuerySet:
    """The newest audit record's id and time of each table in `feeds`, as one row."""
    newest = {}
    for n, name in enumerate(feeds):
        newest[f"id{n}"] = _newest(_FEEDS[name](pk), "history_id")
        newest[f"at{n}"] = _newest(_FEEDS[name](pk), "history_date")
    return Inspection.objects.filter(pk=pk).values(**newest)


@cache
def _compiled(feeds: tuple[str, ...]) -> Compiled:
    """`_stamps` compiled once for the tables registered (an app may register one later)."""
    return Compiled(lambda pk: _stamps(pk, feeds), ANY_INSPECTION)


def evidence_query() -> tuple[str, tuple, int]:
    """The SQL of the evidence stamps (one row: the newest audit record's id and time of each
    table in `feeds_ratings`) for the inspection whose id is the parameter `ANY_INSPECTION`,
    its parameters, and how many columns it gives: for a query that reads them with more."""
    feeds = tuple(_FEEDS)
    sql, params = _compiled(feeds).sql()
    return sql, params, 2 * len(feeds)


def stamped(framework_id: str, framework_version: str, stamps: Sequence[object]) -> str:
    """The evidence version (32 hex digits) from the framework and the evidence stamps."""
    text = ":".join([framework_id, framework_version, *map(str, stamps)])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()  # fit for any cache


def evidence_version(inspection: Inspection) -> str:
    """A key that changes whenever the evidence behind the inspection's ratings changes, in one
    query: the newest audit record (id and time) of each table in `feeds_ratings`, and the
    framework (rated or scored). Ids only grow, and a record rolled back and its id reused is
    later in time. Returns 32 hex digits."""
    stamps = _compiled(tuple(_FEEDS))
    with connection.cursor() as cursor:
        cursor.execute(stamps.sql()[0], stamps.params(inspection.pk))
        stamps = cursor.fetchone() or ()
    framework = framework_for(inspection)
    return stamped(framework.id, framework.version, stamps)


def framework_of(inspection: Inspection) -> RatedFramework:
    framework = framework_for(inspection)
    assert isinstance(framework, RatedFramework), "the workspace rates rated frameworks"
    return framework


def agreed_answer_counts(inspection: Inspection) -> dict[str, dict[str, int]]:
    """Key question -> answer -> number of cases, counting only agreed answers.

    The accepted first assessments of sampled cases (a reserve or replaced case is not part of
    the sample, whatever was stored for it), where a case also has a submitted second
    assessment, with each disagreement replaced by the moderator's agreed answer, or left out
    until it is settled (`qa.moderation.rating_changes`). Fed by the workspace's `Case`,
    `CaseAssessment` and `Answer` and the qa app's `SecondAssessment`, `SecondAnswer` and
    `AgreedAnswer`.
    """
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    accepted = Answer.objects.filter(
        assessment__case__inspection=inspection,
        assessment__case__selection=Case.Selection.SAMPLE,
        assessment__status=CaseAssessment.Status.ACCEPTED,
    ).exclude(value="")
    for row in accepted.values("key_question", "value").annotate(n=Count("id")):
        counts[row["key_question"]][row["value"]] = row["n"]
    changes, _ = rating_changes(inspection)
    for (question, value), change in changes.items():
        counts[question][value] = counts[question].get(value, 0) + change
    return counts


def unsettled_disagreements(inspection: Inspection, version: str | None = None) -> list[str]:
    """References of the cases whose unsettled disagreements are left out of the ratings,
    cached like the ratings (per `evidence_version`; give `version` if already known)."""
    key = f"unsettled:{inspection.pk}:{version or evidence_version(inspection)}"
    return _cached(key, lambda: rating_changes(inspection)[1])


def inspection_evidence(inspection: Inspection) -> RatedEvidence:
    """Tallies of the agreed answers (`agreed_answer_counts`) and the recorded judgements."""
    counts = agreed_answer_counts(inspection)
    tallies = {
        question: Tally(found.get("yes", 0), found.get("no", 0), found.get("n/a", 0))
        for question, found in counts.items()
    }
    framework = framework_of(inspection)
    judgements: dict[str, str | None] = {}
    for judgement in inspection.judgements.exclude(rating=""):
        not_rated = judgement.rating == framework.rules.not_rated
        judgements[judgement.standard] = None if not_rated else judgement.rating
    return RatedEvidence(tallies, judgements)


Rated = tuple[tuple[StandardRating, ...], OverallRating]
T = TypeVar("T")


def rate_inspection(inspection: Inspection, version: str | None = None) -> Rated:
    """The inspection's ratings, computed once per `evidence_version` (then from the cache;
    give `version` if already known); raises DiscretionRefused if recorded discretion no longer
    fits (not cached)."""
    key = f"ratings:{inspection.pk}:{version or evidence_version(inspection)}"
    return _cached(key, lambda: _rate(inspection))


# A few locks shared out by key: when a change makes the ratings stale, ten people reading the
# page at once wait for one of them to compute them, instead of all computing them at once.
_COMPUTING = tuple(threading.Lock() for _ in range(16))


def _cached(key: str, compute: Callable[[], T]) -> T:
    """`key`'s value from Django's cache, computed and kept on a miss, once per key at a time
    in this process."""
    found = django_cache.get(key)
    if found is None:
        with _COMPUTING[hash(key) % len(_COMPUTING)]:
            found = django_cache.get(key)
            if found is None:
                found = compute()
                django_cache.set(key, found, timeout=None)
    return found


def _rate(inspection: Inspection) -> Rated:
    requests = {
        d.standard: DiscretionRequest(rating=d.rating, reason=d.reason, force=d.force)
        for d in inspection.discretion.all()
    }
    return rate_standards(framework_of(inspection), inspection_evidence(inspection), requests)


def inspection_rating(inspection: Inspection) -> InspectionRating:
    """The whole rating as the CLI produces it, for exports and reports."""
    standards, overall = rate_inspection(inspection)
    framework = framework_of(inspection)
    service = inspection.service
    return InspectionRating(
        framework,
        Service(name=service.name, area=service.local_authority, type=service.kind),
        Dates(
            fieldwork_start=inspection.fieldwork_start,
            fieldwork_end=inspection.fieldwork_end,
            publication_date=inspection.publication_date,
        ),
        standards,
        overall,
        assumptions_used(framework, intervals=True),
    )
