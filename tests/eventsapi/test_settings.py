"""A setting the environment gives wrong stops ``manage.py`` with one line naming the variable, no traceback (tester
43, M6: 35 to 98 lines ending in "KeyError: 'ENGINE'" or "invalid literal for int()")."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **environment):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("environment", "said"),
    [
        ({"DJANGO_CONN_MAX_AGE": "abc"}, "DJANGO_CONN_MAX_AGE='abc' cannot be read: invalid literal for int()"),
        (
            {"DATABASE_URL": "notaurl"},
            "DATABASE_URL: “notaurl” is no database URL: give sqlite:////path/to/db.sqlite3",
        ),
        (
            {"DATABASE_REPLICA_URLS": "notaurl"},
            "DATABASE_REPLICA_URLS: “notaurl” is no database URL",
        ),
        ({"DJANGO_THROTTLE_ANON_RATE": "abc"}, "DJANGO_THROTTLE_ANON_RATE='abc' is no rate"),
        # an on/off variable's typo was read as off (review 38): an SSL redirect or the preload turned off unseen
        ({"DJANGO_DEBUG": "ture"}, "DJANGO_DEBUG='ture' cannot be read: give true or false."),
        (
            {"DJANGO_SETTINGS_MODULE": "eventsapi.settings.production", "DJANGO_ALLOWED_HOSTS": "x"},
            "Set the DJANGO_SECRET_KEY environment variable",
        ),
    ],
)
def test_a_setting_that_cannot_be_read_is_one_line_naming_it(environment, said):
    done = manage("check", **environment)

    assert done.returncode == 1
    assert done.stderr.startswith("manage.py: the configuration cannot be used: ")
    assert said in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_a_database_url_s_password_is_never_shown():
    done = manage("check", DATABASE_URL="postgres://user:S3cretPW@db:54x2/x")

    assert "S3cretPW" not in done.stderr and "postgres://user:***@db:54x2/x" in done.stderr


def test_a_database_that_cannot_be_reached_is_said_so_without_a_traceback():
    done = manage("migrate", "--check", DATABASE_URL="postgres://postgres@127.0.0.1:9/nowhere")

    assert done.returncode == 1
    assert done.stderr.startswith("manage.py: the database cannot be reached: ")
    assert "Traceback" not in done.stderr


NOT_MIGRATED = "manage.py: the database is not migrated ({}): run `manage.py migrate` first.\n"


def test_a_database_not_migrated_says_to_migrate_without_a_traceback_on_sqlite(tmp_path):
    """Tester 45, D7: a command on a fresh SQLite file ended in a 40-line traceback, "no such table"."""
    done = manage("export_records", "--model", "participant", DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")

    assert done.returncode == 1
    assert done.stderr == NOT_MIGRATED.format("no such table: events_participant")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: run the suite with DATABASE_URL=postgres://..."
)
def test_a_database_not_migrated_says_to_migrate_without_a_traceback_on_postgresql():
    """The same on an empty PostgreSQL database ("relation ... does not exist"); on the suite's migrated database a
    missing table is no missing migration, and keeps its traceback."""
    import psycopg

    database = connection.settings_dict
    server = f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:{database['PORT']}/"
    empty = f"{database['NAME']}_not_migrated"
    with psycopg.connect(f"{server}postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{empty}"')
        admin.execute(f'CREATE DATABASE "{empty}"')
        try:
            done = manage("export_records", "--model", "participant", DATABASE_URL=f"{server}{empty}")
        finally:
            admin.execute(f'DROP DATABASE "{empty}"')
    migrated = manage(
        "shell",
        "--command",
        "from django.db import connection; connection.cursor().execute('SELECT 1 FROM nowhere')",
        DATABASE_URL=f"{server}{database['NAME']}",
    )

    assert done.returncode == 1
    assert done.stderr == NOT_MIGRATED.format('relation "events_participant" does not exist')
    assert "Traceback" in migrated.stderr and 'relation "nowhere" does not exist' in migrated.stderr


def test_a_migration_that_fails_on_a_missing_column_keeps_its_traceback(monkeypatch):
    """Review 38: ``migrate`` failing in a migration of its own ("no such column: nmae") left the database not
    migrated, and was told as "run manage.py migrate first", its traceback lost; another command is told so."""
    import importlib.util

    from django.db import OperationalError

    spec = importlib.util.spec_from_file_location("manage_under_test", ROOT / "manage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    error = OperationalError("no such column: nmae")

    def fails(argv):
        raise error

    monkeypatch.setattr("django.core.management.execute_from_command_line", fails)
    monkeypatch.setattr(module, "not_migrated", lambda error: True)
    monkeypatch.setattr(sys, "argv", ["manage.py", "migrate"])
    with pytest.raises(OperationalError) as raised:
        module.main()
    assert raised.value is error

    monkeypatch.setattr(sys, "argv", ["manage.py", "export_records"])
    with pytest.raises(SystemExit, match="the database is not migrated"):
        module.main()
