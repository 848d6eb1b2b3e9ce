"""PostgreSQL clusters of their own, in a temporary directory on a free port: for tests and bench scenarios.

``ThrowawayCluster`` is a new, empty cluster (``initdb``) that a scenario may kill and restart as it
likes without touching the machine's shared server; ``bench/replica.py``'s ``StreamingReplica`` is a
copy of the shared primary. Both run as the ``postgres`` OS user (``initdb`` and ``postgres`` refuse
root; via ``runuser`` when this process is root), with the server programs of Debian's
``/usr/lib/postgresql/<version>/bin`` (or PATH).
"""

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

POSTGRES_USER = "postgres"


class ClusterError(RuntimeError):
    """A cluster could not be made, started or stopped."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_binaries(version=None):
    """The directory of PostgreSQL ``version``'s server programs (the newest when ``None``): Debian's, or PATH."""
    pattern = f"/usr/lib/postgresql/{version or '*'}/bin"
    found = sorted(glob.glob(pattern), key=lambda path: int(Path(path).parent.name))
    if found:
        return Path(found[-1])
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl is None:
        raise ClusterError(f"no pg_ctl for PostgreSQL {version or '(any version)'}")
    return Path(pg_ctl).parent


class Cluster:
    """A cluster in ``self.directory / "data"`` serving 127.0.0.1:``self.port``; a context manager.

    A subclass's ``create()`` makes the data directory; ``start``, ``stop``, ``kill`` and ``destroy``
    act on this cluster's postmaster only (``pg_ctl -D`` its own directory).
    """

    def __init__(self, *, port=None):
        self.port = port or free_port()
        self.directory = None
        self.bin = None

    def __enter__(self):
        self.create()
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.destroy()

    @property
    def data(self):
        return self.directory / "data"

    def create(self):
        raise NotImplementedError

    def run(self, *command, timeout=120):
        """Run a server program as the ``postgres`` OS user; its output, or ClusterError with it."""
        prefix = ["runuser", "-u", POSTGRES_USER, "--"] if os.geteuid() == 0 else []
        done = subprocess.run([*prefix, *map(str, command)], capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise ClusterError(f"{' '.join(map(str, command))}: {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout

    def make_directory(self, prefix):
        """A new temporary directory that the ``postgres`` OS user owns."""
        self.directory = Path(tempfile.mkdtemp(prefix=prefix))
        if os.geteuid() == 0:
            owner = pwd.getpwnam(POSTGRES_USER)
            os.chown(self.directory, owner.pw_uid, owner.pw_gid)

    def configure(self, settings=""):
        """This cluster's own configuration: its port, 127.0.0.1 only, its socket in its directory, trust."""
        settings = (
            f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.directory}'\n"
            f"logging_collector = off\n{settings}"
        )
        hba = "local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n"
        for name, text in (("postgresql.conf", settings), ("pg_hba.conf", hba), ("pg_ident.conf", "")):
            self.run("sh", "-c", f"cat > {self.data / name} <<'EOF'\n{text}EOF")

    def url(self, dbname="postgres"):
        return f"postgres://{POSTGRES_USER}@127.0.0.1:{self.port}/{dbname}"

    def connect(self, dbname="postgres"):
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=POSTGRES_USER, dbname=dbname, autocommit=True, connect_timeout=5
        )

    def start(self, timeout=60):
        self.run(self.bin / "pg_ctl", "-D", self.data, "-l", self.directory / "log", "-w", "-t", timeout, "start")

    def stop(self, mode="fast"):
        """Stop the postmaster: ``fast`` (clean shutdown) or ``immediate`` (a crash: recovery at the next start)."""
        self.run(self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def destroy(self):
        if self.directory is None:
            return
        with contextlib.suppress(ClusterError):  # not running
            self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory = None


class ThrowawayCluster(Cluster):
    """A new, empty cluster of its own (``initdb``), for a scenario that kills and restarts its server."""

    def __init__(self, *, port=None, version=None):
        super().__init__(port=port)
        self.version = version

    def create(self):
        self.bin = server_binaries(self.version)
        self.make_directory("eventsapi-cluster-")
        self.run(
            self.bin / "initdb",
            *("-D", self.data, "-U", POSTGRES_USER, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"),
            "--no-sync",
        )
        # A killed server, not a lost machine, is what the scenarios test: the OS keeps what was written.
        self.configure("fsync = off\nmax_connections = 100\nshared_buffers = 32MB\n")
        return self
