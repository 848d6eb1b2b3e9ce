"""The admin's "View on site" shortcut answers only for a record the user may see (tester 33, J24: it redirected a
writer to the page of every event awaiting review, by id, so walking the ids listed them with their slugs)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from events.models import Event
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def shortcut(event_id):
    return f"/admin/r/{ContentType.objects.get_for_model(Event).pk}/{event_id}/"


@pytest.fixture
def events():
    on_record = EventFactory(slug="on-record")
    hidden = EventFactory(slug="hidden-talks")
    Event.objects.filter(pk=hidden.pk).update(awaiting_review=True)
    return on_record, hidden


def test_a_writer_is_sent_to_an_event_on_the_record_only(staff_client, events):
    on_record, hidden = events
    writer = staff_client("events.view_event", "events.add_event")

    assert writer.get(shortcut(on_record.pk))["Location"].endswith("/events/on-record/")
    answer = writer.get(shortcut(hidden.pk))
    assert answer.status_code == 404
    assert b"hidden-talks" not in answer.content
    assert writer.get(shortcut(hidden.pk + 1000)).status_code == 404


def test_a_curator_is_sent_to_either(staff_client, events):
    on_record, hidden = events
    curator = staff_client(curator=True)

    assert curator.get(shortcut(hidden.pk))["Location"].endswith("/events/hidden-talks/")
    assert curator.get(shortcut(on_record.pk))["Location"].endswith("/events/on-record/")


@pytest.mark.parametrize("object_id", ["abc", "99999999999999999999999", "1.0"])
def test_an_id_that_is_no_key_is_a_404(admin_client, events, object_id):
    assert admin_client.get(shortcut(object_id)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, events):
    answer = client.get(shortcut(events[0].pk))
    assert answer.status_code == 302 and "/admin/login/" in answer["Location"]
