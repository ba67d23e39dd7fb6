"""The report workers as `yjinspect demo` and `yjinspect serve` run them: started with the
server, rendering a PDF asked for over HTTP, and stopped with the server."""

import os
import re
import signal
import time
from pathlib import Path

from .served import Browser


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_server_starts_a_worker_that_renders_the_pdf_and_stops_it(server):
    process = server["process"]
    workers = _children(process.pid)
    assert len(workers) == 1  # YJINSPECT_REPORT_WORKERS, 1 by default
    command = Path(f"/proc/{workers[0]}/cmdline").read_text().split("\0")
    assert "db_worker" in command
    assert os.getpriority(os.PRIO_PROCESS, workers[0]) >= 10  # pages before reports

    lead = Browser(server["url"], "lead", server["passwords"]["lead"])
    _, home = lead.get("/")
    essex = re.search(r'href="/inspections/(\d+)/">Essex Youth Offending Service', home)
    url = f"/inspections/{essex.group(1)}/report.pdf"
    status, kind, body = lead.fetch(url)
    assert (status, kind) == (202, "text/html; charset=utf-8")
    assert "Preparing the PDF…" in body.decode()
    deadline = time.monotonic() + 600
    while kind != "application/pdf" and time.monotonic() < deadline:
        time.sleep(1)
        status, kind, body = lead.fetch(url, htmx=True)
        if "is ready" in body.decode(errors="replace"):
            status, kind, body = lead.fetch(url)
    assert (status, kind) == (200, "application/pdf")
    assert body.startswith(b"%PDF")

    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    assert not any(_running(worker) for worker in workers)
