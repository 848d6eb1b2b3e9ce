"""CPU per request of one address, in process, with the production settings: the framework's and the read's share of
a fresh answer, without a server or a load generator between (what stop 41 measured a detail's queryset changes by).

    .venv/bin/python bench/request_cpu.py --database sqlite:///$PWD/bench/data/bench.sqlite3 /api/events/SLUG/
    .venv/bin/python bench/request_cpu.py --database ... --kept /api/events/SLUG/    # kept answers on

Each address is called ``--warm`` times, then ``--requests`` times under ``time.process_time()``: the figure is the
mean CPU time of one request, this process alone. Kept answers are off unless ``--kept`` (every request is queried
and rendered). Compare two versions of the code in alternating runs on the same database: the figure moves with the
machine's load.
"""

import argparse
import io
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("addresses", nargs="+", help="Paths with their query, e.g. /api/events/?country=US")
    parser.add_argument("--database", required=True, help="A DATABASE_URL holding a dataset (make bench builds one).")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warm", type=int, default=200)
    parser.add_argument("--kept", action="store_true", help="Keep answers, as a production server does by default.")
    args = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="eventsapi.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=tempfile.mkdtemp(),
        DATABASE_URL=args.database,
        DJANGO_THROTTLE_ANON_RATE="off",
        DJANGO_THROTTLE_USER_RATE="off",
    )
    if not args.kept:
        os.environ["DJANGO_KEPT_ANSWER_BYTES"] = "0"
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    for address in args.addresses:
        path, _, query = address.partition("?")
        status = call(application, path, query)
        if not status.startswith("200"):
            sys.exit(f"bench: {address} answered {status}")
        for _ in range(args.warm):
            call(application, path, query)
        started = time.process_time()
        for _ in range(args.requests):
            call(application, path, query)
        cpu = (time.process_time() - started) / args.requests
        print(f"{address}: {cpu * 1e6:.0f} µs of CPU a request ({args.requests} requests, kept answers "
              f"{'on' if args.kept else 'off'})")  # fmt: skip


def call(application, path, query):
    """One GET of ``path`` as a TLS proxy in front would pass it on; the answer's status."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "443",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "application/json",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "REMOTE_ADDR": "127.0.0.1",
    }
    statuses = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    getattr(body, "close", lambda: None)()
    return statuses[0]


if __name__ == "__main__":
    main()
