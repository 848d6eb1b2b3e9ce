"""No lost update: every detail carries an ETag, and a write whose If-Match is stale is a 412 that changes nothing."""

import datetime
import re

import pytest

from events.models import Change, Event
from tests.factories import (
    MODELS,
    RESOURCES,
    AttendanceFactory,
    EventFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

ETAG = re.compile(r'^"(\d+)-[0-9a-f]{16}"$')


def stored(resource):
    record = RESOURCES[resource].factory()
    return record, RESOURCES[resource].detail(record)


def full_body(client, url):
    """The record's writable fields as read, for a PUT."""
    read_only = {"id", "uid", "created_at", "updated_at", "version", "attendances", "reports", "articles", "page_url"}
    return {name: value for name, value in client.get(url).json().items() if name not in read_only}


def everything_stored():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def write(client, method, url, body, **headers):
    if method == "put":
        return client.put(url, body, headers=headers)
    if method == "patch":
        return client.patch(url, body, headers=headers)
    return client.delete(url, headers=headers)


# ------------------------------------------------------------------------------
# ETag
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("resource", RESOURCES)
def test_detail_carries_an_etag_with_the_version(api_client, resource):
    """A detail answer has an ETag whose number is the record's version, which the payload shows too."""
    record, url = stored(resource)

    response = api_client.get(url)

    assert response.status_code == 200
    assert response.json()["version"] == record.version == 1
    assert ETAG.match(response["ETag"]).group(1) == "1"
    assert api_client.get(url)["ETag"] == response["ETag"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_lists_carry_a_list_etag(api_client, resource):
    """A list's ETag is the list's (for If-None-Match, tests/api/test_conditional.py), no record's version."""
    stored(resource)

    response = api_client.get(f"/api/{resource}/")

    assert response.status_code == 200
    assert response["ETag"].startswith('"l-')
    assert ETAG.match(response["ETag"]) is None
    assert response.json()["results"][0]["version"] == 1


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_write_raises_the_version_and_changes_the_etag(token_client, api_client, resource):
    """A PATCH raises the version by one; its answer carries the new ETag, the one a GET then gives."""
    record, url = stored(resource)
    before = api_client.get(url)["ETag"]

    response = token_client.patch(url, RESOURCES[resource].change)

    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response["ETag"] != before
    assert ETAG.match(response["ETag"]).group(1) == "2"
    assert api_client.get(url)["ETag"] == response["ETag"]
    record.refresh_from_db()
    assert record.version == 2


def no_op_writes(client, url):
    """Writes that change nothing: an empty PATCH, a PATCH and a PUT of the record as read."""
    body = full_body(client, url)
    some = dict(list(body.items())[:2])
    return [("patch", {}), ("patch", some), ("put", body)]


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_write_that_changes_nothing_writes_nothing(token_client, resource):
    """Tester 44, D5: no version, ETag, updated_at, history or change-feed entry for nothing; the answer is a 200
    with the record as it is, and the ETag read before still writes."""
    record, url = stored(resource)
    read = token_client.get(url)
    history, changes = record.history.count(), Change.objects.count()

    for method, body in no_op_writes(token_client, url):
        response = getattr(token_client, method)(url, body, format="json", HTTP_IF_MATCH=read["ETag"])
        assert response.status_code == 200, (method, body, response.content)
        assert response.json() == read.json()
        assert response["ETag"] == read["ETag"]

    assert (record.history.count(), Change.objects.count()) == (history, changes)
    changed = token_client.patch(url, RESOURCES[resource].change, format="json", HTTP_IF_MATCH=read["ETag"])
    assert changed.status_code == 200 and changed.json()["version"] == 2


def test_a_write_that_changes_nothing_still_checks_if_match(token_client):
    """An If-Match of an old version is a 412, even for a write that would change nothing."""
    event = EventFactory()
    url = f"/api/events/{event.slug}/"
    old = token_client.get(url)["ETag"]
    token_client.patch(url, {"title": "New"}, format="json")

    assert token_client.patch(url, {}, format="json", HTTP_IF_MATCH=old).status_code == 412


def test_a_status_that_follows_the_reports_given_again_changes_nothing(token_client):
    """A derived value sent as it is (the attendance's status, which its verified report gives) is no change."""
    report = ReportFactory(status="confirmed")
    url = f"/api/attendances/{report.attendance_id}/"
    read = token_client.get(url).json()
    assert read["status"] == "confirmed"

    response = token_client.patch(url, {"status": "confirmed", "status_date": read["status_date"]}, format="json")

    assert response.status_code == 200, response.content
    assert response.json()["version"] == read["version"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_created_record_answers_with_its_etag(token_client, api_client, resource):
    """A POST's 201 carries the new record's ETag, version 1."""
    record, url = stored(resource)
    body = full_body(api_client, url)
    record_model = type(record)
    record.delete()
    if resource == "reports":
        body = {**body, "event": None, "participant": None}
        body = {key: value for key, value in body.items() if value is not None}

    response = token_client.post(f"/api/{resource}/", body)

    assert response.status_code == 201, response.content
    assert response.json()["version"] == 1
    assert ETAG.match(response["ETag"]).group(1) == "1"
    new = record_model.objects.get()
    # The same reader: the payload (so the ETag) shows usernames to curators only.
    assert token_client.get(RESOURCES[resource].detail(new))["ETag"] == response["ETag"]


def test_a_report_changes_its_attendances_version_and_etag(token_client, api_client):
    """A report that changes an attendance's status raises the attendance's version: its ETag changes."""
    attendance = AttendanceFactory()
    url = f"/api/attendances/{attendance.pk}/"
    before = api_client.get(url)

    ReportFactory(attendance=attendance, status="declined")

    after = api_client.get(url)
    assert (after.json()["status"], after.json()["version"]) == ("declined", before.json()["version"] + 1)
    assert after["ETag"] != before["ETag"]


def test_nested_changes_change_the_etag_but_not_the_version(api_client):
    """An event's payload nests its attendances' statuses: when one changes, the event's ETag changes."""
    attendance = AttendanceFactory()
    url = f"/api/events/{attendance.event.slug}/"
    before = api_client.get(url)

    ReportFactory(attendance=attendance, status="declined")

    after = api_client.get(url)
    assert after.json()["version"] == before.json()["version"]
    assert after.json()["attendances"][0]["status"] == "declined"
    assert after["ETag"] != before["ETag"]


# ------------------------------------------------------------------------------
# If-Match
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_stale_if_match_is_412_and_changes_nothing(token_client, api_client, resource, method):
    """A write whose If-Match is an ETag read before another write is a 412 with a reason; nothing changes."""
    _, url = stored(resource)
    stale = api_client.get(url)["ETag"]
    assert token_client.patch(url, RESOURCES[resource].change).status_code == 200
    body = full_body(api_client, url) if method == "put" else RESOURCES[resource].change
    before = everything_stored()

    response = write(token_client, method, url, body, if_match=stale)

    assert response.status_code == 412
    assert list(response.json()) == ["detail"]
    assert response.json()["detail"].startswith("If-Match: this record has changed since you read it")
    assert everything_stored() == before


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_current_if_match_writes(token_client, api_client, resource, method):
    """A write whose If-Match is the current ETag goes through."""
    record, url = stored(resource)
    current = api_client.get(url)["ETag"]
    body = full_body(api_client, url) if method == "put" else RESOURCES[resource].change

    response = write(token_client, method, url, body, if_match=current)

    assert response.status_code == (204 if method == "delete" else 200), response.content
    exists = type(record).objects.filter(pk=record.pk).exists()
    assert exists is (method != "delete")


def test_if_match_star_and_lists(token_client, api_client):
    """``*`` matches any version; a list matches when one of its ETags is current; a weak ETag never does."""
    event = EventFactory()
    url = f"/api/events/{event.slug}/"
    current = api_client.get(url)["ETag"]

    assert token_client.patch(url, {"city": "Kabul"}, headers={"if-match": "*"}).status_code == 200
    current = api_client.get(url)["ETag"]
    assert token_client.patch(url, {"city": "Doha"}, headers={"if-match": f'"1-0", {current}'}).status_code == 200
    current = api_client.get(url)["ETag"]
    assert token_client.patch(url, {"city": "Oslo"}, headers={"if-match": f"W/{current}"}).status_code == 412
    event.refresh_from_db()
    assert (event.city, event.version) == ("Doha", 3)


def test_nested_change_makes_if_match_stale(token_client, api_client):
    """The ETag covers what the payload shows: a report on one of the event's attendances makes it stale."""
    attendance = AttendanceFactory()
    url = f"/api/events/{attendance.event.slug}/"
    etag = api_client.get(url)["ETag"]
    ReportFactory(attendance=attendance, status="declined")

    response = token_client.patch(url, {"city": "Kabul"}, headers={"if-match": etag})

    assert response.status_code == 412
    attendance.event.refresh_from_db()
    assert attendance.event.city == "Moscow"


def test_if_match_on_a_missing_record_is_404(token_client):
    """There is nothing to compare with: a 404, as without If-Match."""
    response = token_client.patch("/api/events/nowhere/", {"city": "Kabul"}, headers={"if-match": '"1-0"'})

    assert response.status_code == 404


def test_refused_writer_gets_401_not_412(api_client):
    """Authentication comes first: an anonymous write with a stale If-Match is still a 401."""
    event = EventFactory()

    response = api_client.patch(f"/api/events/{event.slug}/", {"city": "Kabul"}, headers={"if-match": '"0-0"'})

    assert response.status_code == 401


def test_a_write_overtaken_between_its_read_and_its_update_is_refused(token_client, monkeypatch):
    """The check is also the UPDATE itself: a write that lands between the If-Match check and it wins, the
    request answers 412 (or 409 without If-Match) and writes nothing."""
    from events.api.conditional import ConditionalWritesMixin

    event = EventFactory()
    url = f"/api/events/{event.slug}/"
    check = ConditionalWritesMixin.check_if_match

    def check_then_overtake(self, record):
        check(self, record)
        Event.objects.filter(pk=record.pk).update(title="Overtaken", version=record.version + 1)

    monkeypatch.setattr(ConditionalWritesMixin, "check_if_match", check_then_overtake)
    etag = token_client.get(url)["ETag"]

    with_if_match = token_client.patch(url, {"city": "Kabul"}, headers={"if-match": etag})
    without = token_client.patch(url, {"city": "Kabul"})

    assert with_if_match.status_code == 412
    assert without.status_code == 409
    assert without.json()["detail"].startswith("This event was changed or deleted by someone else since version")
    event.refresh_from_db()
    assert (event.title, event.city) == ("Overtaken", "Moscow")


# ------------------------------------------------------------------------------
# Read-only fields
# ------------------------------------------------------------------------------
FORGED = {
    "id": 999_999,
    "uid": "00000000-0000-4000-8000-000000000000",
    "created_at": "2001-01-01T00:00:00Z",
    "updated_at": "2001-01-01T00:00:00Z",
    "version": 77,
}


def forged(resource):
    """The read-only fields of ``resource`` with forged values (only reports have a ``uid``)."""
    return {key: value for key, value in FORGED.items() if key != "uid" or resource == "reports"}


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_read_only_fields_cannot_be_set(token_client, api_client, resource, method):
    """``id``, ``uid``, the timestamps and ``version`` sent in a write are ignored: the stored ones stay."""
    record, url = stored(resource)
    before = api_client.get(url).json()
    # With a change: a write that changes nothing writes nothing (test_a_write_that_changes_nothing_writes_nothing).
    body = {**(full_body(api_client, url) if method == "put" else {}), **RESOURCES[resource].change}
    body = {**body, **forged(resource)}

    response = write(token_client, method, url, body)

    assert response.status_code == 200, response.content
    after = response.json()
    assert after["id"] == before["id"] == record.pk
    assert after.get("uid") == before.get("uid")
    assert after["created_at"] == before["created_at"]
    assert after["updated_at"] not in {before["updated_at"], FORGED["updated_at"]}
    assert after["version"] == before["version"] + 1


@pytest.mark.parametrize("resource", RESOURCES)
def test_read_only_fields_cannot_be_set_on_create(token_client, api_client, resource):
    """A POST that sends ``id``, ``uid``, timestamps and ``version`` gets its own: a new id, version 1."""
    record, url = stored(resource)
    body = {**full_body(api_client, url), **forged(resource)}
    type(record).objects.filter(pk=record.pk).delete()
    if resource == "reports":
        body = {key: value for key, value in body.items() if key not in {"event", "participant"}}

    response = token_client.post(f"/api/{resource}/", body)

    assert response.status_code == 201, response.content
    created = response.json()
    assert created["id"] != FORGED["id"]
    assert created.get("uid") != FORGED["uid"]
    assert created["created_at"] != FORGED["created_at"]
    assert created["version"] == 1


def test_derived_status_cannot_be_set(token_client):
    """While reports decide an attendance's status, writing another one is a 400 naming it."""
    report = ReportFactory(status="declined", reported_on=datetime.date(2018, 8, 22))
    url = f"/api/attendances/{report.attendance.pk}/"

    response = token_client.patch(url, {"status": "confirmed"})

    assert response.status_code == 400
    assert list(response.json()) == ["status"]
    report.attendance.refresh_from_db()
    assert (report.attendance.status, report.attendance.version) == ("declined", 2)


# ------------------------------------------------------------------------------
# The OpenAPI schema
# ------------------------------------------------------------------------------
DETAILS = [
    "/api/events/{slug}/",
    "/api/participants/{slug}/",
    "/api/attendances/{id}/",
    "/api/reports/{id}/",
    "/api/articles/{id}/",
]


@pytest.mark.parametrize("path", DETAILS)
def test_schema_documents_etag_if_match_and_412(api_client, path):
    """Writes document the If-Match and If-None-Match headers and their 412; detail answers their ETag header."""
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operations = schema["paths"][path]

    for method in ["put", "patch", "delete"]:
        headers = {p["name"] for p in operations[method]["parameters"] if p["in"] == "header"}
        assert headers == {"If-Match", "If-None-Match"}
        assert operations[method]["responses"]["412"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/PreconditionFailed"
        }
    for method, status in [("get", "200"), ("put", "200"), ("patch", "200")]:
        assert set(operations[method]["responses"][status]["headers"]) == {"ETag"}
    assert "412" not in operations["get"]["responses"]
    assert "headers" not in operations["delete"]["responses"]["204"]


@pytest.mark.parametrize("path", DETAILS)
def test_schema_documents_history_pages(api_client, path):
    """Each record's history is a read-only paginated list of history entries holding the record."""
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    history = schema["paths"][f"{path}history/"]

    assert list(history) == ["get"]
    names = {p["name"] for p in history["get"]["parameters"]}
    assert {"page", "page_size"} <= names
    assert not names & {"ordering", "search", "status"}
    page = history["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    entry = schema["components"]["schemas"][page]["properties"]["results"]["items"]["$ref"].split("/")[-1]
    assert set(schema["components"]["schemas"][entry]["properties"]) == {
        "history_id",
        "history_date",
        "history_type",
        "history_user",
        "history_change_reason",
        "changed_fields",
        "record",
    }
