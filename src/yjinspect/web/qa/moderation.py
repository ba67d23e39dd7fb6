"""Comparing a case's two assessments, and the moderator's agreed answers.

Where the two assessors gave the same answer, that answer is agreed. Where they differ, the
moderator (a lead or QA lead who assessed neither side: `rules.moderates`) records the agreed
answer with a reason; until then the disagreement is unsettled. An agreed answer settles the two
answers it was recorded for: if either changes afterwards (a returned assessment, an upload), the
disagreement is unsettled again and the earlier decision is shown as history. Only agreed answers
count in the ratings (`qa.ratings.rating_changes`, used by `workspace.evidence`).

A decision is saved from a page that names the newest audit record of it that it showed
(`workspace.edits`), so one moderator never silently overwrites another's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max

from yjinspect.web.qa.models import AgreedAnswer, SecondAnswer
from yjinspect.web.workspace.assessments import NotAllowed
from yjinspect.web.workspace.edits import check_unchanged
from yjinspect.web.workspace.evidence import framework_of
from yjinspect.web.workspace.limits import REASON, text_problem
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
    earlier: AgreedAnswer | None = None  # a decision on answers since changed: history
    seen: int = 0  # the newest audit record of the question's decision, for `settle`

    @property
    def differs(self) -> bool:
        return self.first != self.second

    @property
    def earlier_words(self) -> tuple[str, str, str]:
        """The earlier decision's first, second and agreed answers, in words."""
        found = self.earlier
        values = (found.first, found.second, found.value) if found else ("", "", "")
        return tuple(_WORDS.get(value, "Not answered") for value in values)  # type: ignore[return-value]

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
    seen = dict(
        AgreedAnswer.history.filter(case_id=case.pk)
        .values("key_question")
        .annotate(newest=Max("history_id"))
        .values_list("key_question", "newest")
    )
    texts = {q.id: q.text for _, _, q in framework_of(case.inspection).key_questions()}
    order = {kq: i for i, kq in enumerate(texts)}
    rows = []
    for question in sorted(set(first) | set(second), key=lambda kq: order.get(kq, len(order))):
        a, b, m = first.get(question), second.get(question), agreed.get(question)
        one, two = (a.value if a else ""), (b.value if b else "")
        current = m if m is not None and one != two and m.settles(one, two) else None
        rows.append(
            Row(
                question,
                one,
                two,
                a.evidence if a else "",
                b.evidence if b else "",
                one if one == two else (current.value if current else ""),
                current.reason if current else "",
                texts.get(question, ""),
                m if m is not None and current is None and one != two else None,
                seen.get(question, 0),
            )
        )
    return rows


def settle(
    case: Case, key_question: str, value: str, reason: str, seen: int | None = None
) -> AgreedAnswer:
    """Record the agreed answer to the disagreement between the two answers standing now, from
    a page that showed the decision's audit record `seen` (None: the page showed none).
    NotAllowed (nothing saved) for a question the assessors agree on, an unknown answer, a
    reason missing, holding a NUL character or over `limits.REASON`; `edits.EditedMeanwhile`
    if someone recorded a decision on the question since the page was drawn."""
    asked = {q.id for _, _, q in framework_of(case.inspection).key_questions()}
    if key_question not in asked:  # checked before any query names it
        raise NotAllowed(f"the assessors do not disagree on {key_question}")
    if value not in Answer.Value.values:
        raise NotAllowed(f"choose the agreed answer to {key_question}")
    if not reason.strip():
        raise NotAllowed(f"say why {_WORDS[value]} is the agreed answer to {key_question}")
    if problem := text_problem(reason.strip(), REASON, "the reason"):
        raise NotAllowed(problem)
    with transaction.atomic():
        # Two moderators at once: in turn (`check_unchanged` locks the inspection's row).
        check_unchanged(
            case.inspection,
            AgreedAnswer.history.filter(case_id=case.pk, key_question=key_question),
            seen or 0,
            lambda record: f"the agreed answer to {key_question}",
        )
        rows = {row.key_question: row for row in comparison(case)}
        if key_question not in rows or not rows[key_question].differs:
            raise NotAllowed(f"the assessors do not disagree on {key_question}")
        row = rows[key_question]
        agreed = AgreedAnswer.objects.filter(case=case, key_question=key_question).first()
        agreed = agreed or AgreedAnswer(case=case, key_question=key_question)
        agreed.value, agreed.reason = value, reason.strip()
        agreed.first, agreed.second = row.first, row.second
        agreed._change_reason = agreed.reason  # type: ignore[attr-defined]
        agreed.save()
    return agreed
