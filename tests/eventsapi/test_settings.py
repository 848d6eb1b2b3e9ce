"""A setting the environment gives wrong stops ``manage.py`` with one line naming the variable, no traceback (tester
43, M6: 35 to 98 lines ending in "KeyError: 'ENGINE'" or "invalid literal for int()")."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
