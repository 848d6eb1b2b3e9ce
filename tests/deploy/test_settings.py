"""Settings: production from the environment only, and SQLite ready for concurrent writers.

Each test runs ``manage.py`` in a child process, since settings are read once per process.
"""

import json
import subprocess
import sys

import pytest

from bench.liveserver import ROOT, production_env

# Slow: a child process of manage.py per test (`make test-fast` leaves it out).
pytestmark = pytest.mark.slow

SHOW_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    name: getattr(settings, name, None)
    for name in ["DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
                 "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER",
                 "DATABASES", "MIDDLEWARE"]
}, default=str))
"""

SHOW_SQLITE_CONNECTION = """
from django.db import connection
with connection.cursor() as cursor:
    print(cursor.execute("PRAGMA journal_mode").fetchone()[0])
    print(cursor.execute("PRAGMA busy_timeout").fetchone()[0])
print(connection.transaction_mode)
"""


def run_manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def show_settings(env):
    completed = run_manage(env, "shell", "--verbosity", "0", "--command", SHOW_SETTINGS)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@pytest.fixture
def env(tmp_path):
    """A production environment on a SQLite file in ``tmp_path``."""
    return production_env(database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}", static_root=tmp_path / "static")


def test_check_deploy_passes_in_production(env):
    completed = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "no issues" in completed.stdout


def test_check_deploy_fails_when_https_is_relaxed(env):
    """The check above would catch a weakened deployment: here, no redirect to HTTPS and no HSTS."""
    env.update(DJANGO_SECURE_SSL_REDIRECT="false", DJANGO_SECURE_HSTS_SECONDS="0")

    completed = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert completed.returncode != 0
    assert "security.W004" in completed.stderr
    assert "security.W008" in completed.stderr


@pytest.mark.parametrize("variable", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_has_no_default_for(env, variable):
    del env[variable]

    completed = run_manage(env, "check")

    assert completed.returncode != 0
    assert f"Set the {variable} environment variable" in completed.stderr


def test_production_defaults_are_https_only_with_debug_off(env):
    shown = show_settings(env)

    assert shown["DEBUG"] is False
    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["SESSION_COOKIE_SECURE"] is True
    assert shown["CSRF_COOKIE_SECURE"] is True
    assert shown["SECURE_HSTS_SECONDS"] == 31_536_000  # a year
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert shown["SECURE_HSTS_PRELOAD"] is False  # the preload list is opt-in
    # Trusting X-Forwarded-Proto from anyone is opt-in: gunicorn already trusts it from FORWARDED_ALLOW_IPS.
    assert shown["SECURE_PROXY_SSL_HEADER"] is None
    assert shown["MIDDLEWARE"][:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_production_https_settings_follow_the_environment(env):
    env.update(
        DJANGO_DEBUG="true",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SESSION_COOKIE_SECURE="false",
        DJANGO_CSRF_COOKIE_SECURE="false",
        DJANGO_SECURE_HSTS_SECONDS="600",
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        DJANGO_SECURE_HSTS_PRELOAD="true",
        DJANGO_SECURE_PROXY_SSL_HEADER="true",
    )

    shown = show_settings(env)

    assert shown["DEBUG"] is True
    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["SESSION_COOKIE_SECURE"] is False
    assert shown["CSRF_COOKIE_SECURE"] is False
    assert shown["SECURE_HSTS_SECONDS"] == 600
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert shown["SECURE_HSTS_PRELOAD"] is True
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_sqlite_connections_use_wal_immediate_transactions_and_a_busy_timeout(env):
    completed = run_manage(env, "shell", "--verbosity", "0", "--command", SHOW_SQLITE_CONNECTION)

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["wal", "20000", "IMMEDIATE"]


def test_sqlite_options_from_the_url_take_precedence(env, tmp_path):
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}?timeout=5"

    options = show_settings(env)["DATABASES"]["default"]["OPTIONS"]

    assert options["timeout"] == 5
    assert options["transaction_mode"] == "IMMEDIATE"


def test_postgres_gets_health_checks_and_no_sqlite_options(env):
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/anything"

    database = show_settings(env)["DATABASES"]["default"]

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["OPTIONS"] == {}
    assert database["CONN_HEALTH_CHECKS"] is True
