"""Start the workspace: settings, database, static files, and a production WSGI server."""

from __future__ import annotations

import ctypes
import errno
import gc
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from yjinspect.errors import InputError


def setup(data_dir: Path | None = None, settings: str = "yjinspect.web.settings") -> None:
    """Configure Django for this process (the data folder holds SQLite and static files)."""
    if data_dir is not None:
        os.environ["YJINSPECT_DATA_DIR"] = str(data_dir.resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()


def prepare() -> None:
    """Bring the database up to date and collect the static files WhiteNoise serves."""
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def listen(host: str, port: int) -> socket.socket:
    """Claim the address before anything else is done, so a port in use is one clear error.

    Raises `InputError` naming the address (a port in use, a host not on this machine).
    """
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        server = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:
        raise InputError.single(f"{host}:{port}", f"cannot listen there ({exc.strerror})") from None
    try:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as waitress does
        server.bind((host, port))
    except OSError as exc:
        server.close()
        if exc.errno == errno.EADDRINUSE:
            message = f"port {port} is in use; choose another with --port"
        else:
            message = f"cannot listen there ({exc.strerror})"
        raise InputError.single(f"{host}:{port}", message) from None
    return server


def proxy_options(trusted_proxy: str | None) -> dict[str, object]:
    """Waitress's proxy settings: X-Forwarded-For and -Proto are believed from the trusted proxy
    (one hop) and removed from every other request."""
    if not trusted_proxy:
        return {"clear_untrusted_proxy_headers": True}
    return {
        "trusted_proxy": trusted_proxy,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": "x-forwarded-for x-forwarded-proto",
        "clear_untrusted_proxy_headers": True,
    }


def settle() -> None:
    """Load what every request uses (the URLconf imports every view), then freeze what is
    loaded: it lives as long as the server, and frozen it is no longer walked by the cyclic
    collector's full passes. Such a pass over a loaded workspace (about 200,000 objects) took
    75 ms, every request thread waiting meanwhile: the ratings page's slowest requests."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view module now)
    gc.collect()
    gc.freeze()


def serve(server: socket.socket) -> None:
    """Serve the workspace on a socket from `listen` until interrupted."""
    from django.conf import settings
    from waitress import serve as waitress_serve

    from yjinspect.web.wsgi import application

    settle()
    options = proxy_options(settings.YJINSPECT_TRUSTED_PROXY)
    # Stopped by a service manager (SIGTERM) as by Ctrl+C: the workers are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with report_workers(settings.YJINSPECT_REPORT_WORKERS):
        waitress_serve(application, sockets=[server], threads=8, **options)


def _as_worker() -> None:
    """In a worker before it starts: a lower CPU priority, so pages stay fast while reports
    render, and stopped if the server dies without stopping it (Linux)."""
    os.nice(10)
    if sys.platform == "linux":
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


@contextmanager
def report_workers(count: int) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Run `count` task workers (django-tasks-db's `db_worker`, each one task at a time) with
    this process's settings, and stop them when the block ends. Stopping lets a render in
    progress finish for up to 30 s; a queued one waits for the next start."""
    command = [sys.executable, "-m", "django", "db_worker", "--no-reload", "--interval", "0.5"]
    workers = [
        subprocess.Popen([*command, "--verbosity", "0"], preexec_fn=_as_worker)
        for _ in range(count)
    ]
    try:
        yield workers
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()


def manage(arguments: list[str]) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["yjinspect manage", *arguments])
