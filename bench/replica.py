"""A real PostgreSQL streaming replica of the local primary, in a temporary directory: for tests and bench.

``pg_basebackup -R`` copies the whole primary cluster (every database, the suite's
``test_<name>`` included) and writes ``standby.signal`` and ``primary_conninfo``; the copy
then runs as a hot standby on a port of its own, as the ``postgres`` OS user (via
``runuser`` when this process is root). The primary must accept replication connections
from 127.0.0.1 (a ``host replication ...`` line in its pg_hba.conf: `.ci/run` adds one).
Used by ``tests/eventsapi/conftest.py`` and ``bench/replicas.py``.
"""

import time

import psycopg

from bench.cluster import POSTGRES_USER, Cluster, ClusterError, free_port, server_binaries

ReplicaError = ClusterError  # the replica could not be made, started or brought up to date

__all__ = ["POSTGRES_USER", "ReplicaError", "StreamingReplica", "free_port", "server_binaries"]


class StreamingReplica(Cluster):
    """A hot standby of the primary at ``host:port``, on 127.0.0.1:``self.port``; a context manager."""

    def __init__(self, *, host="127.0.0.1", port=5432, user=POSTGRES_USER, replica_port=None):
        super().__init__(port=replica_port)
        self.primary = {"host": host, "port": int(port), "user": user}

    def connect(self, *, replica=True, dbname="postgres"):
        where = {**self.primary, "port": self.port} if replica else self.primary
        return psycopg.connect(**where, dbname=dbname, autocommit=True, connect_timeout=5)

    def create(self):
        """Copy the primary with pg_basebackup into a new directory owned by ``postgres``."""
        with self.connect(replica=False) as primary:
            version = primary.execute("SHOW server_version_num").fetchone()[0][:2]
        self.bin = server_binaries(version)
        self.make_directory("eventsapi-replica-")
        self.run(
            self.bin / "pg_basebackup",
            *("-h", self.primary["host"], "-p", self.primary["port"], "-U", self.primary["user"]),
            *("-D", self.data, "-R", "-X", "stream", "-c", "fast", "--no-password"),
        )
        # Debian keeps a cluster's configuration outside its data directory: the copy gets its own.
        self.configure("hot_standby = on\nhot_standby_feedback = on\nfsync = off\n")
        return self

    def start(self, timeout=60):
        super().start(timeout=timeout)
        self.catch_up(timeout=timeout)

    def catch_up(self, timeout=30):
        """Wait until the replica has replayed all the WAL the primary has written by now."""
        with self.connect(replica=False) as primary:
            target = primary.execute("SELECT pg_current_wal_lsn()::text").fetchone()[0]
        deadline = time.monotonic() + timeout
        last_error = None
        while time.monotonic() < deadline:
            try:
                with self.connect() as replica:
                    behind = replica.execute(
                        "SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())", [target]
                    ).fetchone()[0]
                if behind is not None and behind <= 0:
                    return
            except psycopg.OperationalError as error:
                last_error = error
            time.sleep(0.1)
        raise ReplicaError(f"the replica did not catch up in {timeout} s: {last_error or 'replay behind'}")
