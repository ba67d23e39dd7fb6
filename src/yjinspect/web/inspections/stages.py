"""The inspection's stages: planning, fieldwork, rating, drafting, published.

Moving on is one step at a time. Between drafting and publication the lead may send the draft
report to the service for its factual accuracy check (`accuracy.checks.send_draft`); publishing
follows from either. Publishing is checked (`tasks.outstanding`): with work
outstanding it needs the lead's reason, which is kept in the inspection's history, as is the
reason for reopening a published inspection. With nothing rated (`tasks.nothing_rated`) there
is no report to draft or publish: moving to drafting and publishing are refused, whatever the
reason.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from yjinspect.web.inspections.kinds import KINDS
from yjinspect.web.inspections.progress import facts_of
from yjinspect.web.inspections.tasks import Facts, nothing_rated, outstanding
from yjinspect.web.workspace.limits import REASON, text_problem
from yjinspect.web.workspace.models import Inspection

# The factual accuracy check is a stage reached only by sending the draft (a service inspecting
# itself has no one to send it to), so it is not a step of the flow.
FLOW = [status for status, _ in Inspection.Status.choices if status != Inspection.Status.ACCURACY]

# What each move means, said on its confirmation page.
MEANING = {
    Inspection.Status.FIELDWORK: "The team assesses the sampled cases allocated to them.",
    Inspection.Status.RATING: "The lead reviews the assessments, records judgements and "
    "discretion, and the standards are rated.",
    Inspection.Status.DRAFTING: "The report's words are written and the report and press "
    "release drafted.",
    "reopen": "The inspection becomes a draft again: it can be changed, and must be "
    "published again. The reason is kept in its history.",
}


class Refused(Exception):
    """The move breaks a rule; the message says which."""


def next_status(inspection: Inspection) -> str | None:
    """The next stage; None at the last stage of its kind (published, or an audit's rating)."""
    if inspection.status == Inspection.Status.ACCURACY:
        return Inspection.Status.PUBLISHED
    flow = [status for status in FLOW if status in KINDS[inspection.kind].stages]
    index = flow.index(inspection.status)
    return flow[index + 1] if index + 1 < len(flow) else None


def label(status: str | None) -> str:
    return str(dict(Inspection.Status.choices).get(status, status or ""))


@transaction.atomic
def advance(inspection: Inspection) -> str:
    """Move to the next stage before publication (publishing goes through `publish`)."""
    target = next_status(inspection)
    if target is None and not KINDS[inspection.kind].publishes:
        raise Refused(f"A {KINDS[inspection.kind].noun} ends here: it is never published.")
    if target is None:
        raise Refused("A published inspection can only be reopened.")
    if target == Inspection.Status.PUBLISHED:
        raise Refused("Publishing is checked first: use the publication page.")
    if target == Inspection.Status.DRAFTING and (why := nothing_rated(facts_of(inspection))):
        raise Refused(f"There is no report to draft. {why}.")
    inspection.status = target
    inspection._change_reason = f"moved to {target}"
    inspection.save()
    return target


@transaction.atomic
def publish(inspection: Inspection, facts: Facts, reason: str, today: date) -> list[str]:
    """Publish from drafting; with anything outstanding only with a reason, which is kept
    (with what was outstanding) in the history; with nothing rated, not at all. Without a
    publication date it becomes `today`. Returns what was outstanding."""
    if next_status(inspection) != Inspection.Status.PUBLISHED:
        raise Refused(
            f"Only an inspection at {label('drafting')} or {label('accuracy')} can be published."
        )
    if why := nothing_rated(facts):
        raise Refused(f"There is nothing to publish. {why}.")
    left = outstanding(facts)
    if left and not reason.strip():
        raise Refused("Say why you are publishing with work outstanding, or finish it first.")
    if problem := text_problem(reason.strip(), REASON, "the reason"):
        raise Refused(problem[:1].upper() + problem[1:] + ".")
    if inspection.publication_date is None:
        inspection.publication_date = today
    inspection.status = Inspection.Status.PUBLISHED
    inspection._change_reason = (
        f"published with outstanding work ({'; '.join(left)}): {reason.strip()}"
        if left
        else "published"
    )
    inspection.save()
    return left


@transaction.atomic
def reopen(inspection: Inspection, reason: str) -> None:
    """Reopen a published inspection for drafting; the reason is kept in its history."""
    if inspection.status != Inspection.Status.PUBLISHED:
        raise Refused("Only a published inspection is reopened.")
    if not reason.strip():
        raise Refused("Say why the inspection is reopened.")
    if problem := text_problem(reason.strip(), REASON, "the reason"):
        raise Refused(problem[:1].upper() + problem[1:] + ".")
    inspection.status = Inspection.Status.DRAFTING
    inspection._change_reason = f"reopened: {reason.strip()}"
    inspection.save()
