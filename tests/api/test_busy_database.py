"""A write that cannot get SQLite's write lock in time (a long import holds it) is a 503 with Retry-After, not a 500
(tester 33, J26: Django's HTML error page after 40 s). Here the lock's wait is cut short: the view raises what
SQLite's driver raises then."""

import pytest
from django.contrib import admin
from django.db import OperationalError

from events.api.views import RecordViewSet
from events.models import Participant
from tests.admin.conftest import admin_url

pytestmark = pytest.mark.django_db


def locked(*args, **kwargs):
    raise OperationalError("database is locked")


def test_an_api_write_that_waited_in_vain_is_a_json_503(token_client, monkeypatch, caplog):
    monkeypatch.setattr(RecordViewSet, "perform_create", locked)

    answer = token_client.post("/api/participants/", {"slug": "lock", "name": "Lock", "kind": "other"}, format="json")

    assert answer.status_code == 503
    assert answer["Content-Type"] == "application/json"
    assert answer["Retry-After"] == "30"
    assert "busy with a long write" in answer.json()["detail"]
    assert not Participant.objects.exists()
    assert not any(record.exc_info for record in caplog.records)


def test_an_admin_save_that_waited_in_vain_is_a_503_too(admin_client, monkeypatch):
    monkeypatch.setattr(type(admin.site._registry[Participant]), "save_model", locked)
    data = {"slug": "lock", "name": "Lock", "kind": "other", "country": "", "aliases": "[]", "affiliation": ""}
    data.update({"wikidata_id": "", "description": "", "_save": "Save"})

    answer = admin_client.post(admin_url(Participant, "add"), data)

    assert (answer.status_code, answer["Retry-After"]) == (503, "30")


def test_another_operational_error_is_still_a_bug(token_client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("no such column: nope")

    monkeypatch.setattr(RecordViewSet, "perform_create", broken)
    with pytest.raises(OperationalError):
        token_client.post("/api/participants/", {"slug": "x", "name": "X", "kind": "other"}, format="json")


def unreachable(*args, **kwargs):
    raise OperationalError(
        'connection failed: connection to server at "127.0.0.1", port 5499 failed: Connection refused'
    )


def test_a_database_that_cannot_be_reached_is_a_json_503_in_a_view(token_client, monkeypatch):
    """Tester 43, M5: gunicorn with an unreachable database answered Django's HTML "Server Error (500)"."""
    monkeypatch.setattr(RecordViewSet, "list", unreachable)

    answer = token_client.get("/api/participants/")

    assert (answer.status_code, answer["Content-Type"], answer["Retry-After"]) == (503, "application/json", "30")
    assert answer.json() == {"detail": "The database cannot be reached just now: send the request again shortly."}


@pytest.mark.parametrize(
    ("path", "status", "content_type"),
    [("/api/participants/", 503, "application/json"), ("/events/", 503, "text/plain; charset=utf-8")],
)
def test_a_database_unreachable_outside_a_view_is_a_503_too(monkeypatch, path, status, content_type):
    """Met in a middleware (a session's or the cache's read), it reaches ``handler500``, which says the same."""
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.test import Client

    monkeypatch.setattr(SessionMiddleware, "process_request", unreachable)
    answer = Client(raise_request_exception=False).get(path)

    assert (answer.status_code, answer["Content-Type"]) == (status, content_type)


def test_a_server_that_refuses_the_credentials_is_no_outage(monkeypatch):
    """A misconfiguration, not a 503 to try again (a review of stop 36)."""
    from django.test import Client

    def refused(*args, **kwargs):
        raise OperationalError('connection to server at "db" failed: FATAL:  password authentication failed')

    monkeypatch.setattr(RecordViewSet, "list", refused)
    answer = Client(raise_request_exception=False).get("/api/participants/")

    assert answer.status_code == 500


def test_any_other_server_error_under_the_api_is_json(monkeypatch):
    from django.test import Client

    def broken(*args, **kwargs):
        raise OperationalError("no such column: nope")

    monkeypatch.setattr(RecordViewSet, "list", broken)
    answer = Client(raise_request_exception=False).get("/api/participants/")

    assert (answer.status_code, answer.json()) == (500, {"detail": "A server error: it is logged. Please report it."})
