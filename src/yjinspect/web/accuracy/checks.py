"""The factual accuracy check's moves: send the draft, comment, answer. Each is one audited
change; a refusal (`stages.Refused`) changes nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from yjinspect.frameworks.schema import AfterFieldwork, Framework
from yjinspect.reporting.accuracy import LoggedComment
from yjinspect.web.accuracy.models import DraftComment
from yjinspect.web.inspections.progress import facts_of
from yjinspect.web.inspections.stages import Refused
from yjinspect.web.inspections.tasks import nothing_rated
from yjinspect.web.workspace.models import Inspection, Role


def comments_due(framework: Framework | None, sent: date) -> date:
    """The framework's `after_fieldwork.comments_due_weeks` after the draft is sent."""
    rules = framework.after_fieldwork if framework is not None else AfterFieldwork()
    return sent + timedelta(weeks=rules.comments_due_weeks)


@transaction.atomic
def send_draft(inspection: Inspection, today: date, due: date | None,
               framework: Framework | None) -> None:  # fmt: skip
    """From drafting to the factual accuracy check: the draft is sent `today`; comments are due
    on `due`, else on the date set already, else by the framework's timetable."""
    if inspection.status != Inspection.Status.DRAFTING:
        raise Refused("Only a draft report at the drafting stage is sent to the service.")
    if why := nothing_rated(facts_of(inspection)):
        raise Refused(f"There is no report to send. {why}.")
    if not inspection.assignments.filter(role=Role.SERVICE_VIEWER).exists():
        raise Refused(
            "No one from the service can read the draft: give them the service viewer role in "
            "set-up first."
        )
    if due is not None and due < today:
        raise Refused("Comments are due on or after the day the draft is sent.")
    inspection.status = Inspection.Status.ACCURACY
    inspection.draft_sent_date = today
    keep = inspection.comments_due_date
    inspection.comments_due_date = due or (keep if keep and keep >= today else None)
    inspection.comments_due_date = inspection.comments_due_date or comments_due(framework, today)
    inspection._change_reason = "draft report sent to the service for its factual accuracy check"
    inspection.save()


def comment(inspection: Inspection, author: Any, part: tuple[str, str], paragraph: int | None,
            text: str) -> DraftComment:  # fmt: skip
    if inspection.status != Inspection.Status.ACCURACY:
        raise Refused("The draft report is not with the service for comment.")
    anchor, title = part
    found = DraftComment(inspection=inspection, part=anchor, part_title=title,
                         paragraph=paragraph, text=text.strip(), author=author)  # fmt: skip
    found._change_reason = "comment on the draft report"
    found.save()
    return found


def answer(found: DraftComment, accepted: bool, response: str, by: Any, now: datetime) -> None:
    """Accepted with the change made, or not accepted with the reason: either way in words.
    An answer may be changed; the earlier one stays in the comment's history."""
    if found.inspection.status == Inspection.Status.PUBLISHED:
        raise Refused("The inspection is published: reopen it to change an answer.")
    if not response.strip():
        raise Refused("Say what was changed." if accepted else "Say why it is not accepted.")
    found.answer = DraftComment.Answer.ACCEPTED if accepted else DraftComment.Answer.NOT_ACCEPTED
    found.response = response.strip()
    found.answered_by = by
    found.answered = now
    found._change_reason = f"answered: {found.get_answer_display().lower()}"
    found.save()


def unanswered(inspection: Inspection) -> int:
    return inspection.draft_comments.filter(answer="").count()


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def logged(inspection: Inspection) -> list[LoggedComment]:
    """The log in the order the comments were made, numbered from 1, times in local time."""
    found = inspection.draft_comments.select_related("author", "answered_by")
    return [
        LoggedComment(number, c.part_title, c.paragraph, c.text, _name(c.author),
                      timezone.localtime(c.made),
                      None if not c.answer else c.answer == DraftComment.Answer.ACCEPTED,
                      c.response, _name(c.answered_by),
                      timezone.localtime(c.answered) if c.answered else None)
        for number, c in enumerate(found, 1)
    ]  # fmt: skip
