"""The API and, under ``/raw/``, its raw-SQL baseline (bench/raw.py), served by the same gunicorn workers.

``gunicorn bench.wsgi:application``: ``/raw/api/events/`` answers what ``/api/events/``
answers, straight from SQL and orjson, so wrk measures both through the same server.
"""

import os
from urllib.parse import parse_qsl

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventsapi.settings.local")

from django.core.wsgi import get_wsgi_application

api = get_wsgi_application()

from bench import raw  # noqa: E402


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if not path.startswith("/raw/"):
        return api(environ, start_response)
    base = f"{environ['wsgi.url_scheme']}://{environ.get('HTTP_HOST', environ['SERVER_NAME'])}"
    body = raw.answer(base, path.removeprefix("/raw"), dict(parse_qsl(environ.get("QUERY_STRING", ""))))
    if body is None:
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"detail":"Not found."}']
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
