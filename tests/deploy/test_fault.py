"""The fault scenario (bench/fault.py), short, on SQLite: killed workers and a reload lose no acknowledged write."""

import pytest

from bench import fault

# Slow: gunicorn for 12 seconds, its workers killed and reloaded (`make test-fast` leaves it out).
pytestmark = pytest.mark.slow


def test_killed_workers_and_a_reload_lose_no_acknowledged_write(tmp_path):
    args = fault.arguments(["--duration", "12", "--kills", "3", "--reloads", "1", "--writers", "3", "--port", "8423"])

    figures, checks = fault.run(args, tmp_path)

    assert checks == dict.fromkeys(checks, True), figures
    assert figures["sigkills"] == 3
    assert figures["sighups"] == 1
    assert figures["integrity_check"] == "ok"
    assert set(figures["acknowledged_writes"]) == {"create event", "create report", "patch event"}
    assert figures["reads"] > 0
