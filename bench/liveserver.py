"""eventsapi under gunicorn with the production settings, on a database of its own: for tests and scenarios.

Used by ``tests/deploy/test_production.py`` and ``bench/fault.py``. Every command runs in a child process with
the environment of ``production_env()``, so nothing here touches the settings of the process that calls it.
"""

import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What a TLS proxy in front of gunicorn adds; gunicorn trusts it from 127.0.0.1 (FORWARDED_ALLOW_IPS).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

CREATE_CURATOR = """
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user, _ = User.objects.get_or_create(username="fault-curator")
user.groups.add(Group.objects.get(name="curators"))
print(Token.objects.get_or_create(user=user)[0].key)
"""


def production_env(*, database_url, static_root, **extra):
    """The environment of a production deployment on ``database_url``, with a fresh secret key."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "GUNICORN_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="eventsapi.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_STATIC_ROOT=str(static_root),
        DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
        # The scenarios measure durability and locking, not throttling: one client sends many requests.
        DJANGO_THROTTLE_ANON_RATE="off",
        DJANGO_THROTTLE_USER_RATE="off",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args):
    """Run ``manage.py`` with ``args`` in ``env``; its standard output, or CalledProcessError with its errors."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def prepare(env, *, collectstatic=False):
    """Migrate, load the seed data, optionally collect static files; the API token of a curator."""
    manage(env, "migrate", "--noinput")
    manage(env, "loaddata", "seed")
    if collectstatic:
        manage(env, "collectstatic", "--noinput")
    return manage(env, "shell", "--verbosity", "0", "--command", CREATE_CURATOR).strip()


class Response:
    """What a request got back: the status, the headers and the body (status 0: no answer at all)."""

    def __init__(self, status, headers=None, body=b"", error=None):
        self.status, self.headers, self.body, self.error = status, headers or {}, body, error
        self.seconds = None

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<Response {self.status} {self.error or self.body[:200]!r}>"


def free_port():
    """A port nobody listens on now, so that two suites on one machine never collide."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """A gunicorn master serving eventsapi on 127.0.0.1:``port``; a context manager that starts and stops it."""

    def __init__(self, env, *, port, workers=4, threads=1, timeout=30, log_path):
        self.port, self.log_path = port, Path(log_path)
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_THREADS": str(threads),
            "GUNICORN_TIMEOUT": str(timeout),
            "GUNICORN_ACCESSLOG": "",
        }
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    # The master loads the extraction assistant before it listens (gunicorn.conf.py's preload): 30 s on a busy
    # machine, so a start is given three minutes.
    def start(self, timeout=180):
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_until_serving(timeout)

    def wait_until_serving(self, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            if self.request("GET", "/api/", timeout=5).status == 200:
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{self.log()}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def workers(self):
        """The pids of the master's current worker processes."""
        pid = self.process.pid
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]

    def kill_worker(self, pid):
        os.kill(pid, signal.SIGKILL)

    def reload(self):
        """SIGHUP: gunicorn rereads its configuration and replaces every worker gracefully (the app itself is
        reloaded only with GUNICORN_PRELOAD=false: preloaded, the new workers are forks of the master's)."""
        self.process.send_signal(signal.SIGHUP)

    def log(self):
        return self.log_path.read_text(errors="replace")

    def request(self, method, path, *, data=None, token=None, headers=None, timeout=30):
        """One HTTP request through a new connection; a connection error is a Response with status 0."""
        all_headers = {**PROXY_HEADERS, "Accept": "application/json", **(headers or {})}
        body = None
        if data is not None:
            body = json.dumps(data).encode()
            all_headers["Content-Type"] = "application/json"
        if token:
            all_headers["Authorization"] = f"Token {token}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=all_headers)
            answer = connection.getresponse()
            response = Response(answer.status, dict(answer.getheaders()), answer.read())
        except (OSError, http.client.HTTPException) as error:
            response = Response(0, error=f"{type(error).__name__}: {error}")
        finally:
            connection.close()
        response.seconds = time.monotonic() - started
        return response
