"""A real PostgreSQL streaming replica of the local primary, in a temporary directory: for tests and bench.

``pg_basebackup -R`` copies the whole primary cluster (every database, the suite's
``test_<name>`` included) and writes ``standby.signal`` and ``primary_conninfo``; the copy
then runs as a hot standby on a port of its own, as the ``postgres`` OS user (via
``runuser`` when this process is root). The primary must accept replication connections
from 127.0.0.1 (a ``host replication ...`` line in its pg_hba.conf: `.ci/run` adds one).
Used by ``tests/eventsapi/conftest.py`` and ``bench/replicas.py``.
"""

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

POSTGRES_USER = "postgres"


class ReplicaError(RuntimeError):
    """The replica could not be made, started or brought up to date."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_binaries(version):
    """The directory of PostgreSQL ``version``'s server programs (Debian's layout, or PATH)."""
    for candidate in sorted(glob.glob(f"/usr/lib/postgresql/{version}/bin")):
        return Path(candidate)
    found = shutil.which("pg_ctl")
    if found is None:
        raise ReplicaError(f"no pg_ctl for PostgreSQL {version}")
    return Path(found).parent


class StreamingReplica:
    """A hot standby of the primary at ``host:port``, on 127.0.0.1:``self.port``; a context manager."""

    def __init__(self, *, host="127.0.0.1", port=5432, user=POSTGRES_USER, replica_port=None):
        self.primary = {"host": host, "port": int(port), "user": user}
        self.port = replica_port or free_port()
        self.directory = None
        self.bin = None

    def __enter__(self):
        self.create()
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.destroy()

    # -- running as the postgres user ---------------------------------------------------------------------
    def run(self, *command, timeout=120):
        """Run a server program as the ``postgres`` OS user; its output, or ReplicaError with it."""
        prefix = ["runuser", "-u", POSTGRES_USER, "--"] if os.geteuid() == 0 else []
        done = subprocess.run([*prefix, *map(str, command)], capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise ReplicaError(f"{' '.join(map(str, command))}: {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout

    def connect(self, *, replica=True, dbname="postgres"):
        where = {**self.primary, "port": self.port} if replica else self.primary
        return psycopg.connect(**where, dbname=dbname, autocommit=True, connect_timeout=5)

    # -- life -----------------------------------------------------------------------------------------------
    def create(self):
        """Copy the primary with pg_basebackup into a new directory owned by ``postgres``."""
        with self.connect(replica=False) as primary:
            version = primary.execute("SHOW server_version_num").fetchone()[0][:2]
        self.bin = server_binaries(version)
        self.directory = Path(tempfile.mkdtemp(prefix="eventsapi-replica-"))
        owner = pwd.getpwnam(POSTGRES_USER)
        os.chown(self.directory, owner.pw_uid, owner.pw_gid)
        data = self.directory / "data"
        self.run(
            self.bin / "pg_basebackup",
            *("-h", self.primary["host"], "-p", self.primary["port"], "-U", self.primary["user"]),
            *("-D", data, "-R", "-X", "stream", "-c", "fast", "--no-password"),
        )
        # Debian keeps a cluster's configuration outside its data directory: the copy gets its own.
        settings = (
            f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.directory}'\n"
            "hot_standby = on\nhot_standby_feedback = on\nfsync = off\nlogging_collector = off\n"
        )
        hba = "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        for name, text in (("postgresql.conf", settings), ("pg_hba.conf", hba), ("pg_ident.conf", "")):
            self.run("sh", "-c", f"cat > {data / name} <<'EOF'\n{text}EOF")
        return self

    def start(self, timeout=60):
        data = self.directory / "data"
        self.run(self.bin / "pg_ctl", "-D", data, "-l", self.directory / "log", "-w", "-t", timeout, "start")
        self.catch_up(timeout=timeout)

    def stop(self):
        self.run(self.bin / "pg_ctl", "-D", self.directory / "data", "-m", "fast", "-w", "stop")

    def destroy(self):
        if self.directory is None:
            return
        with contextlib.suppress(ReplicaError):  # not running
            self.run(self.bin / "pg_ctl", "-D", self.directory / "data", "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory = None

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
