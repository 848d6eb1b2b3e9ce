"""``generate_dataset``'s direct write beside the checked one (``--checked``: through ``import_records``).

    python bench/generate.py --events 2000 --database sqlite:////tmp/gen/bench.sqlite3 \\
        --database postgres://postgres@127.0.0.1:5432/generate_bench

For each database, the same command line twice into a fresh, migrated database (a PostgreSQL one's name must
contain ``bench``: it is dropped): ``generate_dataset --events N --seed S --no-progress``, then with
``--checked``. Prints, and appends to ``--results``, each run's wall time, the CPU time of the command and
its workers, and records/s, with the ratio of the two in the same run and the load average beside them.
"""

import argparse
import datetime
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.io import fresh  # noqa: E402


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", action="append", required=True, help="A database URL (repeatable).")
    parser.add_argument("--results", default=str(ROOT / "bench" / "RESULTS.md"), help="'' to print only.")
    return parser.parse_args()


def generate(database, args, *extra):
    """One run into a fresh database: (wall s, CPU s of it and its workers, records written, load average)."""
    fresh(database)
    command = [sys.executable, str(ROOT / "manage.py"), "generate_dataset", "--events", str(args.events)]
    command += ["--seed", str(args.seed), "--no-progress", *extra]
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "eventsapi.settings.local"}
    load = os.getloadavg()[0]
    started = time.perf_counter()
    before = os.times()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = os.times()
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    records = sum(int(count) for count in re.findall(r"(\d+) events\.", done.stdout))
    return wall, cpu, records, (load + os.getloadavg()[0]) / 2


def main():
    args = arguments()
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## generate_dataset: direct write beside --checked, {args.events:,} events — {when}",
        "",
        f"`python bench/generate.py --events {args.events} --seed {args.seed} "
        + " ".join(f"--database {database}" for database in args.database)
        + "` (each run into a fresh database after `migrate`; CPU: the command and its worker processes)",
        "",
        "| database | write | wall (s) | CPU (s) | records/s | load average | checked / direct (wall) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for database in args.database:
        vendor = "SQLite" if database.startswith("sqlite") else "PostgreSQL"
        direct = generate(database, args)
        checked = generate(database, args, "--checked")
        for name, (wall, cpu, records, load) in (("direct", direct), ("`--checked`", checked)):
            ratio = f"{checked[0] / direct[0]:.1f}×" if name == "direct" else ""
            lines.append(
                f"| {vendor} | {name} | {wall:.1f} | {cpu:.1f} | {records / wall:,.0f} | {load:.1f} | {ratio} |"
            )
        print(lines[-2], lines[-1], sep="\n", file=sys.stderr)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results:
        with open(args.results, "a") as results:
            results.write("\n" + text)


if __name__ == "__main__":
    main()
