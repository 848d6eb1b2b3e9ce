"""Backups that restore: the whole database in one file, and back.

- SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies the database
  page by page as one consistent snapshot while the server goes on reading and writing
  (WAL mode: the copy's read transaction blocks no writer). The copy is checked with
  ``PRAGMA integrity_check`` before it takes the backup's name; a restore checks the backup the same
  way before it copies anything, so a file cut short is refused, not half restored.
- PostgreSQL: ``pg_dump --format=custom``; restored with ``pg_restore --clean --if-exists
  --single-transaction``, so a restore that fails leaves the database as it was.

Every table is in the file: records, history, users, groups, permissions, tokens, sign-in
attempts, sessions, migrations. ``manage.py backup`` and ``manage.py restore`` call these;
docs/operations.md ("Backups and restore") has the drill.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or a restore that could not be made; nothing was changed."""


def backup(path, *, using="default"):
    """Write the whole database of ``using`` to the file ``path`` (replaced only once the copy is complete)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a folder: nothing was written.")
    partial = path.with_name(f".{path.name}.partial")
    vendor = connections[using].vendor
    try:
        if vendor == "sqlite":
            backup_sqlite(sqlite_path(using), partial)
        elif vendor == "postgresql":
            pg_tool("pg_dump", "--format=custom", "--no-password", f"--file={partial}", using=using)
        else:
            raise BackupError(f"No backup for the {vendor} database engine: SQLite and PostgreSQL only.")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore(path, *, using="default"):
    """Replace every table of the database of ``using`` with those of the backup at ``path``."""
    path = Path(path)
    connection = connections[using]
    expected = {"sqlite": SQLITE_HEADER, "postgresql": PG_DUMP_HEADER}.get(connection.vendor)
    if expected is None:
        raise BackupError(f"No restore for the {connection.vendor} database engine: SQLite and PostgreSQL only.")
    try:
        with path.open("rb") as file:
            header = file.read(len(expected))
    except OSError as error:
        raise BackupError(f"{path}: {error.strerror or error}.") from error
    if header != expected:
        kind = "an SQLite database" if connection.vendor == "sqlite" else "a pg_dump archive (custom format)"
        raise BackupError(f"{path} is not {kind}: not a backup of this database's engine. Nothing was restored.")
    connection.close()  # no transaction of ours holds a lock on what is replaced
    if connection.vendor == "sqlite":
        restore_sqlite(path, sqlite_path(using))
    else:
        try:
            pg_tool(
                "pg_restore",
                *("--clean", "--if-exists", "--single-transaction", "--exit-on-error"),
                *("--no-owner", "--no-privileges", "--no-password", str(path)),
                using=using,
            )
        except BackupError as error:  # one transaction, rolled back (tester 43, L3: an archive cut short said not)
            raise BackupError(f"{error} Nothing was restored.") from None
    connection.close()


def sqlite_path(using):
    name = str(connections[using].settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError("An in-memory SQLite database has no file to back up.")
    return name


def backup_sqlite(source_path, target_path):
    """Copy the live database at ``source_path`` with SQLite's online backup API, then check the copy."""
    source = sqlite3.connect(source_path, timeout=60)
    target = sqlite3.connect(target_path)
    try:
        # All pages in one step: one read transaction, so one consistent snapshot (writers carry on in WAL mode).
        source.backup(target)
        problems = sqlite_problems(target)
        if problems:
            raise BackupError(f"{target_path} fails SQLite's integrity check: {'; '.join(problems[:5])}")
    finally:
        target.close()
        source.close()


def restore_sqlite(backup_path, database_path):
    """Copy the backup over the live database with the backup API: one write transaction, all or nothing."""
    source = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
    target = sqlite3.connect(database_path, timeout=60)
    try:
        problems = sqlite_problems(source)
        if problems:  # a file cut short (a copy that stopped midway) or damaged
            raise BackupError(
                f"{backup_path} is not a backup that restores: SQLite finds it cut short or damaged "
                f"({'; '.join(problems[:5])}). Nothing was restored."
            )
        tables = {name for (name,) in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"django_migrations", "events_event"} <= tables:
            raise BackupError(f"{backup_path} is an SQLite database, but not one of eventsapi. Nothing was restored.")
        source.backup(target)
    finally:
        target.close()
        source.close()


def sqlite_problems(connection):
    """What ``PRAGMA integrity_check`` finds wrong with a database, none if nothing.

    A file too damaged to be checked at all (cut short: "database disk image is malformed") is that error.
    """
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if problems == ["ok"] else problems


def pg_tool(program, *arguments, using):
    """Run ``pg_dump`` or ``pg_restore`` on the database of ``using``, connecting as Django does."""
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client).")
    settings = connections[using].settings_dict
    env = {**os.environ}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings.get(key):
            env[variable] = str(settings[key])
    done = subprocess.run(
        [executable, f"--dbname={settings['NAME']}", *arguments], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}")
