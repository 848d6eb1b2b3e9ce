"""Record the HTTP answer of every endpoint on the seed data, one file per request, to compare two versions.

Before a refactor that must change no behaviour (moving modules, say), record; after it, record again; compare:

    python bench/answers.py /tmp/answers-before
    # ... the refactor ...
    python bench/answers.py /tmp/answers-after
    diff -r /tmp/answers-before /tmp/answers-after

Each run loads the seed fixture into a new SQLite database in a temporary directory (never db.sqlite3 or
$DATABASE_URL's), then GETs every address as an anonymous client and as a signed-in superuser: the API's root,
lists (JSON, CSV, exports), every record's detail and history, the timelines, the schema and docs, the public
pages, some filtered lists, and (superuser only) the admin's pages for the events app. Each file holds the status,
the Content-Type and the body; what differs from one run to the next (the time of the run, dates counted from
today, a new record's random uid, CSRF tokens) is masked, so two runs of the same code write the same bytes (see
masks()). The script knows the site by its URLs only and imports nothing from ``events``, so it runs unchanged on
both sides of a move of modules. OUTDIR must be new or empty.
"""

import json
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LISTS = ["events", "participants", "attendances", "reports", "articles"]
SLUG_KEYED = {"events", "participants"}  # the others are addressed by id
FILTERED = [
    "/api/events/?participant=united-states&participant_status=declined",
    "/api/events/?search=moscow",
    "/api/events/?ordering=title",
    "/api/events/?ordering=-start_date&page_size=2&page=2",
    "/api/events/?expand=attendances",
    "/api/events/?cursor=&page_size=2",
    "/api/participants/?search=moscow",
    "/api/participants/?ordering=name&page_size=5&page=2",
    "/api/attendances/?status=declined",
    "/api/attendances/?event=moscow-talks-2018&format=csv",
    "/api/reports/?status=declined",
    "/api/reports/?participant=united-states",
    "/api/reports/?ordering=-reported_on&page_size=2&page=2",
    "/api/events/?status=nonsense",  # a 400
    "/api/events/no-such-event/",  # a 404
]


def setup(database):
    sys.path.insert(0, str(ROOT))
    # The test suite's settings (pyproject.toml), whatever the shell says: no throttling, DEBUG off.
    os.environ.update(DJANGO_SETTINGS_MODULE="eventsapi.settings.test", DJANGO_DEBUG="false")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["REDIS_URL"] = ""  # the cache in the same database
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", "seed", verbosity=0)


def details(client, resource):
    """The detail address of every record of a list, read from the list's own pages."""
    keys, url = [], f"/api/{resource}/?page_size=500"
    while url:
        page = json.loads(client.get(url).content)
        keys += [row["slug" if resource in SLUG_KEYED else "id"] for row in page["results"]]
        url = page["next"] and urlsplit(page["next"])._replace(scheme="", netloc="").geturl()
    return [f"/api/{resource}/{key}/" for key in keys]


def api_pages(client):
    urls = ["/api/", "/api/schema/", "/api/docs/"]
    for resource in LISTS:
        base = f"/api/{resource}/"
        urls += [base, f"{base}?format=csv", f"{base}export/?format=csv", f"{base}export/?format=ndjson"]
        for detail in details(client, resource):
            urls += [detail, f"{detail}?format=csv", f"{detail}history/"]
            if resource == "events":
                urls += [f"{detail}timeline/", detail.replace("/api/", "/")]  # /events/<slug>/, the public page
    return urls + FILTERED


def links(client, url, pattern):
    return sorted(set(re.findall(f'href="({pattern})"', client.get(url).content.decode())))


def admin_pages(client):
    """The admin's index; for each model of the events app its list and add form; for each record its change
    form, its history, and the revert form of each past version."""
    urls = ["/admin/"]
    for changelist in links(client, "/admin/", r"/admin/events/\w+/"):
        urls += [changelist, f"{changelist}add/"]
        for change in links(client, changelist, rf"{changelist}\d+/change/"):
            history = change.replace("/change/", "/history/")
            urls += [change, history, *links(client, history, rf"{history}\d+/")]
    return urls


def masks():
    """(pattern, placeholder) for what differs between two runs of the same code."""
    from django.utils import dateformat, timezone

    today = re.escape(dateformat.format(timezone.localdate(), "N j, Y"))  # as the admin writes a date
    return [
        # The time of the run: when the fixture was loaded (the API's and the admin's history), and the
        # created_at and updated_at of a new record (the admin's add forms).
        (re.compile(r'("history_date": ?")[^"]+"'), r'\1<now>"'),
        (re.compile(rf"{today}, [^<]+"), "<now>"),
        # Dates counted from today: the admin's date filters (today, past 7 days, this month, this year).
        (re.compile(r"(__gte|__lt)=\d{4}-\d{2}-\d{2}"), r"\1=<date>"),
        # The random uid of a new report (the admin's add form); the seed's uids are version 5, not 4.
        (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b"), "<uuid4>"),
        # CSRF tokens, new in each answer: in the admin's forms and in the Swagger UI's page.
        (re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFTOKEN"\] = ")[A-Za-z0-9]+'), r"\1<csrf>"),
    ]


def record(client, url, who, outdir, masking):
    """GET ``url``; write its status, Content-Type and masked body to a file named after the url and ``who``."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    for pattern, placeholder in masking:
        text = pattern.sub(placeholder, text)
    path = outdir / (re.sub(r"[^A-Za-z0-9_.,=-]+", "_", url.strip("/")) + f".{who}.txt")
    if path.exists():
        raise SystemExit(f"Two addresses make one file name: {path.name}")
    path.write_text(f"{response.status_code}\n{response.get('Content-Type')}\n\n{text}", encoding="utf-8")
    return response.status_code


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    outdir = Path(sys.argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    if any(outdir.iterdir()):
        raise SystemExit(f"{outdir} is not empty: give a new directory.")
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp) / "answers.sqlite3")
        from django.contrib.auth import get_user_model
        from django.db import connections
        from django.test import Client

        admin = get_user_model().objects.create_superuser("answers-admin", "admin@example.com", "answers-password")
        anonymous, superuser = Client(raise_request_exception=False), Client(raise_request_exception=False)
        # Signed in without the sign-in form: django-axes authenticates a request, and login() has none.
        superuser.force_login(admin)
        statuses, masking = Counter(), masks()
        for who, client, pages in [("anonymous", anonymous, []), ("superuser", superuser, admin_pages(superuser))]:
            for url in api_pages(client) + pages:
                statuses[record(client, url, who, outdir, masking)] += 1
        connections.close_all()
    summary = ", ".join(f"{count} × {status}" for status, count in sorted(statuses.items()))
    print(f"{statuses.total()} answers written to {outdir} ({summary})")


if __name__ == "__main__":
    main()
