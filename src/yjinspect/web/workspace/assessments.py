"""Case assessments: the questions a case is asked, saving answers safely, moving status.

Every save names the version of the assessment its page showed. Saves are merged field by field
against what was stored at that version (a three-way merge), so an editor never loses a change
made meanwhile in another tab or by a colleague, and is never refused for one that does not touch
what they changed. A save that would overwrite a different value saved since is refused with
who changed what; the refused words travel with the refusal so the page can show them back.

Only sampled cases (including those that replaced a sampled case) are assessed: a reserve case
is not part of the evidence.

A case may have more than one assessment (the first, `CaseAssessment`, and a blind second one
stored by the `qa` app): a `Sheet` names which, and every function here works on either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from yjinspect.frameworks.schema import KeyQuestion, Standard
from yjinspect.web.workspace.evidence import framework_of
from yjinspect.web.workspace.limits import LONG_TEXT, REASON, text_problem
from yjinspect.web.workspace.models import Answer, Case, CaseAssessment

OPEN = (CaseAssessment.Status.DRAFT, CaseAssessment.Status.RETURNED)
_VALUE_WORDS = dict(Answer.Value.choices)


@dataclass(frozen=True)
class Sheet:
    """One kind of assessment of a case: its model (with `case`, `status`, `overall_comment`,
    `version` and `answers`) and its answers' model (with `assessment`, `key_question`, `value`,
    `evidence`, `version`), both audited. `created_by_first_save` is False where the
    assessment must be allocated before anyone writes it (the second assessment); `moves` are
    the status changes it takes (a second assessment is submitted, never reviewed)."""

    model: type[models.Model]
    answer_model: type[models.Model]
    created_by_first_save: bool = True
    absent: str = "this assessment has not been allocated"
    moves: tuple[str, ...] = ("submit", "return", "accept")


FIRST = Sheet(CaseAssessment, Answer)


class Conflict(Exception):
    """A save would overwrite a different value saved after the editor's version.

    `changes` say who changed what since (sentences); `refused` is what the editor sent and was
    not saved, by field name, to be shown back.
    """

    def __init__(
        self, current: Any, changes: list[str], refused: dict[str, str] | None = None
    ) -> None:
        self.current = current
        self.changes = changes
        self.refused = refused or {}
        super().__init__("; ".join(changes) or "the assessment changed meanwhile")


class NotAllowed(Exception):
    """A save or status change that the case or the assessment's status does not allow."""


class Unanswered(NotAllowed):
    """Submit refused: `questions` (key questions, in framework order) have no answer yet."""

    def __init__(self, questions: list[KeyQuestion]) -> None:
        self.questions = questions
        ids = ", ".join(q.id for q in questions)
        super().__init__(f"answer every key question first: {ids}")


def questions_for(case: Case) -> list[tuple[Standard, list[KeyQuestion]]]:
    """Every key question of the standards that apply to the case's stream, by standard."""
    framework = framework_of(case.inspection)
    return [
        (standard, list(standard.key_questions))
        for domain, standard in framework.standards()
        if standard.rated_by == "key_questions" and domain.case_stream == case.stream
    ]


def stored_assessment(case: Case, sheet: Sheet = FIRST) -> Any:
    """The case's assessment as stored now, or an unsaved blank one at version 0: reading never
    writes. (Read afresh: `case.assessment` may be cached from before a save.)"""
    stored = sheet.model.objects.filter(case=case).first()  # type: ignore[attr-defined]
    return stored if stored is not None else sheet.model(case=case, version=0)


def answers_by_question(assessment: Any) -> dict[str, Any]:
    if assessment.pk is None:
        return {}
    return {answer.key_question: answer for answer in assessment.answers.all()}


def unanswered(case: Case, assessment: Any) -> list[KeyQuestion]:
    """The case's key questions without an answer, in framework order."""
    answered = {q for q, a in answers_by_question(assessment).items() if a.value}
    return _not_in(case, answered)


def _not_in(case: Case, answered: set[str]) -> list[KeyQuestion]:
    return [q for _, questions in questions_for(case) for q in questions if q.id not in answered]


def _locked(case: Case, sheet: Sheet) -> Any:
    """The case's assessment (the first is created by its first save), locked for the saving
    transaction."""
    if case.selection != Case.Selection.SAMPLE:
        raise NotAllowed(f"{case.case_ref} is not in the sample, so it is not assessed")
    objects = sheet.model.objects  # type: ignore[attr-defined]
    locked = objects.select_for_update()
    found = locked.filter(case=case).first()
    if found is None:
        if not sheet.created_by_first_save:
            raise NotAllowed(sheet.absent)
        try:
            with transaction.atomic():  # a colleague's first save may create it meanwhile
                found = objects.create(case=case, version=0)
        except IntegrityError:
            found = locked.get(case=case)
    return found


def _who(record: Any, user: Any) -> str:
    if user is not None and record.history_user_id == user.pk:
        return "you (in another tab or window)"
    return str(record.history_user or "someone")


def _at(record: Any) -> str:
    return timezone.localtime(record.history_date).strftime("%H:%M")


def _answer_changes(answer: Any, since: int, user: Any, others_only: bool = False) -> list[str]:
    """What changed in one answer after version `since`, one sentence per changed field."""
    before = answer.history.filter(version__lte=since).order_by("-history_id").first()
    value, evidence = (before.value, before.evidence) if before else ("", "")
    changes = []
    for record in answer.history.filter(version__gt=since).order_by("history_id"):
        mine = user is not None and record.history_user_id == user.pk
        if not (others_only and mine):
            who, at, kq = _who(record, user), _at(record), answer.key_question
            if record.value != value:
                word = _VALUE_WORDS.get(record.value, "blank")
                changes.append(f"{who} set {kq} to {word} at {at}")
            if record.evidence != evidence:
                changes.append(f"{who} changed the evidence note for {kq} at {at}")
        value, evidence = record.value, record.evidence
    return changes


def _comment_changes(assessment: Any, since: int, user: Any, others_only: bool) -> list:
    before = assessment.history.filter(version__lte=since).order_by("-history_id").first()
    comment = before.overall_comment if before else ""
    changes = []
    for record in assessment.history.filter(version__gt=since).order_by("history_id"):
        mine = user is not None and record.history_user_id == user.pk
        if record.overall_comment != comment and not (others_only and mine):
            changes.append(f"{_who(record, user)} changed the overall comment at {_at(record)}")
        comment = record.overall_comment
    return changes


def merge_field(mine: str, theirs: str, base: str) -> str | None:
    """Three-way merge of one field: the editor's value, the stored one, the one they saw;
    None when both changed it to different values."""
    if mine in (base, theirs):
        return theirs
    if theirs == base:
        return mine
    return None


@dataclass(frozen=True)
class Saved:
    """The new version, the assessment as saved, the stored values after merging (by field
    name) and, after an answer, the case's key questions still unanswered (in framework order)."""

    version: int
    assessment: Any
    values: dict[str, str] = field(default_factory=dict)
    unanswered: list[KeyQuestion] = field(default_factory=list)


def _open(assessment: Any) -> None:
    if assessment.status not in OPEN:
        raise NotAllowed(f"a {assessment.get_status_display().lower()} assessment is not edited")


def _save(assessment: Any, reason: str = "") -> int:
    assessment.version += 1
    if reason:
        assessment._change_reason = reason  # type: ignore[attr-defined]
    assessment.save()
    return assessment.version


def save_answer(
    case: Case,
    user: Any,
    seen: int,
    key_question: str,
    value: str,
    evidence: str,
    sheet: Sheet = FIRST,
) -> Saved:
    """Save one key question's answer and evidence note, sent from a page showing version
    `seen`; raises Conflict if either was changed since to something else, NotAllowed for a
    question not asked of the case, an unknown answer, a note over `limits.LONG_TEXT` or a
    closed assessment."""
    known = {q.id for _, questions in questions_for(case) for q in questions}
    if key_question not in known:
        raise NotAllowed(f"{key_question} is not asked of this case")
    if value not in ("", *Answer.Value.values):
        raise NotAllowed(f"'{value}' is not an answer")
    if problem := text_problem(evidence, LONG_TEXT, f"the evidence note for {key_question}"):
        raise NotAllowed(problem)
    with transaction.atomic():
        assessment = _locked(case, sheet)
        _open(assessment)
        # All the case's answers at once: the one saved, and which remain unanswered.
        answers = answers_by_question(assessment)
        answer = answers.get(key_question)
        if answer is not None and answer.version > seen:
            base = answer.history.filter(version__lte=seen).order_by("-history_id").first()
            was = (base.value, base.evidence) if base else ("", "")
            merged = [
                merge_field(mine, theirs, then)
                for mine, theirs, then in zip(
                    (value, evidence), (answer.value, answer.evidence), was, strict=True
                )
            ]
            if None in merged:
                raise Conflict(
                    assessment,
                    _answer_changes(answer, seen, user),
                    {"value": value, "evidence": evidence},
                )
            value, evidence = merged  # type: ignore[assignment]
        version = _save(assessment)
        if answer is None:
            answer = sheet.answer_model(assessment=assessment, key_question=key_question)
        # Saved even when unchanged: one audit record per save, even the first.
        answer.value, answer.evidence, answer.version = value, evidence, version
        answer.save()
    answered = {q for q, a in answers.items() if a.value and q != key_question}
    if value:
        answered.add(key_question)
    return Saved(
        version, assessment, {"value": value, "evidence": evidence}, _not_in(case, answered)
    )


def save_comment(case: Case, user: Any, seen: int, comment: str, sheet: Sheet = FIRST) -> Saved:
    """Save the overall comment, merged like an answer."""
    if problem := text_problem(comment, LONG_TEXT, "the overall comment"):
        raise NotAllowed(problem)
    with transaction.atomic():
        assessment = _locked(case, sheet)
        _open(assessment)
        base = assessment.history.filter(version__lte=seen).order_by("-history_id").first()
        merged = merge_field(
            comment, assessment.overall_comment, base.overall_comment if base else ""
        )
        if merged is None:
            changes = _comment_changes(assessment, seen, user, others_only=False)
            raise Conflict(assessment, changes, {"overall_comment": comment})
        assessment.overall_comment = merged
        return Saved(_save(assessment), assessment, {"overall_comment": merged})


_MOVES: dict[str, tuple[str, ...]] = {
    "submit": OPEN,
    "return": (CaseAssessment.Status.SUBMITTED,),
    "accept": (CaseAssessment.Status.SUBMITTED,),
}
_TO = {
    "submit": CaseAssessment.Status.SUBMITTED,
    "return": CaseAssessment.Status.RETURNED,
    "accept": CaseAssessment.Status.ACCEPTED,
}
_DONE = {"submit": "submitted", "return": "returned", "accept": "accepted"}


def changed_by_others(assessment: Any, since: int, user: Any) -> bool:
    """Whether anyone else changed the assessment after version `since`: `changes_by_others`
    in one query when nobody did (the usual autosave), and exactly when someone did."""
    after = {"version__gt": since}
    model = type(assessment)
    others_answers = assessment.answers.model.history.filter(assessment_id=OuterRef("pk"), **after)
    others_assessment = model.history.filter(id=OuterRef("pk"), **after)
    if user is not None:
        others_answers = others_answers.exclude(history_user_id=user.pk)
        others_assessment = others_assessment.exclude(history_user_id=user.pk)
    touched = (
        model.objects.filter(pk=assessment.pk)
        .filter(Exists(others_answers) | Exists(others_assessment))
        .exists()
    )
    return touched and bool(changes_by_others(assessment, since, user))


def changes_by_others(assessment: Any, since: int, user: Any) -> list[str]:
    """What other people changed after version `since` (the editor's own tabs do not count)."""
    changes = []
    for answer in assessment.answers.filter(version__gt=since).order_by("key_question"):
        changes += _answer_changes(answer, since, user, others_only=True)
    return changes + _comment_changes(assessment, since, user, others_only=True)


def move(
    case: Case, user: Any, seen: int, action: str, reason: str = "", sheet: Sheet = FIRST
) -> Saved:
    """Submit, return (a reason is required) or accept the assessment, from a page showing
    version `seen`. Raises Unanswered naming the missing answers, NotAllowed for a move the
    status does not allow, and Conflict if someone else changed the assessment since."""
    if action not in sheet.moves:
        raise NotAllowed(f"this assessment cannot be {_DONE.get(action, action)}")
    with transaction.atomic():
        assessment = _locked(case, sheet)
        if assessment.status not in _MOVES[action]:
            raise NotAllowed(
                f"a {assessment.get_status_display().lower()} assessment cannot be {_DONE[action]}"
            )
        if action == "return" and not reason.strip():
            raise NotAllowed("say why the assessment is returned")
        if problem := text_problem(reason.strip(), REASON, "the reason"):
            raise NotAllowed(problem)
        if action == "submit":
            missing = unanswered(case, assessment)
            if missing:
                raise Unanswered(missing)
        changes = changes_by_others(assessment, seen, user)
        if changes:
            raise Conflict(assessment, changes)
        assessment.status = _TO[action]
        if "return" in sheet.moves:
            assessment.return_reason = reason.strip() if action == "return" else ""
        return Saved(_save(assessment), assessment)
