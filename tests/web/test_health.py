"""The health check a monitor (and the load benchmarks' bare view) calls."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_health_answers_ok_after_asking_the_database(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/health/", HTTP_HOST="127.0.0.1")
    assert (response.status_code, response.content) == (200, b"ok")
    assert len(queries.captured_queries) == 1
