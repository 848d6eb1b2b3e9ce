"""Faults: a mixed read/write load against gunicorn while its workers are killed and its master reloaded.

    python -m bench.fault                   # SQLite, a temporary file (what `make fault` runs)
    python -m bench.fault --db postgres     # PostgreSQL: a throwaway cluster of its own, killed once mid-run

Writers create events and reports and patch an event of their own; readers read lists and details. Meanwhile
a worker is killed with SIGKILL several times and the master is sent SIGHUP (reload). Afterwards every
acknowledged write must be in the database, SQLite's ``PRAGMA integrity_check`` must say ``ok``, and no more
requests may fail than workers were killed (on PostgreSQL, outside the restart: while the server is down,
requests fail; once it is back the service must answer again by itself, with no restart of gunicorn).
Prints the figures; exits 1 when a check fails.

On PostgreSQL the scenario starts a cluster of its own (``bench.cluster.ThrowawayCluster``: ``initdb`` into a
temporary directory, a free port) and kills and restarts that one; the machine's shared server is never
touched, so the scenario runs beside anything else.
"""

import argparse
import collections
import os
import random
import secrets
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench.cluster import ThrowawayCluster
from bench.liveserver import Gunicorn, free_port, prepare, production_env

QUOTE = "We will not participate in the Moscow talks,"
# Parts of the quote that differ as the quote rule compares them (whitespace at either end does not count).
QUOTES = list(dict.fromkeys(QUOTE[:end].strip() for end in range(len(QUOTE), 10, -1)))


@dataclass
class Outcome:
    """Everything the load saw, shared by its threads (each update under ``lock``)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: collections.Counter = field(default_factory=collections.Counter)
    failures: list = field(default_factory=list)  # (monotonic time, what, status or error)
    events: set = field(default_factory=set)  # slugs of acknowledged creates
    reports: set = field(default_factory=set)  # uids of acknowledged creates
    patches: dict = field(default_factory=dict)  # own slug -> [(description, acknowledged)] in order
    successes: list = field(default_factory=list)  # monotonic times
    slowest: float = 0.0

    def record(self, what, response, expected):
        ok = response.status == expected
        with self.lock:
            self.requests[what, ok] += 1
            self.slowest = max(self.slowest, response.seconds)
            if ok:
                self.successes.append(time.monotonic())
            else:
                self.failures.append((time.monotonic(), what, response.status or response.error))
        return ok


def event_payload(slug):
    return {"slug": slug, "title": f"Fault {slug}", "kind": "meeting", "status": "held", "start_date": "2020-01-01"}


def writer(server, token, article, own_slug, outcome, stop, timeout):
    """Create events and reports, and patch ``own_slug``, until ``stop``."""
    n = 0
    while not stop.is_set():
        n += 1
        if n % 4 in (0, 2):
            slug = f"{own_slug}-{n}"
            response = server.request("POST", "/api/events/", data=event_payload(slug), token=token, timeout=timeout)
            if outcome.record("create event", response, 201):
                with outcome.lock:
                    outcome.events.add(slug)
        elif n % 4 == 1:
            description = f"patch {n}"
            response = server.request(
                "PATCH", f"/api/events/{own_slug}/", data={"description": description}, token=token, timeout=timeout
            )
            ok = outcome.record("patch event", response, 200)
            with outcome.lock:
                outcome.patches[own_slug].append((description, ok))
        else:
            # Each report of a writer differs from its others (a repeat is refused): participant, status,
            # then a shorter part of the quote, for the first few hundred.
            m = n // 4
            report = {
                "event": own_slug,
                "participant": ["taliban", "afghanistan", "united-states"][m % 3],
                "status": ["invited", "confirmed", "declined"][m // 3 % 3],
                "reported_on": f"2018-08-{n % 22 + 1:02d}",  # up to the day the seed article was published
                "article": article,
                "quote": QUOTES[m // 9 % len(QUOTES)],
            }
            response = server.request("POST", "/api/reports/", data=report, token=token, timeout=timeout)
            if outcome.record("create report", response, 201):
                with outcome.lock:
                    outcome.reports.add(uuid.UUID(response.json()["uid"]))


def reader(server, own_slugs, outcome, stop, timeout):
    """Read lists and details until ``stop``."""
    while not stop.is_set():
        slug = random.choice(own_slugs)
        path = random.choice(
            ["/api/events/?page_size=20", f"/api/events/{slug}/", f"/api/reports/?event={slug}", "/api/participants/"]
        )
        outcome.record("read", server.request("GET", path, timeout=timeout), 200)


def restart_postgres(cluster, mode):
    """Stop the scenario's own cluster (``immediate``: killed, recovery at start; ``fast``: a clean
    shutdown) and start it again; when it began and when it was back."""
    started = time.monotonic()
    cluster.stop(mode)
    cluster.start()
    return started, time.monotonic()


def stored_records(args, database, slugs):
    """What the database holds after the run: event slugs, report uids, own events' descriptions, integrity."""
    placeholders = ", ".join(["%s" if args.db == "postgres" else "?"] * len(slugs))
    queries = [
        "SELECT slug FROM events_event",
        "SELECT uid FROM events_report",
        f"SELECT slug, description FROM events_event WHERE slug IN ({placeholders})",
    ]
    if args.db == "postgres":
        import psycopg

        with psycopg.connect(database) as connection:
            rows = [connection.execute(query, slugs if "IN" in query else ()).fetchall() for query in queries]
        integrity = "(PostgreSQL: not applicable)"
    else:
        with sqlite3.connect(database) as connection:
            rows = [connection.execute(query, slugs if "IN" in query else ()).fetchall() for query in queries]
            integrity = ", ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    events = {slug for (slug,) in rows[0]}
    reports = {uuid.UUID(str(uid)) for (uid,) in rows[1]}
    return events, reports, dict(rows[2]), integrity


def lost_patches(patches, descriptions):
    """Own events whose description is neither the last acknowledged patch nor a patch attempted after it."""
    lost = []
    for slug, attempts in patches.items():
        acknowledged = [i for i, (_, ok) in enumerate(attempts) if ok]
        if not acknowledged:
            continue
        allowed = {description for description, _ in attempts[acknowledged[-1] :]}
        if descriptions.get(slug) not in allowed:
            lost.append(slug)
    return lost


def run(args, workdir):
    """Run the scenario; the figures and whether each check held."""
    if args.db != "postgres":
        return run_on(args, Path(workdir), None)
    with ThrowawayCluster() as cluster:
        with cluster.connect() as connection:
            connection.execute(f'CREATE DATABASE "{args.pg_database}"')
        return run_on(args, Path(workdir), cluster)


def run_on(args, workdir, cluster):
    """The scenario on SQLite (``cluster`` None) or on the database ``args.pg_database`` of ``cluster``."""
    if cluster is not None:
        database = cluster.url(args.pg_database)
        # Persistent connections, so a restart leaves every worker with a dead one that the health check must catch.
        database_url = f"{database}?conn_max_age=600"
    else:
        database = workdir / "fault.sqlite3"
        database_url = f"sqlite:///{database}"
    env = production_env(database_url=database_url, static_root=workdir / "static")
    (workdir / "static").mkdir(exist_ok=True)  # no collectstatic: the load reads no static file
    token = prepare(env)
    server = Gunicorn(
        env,
        port=args.port or free_port(),
        workers=args.workers,
        timeout=args.timeout,
        log_path=workdir / "gunicorn.log",
    )
    outcome = Outcome()
    stop = threading.Event()
    kills = reloads = 0
    restart = None
    with server:
        article = server.request("GET", "/api/articles/").json()["results"][0]["id"]
        run_id = secrets.token_hex(3)
        own_slugs = [f"fault-{run_id}-w{i}" for i in range(args.writers)]
        for slug in own_slugs:
            response = server.request("POST", "/api/events/", data=event_payload(slug), token=token)
            assert response.status == 201, response
            outcome.patches[slug] = []
        threads = [
            threading.Thread(target=writer, args=(server, token, article, slug, outcome, stop, args.timeout))
            for slug in own_slugs
        ] + [
            threading.Thread(target=reader, args=(server, own_slugs, outcome, stop, args.timeout))
            for _ in range(args.readers)
        ]
        started = time.monotonic()
        load_before = os.getloadavg()[0]
        for thread in threads:
            thread.start()

        # The faults, evenly spaced over the run in a random order; the database restart comes halfway.
        faults = ["kill"] * args.kills + ["reload"] * args.reloads
        random.shuffle(faults)
        if args.db == "postgres" and args.restart_database:
            faults.insert(len(faults) // 2, "restart")
        for i, fault in enumerate(faults):
            time.sleep(max(0.0, started + args.duration * (i + 1) / (len(faults) + 1) - time.monotonic()))
            if fault == "kill":
                while not (workers := server.workers()):  # between a worker's death and its replacement
                    time.sleep(0.05)
                server.kill_worker(random.choice(workers))
                kills += 1
            elif fault == "reload":
                server.reload()
                reloads += 1
            else:
                restart = restart_postgres(cluster, args.pg_stop)
        time.sleep(max(0.0, started + args.duration - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        # The service answers by itself after all of it: no worker or server was restarted by hand.
        answers_after = server.request("GET", "/api/events/?page_size=1").status
    log = server.log()
    events, reports, descriptions, integrity = stored_records(args, database, own_slugs)

    missing_events = outcome.events - events
    missing_reports = outcome.reports - reports
    lost = lost_patches(outcome.patches, descriptions)
    if restart:
        # While the server is down (and the moment it comes back), requests fail: they are not the kills' doing.
        window = (restart[0], restart[1] + args.restart_grace)
        in_window = [f for f in outcome.failures if window[0] <= f[0] <= window[1]]
    else:
        in_window = []
    counted_failures = len(outcome.failures) - len(in_window)
    reads = sum(count for (what, _), count in outcome.requests.items() if what == "read")
    writes = sum(count for (what, _), count in outcome.requests.items() if what != "read")
    checks = {
        "every acknowledged write is stored": not (missing_events or missing_reports or lost),
        "integrity_check is ok": args.db == "postgres" or integrity == "ok",
        "failed requests <= kills": counted_failures <= kills,
        "answers after the faults": answers_after == 200,
    }
    figures = {
        "database": args.db if cluster is None else f"postgres (own cluster on port {cluster.port})",
        "duration_s": round(elapsed, 1),
        "workers": args.workers,
        "writer_threads": args.writers,
        "reader_threads": args.readers,
        "requests": reads + writes,
        "reads": reads,
        "writes": writes,
        "acknowledged_writes": {
            what: count for (what, ok), count in outcome.requests.items() if ok and what != "read"
        },
        "slowest_request_s": round(outcome.slowest, 2),
        "machine_load_1min": f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end",
        "sigkills": kills,
        "sighups": reloads,
        "failed_requests": len(outcome.failures),
        "failed_requests_counted": counted_failures,
        "failures": collections.Counter(f"{what}: {status}" for _, what, status in outcome.failures),
        "missing_events": len(missing_events),
        "missing_reports": len(missing_reports),
        "lost_patches": len(lost),
        "integrity_check": integrity,
        # gunicorn's own kills of a worker silent for --timeout seconds (a starved machine), and 500s' tracebacks.
        "worker_timeouts": log.count("WORKER TIMEOUT"),
        "tracebacks_logged": log.count("Traceback"),
    }
    if restart:
        failed_after = [t for t, _, _ in outcome.failures if t > restart[1]]
        after_restart = [t - restart[1] for t in outcome.successes if t > restart[1]]
        checks["answers after the database restart"] = bool(after_restart)
        figures.update(
            database_restart_s=round(restart[1] - restart[0], 2),
            failed_during_restart=len(in_window),
            last_failure_after_restart_s=round(max(failed_after) - restart[1], 2) if failed_after else None,
            succeeded_after_restart=len(after_restart),
            first_success_after_restart_s=round(min(after_restart), 2) if after_restart else None,
        )
    return figures, checks


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--kills", type=int, default=5, help="workers killed with SIGKILL")
    parser.add_argument("--reloads", type=int, default=2, help="SIGHUPs to the master")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--writers", type=int, default=4, help="writer threads")
    parser.add_argument("--readers", type=int, default=4, help="reader threads")
    parser.add_argument("--port", type=int, help="gunicorn's port (default: a free one)")
    parser.add_argument(
        "--timeout", type=int, default=120, help="seconds a request may take, client and gunicorn worker alike"
    )
    parser.add_argument("--workdir", help="keep the database and gunicorn.log here (default: a temporary folder)")
    parser.add_argument("--pg-database", default="eventsapi", help="the database made in the throwaway cluster")
    parser.add_argument(
        "--pg-stop",
        choices=["immediate", "fast"],
        default="immediate",
        help="how the cluster goes down mid-run: killed (immediate, the default) or shut down cleanly (fast)",
    )
    parser.add_argument(
        "--no-restart", dest="restart_database", action="store_false", help="PostgreSQL: do not restart the server"
    )
    parser.add_argument(
        "--restart-grace", type=float, default=2.0, help="seconds after the restart still blamed on it"
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = arguments(argv)
    if args.workdir:
        Path(args.workdir).mkdir(parents=True, exist_ok=True)
        figures, checks = run(args, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="eventsapi-fault-") as workdir:
            figures, checks = run(args, workdir)
    width = max(map(len, figures))
    for name, value in figures.items():
        if isinstance(value, dict | collections.Counter):
            value = ", ".join(f"{key} {count}" for key, count in sorted(value.items())) or "none"
        print(f"{name:<{width}}  {value}")
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
