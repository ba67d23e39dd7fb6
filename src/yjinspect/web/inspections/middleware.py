"""Bad input that reaches a page (a framework id mistyped before set-up chose from a list) is
shown as a page that names the problem and the way back, never a server error."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from yjinspect.errors import InputError


class BadInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, InputError):
            return None
        match = request.resolver_match
        on_inspection = match is not None and request.path.startswith("/inspections/")
        context = {
            "problem": exception.describe().removeprefix("<input>: "),
            "inspection_pk": match.kwargs.get("pk") if on_inspection else None,
        }
        return render(request, "400.html", context, status=400)
