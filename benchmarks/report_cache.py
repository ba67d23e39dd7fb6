"""Benchmark: report files from the workspace under load, over real HTTP (issue 15).

Targets, each measured side by side in one run against the bare view (`GET /health/`, one
database query) served by the same server to the same signed-in session:
  (a) a second download of an unchanged report's PDF: p95 <= 3x the bare view's p95;
  (b) the bare view's p95 while 10 PDFs render: <= 3x its p95 when idle.
It prepares a fresh SQLite demo workspace (`yjinspect demo --no-serve`) with 9 copies of the
Essex inspection, starts `yjinspect serve` (waitress and its report worker) on 127.0.0.1, signs
in real sessions, and stops everything by itself within --limit seconds (exit 1 then).
Run:  python benchmarks/report_cache.py [--requests N] [--limit SECONDS]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests' HTTP helper, one for tests and benchmarks
from tests.web.served import Browser  # noqa: E402

RATIO_TARGET = 3.0
RENDERING = 10  # PDFs asked for at once in (b)


def timed(session: Browser, path: str) -> float:
    reply = session.send(path)
    assert reply.status == 200, f"{path}: HTTP {reply.status}"
    return reply.seconds


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def clone_essex(data: Path, copies: int) -> list[int]:
    """Copies of the demo's Essex inspection (cases, answers, judgements, words, team), so that
    many different PDFs of full size can be asked for at once. Returns their ids."""
    from django.db import connections

    from yjinspect.web import runner

    runner.setup(data)
    from yjinspect.web.workspace import models as m

    essex = m.Inspection.objects.get(framework_id="hmip-yos-2018")
    kept = [m.Assignment, m.StandardJudgement, m.Discretion, m.SamplingRecord, m.Finding,
            m.Recommendation, m.SurveyGroup, m.FieldworkRecord, m.ReportText,
            m.PressQuote]  # fmt: skip
    made = []
    for _ in range(copies):
        copy = m.Inspection.objects.get(pk=essex.pk)
        copy.pk = None
        copy.save()
        made.append(copy.pk)
        for model in kept:
            for row in model.objects.filter(inspection=essex):
                row.pk, row.inspection = None, copy
                row.save()
        for case in m.Case.objects.filter(inspection=essex).select_related("assessment"):
            assessment = getattr(case, "assessment", None)
            answers = list(assessment.answers.all()) if assessment else []
            case.pk, case.inspection = None, copy
            case.save()
            if assessment is not None:
                assessment.pk, assessment.case = None, case
                assessment.save()
                for answer in answers:
                    answer.pk, answer.assessment = None, assessment
                m.Answer.objects.bulk_create(answers)
    connections.close_all()
    return made


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def paced(session: Browser, path: str, count: int) -> list[float]:
    """Times of `count` requests, one every 20 ms or so (as people click, not a flood)."""
    times = []
    for _ in range(count):
        times.append(timed(session, path))
        time.sleep(0.02)
    return times


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for_pdf(session: Browser, path: str, deadline: float) -> bytes:
    """Ask for a PDF as the page does (again every half second) until it is served."""
    while time.monotonic() < deadline:
        status, kind, body = session.fetch(path)
        if kind == "application/pdf":
            return body
        assert status == 202, f"{path}: HTTP {status} {body[:300]!r}"
        time.sleep(0.5)
    raise TimeoutError(f"{path} was not ready in time")


def measure(args: argparse.Namespace, data: Path, deadline: float) -> int:
    environment = {**os.environ, "YJINSPECT_DATA_DIR": str(data)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    cli = [sys.executable, "-m", "yjinspect.cli"]
    prepared = subprocess.run(
        [*cli, "demo", "--no-serve", "--data-dir", str(data)],
        env=environment, capture_output=True, text=True, check=True,
    )  # fmt: skip
    passwords = dict(re.findall(r"^\s+(\w+)\s+(\S+)$", prepared.stdout, re.MULTILINE))
    copies = clone_essex(data, RENDERING - 1)
    port = free_port()
    log = (data / "server.log").open("w")
    server = subprocess.Popen([*cli, "serve", "--port", str(port), "--data-dir", str(data)],
                              env=environment, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    watchdog = threading.Timer(max(1.0, deadline - time.monotonic()), server.kill)
    watchdog.start()
    try:
        url = f"http://127.0.0.1:{port}"
        while not listening(port):
            assert server.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        lead = Browser(url, "lead", passwords["lead"], 120)
        _, _, home = lead.fetch("/")
        essex = re.search(rb'href="/inspections/(\d+)/">Essex Youth Offending Service', home)
        assert essex, "the Essex inspection is not on the lead's home page"
        pdf = f"/inspections/{int(essex.group(1))}/report.pdf"
        for _ in range(20):  # warm: connections, templates, the renderer's version
            timed(lead, "/health/")
        first = time.perf_counter()
        body = wait_for_pdf(lead, pdf, deadline)
        print(f"first download of {pdf}: {time.perf_counter() - first:.1f} s "
              f"(queued, rendered by the worker, {len(body) / 1024:.0f} KB)")  # fmt: skip

        # (a) Interleaved, so drift on the machine hits both alike.
        bare, cached = [], []
        for _ in range(args.requests):
            bare.append(timed(lead, "/health/"))
            cached.append(timed(lead, pdf))
        ratio_a = p95(cached) / p95(bare)
        print(f"(a) bare view p95 {p95(bare) * 1000:.1f} ms; second download of the unchanged "
              f"PDF p95 {p95(cached) * 1000:.1f} ms: {ratio_a:.2f}x")  # fmt: skip

        # (b) The bare view idle, then while 10 PDFs are being rendered.
        idle = paced(lead, "/health/", args.requests)
        people = [Browser(url, "lead", passwords["lead"], 120) for _ in range(RENDERING)]
        mock = re.search(rb'href="/inspections/(\d+)/">Demo Youth Justice Service', home)
        assert mock, "the demo inspection is not on the lead's home page"
        asked = [f"/inspections/{pk}/report.pdf" for pk in [*copies, int(mock.group(1))]]
        threads = [
            threading.Thread(target=person.fetch, args=(path,))
            for person, path in zip(people, asked, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        busy = paced(lead, "/health/", args.requests)
        still = sum(people[0].fetch(path)[0] == 202 for path in asked)  # 200: the PDF itself
        ratio_b = p95(busy) / p95(idle)
        print(f"(b) bare view p95 idle {p95(idle) * 1000:.1f} ms; while {RENDERING} PDFs were "
              f"asked for {p95(busy) * 1000:.1f} ms: {ratio_b:.2f}x "
              f"({still} of {len(asked)} still rendering at the end)")  # fmt: skip
        assert still > 0, "the PDFs were all rendered before the measurement ended"
    finally:
        watchdog.cancel()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    met_a, met_b = ratio_a <= RATIO_TARGET, ratio_b <= RATIO_TARGET
    print(f"(a) {ratio_a:.2f}x (target <= {RATIO_TARGET}x): {'met' if met_a else 'NOT MET'}")
    print(f"(b) {ratio_b:.2f}x (target <= {RATIO_TARGET}x): {'met' if met_b else 'NOT MET'}")
    return 0 if met_a and met_b else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per measurement")
    parser.add_argument("--limit", type=float, default=900, help="stop after this many seconds")
    args = parser.parse_args()
    deadline = time.monotonic() + args.limit
    with tempfile.TemporaryDirectory(prefix="yjinspect-report-cache-") as folder:
        try:
            return measure(args, Path(folder), deadline)
        except (AssertionError, TimeoutError, ConnectionError, OSError) as failure:
            print(f"benchmark failed: {failure}")
            return 1


if __name__ == "__main__":
    sys.exit(main())
