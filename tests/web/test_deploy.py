"""The production settings pass Django's deployment checks, and the demo command works."""

import os
import secrets
import subprocess
import sys


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    # Its own SQLite workspace in tmp_path: the test run's DATABASE_URL names no database yet.
    skipped = ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if k not in skipped} | {
        "DJANGO_SETTINGS_MODULE": "yjinspect.web.production",
        "YJINSPECT_SECRET_KEY": secrets.token_urlsafe(50),
        "YJINSPECT_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "yjinspect.cli", "manage", "check", "--deploy", "--fail-level",
         "WARNING"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_the_health_check_answers_over_plain_http_in_production(tmp_path):
    """Monitors and load balancers check `/health/` over HTTP; every other page redirects."""
    # Its own SQLite workspace in tmp_path: the test run's DATABASE_URL names no database yet.
    skipped = ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if k not in skipped} | {
        "DJANGO_SETTINGS_MODULE": "yjinspect.web.production",
        "YJINSPECT_SECRET_KEY": secrets.token_urlsafe(50),
        "YJINSPECT_DATA_DIR": str(tmp_path),
    }
    ask = ("from django.test import Client; c = Client(HTTP_HOST='127.0.0.1'); "
           "print(c.get('/health/').status_code, c.get('/login/').status_code)")  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "yjinspect.cli", "manage", "shell", "-c", ask],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.stdout.splitlines()[-1].split() == ["200", "301"], done.stdout + done.stderr


def test_demo_prepares_a_workspace_and_prints_credentials(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "yjinspect.cli", "demo", "--data-dir", str(tmp_path / "demo"),
         "--no-serve"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for name in ("admin", "lead", "inspector", "assessor", "viewer"):
        assert f"  {name}" in done.stdout
    assert (tmp_path / "demo" / "yjinspect.sqlite3").exists()
    assert (tmp_path / "demo" / "static" / "staticfiles.json").exists()


def test_the_database_is_the_one_asked_for(db):
    from django.db import connection

    wanted = os.environ.get("DATABASE_URL", "sqlite")
    assert connection.vendor == ("postgresql" if wanted.startswith("postgres") else "sqlite")


def test_administrators_manage_services_in_the_admin_site(demo, as_user):
    assert as_user("admin").get("/admin/workspace/service/").status_code == 200
    assert as_user("admin").get("/admin/auth/user/").status_code == 200
    response = as_user("lead").get("/admin/workspace/service/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_repeated_failed_sign_ins_are_throttled(demo, client):
    password = demo["passwords"]["lead"]
    attempts = [client.post("/login/", {"username": "lead", "password": "wrong"}) for _ in range(5)]
    assert [a.status_code for a in attempts] == [200, 200, 200, 200, 429]  # locked at the fifth
    locked = client.post("/login/", {"username": "lead", "password": password})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_server_freezes_what_it_loaded_before_serving(db):
    """What is loaded before the first request lives as long as the server: frozen, the
    collector's full passes (75 ms over a loaded workspace, every request waiting) skip it."""
    import gc

    from yjinspect.web import runner

    gc.unfreeze()
    try:
        runner.settle()
        assert gc.get_freeze_count() > 100_000  # Django, every view, the frameworks' models
    finally:
        gc.unfreeze()
