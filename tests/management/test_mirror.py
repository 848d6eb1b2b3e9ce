"""``manage.py mirror URL`` against a live server: after creates, edits, reviews, merges and deletions, every table
of the mirror (a database of its own, in another process) holds what the source serves."""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core import serializers as django_serializers
from rest_framework.authtoken.models import Token

from events.models import Participant, Report
from events.services import merge_participants
from tests.factories import RESOURCES

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
BODY = (
    "Afghanistan will not attend the Moscow talks, its foreign ministry said. "
    "The Taliban said they would attend. Russia confirmed it would host the talks."
)


class Source:
    """The live server, written to as a curator would, through the API."""

    def __init__(self, url, token):
        self.url, self.token = url.rstrip("/"), token

    def call(self, method, path, body=None):
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, data=None if body is None else json.dumps(body).encode()
        )
        request.add_header("Content-Type", "application/json")
        request.add_header("Authorization", f"Token {self.token}")
        with urllib.request.urlopen(request, timeout=60) as response:
            content = response.read()
        return json.loads(content) if content else None


class MirrorDatabase:
    """A mirror in a SQLite file of its own, run as ``manage.py`` would be, in another process."""

    def __init__(self, path):
        self.env = {
            **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "eventsapi.settings.local",
            "DATABASE_URL": f"sqlite:///{path}",
        }
        self.manage("migrate", "--noinput")

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=True
        ).stdout

    def tables(self):
        """Every record table of the mirror, as ``dumpdata`` writes it."""
        labels = [f"events.{resource.model._meta.model_name}" for resource in RESOURCES.values()]
        return by_model(json.loads(self.manage("dumpdata", *labels)))


def by_model(rows):
    """``{model: {pk: fields}}`` of serialized rows, keeping the columns the API serves (and so a mirror has).

    Not served: an attendance's curated status (what comes back when its verified reports go) and who
    reviewed a report, a user of the source.
    """
    served = {
        f"events.{resource.model._meta.model_name}": set(resource.serializer().fields) - {"reviewed_by"}
        for resource in RESOURCES.values()
    }
    tables = {model: {} for model in served}
    for row in rows:
        fields = {name: value for name, value in row["fields"].items() if name in served[row["model"]]}
        tables[row["model"]][row["pk"]] = fields
    return tables


def source_tables(*, verified_only=False):
    rows = []
    for resource in RESOURCES.values():
        records = resource.model.objects.order_by("pk")
        if verified_only and resource.model is Report:
            records = records.filter(review="verified")
        if verified_only and hasattr(resource.model, "awaiting_review"):
            records = records.filter(awaiting_review=False)
        rows += json.loads(django_serializers.serialize("json", records))
    return by_model(rows)


def first_session(source):
    """Creates, edits and reviews, as a curator does them."""
    for slug, name in [("russia", "Russia"), ("afghanistan", "Afghanistan"), ("taliban", "Taliban")]:
        source.call("POST", "/api/participants/", {"slug": slug, "name": name, "kind": "state"})
    source.call("POST", "/api/participants/", {"slug": "the-taliban", "name": "The Taliban", "kind": "armed_group"})
    source.call(
        "POST",
        "/api/events/",
        {"slug": "moscow-talks", "title": "Moscow talks", "kind": "peace_talks", "status": "scheduled",
         "start_date": "2018-09-04", "city": "Moscow", "country": "RU", "host": "russia"},
    )  # fmt: skip
    article = source.call(
        "POST",
        "/api/articles/",
        {"title": "Moscow talks", "publisher": "Al Jazeera", "published_on": "2018-08-22", "body": BODY},
    )
    reports = {}
    for participant, status, quote, review in [
        ("afghanistan", "declined", "Afghanistan will not attend the Moscow talks", "verified"),
        ("taliban", "confirmed", "The Taliban said they would attend.", "draft"),
        ("the-taliban", "confirmed", "The Taliban said they would attend.", "verified"),
        ("russia", "confirmed", "Russia confirmed it would host the talks.", "draft"),
    ]:
        reports[participant] = source.call(
            "POST",
            "/api/reports/",
            {"event": "moscow-talks", "participant": participant, "status": status, "quote": quote,
             "reported_on": "2018-08-22", "article": article["id"], "review": review},
        )  # fmt: skip
    source.call("PATCH", "/api/events/moscow-talks/", {"status": "held", "description": "Held at last."})
    source.call("PATCH", f"/api/reports/{reports['taliban']['id']}/", {"review": "verified"})
    source.call("PATCH", f"/api/reports/{reports['russia']['id']}/", {"review": "rejected"})
    return article, reports


def second_session(source, article, reports):
    """More edits, a merge, a renamed slug and deletions, after the mirror has caught up once."""
    merge_participants(
        keep=Participant.objects.get(slug="taliban"), duplicates=[Participant.objects.get(slug="the-taliban")]
    )
    source.call("PATCH", "/api/participants/taliban/", {"slug": "islamic-emirate", "aliases": ["Taliban"]})
    source.call("PATCH", f"/api/reports/{reports['afghanistan']['id']}/", {"review": "draft"})
    source.call("DELETE", f"/api/reports/{reports['russia']['id']}/")
    source.call(
        "POST",
        "/api/events/",
        {"slug": "kabul-meeting", "title": "Kabul meeting", "kind": "meeting", "status": "held",
         "start_date": "2018-08-21", "city": "Kabul", "country": "AF"},
    )  # fmt: skip
    source.call("POST", "/api/attendances/", {"event": "kabul-meeting", "participant": "afghanistan"})
    source.call("DELETE", "/api/events/kabul-meeting/")
    source.call("PATCH", f"/api/articles/{article['id']}/", {"title": "Moscow talks on Afghanistan"})


def test_mirrors_follow_the_feed_through_a_curators_session(live_server, curator, tmp_path):
    token = Token.objects.create(user=curator).key
    source = Source(live_server.url, token)
    as_curator = MirrorDatabase(tmp_path / "curator.sqlite3")
    anonymous = MirrorDatabase(tmp_path / "anonymous.sqlite3")

    article, reports = first_session(source)
    as_curator.manage("mirror", live_server.url, "--token", token, "--page-size", "3")
    anonymous.manage("mirror", f"{live_server.url}/api/", "--page-size", "5")
    assert as_curator.tables() == source_tables()
    assert anonymous.tables() == source_tables(verified_only=True)

    second_session(source, article, reports)
    # Resumed from the stored cursor: only what changed since is read.
    output = as_curator.manage("mirror", live_server.url, "--token", token, "--page-size", "3")
    anonymous.manage("mirror", f"{live_server.url}/api/", "--page-size", "5")

    assert "records changed" in output
    curator_tables, public_tables = source_tables(), source_tables(verified_only=True)
    assert as_curator.tables() == curator_tables
    assert anonymous.tables() == public_tables
    assert len(curator_tables["events.report"]) == 3
    assert len(public_tables["events.report"]) == 2
    assert curator_tables["events.participant"].keys() == {
        Participant.objects.get(slug=slug).pk for slug in ("russia", "afghanistan", "islamic-emirate")
    }
    # A second run with nothing new changes nothing.
    assert as_curator.manage("mirror", live_server.url, "--token", token).startswith("0 records changed")
