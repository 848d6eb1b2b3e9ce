"""The peer benchmark of ``make bench-peers``: eventsapi beside Datasette, on the same SQLite file, in one run.

    python bench/peers.py --database sqlite:///$PWD/bench/data/bench.sqlite3 --events 2000

An analyst who only wants to query the data would put the SQLite file behind Datasette.
This builds the dataset (``generate_dataset``, as bench/reads.py does) unless the file
already holds exactly ``--events`` events, then serves it twice, each server in its
recommended setup for this machine's two cores, on free ports:

- eventsapi: gunicorn with the production settings (bench/liveserver.py), ``--workers``
  workers of ``--threads`` threads (2 × 2: the gthread worker keeps connections alive),
  persistent database connections; throttling off and no worker recycling while
  measuring (one load generator sends every request);
- Datasette: its documented production setup, one process opening the file in
  immutable mode (``-i``) with its table counts precomputed (``datasette inspect``),
  ``num_sql_threads`` SQL threads, the five questions published as canned queries.

For each of five questions (events by country, one event, a participant's attendances,
an event's reports, participant search) it asks both once and checks that they answer
the same rows (keys, in order, with the same columns), then loads each in turn with
``wrk`` (a second process, keep-alive connections) and prints requests/s, median latency
and the servers' CPU per request side by side, with their ratios. The table is appended
to ``--results`` (bench/RESULTS.md).
"""

import argparse
import datetime
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.liveserver import PROXY_HEADERS, Gunicorn, free_port, production_env  # noqa: E402
from bench.peer_queries import JSON_COLUMNS, QUERIES, SEARCH  # noqa: E402
from bench.reads import build_dataset, check_dedicated, drop, ensure_wrk, machine, present_events, table  # noqa: E402


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="A sqlite:/// DATABASE_URL whose name contains 'bench'.")
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="Delete the file and build the dataset again.")
    parser.add_argument("--seconds", type=int, default=5, help="Seconds of wrk per server, query and round.")
    parser.add_argument("--rounds", type=int, default=2, help="Rounds of every measure; the median is kept.")
    parser.add_argument("--connections", type=int, default=4, help="wrk's keep-alive connections.")
    parser.add_argument("--workers", type=int, default=2, help="eventsapi's gunicorn workers.")
    parser.add_argument(
        "--threads", type=int, default=2, help="Threads per gunicorn worker (above 1: gthread, with keep-alive)."
    )
    parser.add_argument("--sql-threads", type=int, default=3, help="Datasette's num_sql_threads (its default).")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    return parser.parse_args()


def questions():
    """(title, API path, its query, Datasette's canned query, its parameters) on the dataset's busiest records."""
    import django
    from django.db.models import Count

    django.setup()
    from events.models import Attendance, Event, Report

    country = Event.objects.values("country").annotate(n=Count("id")).order_by("-n", "country")[0]["country"]
    busy = Report.objects.filter(review="verified").values("attendance__event__slug")
    event = busy.annotate(n=Count("id")).order_by("-n", "attendance__event__slug")[0]["attendance__event__slug"]
    active = Attendance.objects.values("participant__slug").annotate(n=Count("id"))
    participant = active.order_by("-n", "participant__slug")[0]["participant__slug"]
    return [
        ("events by country", "/api/events/", {"country": country}, "events_by_country", {"country": country}),
        ("one event", f"/api/events/{event}/", {}, "one_event", {"slug": event}),
        (
            "a participant's attendances",
            "/api/attendances/",
            {"participant": participant},
            "participant_attendances",
            {"participant": participant},
        ),
        ("an event's reports", "/api/reports/", {"event": event}, "event_reports", {"event": event}),
        ("participant search", "/api/participants/", {"search": SEARCH}, "participant_search", {"q": SEARCH}),
    ]


# ------------------------------------------------------------------------------
# The two servers
# ------------------------------------------------------------------------------
def cpu_seconds(pids):
    """User and system CPU time of these processes (all their threads), in seconds."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


class Datasette:
    """``datasette serve`` on the file in immutable mode, its counts precomputed, the questions as canned queries."""

    def __init__(self, path, workdir, sql_threads):
        self.path, self.workdir, self.sql_threads = path, Path(workdir), sql_threads
        self.port, self.name = free_port(), path.stem
        self.headers = {}

    def command(self):
        datasette = str(Path(sys.executable).parent / "datasette")
        inspect = self.workdir / "inspect.json"
        subprocess.run([datasette, "inspect", str(self.path), "--inspect-file", str(inspect)], check=True)
        metadata = self.workdir / "metadata.json"
        queries = {name: {"sql": sql.strip()} for name, sql in QUERIES.items()}
        metadata.write_text(json.dumps({"databases": {self.name: {"queries": queries}}}))
        return [
            datasette, "serve", "-i", str(self.path), "--inspect-file", str(inspect), "-m", str(metadata),
            "-h", "127.0.0.1", "-p", str(self.port), "--setting", "num_sql_threads", str(self.sql_threads),
        ]  # fmt: skip

    def __enter__(self):
        self.log = (self.workdir / "datasette.log").open("ab")
        self.process = subprocess.Popen(self.command(), stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"bench: datasette exited with {self.process.returncode}: see {self.log.name}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/-/versions.json", timeout=5).read()
                return self
            except OSError:
                time.sleep(0.2)
        sys.exit("bench: datasette did not answer within 60 s")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()

    def url(self, query, params):
        shape = {"_shape": "array", **params}
        json_columns = [("_json", column) for column in JSON_COLUMNS.get(query, [])]
        return f"http://127.0.0.1:{self.port}/{self.name}/{query}.json?{urlencode([*shape.items(), *json_columns])}"

    def pids(self):
        return [self.process.pid]


class EventsAPI:
    """eventsapi under gunicorn with the production settings (bench/liveserver.py)."""

    def __init__(self, database, workdir, workers, threads, *, kept_answers=True):
        self.workdir, self.port = Path(workdir), free_port()
        static = self.workdir / "static"
        static.mkdir(exist_ok=True)
        # Measured without throttling (one load generator) and without recycling workers mid-run.
        env = production_env(database_url=database, static_root=static, GUNICORN_MAX_REQUESTS="0")
        if not kept_answers:  # every request queried and rendered afresh (events.api.conditional.KeptAnswer)
            env["DJANGO_KEPT_ANSWER_BYTES"] = "0"
        log = self.workdir / f"gunicorn-{self.port}.log"
        self.server = Gunicorn(env, port=self.port, workers=workers, threads=threads, log_path=log)
        self.headers = PROXY_HEADERS  # what the TLS proxy in front adds; without it, a redirect to https

    def __enter__(self):
        self.server.start()
        return self

    def __exit__(self, *exc):
        self.server.stop()

    def url(self, path, query):
        return f"http://127.0.0.1:{self.port}{path}" + (f"?{urlencode(query)}" if query else "")

    def pids(self):
        return [self.server.process.pid, *self.server.workers()]


def fetch(url, headers):
    request = urllib.request.Request(url, headers={"Accept": "application/json", **headers})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def keys(rows):
    """What identifies the rows: each row's id and columns, with the ids of what it nests, in order."""
    return [
        (row["id"], sorted(row), [[item["id"] for item in row[name]] for name in ("attendances", "articles")
                                  if isinstance(row.get(name), list)])
        for row in rows
    ]  # fmt: skip


def check_same_rows(title, api_document, peer_rows):
    api_rows = api_document.get("results", [api_document])
    if "page_url" in api_document:  # the public page's address: no column of the database
        api_rows = [{key: value for key, value in api_rows[0].items() if key != "page_url"}]
    if not api_rows:
        sys.exit(f"bench: {title}: the API answers no rows; choose records that have some")
    if keys(api_rows) != keys(peer_rows):
        sys.exit(f"bench: {title}: Datasette's rows are not the API's:\n{keys(api_rows)}\n{keys(peer_rows)}")
    return len(api_rows)


# ------------------------------------------------------------------------------
# The load
# ------------------------------------------------------------------------------
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def load(server, url, args):
    """wrk on ``url``: (requests/s, median latency in ms, server CPU ms per request)."""
    headers = [item for name, value in server.headers.items() for item in ("-H", f"{name}: {value}")]
    pids = server.pids()
    cpu_before = cpu_seconds(pids)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = cpu_seconds(pids) - cpu_before
    if "Non-2xx" in output or "Socket errors" in output:
        sys.exit(f"bench: {url} answered errors under wrk:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)", output).groups()
    return rate, float(value) * UNITS[unit], cpu * 1000 / requests


def measure(servers, chosen, args):
    """Median figures of each server on each question over ``--rounds``, the servers taking turns.

    ``servers``: by side (``api``, ``fresh``, ``peer``). A second of load on each first, unmeasured:
    every worker imports, compiles and caches what it keeps.
    """
    warm = argparse.Namespace(**{**vars(args), "seconds": 1})

    def address(side, question):
        _title, path, query, canned, params = question
        return servers[side].url(canned, params) if side == "peer" else servers[side].url(path, query)

    for question in chosen:
        for side in servers:
            load(servers[side], address(side, question), warm)
    runs = {(question[0], side): [] for question in chosen for side in servers}
    for _round in range(args.rounds):
        for question in chosen:
            for side in servers:
                runs[question[0], side].append(load(servers[side], address(side, question), args))
    return {key: [statistics.median(figures) for figures in zip(*values, strict=True)] for key, values in runs.items()}


def ratio(value, baseline):
    return value / baseline if baseline else math.nan


def report(chosen, figures, rows, args):
    lines, rate_ratios, latency_ratios = [], [], []
    fresh_ratios = []
    for title, *_ in chosen:
        (rate, latency, cpu), (peer_rate, peer_latency, peer_cpu) = figures[title, "api"], figures[title, "peer"]
        fresh_rate, fresh_latency, fresh_cpu = figures[title, "fresh"]
        fresh_ratios.append(ratio(fresh_rate, peer_rate))
        rate_ratios.append(ratio(rate, peer_rate))
        latency_ratios.append(ratio(latency, peer_latency))
        answered = f"{rows[title]} row" + ("" if rows[title] == 1 else "s")
        lines.append([
            f"{title} ({answered})", f"{rate:.0f}", f"{peer_rate:.0f}", f"{rate_ratios[-1]:.2f}×",
            "✓" if rate >= peer_rate else "✗", f"{latency:.2f}", f"{peer_latency:.2f}", f"{latency_ratios[-1]:.2f}×",
            "✓" if latency <= peer_latency else "✗", f"{cpu:.2f}", f"{peer_cpu:.2f}",
            f"{fresh_rate:.0f} ({fresh_ratios[-1]:.2f}×)", f"{fresh_latency:.2f}", f"{fresh_cpu:.2f}",
        ])  # fmt: skip
    mean, fresh_mean = (math.exp(statistics.fmean(math.log(value) for value in ratios)) for ratios in
                        (rate_ratios, fresh_ratios))  # fmt: skip
    header = [
        "question", "eventsapi req/s", "Datasette req/s", "ratio", "≥1.0×", "eventsapi median ms",
        "Datasette median ms", "ratio", "≤1.0×", "eventsapi CPU ms/req", "Datasette CPU ms/req",
        "no kept answers: req/s (ratio)", "median ms", "CPU ms/req",
    ]  # fmt: skip
    title = (
        f"eventsapi beside Datasette on the same SQLite file (wrk {args.connections} connections, "
        f"{args.seconds} s each, median of {args.rounds} rounds)"
    )
    note = (
        f"Geometric mean of the requests/s ratios: {mean:.2f}× ({fresh_mean:.2f}× with no kept answers). "
        f"eventsapi: gunicorn, {args.workers} workers × {args.threads} threads, production settings (throttling "
        "off, no worker recycling); the last three columns: a second server with `DJANGO_KEPT_ANSWER_BYTES=0`, "
        "every request queried and rendered (docs/performance.md). Datasette: one "
        "process, `-i` (immutable) with "
        f"`--inspect-file`, `num_sql_threads` {args.sql_threads}, canned queries with `_shape=array`. CPU: user + "
        "system time of the server's processes during the load, per request answered."
    )
    return table(title, header, lines) + f"\n{note}\n"


def main():
    args = arguments()
    check_dedicated(args.database)
    if not args.database.startswith("sqlite:///"):
        sys.exit("bench: Datasette serves SQLite files: give a sqlite:/// URL.")
    path = Path(args.database.removeprefix("sqlite:///"))
    present = present_events(args.database)
    if args.rebuild or (present is not None and present != args.events):
        drop(args.database)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.environ.update(DATABASE_URL=args.database, DJANGO_SETTINGS_MODULE="eventsapi.settings.local")
    import django

    django.setup()
    ensure_wrk()
    built = build_dataset(args.events, args.seed)
    chosen = questions()
    from django.db import connection

    with connection.cursor() as cursor:  # every write in the file itself: Datasette's immutable mode reads no WAL
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()

    with (
        tempfile.TemporaryDirectory(prefix="eventsapi-peers-") as workdir,
        EventsAPI(args.database, workdir, args.workers, args.threads) as api,
        EventsAPI(args.database, workdir, args.workers, args.threads, kept_answers=False) as fresh,
        Datasette(path, workdir, args.sql_threads) as peer,
    ):
        rows = {}
        for title, api_path, query, canned, params in chosen:
            document = fetch(api.url(api_path, query), api.headers)
            rows[title] = check_same_rows(title, document, fetch(peer.url(canned, params), {}))
        figures = measure({"api": api, "fresh": fresh, "peer": peer}, chosen, args)
    from events.models import Event

    dataset = f"{Event.objects.count():,} events (`generate_dataset --events {args.events} --seed {args.seed}`"
    header = [
        f"## Peers: eventsapi and Datasette, {args.events:,} events — "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"- dataset: {dataset}" + (f", built in {built:.0f} s)" if built else ", already built)"),
        f"- machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end",
        f"- command: `python bench/peers.py --database {args.database} --events {args.events}`",
        "",
    ]
    section = "\n".join(header) + "\n" + report(chosen, figures, rows, args)
    print(section, flush=True)
    with args.results.open("a", encoding="utf-8") as results:
        results.write("\n" + section + "\n")


if __name__ == "__main__":
    main()
