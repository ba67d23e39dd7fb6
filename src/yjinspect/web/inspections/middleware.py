"""Bad input that reaches a page (a framework id mistyped before set-up chose from a list) is
shown as a page that names the problem and the way back, never a server error. So is a NUL
character sent in a field no form checks (typed text is checked by `limits.text_problem`),
which PostgreSQL refuses in any query."""

from __future__ import annotations

from collections.abc import Callable

from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from yjinspect.errors import InputError


class BadInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, InputError):
            problem = exception.describe().removeprefix("<input>: ")
        elif isinstance(exception, DataError) and _holds_nul(request):
            problem = "What was sent holds a NUL character (U+0000), which cannot be stored."
        else:
            return None
        match = request.resolver_match
        on_inspection = match is not None and request.path.startswith("/inspections/")
        context = {
            "problem": problem,
            "inspection_pk": match.kwargs.get("pk") if on_inspection else None,
        }
        return render(request, "400.html", context, status=400)


def _holds_nul(request: HttpRequest) -> bool:
    sent = [*request.GET.lists(), *request.POST.lists()]
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in sent)
