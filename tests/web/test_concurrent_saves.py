"""Ten people saving answers at once, over real HTTP against a real multi-threaded server
(waitress, as `yjinspect demo` serves): no 500s ("database is locked" on SQLite) and no lost
answers. The server runs in its own process on its own database: a SQLite file in a temporary
folder, or (in CI's PostgreSQL pass, DATABASE_URL set) a fresh database on that server."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

SAVERS = 10


@contextmanager
def _own_database():
    """The environment for the server: a fresh PostgreSQL database when DATABASE_URL is set."""
    env = {**os.environ}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield env
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"yjinspect_concurrent_{uuid.uuid4().hex[:8]}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = parts._replace(path=f"/{name}").geturl()
    try:
        yield env
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo workspace served by `yjinspect demo`; yields its address and passwords."""
    data = tmp_path_factory.mktemp("concurrent")
    port = _free_port()
    with _own_database() as env:
        log = data / "server.log"
        with log.open("w") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "yjinspect.cli", "demo", "--port", str(port),
                 "--data-dir", str(data)],
                env=env, stdout=output, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
        try:
            for _ in range(1200):  # migrations and the demo data take a while on a busy machine
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                assert process.poll() is None, log.read_text()
                time.sleep(0.1)
            found = re.findall(r"^\s+(\w+)\s+(\S+)$", log.read_text(), re.MULTILINE)
            passwords = dict(found)
            assert passwords, log.read_text()
            yield {"url": f"http://127.0.0.1:{port}", "passwords": passwords, "data": Path(data)}
        finally:
            process.terminate()
            process.wait(timeout=30)


class Browser:
    """One signed-in person: cookies and the CSRF token, as a browser keeps them."""

    def __init__(self, url: str, username: str, password: str) -> None:
        self.url = url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.get("/login/")
        self.post("/login/", {"username": username, "password": password})

    def _token(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def get(self, path: str) -> tuple[int, str]:
        with self.opener.open(self.url + path, timeout=60) as response:
            return response.status, response.read().decode()

    def post(self, path: str, data: dict, htmx: bool = False) -> tuple[int, str]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self._token()}).encode()
        request = urllib.request.Request(self.url + path, body, method="POST")
        request.add_header("X-CSRFToken", self._token())
        if htmx:
            request.add_header("HX-Request", "true")
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def test_ten_people_saving_answers_at_once(server):
    """Defect 2: 78-81% of simultaneous autosaves were HTTP 500 'database is locked'."""
    lead = Browser(server["url"], "lead", server["passwords"]["lead"])
    _, inspections = lead.get("/")
    mock = re.search(r'href="/inspections/(\d+)/">Demo Youth Justice Service', inspections)
    # Court cases: enough key questions for everyone.
    _, cases = lead.get(f"/inspections/{mock.group(1)}/cases/?whose=all&stream=court")
    case_ids = re.findall(r'href="/cases/(\d+)/(?:\?[^"]*)?"', cases)[:SAVERS]
    people = [Browser(server["url"], "lead", server["passwords"]["lead"]) for _ in range(SAVERS)]
    _, page = lead.get(f"/cases/{case_ids[0]}/")
    questions = re.findall(r'name="key_question" value="([^"]+)"', page)
    assert len(questions) >= SAVERS

    def save(n: int) -> list[int]:
        """Person n answers question n of the first case, then question 1 of their own case,
        every save sent from a page drawn before anyone saved (version 0)."""
        me, kq = people[n], questions[n]
        own = case_ids[n]
        return [
            me.post(f"/cases/{case_ids[0]}/answer/", {"key_question": kq, f"value-{kq}": "yes",
                    f"evidence-{kq}": f"note {n}", "version": 0}, htmx=True)[0],
            me.post(f"/cases/{own}/answer/", {"key_question": questions[0],
                    f"value-{questions[0]}": "no", "version": 0}, htmx=True)[0],
        ]  # fmt: skip

    with ThreadPoolExecutor(SAVERS) as pool:
        statuses = [status for found in pool.map(save, range(SAVERS)) for status in found]
    assert statuses.count(500) == 0, statuses
    # The first case's first question was saved twice (person 0 and the person whose own case
    # it is): the two sent the same question from the same version, so one may be a 409.
    assert statuses.count(200) >= len(statuses) - 1, statuses
    _, shared = lead.get(f"/cases/{case_ids[0]}/print/")
    for n, kq in enumerate(questions[1:SAVERS], 1):  # no answer lost
        assert f"note {n}" in shared, kq
    for own in case_ids[1:]:
        _, page = lead.get(f"/cases/{own}/print/")
        assert "<strong>No" in page, own
