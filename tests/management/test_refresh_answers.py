"""A change made around the models (``QuerySet.update()``, SQL) sends no signal, so answers stay as they were kept
(tester 40, F1: a user renamed so still showed under the old name); ``refresh_answers`` moves them all."""

import io

import pytest
from django.core.management import CommandError, call_command

from events.models import Event, NameChange
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_a_script_update_is_answered_after_refresh_answers(api_client):
    event = EventFactory(title="As kept")
    address = f"/api/events/{event.slug}/"
    kept = api_client.get(address)
    Event.objects.filter(pk=event.pk).update(title="Changed by a script")
    still = api_client.get(address, HTTP_IF_NONE_MATCH=kept["ETag"])

    call_command("refresh_answers", stdout=io.StringIO())
    fresh = api_client.get(address, HTTP_IF_NONE_MATCH=kept["ETag"])

    assert still.status_code == 304  # what the command is for
    assert (fresh.status_code, fresh.json()["title"]) == (200, "Changed by a script")
    assert fresh["ETag"] != kept["ETag"]


def test_a_list_moves_too(api_client):
    event = EventFactory(title="As kept")
    kept = api_client.get("/api/events/")
    Event.objects.filter(pk=event.pk).update(title="Changed by a script")

    call_command("refresh_answers", reason="titles fixed by a script", stdout=io.StringIO())
    fresh = api_client.get("/api/events/")

    assert kept["ETag"] != fresh["ETag"]
    assert [row["title"] for row in fresh.json()["results"]] == ["Changed by a script"]


@pytest.mark.parametrize(("given", "kept"), [("", "rows changed outside the models"), (" a\tb \n", "a b")])
def test_the_reason_is_kept_tidy(given, kept):
    call_command("refresh_answers", reason=given, stdout=io.StringIO())

    assert NameChange.objects.latest("pk").reason == kept


@pytest.mark.parametrize("given", ["x" * 301, "a\x01b"])
def test_a_reason_it_cannot_keep_is_refused(given):
    """Tester 41, F6: a long reason was cut to 300 characters without a word; a control character kept."""
    with pytest.raises(CommandError, match="--reason: give at most 300 printable characters"):
        call_command("refresh_answers", reason=given, stdout=io.StringIO())
    assert not NameChange.objects.exists()
