"""The import/export benchmark of ``make bench``: bulk import beside ``loaddata``, export beside a CSV dump.

    python bench/io.py --events 1000
    python bench/io.py --events 1000 --database sqlite:///bench/data/io.sqlite3 \\
        --database postgres://postgres@127.0.0.1:5432/h3io_bench

For each database (SQLite, and PostgreSQL when ``DATABASE_URL`` or ``--database``
names one) it builds the dataset (``generate_dataset``), exports it
(``export_records``), and prints one table, each figure beside its baseline
measured in the same run:

- import records/second: ``import_records`` of the export into an empty database,
  beside ``loaddata`` of the very same records (the file as ``.jsonl``) into another
  empty database;
- export of the report list through the API (``/api/reports/export/?format=csv``)
  at two sizes (a tenth of the reports, then all of them): time and peak memory
  (the peak RSS of the process that serves it), beside ``sqlite3 -csv`` /
  ``psql \\copy`` of the same rows.

With ``--export-only`` it measures the export alone, on the dataset already in
``--database`` (the one ``make bench`` built for the read benchmark, at any size):
nothing is dropped, built or imported.

Every step runs in its own process; times are wall-clock, from after Django's
start-up to the end of the work. The databases are
dedicated ones, dropped and rebuilt on every run (a PostgreSQL one's name must
contain ``bench``). Tables are appended to ``--results`` (bench/RESULTS.md).
"""

import argparse
import datetime
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]

# The rows of /api/reports/export/?format=csv, in its order, as the database would dump them itself
# (an anonymous reader's: the verified reports).
REPORTS_SQL = """
SELECT r.id, r.uid, r.attendance_id, e.slug, p.slug, r.status, r.review, r.reported_on, r.article_id,
       r.quote, s.slug, r.via, r.created_at, r.updated_at
FROM events_report r
JOIN events_attendance a ON a.id = r.attendance_id
JOIN events_event e ON e.id = a.event_id
JOIN events_participant p ON p.id = a.participant_id
LEFT JOIN events_participant s ON s.id = r.speaker_id
WHERE r.review = 'verified' {where}
ORDER BY r.reported_on DESC, r.id DESC
"""


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000, help="The dataset's size (default 1000).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database",
        action="append",
        default=[],
        help="A DATABASE_URL to measure (repeatable). Default: a SQLite file in bench/data, and DATABASE_URL "
        "when it names PostgreSQL (as <its name>_io_bench).",
    )
    parser.add_argument(
        "--export-only",
        action="store_true",
        help="Measure the export alone, on the dataset already in --database (say the one `make bench` built): "
        "nothing is dropped, built or imported.",
    )
    parser.add_argument(
        "--no-loaddata", action="store_true", help="Leave out loaddata (hours at 100,000 events): raw insert only."
    )
    parser.add_argument(
        "--records",
        type=Path,
        help="Import this NDJSON export (export_records of the dataset --events names) instead of building the "
        "dataset again for each database: the 100,000-event one takes minutes to make; make it once, measure it "
        "on each database (and each code). The export is then measured on the import's database.",
    )
    parser.add_argument("--import-only", action="store_true", help="Measure the import alone, not the export.")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser.parse_args()


def databases(args):
    if args.database:
        return args.database
    chosen = [f"sqlite:///{ROOT / 'bench' / 'data' / 'io.sqlite3'}"]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parsed = urlparse(url)
        chosen.append(parsed._replace(path=f"{parsed.path}_io_bench").geturl())
    return chosen


# ------------------------------------------------------------------------------
# Processes
# ------------------------------------------------------------------------------
def run(command, database, *, stdout=subprocess.DEVNULL, cpu=None):
    """Run ``command`` with ``database``: its time (s) and peak RSS (MB).

    The time is what a child of this script reports for its work alone (``elapsed=`` on its
    last line of errors), else the process's wall time. ``cpu``, a dict, is given the CPU
    seconds the child reports for the same work (``cpu=``, the line before), its own process's
    only (a PostgreSQL server's work is not counted), and ``workers`` that of the child's own worker
    processes (``workers_cpu=``, the line before: ``import_records``' reading process).
    """
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "eventsapi.settings.local"}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    errors = process.stderr.read().decode()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{errors}")
    lines = errors.strip().rsplit("\n", 3)
    if lines[-1].startswith("elapsed="):
        elapsed = float(lines[-1].removeprefix("elapsed="))
    if cpu is not None and len(lines) > 1 and lines[-2].startswith("cpu="):
        cpu["seconds"] = float(lines[-2].removeprefix("cpu="))
    if cpu is not None and len(lines) > 2 and lines[-3].startswith("workers_cpu="):
        cpu["workers"] = float(lines[-3].removeprefix("workers_cpu="))
    return elapsed, usage.ru_maxrss / 1024


def timed(database, *args, **kwargs):
    """A management command (or ``export QUERY``) run by a child of this script, timed from within."""
    return run([sys.executable, __file__, "--child", *args], database, **kwargs)


def manage(database, *args, **kwargs):
    return run([*MANAGE, *args], database, **kwargs)


def fresh(database):
    """An empty, migrated database."""
    parsed = urlparse(database)
    if parsed.scheme == "sqlite":
        path = Path(parsed.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in path.parent.glob(f"{path.name}*"):
            leftover.unlink()
    else:
        name = parsed.path.lstrip("/")
        if "bench" not in name:
            raise SystemExit(f"{database}: a benchmark database's name must contain 'bench' (it is dropped).")
        maintenance = parsed._replace(path="/postgres").geturl()
        for statement in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
            subprocess.run(["psql", maintenance, "-q", "-c", statement], check=True, capture_output=True)
    manage(database, "migrate", "--noinput")


def copy_of(database, root):
    """A second database beside ``database``, for the baseline."""
    parsed = urlparse(database)
    if parsed.scheme == "sqlite":
        return f"sqlite:///{root / 'baseline.sqlite3'}"
    return parsed._replace(path=f"{parsed.path}_baseline").geturl()


def dump_command(database, where):
    """The database's own CSV dump of the report rows, to standard output."""
    sql = " ".join(REPORTS_SQL.format(where=where).split())
    parsed = urlparse(database)
    if parsed.scheme == "sqlite":
        return ["sqlite3", "-csv", "-header", parsed.path, sql]
    return ["psql", database, "-q", "-c", f"\\copy ({sql}) TO STDOUT WITH CSV HEADER"]


# ------------------------------------------------------------------------------
# The export, served in a process of its own
# ------------------------------------------------------------------------------
def child(args):
    """Set Django up, then time one management command, or one export through the API (``export QUERY``)."""
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    if args[0] == "export":  # a first request imports and builds what every request then shares
        b"".join(Client().get("/api/reports/export/?format=csv&reported_before=1000-01-01").streaming_content)
    started, cpu_started = time.perf_counter(), time.process_time()
    if args[0] == "raw-insert":
        started, cpu_started = raw_insert()
    elif args[0] == "export":
        response = Client().get(f"/api/reports/export/?{args[1]}")
        assert response.status_code == 200, response.status_code
        out = sys.stdout.buffer
        for chunk in response.streaming_content:
            out.write(chunk)
        out.flush()
    else:
        workers_started = children_cpu()
        call_command(*args)
        print(f"workers_cpu={children_cpu() - workers_started}", file=sys.stderr)
    print(f"cpu={time.process_time() - cpu_started}", file=sys.stderr)
    print(f"elapsed={time.perf_counter() - started}", file=sys.stderr)


def children_cpu():
    """The CPU seconds of this process's children that have ended (a command's worker processes)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


RECORD_TABLES = ["events_participant", "events_event", "events_article", "events_attendance", "events_report"]


def raw_insert():
    """The import's baseline: the rows it wrote, read out, emptied, then inserted again as they are.

    One transaction of ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) per table, with no check at all.
    Returns when the timing starts (wall and CPU clocks): after the rows are read and the tables emptied.
    """
    from django.db import connection, transaction

    postgresql = connection.vendor == "postgresql"
    rows = {}
    with connection.cursor() as cursor:
        for table in RECORD_TABLES:
            if postgresql:
                with cursor.copy(f"COPY (SELECT * FROM {table} ORDER BY id) TO STDOUT") as copy:
                    rows[table] = b"".join(bytes(block) for block in copy)
            else:
                cursor.execute(f"SELECT * FROM {table} ORDER BY id")
                rows[table] = ([column[0] for column in cursor.description], cursor.fetchall())
    with transaction.atomic(), connection.cursor() as cursor:
        for table in reversed(RECORD_TABLES):
            cursor.execute(f"DELETE FROM {table}")
    started = time.perf_counter(), time.process_time()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in RECORD_TABLES:
            if postgresql:
                with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                    copy.write(rows[table])
            else:
                columns, values = rows[table]
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
    return started


# ------------------------------------------------------------------------------
# The table
# ------------------------------------------------------------------------------
def ratio(value, baseline, meaning):
    return f"{value / baseline:.2f}× {meaning}" if baseline else "–"


def measure(database, args, root):
    """The table's rows for ``database``, the time its dataset took to build, and its number of reports."""
    built, rows = None, []
    if not args.export_only:
        built, rows = measure_import(database, args, root)
    if args.import_only:
        return rows, built, report_split(copy_of(database, root) if args.records else database)[0]
    # With --records the dataset was never built in ``database``: its rows are in the import's, after the raw insert.
    reports, export_rows = measure_export(copy_of(database, root) if args.records else database, root)
    return rows + export_rows, built, reports


def measure_import(database, args, root):
    if args.records:
        built, exported, records = None, None, args.records
    else:
        fresh(database)
        built, _ = manage(
            database, "generate_dataset", "--events", str(args.events), "--seed", str(args.seed), "--no-progress"
        )
        records = root / "records.ndjson"
        exported, _ = timed(database, "export_records", "-o", str(records))
    count = sum(1 for _ in records.open(encoding="utf-8"))
    fixture = root / "records.jsonl"
    if not args.no_loaddata:
        shutil.copyfile(records, fixture)

    target = copy_of(database, root)
    fresh(target)
    import_cpu, raw_cpu = {}, {}
    imported, _ = timed(target, "import_records", str(records), "--no-progress", cpu=import_cpu)
    raw, _ = timed(target, "raw-insert", cpu=raw_cpu)
    loaded = None
    if not args.no_loaddata:
        fresh(target)
        loaded, _ = timed(target, "loaddata", str(fixture))
    if database.startswith("sqlite") and not args.records:  # with --records, the rows measured after
        for leftover in root.glob("baseline.sqlite3*"):
            leftover.unlink()
    rows = [
        [
            f"import of {count:,} records (records/s)",
            f"{count / imported:,.0f} (`import_records`, {imported:.1f} s)",
            f"{count / loaded:,.0f} (`loaddata`, {loaded:.1f} s)" if loaded else "(`loaddata` left out)",
            ratio(loaded, imported, "as fast") if loaded else "",
        ],
        [
            "the same rows, raw (records/s)",
            f"{count / imported:,.0f} (`import_records`, every rule checked)",
            f"{count / raw:,.0f} ({'`executemany`' if database.startswith('sqlite') else '`COPY`'}, {raw:.2f} s)",
            ratio(count / imported, count / raw, "the raw rate"),
        ],
        [
            "CPU of the importing process per record (µs)",
            f"{import_cpu['seconds'] / count * 1e6:,.0f} (`import_records`)"
            + (
                f", its reading worker {import_cpu['workers'] / count * 1e6:,.0f}" if import_cpu.get("workers") else ""
            ),
            f"{raw_cpu['seconds'] / count * 1e6:,.1f} (raw insert)",
            "the database server's own CPU not counted" if not database.startswith("sqlite") else "",
        ],
    ]
    if exported is not None:
        rows.append(["export_records of them (s)", f"{exported:.1f}", "", ""])
    return built, rows


def measure_export(database, root):
    """The report list's CSV export through the API beside the database's own dump, at a tenth and at all."""
    _, idle_rss = manage(database, "shell", "-c", "pass")
    reports, split = report_split(database)
    rows = []
    sizes = [(f"reported_before={split}", f"AND r.reported_on <= '{split}'"), ("", "")]
    for query, where in sizes:
        lines = root / "export.csv"
        with lines.open("wb") as out:
            api_time, api_rss = timed(database, "export", f"format=csv&{query}".rstrip("&"), stdout=out)
        exported_rows = sum(1 for _ in lines.open(encoding="utf-8")) - 1
        with lines.open("wb") as out:
            dump_time, dump_rss = run(dump_command(database, where), database, stdout=out)
        dumped_rows = sum(1 for _ in lines.open(encoding="utf-8")) - 1
        if dumped_rows != exported_rows:
            raise SystemExit(f"The dump has {dumped_rows} rows and the export {exported_rows}.")
        tool = "sqlite3 -csv" if database.startswith("sqlite") else "psql \\copy"
        rows.append(
            [
                f"export of {exported_rows:,} reports: time (s)",
                f"{api_time:.2f} (API, streamed)",
                f"{dump_time:.2f} (`{tool}`)",
                ratio(api_time, dump_time, "the time"),
            ]
        )
        rows.append(
            [
                f"export of {exported_rows:,} reports: peak RSS (MB)",
                f"{api_rss:.0f} (an idle manage.py: {idle_rss:.0f})",
                f"{dump_rss:.0f}",
                "",
            ]
        )
    return reports, rows


def report_split(database):
    """The number of reports, and the date before which about a tenth of them lie."""
    sql = "SELECT COUNT(*) FROM events_report"
    tenth = (
        "SELECT reported_on FROM events_report ORDER BY reported_on "
        "LIMIT 1 OFFSET (SELECT COUNT(*) / 10 FROM events_report)"
    )
    parsed = urlparse(database)
    values = []
    for query in (sql, tenth):
        if parsed.scheme == "sqlite":
            command = ["sqlite3", parsed.path, query]
        else:
            command = ["psql", database, "-At", "-c", query]
        values.append(subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip())
    return int(values[0]), values[1]


def main():
    args = arguments()
    if args.child:
        child(args.child)
        return
    sections = []
    for database in databases(args):
        with tempfile.TemporaryDirectory(prefix="io-bench-") as directory:
            rows, built, reports = measure(database, args, Path(directory))
        vendor = "SQLite" if database.startswith("sqlite") else "PostgreSQL"
        now = f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC"
        if args.export_only:
            title = f"## Export, {vendor}: the dataset in the database — {now}"
            dataset = f"- dataset: {reports:,} reports, already in the database"
            command = f"python bench/io.py --export-only --database {database}"
        else:
            what = "Import" if args.import_only else "Import and export"
            title = f"## {what}, {vendor}: {args.events:,} events — {now}"
            dataset = f"- dataset: `generate_dataset --events {args.events} --seed {args.seed}` "
            dataset += f"({reports:,} reports), "
            dataset += f"its export {args.records} made beforehand" if args.records else f"built in {built:.0f} s"
            options = f" --records {args.records}" if args.records else ""
            options += " --import-only" if args.import_only else ""
            options += " --no-loaddata" if args.no_loaddata else ""
            command = f"python bench/io.py --events {args.events}{options} --database {database}"
        lines = [
            title,
            "",
            dataset,
            f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
            f"load average {os.getloadavg()[0]:.1f}; times leave out Django's start-up",
            f"- command: `{command}`",
            "",
            "| measure | eventsapi | baseline | eventsapi against the baseline |",
            "| --- | --- | --- | --- |",
            *(f"| {' | '.join(row)} |" for row in rows),
            "",
        ]
        sections.append("\n".join(lines))
        print(sections[-1], flush=True)
    if not args.results.exists():
        args.results.write_text("# Benchmark results\n\nWritten by `make bench` (bench/reads.py, bench/io.py).\n\n")
    with args.results.open("a", encoding="utf-8") as results:
        results.write("\n".join(sections) + "\n")


if __name__ == "__main__":
    main()
