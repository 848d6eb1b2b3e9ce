"""The fault scenario (bench/fault.py), short: killed workers and a reload lose no acknowledged write; on
PostgreSQL, neither does a killed database server, and the scenario kills a cluster of its own only."""

import glob
import os

import psycopg
import pytest

from bench import fault

# Slow: gunicorn for 12 seconds, its workers killed and reloaded (`make test-fast` leaves it out).
pytestmark = pytest.mark.slow

SHORT = ["--duration", "12", "--kills", "3", "--reloads", "1", "--writers", "3"]
SHARED_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def test_killed_workers_and_a_reload_lose_no_acknowledged_write(tmp_path):
    args = fault.arguments(SHORT)

    figures, checks = fault.run(args, tmp_path)

    assert checks == dict.fromkeys(checks, True), figures
    assert figures["sigkills"] == 3
    assert figures["sighups"] == 1
    assert figures["integrity_check"] == "ok"
    assert set(figures["acknowledged_writes"]) == {"create event", "create report", "patch event"}
    assert figures["reads"] > 0


def shared_server_started():
    """When the machine's shared PostgreSQL server last started, or ``None`` when there is none to ask."""
    try:
        with psycopg.connect(SHARED_SERVER, connect_timeout=3) as connection:
            return connection.execute("SELECT pg_postmaster_start_time()").fetchone()[0]
    except psycopg.OperationalError:
        return None


@pytest.fixture
def server_programs():
    """PostgreSQL's initdb and pg_ctl: the scenario makes a cluster of its own. Fails, not skips, in CI."""
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        message = "no PostgreSQL server programs (/usr/lib/postgresql/<version>/bin/initdb)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


def test_a_killed_database_server_loses_no_acknowledged_write_and_the_shared_one_is_untouched(
    server_programs, tmp_path
):
    """The scenario's own cluster is killed mid-run and started again; the service comes back by itself."""
    shared_before = shared_server_started()
    args = fault.arguments(["--db", "postgres", *SHORT])

    figures, checks = fault.run(args, tmp_path)

    assert checks == dict.fromkeys(checks, True), figures
    assert "answers after the database restart" in checks
    assert figures["database"].startswith("postgres (own cluster on port ")
    assert figures["succeeded_after_restart"] > 0
    assert set(figures["acknowledged_writes"]) == {"create event", "create report", "patch event"}
    assert shared_server_started() == shared_before
