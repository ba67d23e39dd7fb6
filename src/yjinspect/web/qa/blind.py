"""Pages counted from every case's first assessment (`rules.BLIND_GATED`), refused to a blind
second assessor with the reason and until when, instead of a 404 that explains nothing."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from yjinspect.web.qa.rules import BLIND_GATED, blind_cases
from yjinspect.web.workspace.models import Inspection


def why_blind(refs: list[str]) -> str:
    """The refusal in words, naming the cases (shapes: ["KM-0012"] -> one sentence pair)."""
    cases = ", ".join(refs)
    them = "that case" if len(refs) == 1 else "each of those cases"
    return (
        f"You hold a blind second assessment in this inspection ({cases}). The ratings, the "
        "report, the results files, the task list's counts and what is outstanding before "
        "publication are counted from every case's first assessment, so they are not shown "
        "to you until both assessments of "
        f"{them} are submitted: yours, and the first assessor's."
    )


def kept_blind(request: HttpRequest, perm: str, inspection: Inspection) -> str | None:
    """Why `perm` is refused to `request.user` when only their blindness refuses it; None when
    it is granted, or refused for another reason."""
    user: Any = request.user
    if rules.has_perm(perm, user, inspection) or not BLIND_GATED[perm].test(user, inspection):
        return None
    return why_blind(blind_cases(user, inspection))


def permitted_unless_blind(request: HttpRequest, perm: str, inspection: Inspection) -> None:
    """Nothing if `request.user` has `perm`; PermissionDenied (a 403 page saying why and until
    when) if only their blindness keeps it from them; otherwise Http404."""
    if rules.has_perm(perm, request.user, inspection):
        return
    if reason := kept_blind(request, perm, inspection):
        raise PermissionDenied(reason)
    raise Http404
