"""Backup and restore of the workspace database, exact to the byte.

`dumpdata`/`loaddata` would cut the audit trail's timestamps to milliseconds, so the database's
own tools are used: SQLite's online backup API (safe while the workspace is running) and
`pg_dump`/`pg_restore` (custom format) for PostgreSQL. A restore checks that the file is a
yjinspect backup for this kind of database, and refuses to overwrite a database that holds
users or inspection data unless told to replace it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connection

from yjinspect.errors import InputError

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
# A yjinspect database has these tables; a backup without them is someone else's.
MARK_TABLES = ("django_migrations", "auth_user", "workspace_inspection")


def _database() -> str:
    """The database, as messages name it: SQLite's file, or PostgreSQL's database name."""
    return str(connection.settings_dict["NAME"])


def _vendor() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise InputError.single(
            _database(), f"backups are for SQLite or PostgreSQL, not {connection.vendor}"
        )
    return connection.vendor


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def holds_data() -> bool:
    """Whether the database has any user or any workspace row (a migrated, empty database has
    only Django's own content types and permissions)."""
    tables = [
        name
        for name in connection.introspection.table_names()
        if name == "auth_user" or name.startswith("workspace_")
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return True
    return False


def backup(target: Path) -> Path:
    """Write the whole database to `target` (a new file); written to a temporary name first,
    so a failed backup leaves nothing that looks like one."""
    if target.exists():
        raise InputError.single(target, "already exists: choose a new name for the backup")
    partial = target.with_name(f".{target.name}.partial")
    try:
        if _vendor() == "sqlite":
            connection.ensure_connection()
            with closing(sqlite3.connect(partial)) as copy:
                connection.connection.backup(copy)
        else:
            _postgres("pg_dump", "--format=custom", "--no-owner", f"--file={partial}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _kind_of(source: Path) -> str:
    try:
        with source.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InputError.single(source, f"cannot be read: {exc.strerror}") from None
    if header.startswith(SQLITE_HEADER):
        return "sqlite"
    if header.startswith(PG_DUMP_HEADER):
        return "postgresql"
    raise InputError.single(source, "is not a yjinspect backup (neither SQLite nor pg_dump)")


def _check_sqlite_backup(source: Path) -> None:
    try:
        with closing(_read_only(source)) as copy:
            found = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
            healthy = copy.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError as exc:
        raise InputError.single(source, f"is not a readable SQLite database: {exc}") from None
    if not healthy:
        raise InputError.single(source, "is damaged (SQLite's check failed)")
    _check_tables(source, found)


def _check_tables(source: Path, found: set[str]) -> None:
    missing = [table for table in MARK_TABLES if table not in found]
    if missing:
        raise InputError.single(source, f"is not a yjinspect backup: no {', '.join(missing)} table")


def _check_pg_backup(source: Path) -> None:
    listing = _postgres("pg_restore", "--list", str(source), database=False)
    found = set()
    for line in listing.splitlines():  # "215; 1259 16390 TABLE public auth_user owner"
        parts = line.split()
        if "TABLE" in parts[:-2] and parts[parts.index("TABLE") + 1] != "DATA":
            found.add(parts[parts.index("TABLE") + 2])
    _check_tables(source, found)


def restore(source: Path, replace: bool = False) -> None:
    """Replace the database's contents with the backup in `source`.

    Refused (InputError, nothing changed) when `source` is not a yjinspect backup of this kind
    of database, or when the database holds data and `replace` is false.
    """
    vendor, kind = _vendor(), _kind_of(source)
    if kind != vendor:
        raise InputError.single(source, f"is a {kind} backup; this workspace uses {vendor}")
    (_check_sqlite_backup if kind == "sqlite" else _check_pg_backup)(source)
    if holds_data() and not replace:
        raise InputError.single(
            _database(),
            "already holds data; restoring would overwrite it "
            "(use --replace to do so, after a backup of it)",
        )
    if vendor == "sqlite":
        connection.ensure_connection()
        with closing(_read_only(source)) as copy:
            copy.backup(connection.connection)
    else:
        connection.close()  # pg_restore drops and recreates every table
        _postgres("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                  "--exit-on-error", str(source))  # fmt: skip


def _postgres(program: str, *arguments: str, database: bool = True) -> str:
    """Run a PostgreSQL client program on this workspace's database; the password goes in the
    environment, never on the command line."""
    settings = connection.settings_dict
    variables = {"PGHOST": "HOST", "PGPORT": "PORT", "PGUSER": "USER", "PGPASSWORD": "PASSWORD"}
    env = os.environ | {
        name: str(settings[key]) for name, key in variables.items() if settings.get(key)
    }
    command = [program, *arguments]
    if database:
        command.insert(1, f"--dbname={settings['NAME']}")
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise InputError.single(
            _database(), f"{program} is not installed: install the PostgreSQL client programs"
        ) from None
    if done.returncode != 0:
        raise InputError.single(_database(), f"{program} failed: {done.stderr.strip()}")
    return done.stdout
