"""The seed fixture: it loads idempotently, beside other records, and answers the analyst's questions."""

import datetime
import io
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, connection
from rest_framework.authtoken.models import Token

from events.models import Article, Attendance, Change, Event, Participant, Report
from events.services.reports import review_reports
from events.transfer.dumps import read_dump
from tests.factories import MODELS, ArticleFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of every record, keyed by model, in a stable order."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


@pytest.fixture
def seed():
    call_command("loaddata", "seed", verbosity=0)


def test_loading_the_seed_twice_changes_nothing(seed):
    """A second loaddata adds no row and changes no value."""
    before = snapshot()
    call_command("loaddata", "seed", verbosity=0)
    assert snapshot() == before


def test_seed_loads_beside_other_records():
    """The fixture uses natural keys, so it loads into a database that already has records."""
    existing = ReportFactory()
    ParticipantFactory.create_batch(3)
    counts = {model: model.objects.count() for model in MODELS}
    call_command("loaddata", "seed", verbosity=0)
    assert Participant.objects.count() == counts[Participant] + 17
    assert Event.objects.count() == counts[Event] + 6
    assert Attendance.objects.count() == counts[Attendance] + 16
    assert Report.objects.count() == counts[Report] + 23
    assert Article.objects.count() == counts[Article] + 1
    existing.refresh_from_db()
    assert existing.attendance.status == "declined"


def test_every_seed_record_obeys_the_model_rules(seed):
    """Every quote occurs in the article and every record passes full_clean()."""
    for model in MODELS:
        for record in model.objects.all():
            record.full_clean()


def test_who_declined_the_moscow_talks_who_said_so_and_where(seed, api_client):
    """The question the service exists to answer, over HTTP."""
    event = api_client.get("/api/events/moscow-talks-2018/").json()
    assert (event["start_date"], event["city"], event["country"], event["host"]) == (
        "2018-09-04",
        "Moscow",
        "RU",
        "russia",
    )
    statuses = {(a["participant"], a["role"], a["status"]) for a in event["attendances"]}
    assert statuses == {
        ("russia", "host", "confirmed"),
        ("afghanistan", "participant", "declined"),
        ("united-states", "participant", "declined"),
        ("taliban", "participant", "confirmed"),
    }

    declined = api_client.get("/api/reports/", {"event": "moscow-talks-2018", "status": "declined"}).json()
    sources = {(r["participant"], r["speaker"], r["via"]) for r in declined["results"]}
    assert ("afghanistan", "sibghat-ahmadi", "TOLOnews") in sources
    assert ("afghanistan", None, "Reuters") in sources
    assert ("united-states", "russian-foreign-ministry", "") in sources


def test_taliban_were_invited_per_lavrov_then_confirmed(seed, api_client):
    """The Taliban's Moscow attendance keeps every report, the latest (entered last on a tie) deciding the status."""
    timeline = api_client.get("/api/events/moscow-talks-2018/timeline/").json()["results"]
    taliban = [(r["status"], r["reported_on"], r["speaker"]) for r in timeline if r["participant"] == "taliban"]
    assert taliban == [
        ("invited", "2018-08-21", "sergey-lavrov"),
        ("invited", "2018-08-22", None),
        ("confirmed", "2018-08-22", "taliban"),
    ]
    confirmed = api_client.get("/api/events/", {"participant": "taliban", "participant_status": "confirmed"}).json()
    assert [e["slug"] for e in confirmed["results"]] == ["moscow-talks-2018"]


def test_the_other_events_of_the_article(seed, api_client):
    """The ceasefire offer the Taliban rejected, the Kabul meeting and the proposed direct talks."""
    ceasefire = api_client.get("/api/events/afghan-ceasefire-offer-2018/").json()
    assert ceasefire["kind"] == "ceasefire"
    assert {(a["participant"], a["status"]) for a in ceasefire["attendances"]} == {
        ("afghan-government", "confirmed"),
        ("taliban", "declined"),
    }
    meeting = api_client.get("/api/events/atmar-mantytski-meeting-2018/").json()
    assert (meeting["kind"], meeting["city"], meeting["status"]) == ("meeting", "Kabul", "held")
    assert {(a["participant"], a["status"]) for a in meeting["attendances"]} == {
        ("mohammad-hanif-atmar", "attended"),
        ("alexander-mantytski", "attended"),
    }
    back_channel = api_client.get("/api/events/", {"participant": "saudi-arabia", "date_after": "2010-01-01"}).json()
    assert [e["slug"] for e in back_channel["results"]] == ["taliban-back-channel-diplomacy"]
    talks = api_client.get("/api/events/afghan-government-taliban-direct-talks/").json()
    assert talks["status"] == "proposed"
    assert [a["title"] for a in talks["articles"]] == ["Afghanistan ‘will not attend’ Russia-led peace talks"]


def test_participants_are_found_by_alias_and_carry_affiliations(seed, api_client):
    """ "Sibghatullah Ahmadi" finds Sibghat Ahmadi, the foreign ministry's deputy spokesman."""
    found = api_client.get("/api/participants/", {"search": "Sibghatullah"}).json()["results"]
    assert [(p["slug"], p["affiliation"]) for p in found] == [("sibghat-ahmadi", "afghan-foreign-ministry")]
    ministry = api_client.get("/api/participants/afghan-foreign-ministry/").json()
    assert ministry["affiliation"] == "afghan-government"
    named = set(Participant.objects.values_list("slug", flat=True))
    assert {"nato", "isil", "russia", "afghanistan", "united-states", "taliban", "abdul-qayyum-kochai"} <= named


# ------------------------------------------------------------------------------
# Atomic loading and the dumpdata round trip
# ------------------------------------------------------------------------------
# What loaddata raises (and ``manage.py loaddata`` exits 1 with) on a broken reference.
REFUSED = (CommandError, DeserializationError, IntegrityError, ValidationError)
SEED_TEXT = (settings.BASE_DIR / "fixtures" / "seed.json").read_text(encoding="utf-8")
SEED = json.loads(SEED_TEXT)


def seed_with_last(tmp_path, last):
    """The seed fixture with ``last`` added as its last object, as a file."""
    path = tmp_path / "broken.json"
    path.write_text(json.dumps([*SEED, last]), encoding="utf-8")
    return path


BROKEN_LAST_OBJECTS = {
    "natural key of no attendance": {
        "model": "events.report",
        "fields": {
            "uid": "0f1c3a52-43a6-4a43-9a51-2a3f3f1d7a01",
            "attendance": ["no-such-event", "russia"],
            "status": "declined",
            "reported_on": "2018-08-22",
            "article": ["Al Jazeera", "2018-08-22", "Afghanistan ‘will not attend’ Russia-led peace talks"],
            "quote": "multinational peace talks hosted by Russia early next month",
        },
    },
    "slug of no participant": {
        "model": "events.event",
        "fields": {
            "slug": "broken-event",
            "title": "Broken",
            "kind": "summit",
            "start_date": "2018-09-04",
            "host": ["no-such-participant"],
        },
    },
}


@pytest.mark.parametrize("last", BROKEN_LAST_OBJECTS.values(), ids=BROKEN_LAST_OBJECTS.keys())
def test_fixture_with_a_broken_last_reference_writes_nothing(tmp_path, last):
    """loaddata fails (so ``manage.py loaddata`` exits non-zero) and not one row of the fixture is written."""
    ArticleFactory()  # a record from before, which stays
    before = snapshot()

    with pytest.raises(REFUSED):
        call_command("loaddata", str(seed_with_last(tmp_path, last)), verbosity=0)

    assert snapshot() == before


def test_fixture_with_a_dangling_id_in_its_last_object_writes_nothing(tmp_path):
    """A foreign key given as an id that no row has: the database's check at the end of loaddata refuses it all."""
    before = snapshot()
    dangling = {
        "model": "events.participant",
        "fields": {"slug": "dangling", "name": "Dangling", "kind": "person", "affiliation": 987654321},
    }

    with pytest.raises(REFUSED):
        call_command("loaddata", str(seed_with_last(tmp_path, dangling)), verbosity=0)

    assert snapshot() == before


def dump(*labels, **options):
    """The records of the database, as ``dumpdata --natural-foreign --natural-primary`` writes them.

    As committed: inside the test's transaction PostgreSQL numbers the change log's rows (its deferred
    trigger) only when the constraints are checked, as a commit checks them.
    """
    connection.check_constraints()
    out = io.StringIO()
    call_command("dumpdata", *labels, natural_foreign=True, natural_primary=True, stdout=out, **options)
    return out.getvalue()


def canonical(records):
    return sorted(json.dumps(record, sort_keys=True) for record in records)


def empty_the_database():
    # PostgreSQL refuses to truncate a table with deferred constraint checks pending in the test's transaction.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    assert not any(model.objects.exists() or model.history.exists() for model in MODELS)


@pytest.fixture
def curated_database(seed, curator):
    """The seed with what curators add: a reviewed and a rejected report, a deleted record, a token, a group."""
    deleted = ParticipantFactory(slug="deleted-later")  # the records after it lose nothing of their history
    # A time whose milliseconds are 000 but not its microseconds: Django's JSON would drop them.
    ParticipantFactory(created_at=datetime.datetime(2020, 1, 1, 12, 0, 0, 123, tzinfo=datetime.UTC))
    ReportFactory(speaker=ParticipantFactory(affiliation=ParticipantFactory()))
    drafts = ReportFactory.create_batch(2, review="draft", status="confirmed")
    review_reports(reports=Report.objects.filter(pk=drafts[0].pk), review="verified", by=curator)
    review_reports(reports=Report.objects.filter(pk=drafts[1].pk), review="rejected", by=curator)
    deleted.delete()
    Token.objects.create(user=curator)
    Group.objects.create(name="readers").permissions.add(Permission.objects.get(codename="view_event"))


@pytest.mark.parametrize("serialization_format", ["json", "jsonl", "xml", "yaml"])
def test_dumpdata_loaded_into_an_empty_database_dumps_the_same_records(
    curated_database, tmp_path, serialization_format
):
    """Dump everything, empty the database, load the dump, dump again: the same records, history and users."""
    first = json.loads(dump())
    dumped = {record["model"] for record in first}
    assert dumped >= {f"events.{model.__name__.lower()}" for model in MODELS}
    assert dumped >= {f"events.historical{model.__name__.lower()}" for model in MODELS}
    assert dumped >= {"auth.user", "auth.group", "authtoken.token"}
    assert any(record["fields"].get("reviewed_by") == ["curator"] for record in first)
    path = tmp_path / f"dump.{serialization_format}"
    path.write_text(dump(format=serialization_format), encoding="utf-8")

    empty_the_database()
    call_command("loaddata", str(path), verbosity=0)

    assert canonical(json.loads(dump())) == canonical(first)
    for model in MODELS:  # each record's history is its own
        for record in model.objects.all():
            assert record.history.first().instance.natural_key() == record.natural_key()
    # The database goes on from there: new rows and their history get ids of their own, and the change log
    # numbers its new rows after the loaded ones (a mirror's cursor stays good across a restore).
    loaded = max(Change.objects.values_list("position", flat=True))
    report = ReportFactory()
    assert report.history.get().history_type == "+"
    connection.check_constraints()
    assert Change.objects.get(resource="report", record_id=report.pk).position > loaded


def test_a_dump_without_history_records_each_record_it_creates(curated_database, tmp_path):
    """Records dumped without their historical tables load as dumped, each with one historical row saying so."""
    labels = ["contenttypes", "auth", *(f"events.{model.__name__.lower()}" for model in MODELS)]
    first = json.loads(dump(*labels))
    path = tmp_path / "records.json"
    path.write_text(json.dumps(first), encoding="utf-8")

    empty_the_database()
    call_command("loaddata", str(path), verbosity=0)

    assert canonical(json.loads(dump(*labels))) == canonical(first)
    for model in MODELS:
        reasons = set(model.history.values_list("history_type", "history_change_reason"))
        assert reasons == {("+", "Loaded from a fixture")}
        assert model.history.count() == model.objects.count()


def test_a_dump_read_from_standard_input_loads_as_dumped(curated_database, monkeypatch):
    """``manage.py loaddata --format=json -`` reads the dump once and still knows it is a dump."""
    first = dump()
    empty_the_database()
    monkeypatch.setattr("sys.stdin", io.StringIO(first))

    call_command("loaddata", "-", format="json", verbosity=0)

    assert canonical(json.loads(dump())) == canonical(json.loads(first))


def test_a_dumped_status_that_its_reports_contradict_follows_the_reports(curated_database, tmp_path):
    """A dump edited by hand cannot give an attendance another status than its verified reports give."""
    records = json.loads(dump())
    (talks,) = [
        record
        for record in records
        if record["model"] == "events.attendance"
        and record["fields"]["event"] == ["moscow-talks-2018"]
        and record["fields"]["participant"] == ["taliban"]
    ]
    assert talks["fields"]["status"] == "confirmed"
    talks["fields"]["status"] = "absent"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(records), encoding="utf-8")

    empty_the_database()
    call_command("loaddata", str(path), verbosity=0)

    taliban = Attendance.objects.get_by_natural_key("moscow-talks-2018", "taliban")
    assert (taliban.status, taliban.history.first().history_change_reason) == (
        "confirmed",
        "The status follows the reports.",
    )


def test_the_seed_is_not_a_dump_and_a_dump_is():
    """The seed, written by hand, names no version: it goes through the rules as it loads (see the tests above)."""
    assert read_dump(io.StringIO(SEED_TEXT), "json") is None
    ReportFactory()
    assert read_dump(io.StringIO(dump()), "json") is not None
    assert read_dump(io.StringIO(dump(format="jsonl")), "jsonl") is not None
    assert read_dump(io.BytesIO(dump(format="xml").encode()), "xml") is not None
    assert read_dump(io.StringIO(dump(format="yaml")), "yaml") is not None


@pytest.mark.parametrize("serialization_format", ["json", "jsonl", "yaml"])
def test_a_dump_after_an_event_was_deleted_loads_as_dumped(curated_database, tmp_path, serialization_format):
    """The history of an attendance and a report deleted with their event refers to the event by its id."""
    report = ReportFactory()
    event_id = report.attendance.event_id
    report.attendance.event.delete()
    first = json.loads(dump())
    history = [
        row for row in first if row["model"] == "events.historicalattendance" and row["fields"]["event"] == event_id
    ]
    assert "-" in {row["fields"]["history_type"] for row in history}
    path = tmp_path / f"dump.{serialization_format}"
    path.write_text(dump(format=serialization_format), encoding="utf-8")

    empty_the_database()
    call_command("loaddata", str(path), verbosity=0)

    assert canonical(json.loads(dump())) == canonical(first)


def test_the_readmes_example_is_the_answer_on_the_seed(seed, api_client):
    """The README's example query, run on the seed that ``make run`` loads, answers what the README shows, every
    field of every row (tester 44: the example lacked ``awaiting_review``); ids aside, which a test database numbers
    its own way."""
    readme = (settings.BASE_DIR / "README.md").read_text()
    query = readme.split("curl 'http://127.0.0.1:8000", 1)[1].split("'", 1)[0]
    shown = json.loads(readme.split("```json\n", 1)[1].split("```", 1)[0])

    answer = api_client.get(query).json()

    for rows in (shown["results"], answer["results"]):
        for row in rows:
            row.pop("id")
    assert answer == shown
