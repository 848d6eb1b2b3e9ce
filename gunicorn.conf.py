"""gunicorn settings (`make serve-prod`), each read from the environment.

gunicorn itself also reads WEB_CONCURRENCY (workers), FORWARDED_ALLOW_IPS (the proxies whose
X-Forwarded-Proto it trusts) and GUNICORN_CMD_ARGS (any other option).
"""

import multiprocessing
import os

from eventsapi.settings.environment import Env

wsgi_app = "eventsapi.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
# More than one thread a worker switches to the gthread worker.
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# Recycle a worker after this many requests (0: never), so a slow leak cannot grow for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = max_requests // 10
# gunicorn's own bound on the request line (8190 at most); the application's, lower (DJANGO_MAX_URL_LENGTH,
# 4096), answers a longer URL first with a JSON 414.
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", 8190))
# An empty GUNICORN_ACCESSLOG turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# gunicornc's control socket: off unless given a path, as its default path is shared by every gunicorn of the user.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

# The application is loaded once, in the master, and the extraction assistant's one-off start-up (spaCy, its
# vocabulary, the gazetteers: 15–30 s on a busy machine) done there before the workers are forked (``on_starting``):
# every worker, a replacement or a recycled one (max_requests) too, serves its first extraction warm, sharing those
# pages with the master (copy-on-write). Without it each worker paid the start-up in its first extraction request,
# and gunicorn's timeout killed it (tester 45, D2). Off: each worker loads the application itself, and kill -HUP
# then reloads the code (with it on, a new release needs a restart or USR2: docs/operations.md).
preload_app = Env().bool("GUNICORN_PRELOAD", default=True)
# spaCy's numpy would start OpenBLAS's thread pool in the master, and a pool's threads do not survive a fork: one
# thread (the assistant's matrices are small), so that the master the workers are forked from has only its own.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def on_starting(server):
    """In the master, before it binds and forks: load the extraction assistant when the application is preloaded."""
    if server.cfg.preload_app:
        warm()


def warm():
    """The extraction assistant's start-up, then every database connection closed, so that no worker inherits one
    (the start-up reads no database; Django opens none before a request)."""
    from django.db import connections

    from events.services.proposals import started

    try:
        started()
    finally:
        connections.close_all()
