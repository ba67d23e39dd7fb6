"""Who takes part in the factual accuracy check. Permission names stay `workspace.*`.

The service's users are the inspection's service viewers (the one service role): while the
draft is with the service they read the draft report and comment on it, and nothing else of
the inspection (no ratings page, no cases, no exports of results); once it is published they
read it as before. The lead sends the draft and answers each comment.

Once a draft has been sent, the service keeps the log of its comments and the lead's answers
(read only) whatever happens next: a published inspection reopened for drafting keeps the
record of what the service said. The draft itself is theirs to read only while it is with
them: a reopened draft stays hidden until it is sent again. Only a kind of work that is
published has a check (`inspections.kinds`): a service's own deep-dive audit has no draft
report, no check and no log.
"""

from __future__ import annotations

from typing import Any

import rules

from yjinspect.web.accuracy.models import DraftComment
from yjinspect.web.inspections.kinds import KINDS
from yjinspect.web.workspace.models import Inspection, draft_was_sent
from yjinspect.web.workspace.rules import _inspection, is_inspector, is_lead, is_service_viewer


def _of(obj: Any) -> Inspection | None:
    return obj.inspection if isinstance(obj, DraftComment) else _inspection(obj)


def _at(*statuses: str) -> rules.Predicate:
    @rules.predicate(name=f"at {'/'.join(statuses)}")
    def check(user: Any, obj: Any) -> bool:
        inspection = _of(obj)
        return inspection is not None and inspection.status in statuses

    return check


def _role(predicate: rules.Predicate) -> rules.Predicate:
    """The workspace's role predicate, also for a comment (by its inspection)."""

    @rules.predicate(name=predicate.name)
    def check(user: Any, obj: Any) -> bool:
        return predicate.test(user, _of(obj))

    return check


@rules.predicate
def was_sent(user: Any, obj: Any) -> bool:
    """The draft went to the service at some time: the inspection's history holds the check
    (a date alone may be a plan). Asked once per loaded inspection."""
    inspection = _of(obj)
    if inspection is None:
        return False
    if "_was_sent" not in inspection.__dict__:
        inspection.__dict__["_was_sent"] = draft_was_sent(inspection)
    return inspection.__dict__["_was_sent"]


@rules.predicate
def publishes(user: Any, obj: Any) -> bool:
    inspection = _of(obj)
    return inspection is not None and KINDS[inspection.kind].publishes


lead, inspector, service = _role(is_lead), _role(is_inspector), _role(is_service_viewer)
with_service = _at(Inspection.Status.ACCURACY)
sent = _at(Inspection.Status.ACCURACY, Inspection.Status.PUBLISHED) | was_sent
published = _at(Inspection.Status.PUBLISHED)

rules.add_perm("workspace.send_draft", lead & _at(Inspection.Status.DRAFTING) & publishes)
# The draft report itself: the team always (as on the report page), the service while it is
# theirs to check.
rules.add_perm("workspace.read_draft", (lead | inspector | (service & with_service)) & publishes)
rules.add_perm("workspace.comment_on_draft", service & with_service)
rules.add_perm("workspace.answer_comment", lead & ~published)
# The log: the team, and the service from the day the draft is sent (and after, read only).
rules.add_perm("workspace.view_comments", (lead | inspector | (service & sent)) & publishes)
