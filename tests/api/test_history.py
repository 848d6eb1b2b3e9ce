"""Who did what: ``/api/<resource>/<key>/history/`` lists every change to a record, newest first."""

import datetime

import pytest
from django.core.management import call_command

from events.models import Attendance, Event, Participant
from tests.factories import (
    RESOURCES,
    ArticleFactory,
    AttendanceFactory,
    EventFactory,
    ParticipantFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


def history_url(resource, record):
    return f"{RESOURCES[resource].detail(record)}history/"


def summary(response):
    return [(e["history_type"], e["history_user"], e["changed_fields"]) for e in response.json()["results"]]


@pytest.mark.parametrize("resource", RESOURCES)
def test_history_of_a_record_made_and_changed_through_the_api(token_client, resource):
    """A record's history lists its creation and each change, newest first, with who, what and the record then."""
    record = RESOURCES[resource].factory()
    change = RESOURCES[resource].change
    detail = RESOURCES[resource].detail(record)
    before = token_client.get(detail).json()
    after = token_client.patch(detail, change).json()

    response = token_client.get(history_url(resource, record))

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert summary(response) == [("changed", "curator", sorted(change)), ("created", None, [])]
    changed, created = response.json()["results"]
    assert changed["record"] == {name: after[name] for name in changed["record"]}
    assert created["record"] == {name: before[name] for name in created["record"]}
    assert changed["record"]["version"] == 2
    # As instants: "…24Z" (no microseconds) sorts after "…24.03Z" as text.
    assert datetime.datetime.fromisoformat(changed["history_date"]) >= datetime.datetime.fromisoformat(
        created["history_date"]
    )


def test_history_entry_payload(token_client):
    """One entry in full: the change, and the record as the list serializer reads it."""
    host = ParticipantFactory(slug="russia")
    event = EventFactory(slug="moscow-talks")
    token_client.patch("/api/events/moscow-talks/", {"host": "russia"})

    entry = token_client.get("/api/events/moscow-talks/history/").json()["results"][0]

    event.refresh_from_db()
    assert entry == {
        "history_id": event.history.latest("history_date").history_id,
        "history_date": entry["history_date"],
        "history_type": "changed",
        "history_user": "curator",
        "history_change_reason": None,
        "changed_fields": ["host"],
        "record": token_client.get("/api/events/", {"host": host.slug}).json()["results"][0],
    }


def test_status_a_report_changes_is_in_the_attendances_history(token_client):
    """A report that changes an attendance's status adds a change to the attendance's history, saying why."""
    attendance = AttendanceFactory()
    article = ArticleFactory()
    body = {
        "attendance": attendance.pk,
        "status": "declined",
        "reported_on": "2018-08-22",
        "article": article.pk,
        "quote": "We will not participate in the Moscow talks.",
    }
    assert token_client.post("/api/reports/", body).status_code == 201

    response = token_client.get(history_url("attendances", attendance))

    assert summary(response) == [("changed", "curator", ["status", "status_date"]), ("created", None, [])]
    derived = response.json()["results"][0]
    assert derived["history_change_reason"] == "The status follows the reports."
    assert (derived["record"]["status"], derived["record"]["version"]) == ("declined", 2)


def test_a_change_lists_the_fields_no_write_sets(token_client):
    """A draft verified: the report's change lists its reviewer and time, and the attendance's lists
    ``awaiting_review``, as it goes on the public record with the status (read-only fields are compared too)."""
    attendance = AttendanceFactory(awaiting_review=True)  # as the assistant creates it, for its draft
    report = ReportFactory(attendance=attendance, review="draft", status="declined")

    assert token_client.patch(f"/api/reports/{report.pk}/", {"review": "verified"}).status_code == 200

    reports = summary(token_client.get(history_url("reports", report)))
    assert reports[0] == ("changed", "curator", ["review", "reviewed_at", "reviewed_by"])
    attendances = summary(token_client.get(history_url("attendances", attendance)))
    assert attendances[0] == ("changed", "curator", ["awaiting_review", "status", "status_date"]), attendances


def test_history_of_a_deleted_record_is_still_served(token_client):
    """Deleting an event keeps its history, and that of the attendances and reports deleted with it."""
    report = ReportFactory()
    event, attendance = report.attendance.event, report.attendance
    assert token_client.delete(f"/api/events/{event.slug}/").status_code == 204

    for resource, record in [("events", event), ("attendances", attendance), ("reports", report)]:
        response = token_client.get(history_url(resource, record))
        assert response.status_code == 200
        assert response.json()["results"][0]["history_type"] == "deleted"
        assert response.json()["results"][0]["history_user"] == "curator"


def test_a_related_record_deleted_since_reads_null_as_the_schema_says(token_client):
    """A report's history after its event is deleted: its event and participant read null, which the schema allows."""
    report = ReportFactory()
    assert token_client.delete(f"/api/events/{report.attendance.event.slug}/").status_code == 204

    record = token_client.get(history_url("reports", report)).json()["results"][0]["record"]
    schema = token_client.get("/api/schema/?format=json").json()
    history = schema["components"]["schemas"]["ReportHistory"]["properties"]["record"]
    properties = schema["components"]["schemas"][history["allOf"][0]["$ref"].rsplit("/", 1)[-1]]["properties"]

    assert (record["event"], record["participant"]) == (None, None)
    assert all(properties[name].get("nullable") for name in ("event", "participant", "attendance", "article"))


def test_pages_of_history_say_what_changed_across_the_page_break(token_client):
    """History pages like any list; the last entry of a page is compared with the first of the next."""
    event = EventFactory()
    for city in ["Kabul", "Doha", "Oslo"]:
        token_client.patch(f"/api/events/{event.slug}/", {"city": city})
    token_client.patch(f"/api/events/{event.slug}/", {"title": "Renamed"})

    first = token_client.get(history_url("events", event), {"page_size": 2})
    second = token_client.get(first.json()["next"])
    third = token_client.get(second.json()["next"])

    assert first.json()["count"] == 5
    assert [e["changed_fields"] for e in first.json()["results"]] == [["title"], ["city"]]
    # Moscow to Kabul (in RU, a city the gazetteer does not know there) takes the coordinates away too.
    assert [e["changed_fields"] for e in second.json()["results"]] == [["city"], ["city", "latitude", "longitude"]]
    assert [e["changed_fields"] for e in third.json()["results"]] == [[]]
    entries = first.json()["results"] + second.json()["results"] + third.json()["results"]
    assert [e["record"]["city"] for e in entries] == [
        "Oslo",
        "Oslo",
        "Doha",
        "Kabul",
        "Moscow",
    ]


@pytest.mark.parametrize("changes", [2, 8])
def test_history_query_count(token_client, django_assert_num_queries, changes):
    """The history of a report costs as many queries for many changes as for few."""
    report = ReportFactory(speaker=ParticipantFactory())
    for number in range(changes):
        token_client.patch(f"/api/reports/{report.pk}/", {"via": f"Agency {number}"})

    # The curator's token and permissions (history is theirs), the change log's state (the ETag), the record's
    # id, the page (not full, so it tells the count too), the entry before the page.
    with django_assert_num_queries(7):
        response = token_client.get(history_url("reports", report))

    assert len(response.json()["results"]) == changes + 1
    assert all(entry["record"]["event"] == report.attendance.event.slug for entry in response.json()["results"])


@pytest.mark.parametrize("client", ["api_client", "reader_client", "token_client"])
def test_history_is_read_only(request, client):
    """Curators may read a history (others get a 404); nobody may write to it."""
    event = EventFactory()
    http = request.getfixturevalue(client)

    assert http.get(history_url("events", event)).status_code == (200 if client == "token_client" else 404)
    assert http.post(history_url("events", event), {}).status_code in {401, 403, 405}
    assert http.delete(history_url("events", event)).status_code in {401, 403, 405}
    assert event.history.count() == 1


@pytest.mark.parametrize(
    "url", ["/api/events/nowhere/history/", "/api/reports/999999/history/", "/api/reports/x/history/"]
)
def test_history_of_an_unknown_record_is_404(api_client, url):
    response = api_client.get(url)

    assert response.status_code == 404
    assert list(response.json()) == ["detail"]


def test_history_as_csv(token_client):
    """A history answers CSV like every list, the record in one cell."""
    event = EventFactory()
    token_client.patch(f"/api/events/{event.slug}/", {"city": "Kabul"})

    response = token_client.get(history_url("events", event), {"format": "csv"})

    assert response.status_code == 200
    header, *rows = response.content.decode().splitlines()
    assert header.split(",")[:3] == ["history_id", "history_date", "history_type"]
    assert len(rows) == 2


# ------------------------------------------------------------------------------
# Fixtures
# ------------------------------------------------------------------------------
def test_loading_a_fixture_writes_history(token_client):
    """``loaddata`` records each record it creates, saying so; loading it again records nothing more."""
    call_command("loaddata", "seed", verbosity=0)
    counts = {model: model.history.count() for model in [Event, Participant, Attendance]}

    response = token_client.get("/api/events/moscow-talks-2018/history/")
    (created,) = response.json()["results"]
    assert (created["history_type"], created["history_user"]) == ("created", None)
    assert created["history_change_reason"] == "Loaded from a fixture"
    assert counts[Event] == Event.objects.count()

    call_command("loaddata", "seed", verbosity=0)

    assert {model: model.history.count() for model in counts} == counts


def test_reloading_a_fixture_over_a_change_records_the_change(token_client):
    """A fixture loaded over a curator's change writes it back, with a new version and a history entry."""
    call_command("loaddata", "seed", verbosity=0)
    url = "/api/events/moscow-talks-2018/"
    assert token_client.patch(url, {"city": "Kabul"}).status_code == 200
    etag = token_client.get(url)["ETag"]

    call_command("loaddata", "seed", verbosity=0)

    response = token_client.get(url)
    assert (response.json()["city"], response.json()["version"]) == ("Moscow", 3)
    assert response["ETag"] != etag
    history = token_client.get(f"{url}history/").json()["results"]
    assert [(e["history_type"], e["history_change_reason"], e["changed_fields"]) for e in history] == [
        # The coordinates follow the city (looked up for Kabul, RU: none; for Moscow: Moscow's).
        ("changed", "Loaded from a fixture", ["city", "latitude", "longitude"]),
        ("changed", None, ["city", "latitude", "longitude"]),
        ("created", "Loaded from a fixture", []),
    ]


def test_fixture_statuses_follow_reports_in_history():
    """As a fixture's reports load, the statuses they set are in their attendance's history, as derived changes."""
    call_command("loaddata", "seed", verbosity=0)
    taliban = Attendance.objects.get(event__slug="moscow-talks-2018", participant__slug="taliban")

    history = taliban.history.order_by("history_date", "history_id")
    reasons = list(history.values_list("history_change_reason", "status", "status_date"))

    assert reasons[0] == ("Loaded from a fixture", "confirmed", datetime.date(2018, 8, 22))
    assert reasons[-1] == ("The status follows the reports.", "confirmed", datetime.date(2018, 8, 22))
    assert taliban.version == len(reasons)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_history_answers_304_until_a_record_changes(token_client):
    """As every list: an ETag, a 304 to If-None-Match, a new tag once the record (or any other) changes."""
    token_client.post("/api/participants/", {"slug": "norway", "name": "Norway", "kind": "state"}, format="json")
    url = "/api/participants/norway/history/"
    first = token_client.get(url)
    tag = first["ETag"]

    again = token_client.get(url, HTTP_IF_NONE_MATCH=tag)
    token_client.patch("/api/participants/norway/", {"name": "Kingdom of Norway"}, format="json")
    changed = token_client.get(url, HTTP_IF_NONE_MATCH=tag)

    assert first.status_code == 200 and tag
    assert again.status_code == 304 and again["ETag"] == tag
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert len(changed.json()["results"]) == 2


def test_a_history_is_still_a_404_for_a_reader_who_is_no_curator(api_client, token_client):
    token_client.post("/api/participants/", {"slug": "norway", "name": "Norway", "kind": "state"}, format="json")

    answer = api_client.get("/api/participants/norway/history/", HTTP_IF_NONE_MATCH="*")

    assert answer.status_code == 404 and "ETag" not in answer
