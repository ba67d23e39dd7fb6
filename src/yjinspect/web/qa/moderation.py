"""Comparing a case's two assessments, and the moderator's agreed answers.

Where the two assessors gave the same answer, that answer is agreed. Where they differ, the
moderator (a lead or QA lead who assessed neither side: `rules.moderates`) records the agreed
answer with a reason; until then the disagreement is unsettled. Only agreed answers count in
the ratings (`qa.ratings.rating_changes`, used by `workspace.evidence`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from yjinspect.web.qa.models import AgreedAnswer, SecondAnswer
from yjinspect.web.workspace.assessments import NotAllowed
from yjinspect.web.workspace.evidence import framework_of
from yjinspect.web.workspace.models import Answer, Case

_WORDS = dict(Answer.Value.choices)


@dataclass(frozen=True)
class Row:
    """One key question of a double-assessed case: both answers and notes, and the agreed one
    (the common answer, the moderator's, or "" while a disagreement is unsettled)."""

    key_question: str
    first: str
    second: str
    first_evidence: str
    second_evidence: str
    agreed: str
    reason: str = ""
    text: str = ""  # the key question's words

    @property
    def differs(self) -> bool:
        return self.first != self.second

    @property
    def words(self) -> tuple[str, str, str]:
        """The first, second and agreed answers in words."""
        return tuple(  # type: ignore[return-value]
            _WORDS.get(value, "Not answered") for value in (self.first, self.second, self.agreed)
        )


def _answers(model: Any, **where: Any) -> dict[str, Any]:
    return {a.key_question: a for a in model.objects.filter(**where)}


def comparison(case: Case) -> list[Row]:
    """Every key question either assessor answered, in framework order."""
    first = _answers(Answer, assessment__case=case)
    second = _answers(SecondAnswer, assessment__case=case)
    agreed = _answers(AgreedAnswer, case=case)
    texts = {q.id: q.text for _, _, q in framework_of(case.inspection).key_questions()}
    order = {kq: i for i, kq in enumerate(texts)}
    rows = []
    for question in sorted(set(first) | set(second), key=lambda kq: order.get(kq, len(order))):
        a, b, m = first.get(question), second.get(question), agreed.get(question)
        one, two = (a.value if a else ""), (b.value if b else "")
        settled = one if one == two else (m.value if m else "")
        rows.append(
            Row(
                question,
                one,
                two,
                a.evidence if a else "",
                b.evidence if b else "",
                settled,
                m.reason if m and one != two else "",
                texts.get(question, ""),
            )
        )
    return rows


def settle(case: Case, key_question: str, value: str, reason: str) -> AgreedAnswer:
    """Record the agreed answer to one disagreement; NotAllowed (nothing saved) for a question
    the assessors agree on, an unknown answer, or no reason."""
    rows = {row.key_question: row for row in comparison(case)}
    if key_question not in rows or not rows[key_question].differs:
        raise NotAllowed(f"the assessors do not disagree on {key_question}")
    if value not in Answer.Value.values:
        raise NotAllowed(f"choose the agreed answer to {key_question}")
    if not reason.strip():
        raise NotAllowed(f"say why {_WORDS[value]} is the agreed answer to {key_question}")
    with transaction.atomic():
        Case.objects.select_for_update().get(pk=case.pk)  # two moderators at once: in turn
        agreed = AgreedAnswer.objects.filter(case=case, key_question=key_question).first()
        agreed = agreed or AgreedAnswer(case=case, key_question=key_question)
        agreed.value, agreed.reason = value, reason.strip()
        agreed._change_reason = agreed.reason  # type: ignore[attr-defined]
        agreed.save()
    return agreed
