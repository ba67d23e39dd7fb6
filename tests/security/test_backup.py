"""`yjinspect backup` and `restore`: every table comes back exactly, audit timestamps to the
microsecond; a restore refuses what is not a backup and, unless told, a database with data
(issue 13, item 15). The in-process test runs on the suite's database: SQLite normally,
PostgreSQL when DATABASE_URL points at it (CI's second pass)."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from yjinspect.errors import InputError
from yjinspect.web.backup import backup, restore
from yjinspect.web.workspace.demo import build_demo
from yjinspect.web.workspace.models import Inspection


def _every_table() -> dict[str, list[tuple]]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


@pytest.fixture
def needs_pg_dump():
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed (the PostgreSQL client programs)")


def test_backup_and_restore_bring_back_every_table_exactly(transactional_db, needs_pg_dump,
                                                           tmp_path):  # fmt: skip
    build_demo()
    before = _every_table()
    history = before["workspace_historicalinspection"]
    assert any(
        value.microsecond for row in history for value in row if hasattr(value, "microsecond")
    )
    saved = backup(tmp_path / "workspace.backup")

    Inspection.objects.all().delete()  # a disaster
    with pytest.raises(InputError, match="already holds data"):
        restore(saved)
    assert not Inspection.objects.exists()  # refused: nothing changed
    restore(saved, replace=True)
    assert _every_table() == before


def test_restore_refuses_what_is_not_a_backup(transactional_db, needs_pg_dump, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a backup\n")
    with pytest.raises(InputError, match="is not a yjinspect backup"):
        restore(text)
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as database:
        database.execute("CREATE TABLE notes (text)")
    kind = "is not a yjinspect backup: no" if connection.vendor == "sqlite" else "is a sqlite"
    with pytest.raises(InputError, match=kind):
        restore(other)
    with pytest.raises(InputError, match="already exists"):
        backup(text)


def _run(*args: str | Path) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    return subprocess.run(
        [sys.executable, "-m", "yjinspect.cli", *map(str, args)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip


def _sqlite_tables(path: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(path)) as database:
        names = [
            r[0] for r in database.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            n: sorted(database.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names
        }


def test_the_commands_round_trip_a_sqlite_workspace(tmp_path):
    used, fresh, saved = tmp_path / "used", tmp_path / "fresh", tmp_path / "workspace.backup"
    assert _run("demo", "--data-dir", used, "--no-serve").returncode == 0
    done = _run("backup", saved, "--data-dir", used)
    assert done.returncode == 0, done.stderr
    done = _run("restore", saved, "--data-dir", fresh)
    assert done.returncode == 0, done.stderr
    original, restored = (
        _sqlite_tables(used / "yjinspect.sqlite3"),
        _sqlite_tables(fresh / "yjinspect.sqlite3"),
    )
    assert restored == original
    stamps = [
        v for row in restored["workspace_historicalinspection"] for v in row if isinstance(v, str)
    ]
    assert any(re.fullmatch(r"[\d-]{10} [\d:]{8}\.\d{6}", stamp) for stamp in stamps)

    refused = _run("restore", saved, "--data-dir", used)
    assert refused.returncode == 2
    assert "already holds data" in refused.stderr and "--replace" in refused.stderr
    assert _run("restore", saved, "--data-dir", used, "--replace").returncode == 0
    not_one = _run(
        "restore", tmp_path / "used" / "static" / "staticfiles.json", "--data-dir", fresh
    )
    assert not_one.returncode == 2 and "is not a yjinspect backup" in not_one.stderr
