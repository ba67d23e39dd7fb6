"""Benchmark: the workspace under load, against a bare Django view served by the same server.

Targets (issue "Fast and lean"): answer autosaves from 50 signed-in sessions at once, on SQLite
and on PostgreSQL, with no errors, no lost answer and a 95th percentile no more than 3x that of
the bare view (`GET /health/`: one query) under the same 50 sessions; the ratings page from 10
sessions at once, its 95th percentile no more than 3x the bare view's under 10 sessions.

The real server is started as a user starts it (`yjinspect demo`: waitress through
`yjinspect.web.runner`) on 127.0.0.1, in a temporary folder. The phases take turns (bare view,
then the measured page, twice), so drift on a shared machine hits both alike. PostgreSQL runs
through `.ci/postgres` on port 54341; the whole benchmark stops itself after `--limit` seconds.
Run:  python benchmarks/web_load.py [--database sqlite|postgres|both] [--requests N]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

RATIO_TARGET = 3.0
SAVERS, READERS = 50, 10
PG_PORT = "54341"  # never the lead's 54329
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests' HTTP helper, one for tests and benchmarks
from tests.web.served import Browser  # noqa: E402


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fresh_postgres_database(env: dict[str, str]) -> None:
    """The database in DATABASE_URL, created afresh on the throwaway server."""
    import psycopg

    parts = urllib.parse.urlsplit(env["DATABASE_URL"])
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


class Server:
    """`yjinspect demo` in a temporary folder: its address and the demo users' passwords."""

    def __init__(self, data: Path) -> None:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        if "DATABASE_URL" in env:
            _fresh_postgres_database(env)
        self.log = data / "server.log"
        with self.log.open("w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "yjinspect.cli", "demo", "--port", str(port),
                 "--data-dir", str(data)],
                env=env, stdout=output, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
        self.url = f"http://127.0.0.1:{port}"
        while not self._answers(port):
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped:\n{self.log.read_text()}")
            time.sleep(0.2)
        self.passwords = dict(re.findall(r"^\s+(\w+)\s+(\S+)$", self.log.read_text(), re.M))

    @staticmethod
    def _answers(port: int) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def timed(session: Browser, path: str) -> tuple[int, float]:
    reply = session.send(path)
    return reply.status, reply.seconds


def p95(seconds: list[float]) -> float:
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)))]


def concurrently(work, sessions: list[Browser], requests: int) -> list[tuple[int, float]]:
    """Every session makes `requests` requests one after another, all sessions at once; the
    (status, seconds) of each request."""
    with ThreadPoolExecutor(len(sessions)) as pool:
        found = pool.map(lambda n: [work(n, r) for r in range(requests)], range(len(sessions)))
        return [outcome for outcomes in found for outcome in outcomes]


class Saver:
    """Session n answers its own key question of one of the mock inspection's cases, each save
    sent with the version its previous save returned, as the page does."""

    def __init__(self, sessions: list[Browser], places: list[tuple[int, str]]) -> None:
        self.sessions, self.places = sessions, places
        self.version = [0] * len(sessions)
        self.last: dict[int, str] = {}

    def __call__(self, n: int, r: int) -> tuple[int, float]:
        case, kq = self.places[n]
        note = f"note {n} round {r} {time.monotonic_ns()}"
        reply = self.sessions[n].send(
            f"/cases/{case}/answer/",
            {"key_question": kq, f"value-{kq}": ("yes", "no")[r % 2],
             f"evidence-{kq}": note, "version": self.version[n],
             "page_version": self.version[n]},
            htmx=True,
        )  # fmt: skip
        found = re.search(r'name="version" value="(\d+)" hx-swap-oob', reply.text)
        if reply.status == 200 and found:
            self.version[n], self.last[n] = int(found.group(1)), note
        return reply.status, reply.seconds


def _places(lead: Browser, sessions: int) -> tuple[list[tuple[int, str]], int]:
    """(case, key question) for each saving session, spread over the mock inspection's cases;
    and the Essex inspection's id (its ratings page is the one read)."""
    _, home = lead.get("/")
    mock = re.search(r'href="/inspections/(\d+)/">Demo Youth Justice Service', home).group(1)
    rated = [
        essex
        for essex in re.findall(r'href="/inspections/(\d+)/">Essex Youth Offending', home)
        if lead.get(f"/inspections/{essex}/ratings/")[0] == 200  # (the 2012 one is scored)
    ]
    _, cases = lead.get(f"/inspections/{mock}/cases/?whose=all")
    questions = {}
    for case in dict.fromkeys(re.findall(r'href="/cases/(\d+)/[?"]', cases)):
        _, page = lead.get(f"/cases/{case}/")
        questions[int(case)] = re.findall(r'name="key_question" value="([^"]+)"', page)
    by_case = list(questions.items())
    places = []
    for n in range(sessions):
        case, kqs = by_case[n % len(by_case)]
        places.append((case, kqs[n // len(by_case)]))
    return places, int(rated[0])


def _phase(name: str, statuses_times: list[tuple[int, float]]) -> tuple[float, int]:
    times = [t for _, t in statuses_times]
    errors = sum(1 for s, _ in statuses_times if s != 200)
    print(f"  {name:<44} n={len(times):<5} p50 {sorted(times)[len(times) // 2] * 1000:7.1f} ms"
          f"  p95 {p95(times) * 1000:7.1f} ms  errors {errors}", flush=True)  # fmt: skip
    return p95(times), errors


def run(database: str, requests: int) -> bool:
    """One pass on one database; True when every target is met."""
    with tempfile.TemporaryDirectory(prefix="yj-load-") as folder:
        server = Server(Path(folder))
        try:
            password = server.passwords["lead"]
            sessions = [Browser(server.url, "lead", password, 120) for _ in range(SAVERS)]
            places, essex = _places(sessions[0], SAVERS)
            saver = Saver(sessions, places)
            bare = lambda n, r: timed(sessions[n], "/health/")  # noqa: E731
            ratings = lambda n, r: timed(sessions[n], f"/inspections/{essex}/ratings/")  # noqa: E731
            concurrently(bare, sessions, 1)  # warm: connections, first requests
            concurrently(saver, sessions, 1)
            concurrently(ratings, sessions[:READERS], 1)
            print(f"{database}: {SAVERS} sessions saving, {READERS} reading the ratings page")
            # Side by side: each session alternates the measured request and the bare view, so
            # both meet the same load; the bare view alone, before, is shown for comparison.
            alone = concurrently(bare, sessions, requests)
            mixed = concurrently(
                lambda n, r: (saver, bare)[r % 2](n, r // 2), sessions, 2 * requests
            )
            alone10 = concurrently(bare, sessions[:READERS], 2 * requests)
            read = concurrently(
                lambda n, r: (ratings, bare)[r % 2](n, r), sessions[:READERS], 4 * requests
            )
            _phase(f"bare view alone, {SAVERS} sessions", alone)
            saves, save_errors = _phase(f"answer save, {SAVERS} sessions", mixed[0::2])
            bare50, bare_errors = _phase("bare view, beside the saves", mixed[1::2])
            _phase(f"bare view alone, {READERS} sessions", alone10)
            page, page_errors = _phase(f"ratings page, {READERS} sessions", read[0::2])
            bare10, bare10_errors = _phase("bare view, beside the ratings page", read[1::2])
            bare_errors += bare10_errors
            for what, p, by_itself in (
                ("answer save", saves, alone),
                ("ratings page", page, alone10),
            ):
                ratio = p / p95([t for _, t in by_itself])
                print(f"  ({what} p95 / the bare view's p95 alone: {ratio:.2f}x; not the target)")
            lost = [
                n for n, note in saver.last.items()
                if note not in sessions[0].get(f"/cases/{places[n][0]}/print/")[1]
            ]  # fmt: skip
        finally:
            server.stop()
    met = True
    for what, ratio, errors in (
        ("answer save", saves / bare50, save_errors + len(lost)),
        ("ratings page", page / bare10, page_errors),
    ):
        ok = ratio <= RATIO_TARGET and errors == 0 and bare_errors == 0
        met = met and ok
        print(f"{database}: {what}: p95 {ratio:.2f}x the bare view (target <= {RATIO_TARGET}x), "
              f"{errors} errors or lost answers: {'met' if ok else 'NOT MET'}")  # fmt: skip
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--requests", type=int, default=8, help="per session and phase")
    parser.add_argument("--limit", type=int, default=900, help="seconds before giving up")
    parser.add_argument("--here", action="store_true", help=argparse.SUPPRESS)  # in .ci/postgres
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, lambda *_: sys.exit(f"stopped after {args.limit} s"))
    signal.alarm(args.limit)
    met = True
    if args.here:
        return 0 if run("PostgreSQL", args.requests) else 1
    if args.database in ("sqlite", "both"):
        env_had = os.environ.pop("DATABASE_URL", None)
        met = run("SQLite", args.requests) and met
        if env_had is not None:
            os.environ["DATABASE_URL"] = env_had
    if args.database in ("postgres", "both"):
        inside = subprocess.run(
            ["bash", str(ROOT / ".ci" / "postgres"), sys.executable, __file__, "--here",
             "--requests", str(args.requests), "--limit", str(args.limit)],
            env={**os.environ, "YJ_PG_PORT": PG_PORT}, check=False,
        )  # fmt: skip
        met = inside.returncode == 0 and met
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
