"""Admin pages on a large database: queries and time of each changelist, change page and autocomplete.

    .venv/bin/python bench/admin.py            # SQLite, in a scratch file under /tmp
    .venv/bin/python bench/admin.py --database-url postgres://postgres@127.0.0.1:5432/NAME

The database is emptied first (``flush``): give one whose records you do not want (``DATABASE_URL`` is
ignored, so that a database set up for work is never emptied by mistake). The pages are
measured twice in one run, at a baseline of ``--events``/10 events and again at ``--events`` (10 reports
an event), so the figures stand beside a baseline taken on the same machine at the same time. A page
whose query count differs between the two sizes is marked: every admin page should cost the same.
"""

import argparse
import datetime
import itertools
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument(
    "--database-url",
    default="sqlite:////tmp/eventsapi-admin-bench.sqlite3",
    help="the scratch database, emptied first (default: a SQLite file under /tmp)",
)
parser.add_argument("--events", type=int, default=10_000, help="events at the large size (default 10,000)")
parser.add_argument("--repeat", type=int, default=3, help="requests per page; the median time is shown")
args = parser.parse_args()

os.environ["DJANGO_SETTINGS_MODULE"] = "eventsapi.settings.local"
os.environ["DATABASE_URL"] = args.database_url
os.environ["DJANGO_DEBUG"] = "false"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from events.models import Article, Attendance, DraftReport, Event, Participant, Report  # noqa: E402

KINDS = ["state", "government", "armed_group", "organization", "person"]
STATUSES = ["invited", "considering", "confirmed", "declined", "attended", "absent", "withdrawn"]
ATTENDANCES_PER_EVENT = 4
BATCH = 5000


def add_records(*, events, first, rng):
    """Add ``events`` events numbered from ``first``, with 4 attendances each and 2 or 3 reports per attendance.

    Written with ``bulk_create`` for speed, so the attendances' statuses are set here from their reports
    (latest ``reported_on`` not rejected), as the status rule would.
    """
    participants = list(Participant.objects.values_list("pk", flat=True))
    wanted = max(300, events // 3)
    if len(participants) < wanted:
        new = [
            Participant(
                slug=f"participant-{n}",
                name=f"Participant {n}",
                kind=rng.choice(KINDS),
                aliases=[f"Alias {n}", f"P. {n}"],
            )
            for n in range(len(participants), wanted)
        ]
        Participant.objects.bulk_create(new, batch_size=BATCH)
        participants = list(Participant.objects.values_list("pk", flat=True))
    articles = Article.objects.bulk_create(
        [
            Article(
                title=f"Article {n}",
                publisher=rng.choice(["Al Jazeera", "Reuters", "TOLOnews", "TASS", "AFP"]),
                published_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=n % 9000),
                url=f"https://example.org/articles/{n}",
                body=" ".join(f"Sentence {k} of article {n} says who comes to the talks." for k in range(12)),
            )
            for n in range(first, first + events)
        ],
        batch_size=BATCH,
    )
    article_ids = [article.pk for article in articles]  # bulk_create returns them on SQLite and PostgreSQL
    new_events = []
    for n in range(first, first + events):
        start = datetime.date(2000, 1, 1) + datetime.timedelta(days=n % 9000)
        new_events.append(
            Event(
                slug=f"event-{n}",
                title=f"Talks number {n}",
                kind="peace_talks",
                status="scheduled",
                start_date=start,
                city="Moscow",
                country="RU",
                host_id=rng.choice(participants),
            )
        )
    Event.objects.bulk_create(new_events, batch_size=BATCH)
    attendances, planned = [], []
    for n, event, article_id in zip(itertools.count(first), new_events, article_ids, strict=False):
        chosen = {event.host_id, *rng.sample(participants, ATTENDANCES_PER_EVENT - 1)}
        for participant_id in chosen:
            reports = [
                {
                    "status": rng.choice(STATUSES),
                    "review": rng.choices(["verified", "draft", "rejected"], [7, 2, 1])[0],
                    "reported_on": event.start_date - datetime.timedelta(days=10 - day),
                    "article_id": article_id,
                    "quote": f"Sentence {rng.randrange(12)} of article {n} says",
                }
                for day in range(rng.choice([2, 3]))
            ]
            counting = [report for report in reports if report["review"] != "rejected"]
            latest = counting[-1] if counting else None
            attendances.append(
                Attendance(
                    event_id=event.pk,
                    participant_id=participant_id,
                    role="host" if participant_id == event.host_id else "participant",
                    status=latest["status"] if latest else "invited",
                    status_date=latest["reported_on"] if latest else None,
                )
            )
            planned.append(reports)
    Attendance.objects.bulk_create(attendances, batch_size=BATCH)
    reports = [
        Report(attendance_id=attendance.pk, speaker_id=rng.choice(participants), **fields)
        for attendance, planned_reports in zip(attendances, planned, strict=True)
        for fields in planned_reports
    ]
    Report.objects.bulk_create(reports, batch_size=BATCH)


def admin_url(model, action, *args):
    return reverse(f"admin:events_{model._meta.model_name}_{action}", args=args)


def pages():
    """(name, method, url, data) of the pages measured, on records picked now."""
    event = Event.objects.order_by("pk").last()
    attendance = Attendance.objects.filter(reports__isnull=False).order_by("pk").last()
    report = Report.objects.order_by("pk").last()
    article = Article.objects.order_by("pk").last()
    busiest = list(Participant.objects.order_by("-pk").values_list("pk", flat=True)[:2])
    participant = Participant.objects.get(pk=busiest[0])
    autocomplete = reverse("admin:autocomplete")
    return [
        ("participants", "get", admin_url(Participant, "changelist"), {}),
        ("participants ?q=alias", "get", admin_url(Participant, "changelist"), {"q": "Alias 12"}),
        ("events", "get", admin_url(Event, "changelist"), {}),
        ("events ?q=", "get", admin_url(Event, "changelist"), {"q": "number 12"}),
        ("attendances", "get", admin_url(Attendance, "changelist"), {}),
        ("attendances ?status=declined", "get", admin_url(Attendance, "changelist"), {"status__exact": "declined"}),
        ("reports", "get", admin_url(Report, "changelist"), {}),
        ("reports ?review=draft", "get", admin_url(Report, "changelist"), {"review__exact": "draft"}),
        ("drafts to review", "get", admin_url(DraftReport, "changelist"), {}),
        ("articles", "get", admin_url(Article, "changelist"), {}),
        ("participant page", "get", admin_url(Participant, "change", participant.pk), {}),
        ("event page", "get", admin_url(Event, "change", event.pk), {}),
        ("attendance page", "get", admin_url(Attendance, "change", attendance.pk), {}),
        ("report page", "get", admin_url(Report, "change", report.pk), {}),
        ("article page", "get", admin_url(Article, "change", article.pk), {}),
        ("report add page", "get", admin_url(Report, "add"), {}),
        (
            "autocomplete event",
            "get",
            autocomplete,
            {"app_label": "events", "model_name": "attendance", "field_name": "event", "term": "number 1"},
        ),
        (
            "autocomplete participant",
            "get",
            autocomplete,
            {"app_label": "events", "model_name": "attendance", "field_name": "participant", "term": "Alias 1"},
        ),
        (
            "autocomplete attendance",
            "get",
            autocomplete,
            {"app_label": "events", "model_name": "report", "field_name": "attendance", "term": "Participant 1"},
        ),
        (
            "merge confirmation",
            "post",
            admin_url(Participant, "changelist"),
            {"action": "merge_participants", "_selected_action": busiest},
        ),
    ]


def measure(client, method, url, data, repeat):
    """The page's queries, and its median time and the median time of its SQL, over ``repeat`` requests.

    One request first warms up the templates and caches.
    """
    getattr(client, method)(url, data)
    times, sql_times, counts = [], [], set()
    for _ in range(repeat):
        ContentType.objects.clear_cache()  # looked up once per process: count it every time
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = getattr(client, method)(url, data)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        counts.add(len(queries))
        sql_times.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
    return max(counts), statistics.median(times), statistics.median(sql_times)


def main():
    rng = random.Random(5)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    user = get_user_model().objects.create_superuser("bench", password="bench-password")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)

    results = {}
    baseline = args.events // 10
    for label, events, first in [("baseline", baseline, 0), ("large", args.events - baseline, baseline)]:
        started = time.perf_counter()
        add_records(events=events, first=first, rng=rng)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        sizes = {m.__name__: m.objects.count() for m in (Participant, Event, Attendance, Report, Article)}
        print(f"{label}: {sizes} (written in {time.perf_counter() - started:.0f} s)")
        for name, method, url, data in pages():
            results.setdefault(name, {})[label] = measure(client, method, url, data, args.repeat)

    print()
    print(f"{'':32} {'baseline':>26}   {'large':>26}")
    header = f"{'queries':>8} {'ms':>8} {'SQL ms':>8}"
    print(f"{'page':32} {header}   {header}")
    for name, by_size in results.items():
        (small_queries, small_ms, small_sql), (large_queries, large_ms, large_sql) = (
            by_size["baseline"],
            by_size["large"],
        )
        flag = "" if small_queries == large_queries else "  <- query count grows"
        print(
            f"{name:32} {small_queries:>8} {small_ms:>8.1f} {small_sql:>8.1f}   "
            f"{large_queries:>8} {large_ms:>8.1f} {large_sql:>8.1f}{flag}"
        )


if __name__ == "__main__":
    main()
