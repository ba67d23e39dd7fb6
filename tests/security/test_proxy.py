"""`yjinspect serve` behind an HTTPS proxy, with waitress running for real on 127.0.0.1: the
trusted proxy's X-Forwarded-Proto and X-Forwarded-For are believed, anyone else's are not
(issue 13, items 10 and 11)."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

TRUSTED, UNTRUSTED = "127.0.0.1", "127.0.0.2"  # both loopback: Linux accepts any 127.x source


@dataclass
class Server:
    port: int
    database: Path

    def request(self, source: str, method: str, path: str, headers: dict[str, str],
                body: str | None = None) -> http.client.HTTPResponse:  # fmt: skip
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0)
        )
        connection.request(method, path, body=body, headers={"Host": "127.0.0.1", **headers})
        response = connection.getresponse()
        response.read()
        connection.close()
        return response


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("served")
    port = _free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "yjinspect.web.production",
        "YJINSPECT_SECRET_KEY": secrets.token_urlsafe(50),
        "YJINSPECT_TRUSTED_PROXY": TRUSTED,
        "YJINSPECT_ALLOWED_HOSTS": "127.0.0.1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "yjinspect.cli", "serve", "--port", str(port), "--data-dir",
         str(data)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"serve stopped: {process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("serve did not start within two minutes")
        yield Server(port, data / "yjinspect.sqlite3")
    finally:
        process.terminate()
        process.wait(timeout=30)


HTTPS = {"X-Forwarded-Proto": "https"}


def test_the_trusted_proxy_says_https_and_is_believed(server):
    response = server.request(TRUSTED, "GET", "/login/", HTTPS)
    assert response.status == 200  # no redirect to https: it already is
    assert "Strict-Transport-Security" in response.headers


def test_another_peer_saying_https_is_not_believed(server):
    response = server.request(UNTRUSTED, "GET", "/login/", HTTPS)
    assert response.status == 301
    assert response.headers["Location"] == "https://127.0.0.1/login/"


def _failed_sign_in(server: Server, forwarded_for: str) -> int:
    """A wrong password through the trusted proxy, for the client it names."""
    headers = HTTPS | {"X-Forwarded-For": forwarded_for}
    page = server.request(TRUSTED, "GET", "/login/", headers)
    cookie = page.headers["Set-Cookie"].split(";")[0]
    token = cookie.split("=", 1)[1]
    form = f"username=nobody&password=wrong&csrfmiddlewaretoken={token}"
    return server.request(TRUSTED, "POST", "/login/", headers | {
        "Cookie": cookie,
        "Origin": "https://127.0.0.1",
        "Referer": "https://127.0.0.1/login/",
        "Content-Type": "application/x-www-form-urlencoded",
    }, form).status  # fmt: skip


def test_the_client_address_comes_from_the_trusted_proxy_only(server):
    assert _failed_sign_in(server, "203.0.113.9") == 200  # the form again, with its error
    with sqlite3.connect(server.database) as database:
        addresses = {
            row[0] for row in database.execute("SELECT ip_address FROM axes_accessattempt")
        }
    assert "203.0.113.9" in addresses  # the client the trusted proxy named
    assert not [a for a in addresses if re.fullmatch(r"127\.0\.0\.1", a or "")]
