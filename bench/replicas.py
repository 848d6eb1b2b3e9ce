"""Requests per second of a read-heavy endpoint under gunicorn, with one streaming replica and with none.

``python -m bench.replicas`` (as root or the postgres user, with the primary at 127.0.0.1:5432
accepting replication: `.ci/allow-replication`) makes the database ``eventsapi_replica_bench``
afresh (seed data and a generated dataset), starts a streaming replica of the cluster
(bench/replica.py), then runs the same bounded load against gunicorn twice: reads on the
primary only, then with ``DATABASE_REPLICA_URLS`` naming the replica. Everything is on this
machine and on 127.0.0.1: a sanity check of the routing's cost, not a capacity figure.
"""

import argparse
import tempfile
import threading
import time
from pathlib import Path

import psycopg

from bench.liveserver import PROXY_HEADERS, Gunicorn, manage, prepare, production_env
from bench.replica import StreamingReplica

DATABASE = "eventsapi_replica_bench"
PATHS = ["/api/events/?page_size=20", "/api/events/moscow-talks-2018/", "/api/participants/?page_size=20"]


def load(server, *, seconds, clients):
    """Send ``clients`` concurrent loops of GETs for ``seconds``; (requests per second, statuses seen)."""
    counts, statuses, deadline = [0] * clients, {}, time.monotonic() + seconds

    def client(number):
        while time.monotonic() < deadline:
            answer = server.request("GET", PATHS[counts[number] % len(PATHS)], headers=PROXY_HEADERS)
            statuses[answer.status] = statuses.get(answer.status, 0) + 1
            counts[number] += 1

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started), statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--port", type=int, default=8431)
    arguments = parser.parse_args()

    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    primary_url = f"postgres://postgres@127.0.0.1:5432/{DATABASE}?conn_max_age=600"
    work = Path(tempfile.mkdtemp(prefix="eventsapi-replicas-bench-"))
    env = production_env(database_url=primary_url, static_root=work / "static", DJANGO_SECURE_SSL_REDIRECT="false")
    prepare(env)
    manage(env, "generate_dataset", "--events", str(arguments.events))
    try:
        with StreamingReplica() as replica:
            replica_url = f"postgres://postgres@127.0.0.1:{replica.port}/{DATABASE}?conn_max_age=600"
            for name, extra in (("primary only", {}), ("one replica", {"DATABASE_REPLICA_URLS": replica_url})):
                served = Gunicorn(
                    {**env, **extra}, port=arguments.port, workers=arguments.workers, log_path=work / "log"
                )
                with served as server:
                    load(server, seconds=2, clients=arguments.clients)  # warms up each worker's compiled reads
                    rate, statuses = load(server, seconds=arguments.seconds, clients=arguments.clients)
                print(f"{name:>13}: {rate:7.1f} requests/s, statuses {statuses}")
    finally:
        with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
