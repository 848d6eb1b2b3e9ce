"""The read benchmark of ``make bench``: each hot endpoint beside the fastest answer to the same question.

    python bench/reads.py --database sqlite:///bench/data/bench.sqlite3 --events 2000
    python bench/reads.py --database postgres://postgres@127.0.0.1:5432/eventsapi_bench --events 100000

It builds the dataset (``generate_dataset``) unless the database already holds
exactly ``--events`` events, then prints, for that database, one table per
measure, every figure beside its baseline measured in the same run:

- in-process latency (median of ``--repeat`` calls) of each hot endpoint, beside
  the raw-SQL + orjson function that answers the same JSON (bench/raw.py, the
  limit) and beside plain DRF serializers over querysets with no prefetching
  (the naive floor); all three documents are compared and must be equal;
- requests/second through gunicorn on 127.0.0.1 under wrk, for the endpoint and
  for its raw baseline served by the same server (bench/wsgi.py);
- SQL queries per request at page sizes 10 and 500;
- the first page beside page 1,000 (numbered, and by cursor);
- on every database, throughput with and without persistent connections
  (and with psycopg's pool on PostgreSQL).

The tables are appended to ``--results`` (bench/RESULTS.md) with the machine,
the dataset and the date. The database must be a dedicated one: its name must
contain ``bench``, as it is dropped and rebuilt with ``--rebuild``.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from functools import partial
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"latency": 2.0, "latency_worst": 3.0, "throughput": 0.5, "deep": 1.5}


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="A DATABASE_URL whose name contains 'bench'.")
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="Drop the database and build the dataset again.")
    parser.add_argument("--repeat", type=int, default=30, help="Calls per in-process latency (the median is kept).")
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--wrk-connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers.")
    parser.add_argument("--port", type=int, default=8321)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    return parser.parse_args()


# ------------------------------------------------------------------------------
# The database and the dataset
# ------------------------------------------------------------------------------
def check_dedicated(url):
    parsed = urlparse(url)
    name = parsed.path.lstrip("/") if parsed.scheme.startswith("postgres") else Path(parsed.path).name
    if "bench" not in name or name in ("test", "postgres"):
        sys.exit(f"bench: {url} is not a dedicated benchmark database (its name must contain 'bench').")
    return parsed


def drop(url):
    parsed = check_dedicated(url)
    if parsed.scheme == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        path = path if path.is_absolute() else Path("/") / path
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def ensure_postgresql_database(url):
    parsed = urlparse(url)
    if not parsed.scheme.startswith("postgres"):
        path = Path(url.removeprefix("sqlite:///"))
        (path if path.is_absolute() else Path("/") / path).parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    name = parsed.path.lstrip("/")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def present_events(url):
    """How many events the database holds, ``None`` when it has no events table yet."""
    parsed = urlparse(url)
    try:
        if parsed.scheme == "sqlite":
            import sqlite3

            path = Path(url.removeprefix("sqlite:///"))
            if not path.exists():
                return None
            with sqlite3.connect(path) as connection:
                return connection.execute("SELECT count(*) FROM events_event").fetchone()[0]
        import psycopg

        with psycopg.connect(url) as connection:
            return connection.execute("SELECT count(*) FROM events_event").fetchone()[0]
    except Exception:  # no database, no table: build it
        return None


def build_dataset(events, seed):
    from django.core.management import call_command
    from django.db import connection

    from events.models import Event

    call_command("migrate", verbosity=0)
    present = Event.objects.count()
    if present == events:
        print(f"bench: reusing the {events} events already in the database", file=sys.stderr)
        return 0.0
    if present:
        sys.exit(f"bench: the database holds {present} events, not {events}: run again with --rebuild.")
    print(f"bench: building {events} events (generate_dataset)", file=sys.stderr)
    started = time.perf_counter()
    call_command("generate_dataset", events=events, seed=seed)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return elapsed


# ------------------------------------------------------------------------------
# The three ways to answer a request
# ------------------------------------------------------------------------------
def naive_views():
    """Plain DRF: the project's serializers over ``Model.objects.all()``, no select_related nor prefetch."""
    from rest_framework import generics
    from rest_framework.renderers import JSONRenderer

    from events.api import serializers
    from events.models import Attendance, Event, Report

    class NaiveList(generics.ListAPIView):
        renderer_classes = [JSONRenderer]
        filter_backends = []

    class NaiveDetail(generics.RetrieveAPIView):
        renderer_classes = [JSONRenderer]
        filter_backends = []

    event_list = NaiveList.as_view(queryset=Event.objects.all(), serializer_class=serializers.EventSerializer)
    event_expanded = NaiveList.as_view(
        queryset=Event.objects.all(), serializer_class=serializers.EventWithAttendancesSerializer
    )
    return {
        "event list": lambda: event_list,
        "event list + attendances": lambda: event_expanded,
        "event detail": lambda: NaiveDetail.as_view(
            queryset=Event.objects.all(), serializer_class=serializers.EventDetailSerializer, lookup_field="slug"
        ),
        "attendance list": lambda: NaiveList.as_view(
            queryset=Attendance.objects.all(), serializer_class=serializers.AttendanceSerializer
        ),
        "attendance detail": lambda: NaiveDetail.as_view(
            queryset=Attendance.objects.all(), serializer_class=serializers.AttendanceDetailSerializer
        ),
        "report list": lambda: NaiveList.as_view(
            queryset=Report.objects.all(), serializer_class=serializers.ReportSerializer
        ),
    }


def endpoints():
    """(name, path, query) of the hot endpoints, on records chosen from the dataset."""
    from events.models import Event, Report

    event = Event.objects.order_by("-start_date", "-pk").values_list("slug", flat=True).first()
    attendance = Report.objects.order_by("-reported_on", "-pk").values_list("attendance", flat=True).first()
    return [
        ("event list", "/api/events/", {"page_size": "50"}),
        ("event list + attendances", "/api/events/", {"page_size": "50", "expand": "attendances"}),
        ("event detail", f"/api/events/{event}/", {}),
        ("attendance list", "/api/attendances/", {"page_size": "50"}),
        ("attendance detail", f"/api/attendances/{attendance}/", {}),
        ("report list", "/api/reports/", {"page_size": "50"}),
        ("report list", "/api/reports/", {"page_size": "500"}),
    ]


# A request through the whole stack that runs no SQL: what any request costs before its own work.
FLOOR_PATH = "/api/"


def wsgi_get(path, query=None):
    """A function that GETs ``path`` as gunicorn would: Django's WSGI handler, middleware and all."""
    from django.core.handlers.wsgi import WSGIHandler
    from rest_framework.test import APIRequestFactory

    handler, environ = WSGIHandler(), APIRequestFactory().get(path, query or {}).environ

    def get():
        response = handler(dict(environ), lambda status, headers: None)
        content = b"".join(response)
        response.close()
        return content

    return get


class Callers:
    """In-process callers of one endpoint: the API (through Django's test client), raw, naive."""

    def __init__(self, name, path, query):
        from django.urls import resolve
        from rest_framework.test import APIRequestFactory

        from bench import raw

        self.path, self.query = path, query
        naive = naive_views()[name]()
        kwargs = resolve(path).kwargs
        factory = APIRequestFactory()

        self.api = wsgi_get(path, query)
        self.raw = lambda: raw.answer("http://testserver", path, query)
        self.naive = lambda: naive(factory.get(path, query), **kwargs).render().content

    def check_same_document(self):
        documents = {name: json.loads(getattr(self, name)()) for name in ("api", "raw", "naive")}
        for name in ("raw", "naive"):
            if documents[name] != documents["api"]:
                sys.exit(f"bench: {name} does not answer the API's document for {self.path}?{urlencode(self.query)}")


def medians_ms(functions, repeat, cpu=False):
    """The median time of each function, in ms, called in turn so that a busy machine slows them alike.

    With ``cpu``, also the median CPU time of this process (``time.process_time``): on a
    loaded machine the wall time of a long call grows with every time slice it waits
    for, the CPU time does not. (On PostgreSQL it leaves out the server's work.)
    """
    for function in functions:
        function()  # warm the caches and the connection
    walls, cpus = [[] for _ in functions], [[] for _ in functions]
    for _ in range(repeat):
        for function, wall, spent in zip(functions, walls, cpus, strict=True):
            started, started_cpu = time.perf_counter(), time.process_time()
            function()
            wall.append(time.perf_counter() - started)
            spent.append(time.process_time() - started_cpu)
    medians = [statistics.median(wall) * 1000 for wall in walls]
    return (medians, [statistics.median(spent) * 1000 for spent in cpus]) if cpu else medians


def count_queries(function):
    """The queries of one call, counting its list's rows too (no count kept from an earlier call)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.api.pagination import KEPT_COUNTS

    KEPT_COUNTS.clear()
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


# ------------------------------------------------------------------------------
# gunicorn and wrk
# ------------------------------------------------------------------------------
def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("bench: installing wrk (apt-get install -y wrk)", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)


class Server:
    """gunicorn serving bench.wsgi (the API and /raw/) on 127.0.0.1, with ``env`` on top of ours."""

    def __init__(self, args, **env):
        # gunicorn.conf.py is read from this folder: no access log and no worker recycling while measuring.
        quiet = {"GUNICORN_ACCESSLOG": "", "GUNICORN_MAX_REQUESTS": "0"}
        self.args, self.env = args, {**os.environ, **quiet, **env}

    def __enter__(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        bind = f"127.0.0.1:{self.args.port}"
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "bench.wsgi:application",
                "-w",
                str(self.args.workers),
                "-b",
                bind,
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.args.port}/api/", timeout=2)
                return self
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.__exit__()
                    sys.exit("bench: gunicorn did not start")
                time.sleep(0.3)

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def requests_per_second(self, path, query):
        url = f"http://127.0.0.1:{self.args.port}{path}" + (f"?{urlencode(query)}" if query else "")
        output = subprocess.run(
            ["wrk", "-t2", f"-c{self.args.wrk_connections}", f"-d{self.args.wrk_seconds}s", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if "Non-2xx" in output:
            sys.exit(f"bench: {url} answered errors under wrk:\n{output}")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


# ------------------------------------------------------------------------------
# Tables
# ------------------------------------------------------------------------------
def table(title, header, rows):
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def ratio(value, baseline):
    return f"{value / baseline:.2f}×" if baseline else "–"


def label(name, query):
    size = query.get("page_size")
    return f"{name}" + (f" ({size})" if size else "")


def latency_table(args, chosen):
    rows = []
    for name, path, query in chosen:
        callers = Callers(name, path, query)
        callers.check_same_document()
        (api, raw), (api_cpu, raw_cpu) = medians_ms([callers.api, callers.raw], args.repeat, cpu=True)
        # The naive floor takes seconds on long pages: a few calls tell its median well enough.
        (naive,) = medians_ms([callers.naive], max(3, args.repeat // 10))
        verdict = "✓" if api <= TARGETS["latency"] * raw else ("~" if api <= TARGETS["latency_worst"] * raw else "✗")
        figures = [f"{api:.2f}", f"{raw:.2f}", ratio(api, raw), verdict, f"{api_cpu:.2f}", f"{raw_cpu:.2f}"]
        rows.append([label(name, query), *figures, ratio(api_cpu, raw_cpu), f"{naive:.2f}", ratio(naive, api)])
    header = [
        "endpoint", "API ms", "raw SQL ms", "API/raw", "≤2× (≤3×)", "API CPU ms", "raw CPU ms", "API/raw CPU",
        "naive DRF ms", "naive/API",
    ]  # fmt: skip
    (floor,) = medians_ms([wsgi_get(FLOOR_PATH)], args.repeat)
    note = (
        f"The framework's floor: `GET {FLOOR_PATH}` (DRF's API root: the same middleware, authentication and "
        f"rendering, no SQL) takes {floor:.2f} ms in-process."
    )
    return table("In-process latency (median; same JSON from all three)", header, rows) + f"\n{note}\n"


def throughput_table(args, chosen):
    rows = []
    with Server(args) as server:
        for name, path, query in chosen:
            api = server.requests_per_second(path, query)
            raw = server.requests_per_second(f"/raw{path}", query)
            verdict = "✓" if api >= TARGETS["throughput"] * raw else "✗"
            rows.append([label(name, query), f"{api:.0f}", f"{raw:.0f}", ratio(api, raw), verdict])
        floor = server.requests_per_second(FLOOR_PATH, {})
    title = (
        f"Throughput through gunicorn ({args.workers} sync workers, wrk {args.wrk_connections} connections, "
        f"{args.wrk_seconds} s; requests/s)"
    )
    note = f"The framework's ceiling on this server: `GET {FLOOR_PATH}` (no SQL) answers {floor:.0f} requests/s."
    return table(title, ["endpoint", "API", "raw SQL, same server", "API/raw", "≥0.5×"], rows) + f"\n{note}\n"


def queries_table(chosen):
    rows = []
    seen = set()
    for name, path, query in chosen:
        if name in seen:
            continue
        seen.add(name)
        counts = []
        for size in ("10", "500"):
            sized = {**query, "page_size": size} if "page_size" in query else query
            callers = Callers(name, path, sized)
            counts += [count_queries(callers.api), count_queries(callers.naive)]
        rows.append([name, *counts])
    header = ["endpoint", "API, 10", "naive DRF, 10", "API, 500", "naive DRF, 500"]
    note = (
        "A list counted afresh: up to 10,000 rows a capped count, then PostgreSQL's estimate or SQLite's exact "
        "count, one query more; either is then kept a minute, and the requests after it skip them."
    )
    return table("SQL queries per request, at page sizes 10 and 500", header, rows) + f"\n{note}\n"


def deep_table(args):
    from bench import raw
    from events.api.pagination import Keyset, cursor_token
    from events.api.reads import ordering_lookups
    from events.models import Attendance, Event, Report

    rows = []
    for name, path, model in [
        ("event list", "/api/events/", Event),
        ("attendance list", "/api/attendances/", Attendance),
        ("report list", "/api/reports/", Report),
    ]:
        total = model.objects.count()
        size = 50 if total >= 50_000 else 10
        if total < 1000 * size:
            rows.append([name, size, "too few rows for page 1,000", "", "", "", "", ""])
            continue
        lookups = ordering_lookups(model.objects.all())
        if lookups[-1] not in ("pk", "id"):
            lookups.append("pk")
        before = model.objects.order_by(*model._meta.ordering).values(*lookups)[999 * size - 1]
        token = cursor_token([Keyset.value(before, lookup) for lookup in lookups])
        callers = {
            "first": Callers(name, path, {"page_size": str(size)}),
            "deep": Callers(name, path, {"page_size": str(size), "page": "1000"}),
            "cursor": Callers(name, path, {"page_size": str(size), "cursor": token}),
        }
        first_query, deep_query = {"page_size": str(size)}, {"page_size": str(size), "page": "1000"}
        raw_first, raw_deep = (
            partial(raw.answer, "http://testserver", path, first_query),
            partial(raw.answer, "http://testserver", path, deep_query),
        )
        functions = [callers["first"].api, callers["deep"].api, callers["cursor"].api, raw_first, raw_deep]
        first, deep, cursor, raw_first, raw_deep = medians_ms(functions, args.repeat)
        deep_ids = [row["id"] for row in json.loads(callers["deep"].api())["results"]]
        assert deep_ids == [row["id"] for row in json.loads(callers["cursor"].api())["results"]], "cursor ≠ page 1000"
        verdict = "✓" if cursor <= TARGETS["deep"] * first else "✗"
        api_figures = [f"{first:.2f}", f"{deep:.2f} ({ratio(deep, first)})", f"{cursor:.2f} ({ratio(cursor, first)})"]
        raw_figures = [f"{raw_first:.2f}", f"{raw_deep:.2f} ({ratio(raw_deep, raw_first)})"]
        rows.append([name, size, *api_figures, verdict, *raw_figures])
    header = [
        "list", "page size", "API page 1 ms", "API page 1,000", "API cursor at page 1,000", "cursor ≤1.5×",
        "raw page 1 ms", "raw page 1,000 (OFFSET)",
    ]  # fmt: skip
    return table("First page beside page 1,000 (in-process median)", header, rows)


def connections_table(args, vendor):
    path, query = "/api/events/", {"page_size": "10"}
    settings = [("no reuse (CONN_MAX_AGE=0)", {"DJANGO_CONN_MAX_AGE": "0"})]
    settings.append(("persistent, health checks (CONN_MAX_AGE=600)", {"DJANGO_CONN_MAX_AGE": "600"}))
    if vendor == "postgresql":
        settings.append(("psycopg pool (DJANGO_DB_POOL=true)", {"DJANGO_DB_POOL": "true"}))
    rows = []
    for name, env in settings:
        with Server(args, **env) as server:
            rows.append([name, f"{server.requests_per_second(path, query):.0f}"])
    baseline = float(rows[0][1])
    rows = [[*row, ratio(float(row[1]), baseline)] for row in rows]
    title = f"Connection handling: requests/s on {path}?{urlencode(query)} ({args.workers} sync workers)"
    return table(title, ["database connections", "requests/s", "vs no reuse"], rows)


def machine():
    cpu = "unknown CPU"
    with Path("/proc/cpuinfo").open() as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = f"{platform.platform()}, Python {platform.python_version()}"
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB RAM, {system}"


def main():
    args = arguments()
    check_dedicated(args.database)
    present = present_events(args.database)
    if args.rebuild or (present is not None and present != args.events):
        drop(args.database)  # a dedicated database: a dataset of another size is rebuilt
    ensure_postgresql_database(args.database)
    os.environ.update(
        DATABASE_URL=args.database,
        DJANGO_SETTINGS_MODULE="eventsapi.settings.local",
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        # One load generator sends every request: throttling would measure the cache, not the API.
        DJANGO_THROTTLE_ANON_RATE="off",
        DJANGO_THROTTLE_USER_RATE="off",
    )
    import django

    django.setup()
    from django.db import connection

    from events.models import Article, Attendance, Event, Participant, Report

    ensure_wrk()
    built = build_dataset(args.events, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    sizes = ", ".join(
        f"{model.objects.count():,} {model._meta.verbose_name_plural}"
        for model in (Event, Participant, Attendance, Report, Article)
    )
    chosen = endpoints()
    header = [
        f"## {connection.vendor}: {args.events:,} events — {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- database: {version if connection.vendor == 'postgresql' else 'SQLite ' + version}",
        f"- dataset: {sizes} (`generate_dataset --events {args.events} --seed {args.seed}`"
        + (f", built in {built:.0f} s)" if built else ", already built)"),
        f"- machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the start",
        f"- command: `python bench/reads.py --database {args.database} --events {args.events}`",
        "",
    ]
    sections = ["\n".join(header)]
    print(sections[0], flush=True)
    for measure in (
        partial(latency_table, args, chosen),
        partial(queries_table, chosen),
        partial(deep_table, args),
        partial(throughput_table, args, chosen),
        partial(connections_table, args, connection.vendor),
    ):
        sections.append(measure())
        print(sections[-1], flush=True)
    report = "\n".join(sections)
    if not args.results.exists():
        args.results.write_text("# Benchmark results\n\nWritten by `make bench` (bench/reads.py, bench/io.py).\n\n")
    with args.results.open("a", encoding="utf-8") as results:
        results.write(report + "\n")


if __name__ == "__main__":
    main()
