"""The seed fixture: it loads idempotently, beside other records, and answers the analyst's questions."""

import pytest
from django.core.management import call_command

from events.models import Article, Attendance, Event, Participant, Report
from tests.factories import ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

MODELS = [Participant, Event, Attendance, Report, Article]


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
