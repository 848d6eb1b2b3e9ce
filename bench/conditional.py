"""Conditional GET and the change log: what a 304 saves, and what logging every change costs a write.

    .venv/bin/python bench/conditional.py            # SQLite, in a scratch file under /tmp
    .venv/bin/python bench/conditional.py --database-url postgres://postgres@127.0.0.1:5432/NAME

The database is emptied first (``flush``), then filled with ``generate_dataset``. Reads: each page is read
in full (the baseline) and again with ``If-None-Match`` (a 304), median of ``--repeat`` requests, in the
same process. Writes: ``--writes`` report saves (each a transaction with its status refresh and history),
once with the change log and once with it switched off in this process (the baseline).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument(
    "--database-url",
    default="sqlite:////tmp/eventsapi-conditional-bench.sqlite3",
    help="the scratch database, emptied first (default: a SQLite file under /tmp)",
)
parser.add_argument("--events", type=int, default=2_000, help="events in the dataset (default 2,000)")
parser.add_argument("--repeat", type=int, default=15, help="requests per measure; the median is shown")
parser.add_argument("--writes", type=int, default=200, help="report saves per write measure (default 200)")
args = parser.parse_args()

os.environ["DJANGO_SETTINGS_MODULE"] = "eventsapi.settings.local"
os.environ["DATABASE_URL"] = args.database_url
os.environ["DJANGO_DEBUG"] = "false"
os.environ["DJANGO_THROTTLE_ANON_RATE"] = "off"
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from unittest import mock  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from events.models import Event, Report, history  # noqa: E402


def median_ms(function):
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def reads():
    client = Client()
    event = Event.objects.order_by("pk").first()
    pages = [
        "/api/events/?page_size=500",
        "/api/reports/?page_size=500",
        "/api/reports/?page_size=100&format=csv",
        f"/api/events/{event.slug}/",
    ]
    print(f"{'read':45} {'full (ms)':>10} {'304 (ms)':>10} {'ratio':>7}")
    for url in pages:
        tag = client.get(url)["ETag"]
        full = median_ms(lambda url=url: client.get(url))
        not_modified = median_ms(lambda url=url, tag=tag: client.get(url, HTTP_IF_NONE_MATCH=tag))
        assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
        print(f"{url:45} {full:10.2f} {not_modified:10.2f} {full / not_modified:6.1f}x")


def writes(label):
    reports = list(Report.objects.order_by("pk")[: args.writes])
    started = time.perf_counter()
    for report in reports:
        with transaction.atomic():
            report.via = f"{label} {report.version}"
            report.save()
    seconds = time.perf_counter() - started
    return seconds * 1000 / len(reports)


def main():
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("generate_dataset", events=args.events, no_progress=True, verbosity=0)
    print(f"{args.database_url.split(':')[0]}: {Event.objects.count()} events, {Report.objects.count()} reports")
    reads()
    with mock.patch.object(history, "log_changes", lambda *a, **k: None):
        baseline = writes("baseline")
    logged = writes("logged")
    print(f"report save, no change log (baseline): {baseline:.2f} ms; with the change log: {logged:.2f} ms")


if __name__ == "__main__":
    main()
