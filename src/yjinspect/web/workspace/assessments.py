"""Case assessments: the questions a case is asked, saving answers safely, moving status.

Every save names the version it was based on. If someone else saved in between, the save is
refused and the caller is told what changed meanwhile; nothing is silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F

from yjinspect.frameworks.schema import KeyQuestion, Standard
from yjinspect.web.workspace.evidence import framework_of
from yjinspect.web.workspace.models import Answer, Case, CaseAssessment


class Conflict(Exception):
    """The assessment changed since the editor loaded it."""

    def __init__(self, current: CaseAssessment, changes: list[str]) -> None:
        self.current = current
        self.changes = changes
        super().__init__("; ".join(changes) or "the assessment changed meanwhile")


class NotAllowed(Exception):
    """A status change that the assessment's current status does not allow."""


def questions_for(case: Case) -> list[tuple[Standard, list[KeyQuestion]]]:
    """Every key question of the standards that apply to the case's stream, by standard."""
    framework = framework_of(case.inspection)
    return [
        (standard, list(standard.key_questions))
        for domain, standard in framework.standards()
        if standard.rated_by == "key_questions" and domain.case_stream == case.stream
    ]


def assessment_for(case: Case) -> CaseAssessment:
    assessment, _ = CaseAssessment.objects.get_or_create(case=case)
    return assessment


def _changes_since(assessment: CaseAssessment, version: int) -> list[str]:
    """What others changed after `version`, from the audit trail, for the refusal message."""
    seen = assessment.history.filter(version=version).order_by("-history_date").first()
    if seen is None:
        return []
    changes = []
    for answer in assessment.answers.all():
        for record in answer.history.filter(history_date__gt=seen.history_date):
            who = record.history_user or "someone"
            changes.append(f"{who} set {answer.key_question} to {record.value or 'blank'}")
    return changes


@dataclass(frozen=True)
class Saved:
    version: int


def _bump(assessment: CaseAssessment, version: int) -> int:
    """Claim the next version, or raise Conflict if `version` is stale."""
    updated = CaseAssessment.objects.filter(pk=assessment.pk, version=version).update(
        version=F("version") + 1
    )
    assessment.refresh_from_db()
    if not updated:
        raise Conflict(assessment, _changes_since(assessment, version))
    return assessment.version


@transaction.atomic
def save_answer(
    assessment: CaseAssessment, version: int, key_question: str, value: str, evidence: str
) -> Saved:
    """Save one key question's answer and evidence note, based on `version`."""
    known = {q.id for _, questions in questions_for(assessment.case) for q in questions}
    if key_question not in known:
        raise NotAllowed(f"{key_question} is not asked of this case")
    if value not in ("", *Answer.Value.values):
        raise NotAllowed(f"'{value}' is not an answer")
    new_version = _bump(assessment, version)
    assessment.save()  # an audit record for the new version
    Answer.objects.update_or_create(  # one audit record per change, even the first
        assessment=assessment,
        key_question=key_question,
        defaults={"value": value, "evidence": evidence},
    )
    return Saved(new_version)


@transaction.atomic
def save_comment(assessment: CaseAssessment, version: int, comment: str) -> Saved:
    new_version = _bump(assessment, version)
    assessment.overall_comment = comment
    assessment.save()
    return Saved(new_version)


_MOVES: dict[str, tuple[str, ...]] = {
    "submit": (CaseAssessment.Status.DRAFT, CaseAssessment.Status.RETURNED),
    "return": (CaseAssessment.Status.SUBMITTED,),
    "accept": (CaseAssessment.Status.SUBMITTED,),
}
_TO = {
    "submit": CaseAssessment.Status.SUBMITTED,
    "return": CaseAssessment.Status.RETURNED,
    "accept": CaseAssessment.Status.ACCEPTED,
}


@transaction.atomic
def move(assessment: CaseAssessment, version: int, action: str, reason: str = "") -> Saved:
    """Submit, return (a reason is required) or accept an assessment."""
    if assessment.status not in _MOVES[action]:
        raise NotAllowed(
            f"a {assessment.get_status_display().lower()} assessment cannot be {action}ed"
        )
    if action == "return" and not reason.strip():
        raise NotAllowed("say why the assessment is returned")
    if action == "submit":
        unanswered = [
            q.id
            for _, questions in questions_for(assessment.case)
            for q in questions
            if not assessment.answers.filter(key_question=q.id).exclude(value="").exists()
        ]
        if unanswered:
            raise NotAllowed(f"answer every key question first: {', '.join(unanswered)}")
    new_version = _bump(assessment, version)
    assessment.status = _TO[action]
    assessment.return_reason = reason.strip() if action == "return" else ""
    assessment.save()
    return Saved(new_version)


def answers_by_question(assessment: CaseAssessment) -> dict[str, Any]:
    return {answer.key_question: answer for answer in assessment.answers.all()}
