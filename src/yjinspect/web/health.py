"""A health check for a load balancer or monitor: the server answers and the database does."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse


def health(request: HttpRequest) -> HttpResponse:
    """ "ok" after one database query (also the bare view the load benchmarks compare with)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
