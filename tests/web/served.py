"""The demo workspace served for real in its own process (waitress, as `yjinspect demo` serves
it, with its report workers), and people using it over HTTP. The server has its own database: a
SQLite file in a temporary folder, or (in CI's PostgreSQL pass, DATABASE_URL set) a fresh
database on that server."""

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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


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


@contextmanager
def served_demo(data: Path):
    """The demo workspace served by `yjinspect demo` in its own process, with its data in
    `data`; yields its address, passwords, data folder and the server process."""
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
            yield {"url": f"http://127.0.0.1:{port}", "passwords": passwords, "data": data,
                   "process": process}  # fmt: skip
        finally:
            process.terminate()
            process.wait(timeout=30)


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    seconds: float  # from sending the request to the end of the body

    @property
    def text(self) -> str:
        return self.body.decode()


class Browser:
    """One signed-in person over HTTP: cookies and the CSRF token, as a browser keeps them.
    The one such helper of the tests and of the load benchmarks (`benchmarks/`, which import it
    from here)."""

    def __init__(self, url: str, username: str, password: str, timeout: float = 60) -> None:
        self.url, self.timeout = url, timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.get("/login/")
        status, _ = self.post("/login/", {"username": username, "password": password})
        assert any(c.name == "sessionid" for c in self.cookies), (
            f"{username} could not sign in (HTTP {status})"
        )

    def send(self, path: str, data: dict | None = None, htmx: bool = False) -> Reply:
        """A GET, or a POST of `data` with the CSRF token; an error status is a reply too."""
        body = None
        if data is not None:
            token = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.url + path, body)
        if data is not None:
            request.add_header("X-CSRFToken", token)
        if htmx:
            request.add_header("HX-Request", "true")
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status, headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, content = error.code, error.headers, error.read()
        return Reply(status, headers["Content-Type"], content, time.perf_counter() - start)

    def fetch(self, path: str, htmx: bool = False) -> tuple[int, str, bytes]:
        """Status, content type and body of a GET."""
        reply = self.send(path, htmx=htmx)
        return reply.status, reply.content_type, reply.body

    def get(self, path: str) -> tuple[int, str]:
        reply = self.send(path)
        return reply.status, reply.text

    def post(self, path: str, data: dict, htmx: bool = False) -> tuple[int, str]:
        reply = self.send(path, data, htmx)
        return reply.status, reply.text
