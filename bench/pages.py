"""A page of each list in its default order, and under its common filters, on a large dataset: in-process median.

    python bench/pages.py --database sqlite:///$PWD/bench/data/bench.sqlite3

The dataset is the one ``make bench`` built (``generate_dataset``, which gathers the planner's
statistics at its end). Each request is made ``--repeat`` times through Django's test client after
one warm-up; the median is printed with the page's query plan's verdict (a sort of every match, or
not), as a Markdown table to append to bench/RESULTS.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/api/attendances/",
    "/api/attendances/?status=confirmed",
    "/api/attendances/?role=observer",
    "/api/attendances/?ordering=-status_date",
    "/api/attendances/?date_after=2000-01-01",
    "/api/events/",
    "/api/events/?kind=summit",
    "/api/reports/",
    "/api/reports/?review=verified",
    "/api/articles/",
    "/api/participants/",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventsapi.settings.local")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_THROTTLE_ANON_RATE", "1000000/minute")  # every request answered
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from events.models import Attendance

    client = Client()
    print(f"{Attendance.objects.count():,} attendances, {connection.vendor}")
    print("| page (50 rows) | median ms | full sort in its plan |\n| --- | --- | --- |")
    for url in PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        page_sql = queries.captured_queries[-1]["sql"]
        with connection.cursor() as cursor:
            explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
            cursor.execute(explain + page_sql)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
        second = [*plan.split("\n"), ""][1]
        full_sort = "USE TEMP B-TREE FOR ORDER BY" in plan or second.lstrip(" ->").startswith("Sort ")
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            assert client.get(url).status_code == 200
            times.append((time.perf_counter() - started) * 1000)
        print(f"| `{url}` | {statistics.median(times):.2f} | {'yes' if full_sort else 'no'} |", flush=True)


if __name__ == "__main__":
    main()
