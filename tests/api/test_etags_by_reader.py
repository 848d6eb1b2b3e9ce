"""An ETag is of the answer its reader was given: a curator's shows more (an attendance awaiting review), so one
version of a record has a curator's tag and a public one. A curator may write with either; a reader who is no
curator with the public one only (tester 45, D6: a curator's If-Match with the tag read anonymously was a 412,
"this record has changed since you read it", of a record that had not changed)."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from events.models import Event
from tests.factories import AttendanceFactory, EventFactory

pytestmark = pytest.mark.django_db

CHANGED = "If-Match: this record has changed since you read it"


@pytest.fixture
def event():
    """An event on the record with one attendance awaiting review, which curators alone see."""
    event = EventFactory(slug="dialogue", city="Ulaanbaatar")
    AttendanceFactory(event=event)
    AttendanceFactory(event=event, awaiting_review=True)
    return event


@pytest.fixture
def writer(django_user_model):
    """A client of a writer who may change events but is no curator."""
    user = django_user_model.objects.create_user("desk")
    user.user_permissions.add(Permission.objects.get(codename="change_event", content_type__app_label="events"))
    client = APIClient()
    client.force_authenticate(user)
    return client


URL = "/api/events/dialogue/"


def test_the_readers_tags_of_one_version_differ(event, api_client, token_client):
    public, curators = api_client.get(URL), token_client.get(URL)

    assert len(public.json()["attendances"]) == 1
    assert len(curators.json()["attendances"]) == 2
    assert public["ETag"] != curators["ETag"]
    assert public["ETag"].startswith('"1-') and curators["ETag"].startswith('"1-')


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_a_curator_writes_with_the_tag_read_anonymously(event, api_client, token_client, method):
    public = api_client.get(URL)["ETag"]

    answer = getattr(token_client, method)(URL, {"city": "Kharkhorin"}, format="json", headers={"If-Match": public})

    assert answer.status_code == (200 if method == "patch" else 204), answer.content
    written = Event.objects.filter(pk=event.pk).values_list("city", flat=True).first()
    assert written == ("Kharkhorin" if method == "patch" else None)


def test_a_curator_with_a_public_tag_of_an_older_version_is_refused(event, api_client, token_client):
    stale = api_client.get(URL)["ETag"]
    assert token_client.patch(URL, {"city": "Darkhan"}, format="json").status_code == 200

    answer = token_client.patch(URL, {"city": "Kharkhorin"}, format="json", headers={"If-Match": stale})

    assert answer.status_code == 412
    assert answer.json()["detail"].startswith(CHANGED)
    assert Event.objects.get().city == "Darkhan"


def test_a_public_tag_changes_when_what_the_public_sees_changes(event, api_client, token_client):
    """A change of what the public answer shows (an attendance's status) makes its tag stale for a curator too."""
    public = api_client.get(URL)["ETag"]
    shown = event.attendances.get(awaiting_review=False)
    assert (
        token_client.patch(f"/api/attendances/{shown.pk}/", {"status": "declined"}, format="json").status_code == 200
    )

    answer = token_client.patch(URL, {"city": "Kharkhorin"}, format="json", headers={"If-Match": public})

    assert answer.status_code == 412
    assert Event.objects.get().city == "Ulaanbaatar"


def test_a_curators_if_none_match_naming_the_public_tag_refuses_the_write(event, api_client, token_client):
    public = api_client.get(URL)["ETag"]

    answer = token_client.patch(URL, {"city": "Kharkhorin"}, format="json", headers={"If-None-Match": public})

    assert answer.status_code == 412
    assert Event.objects.get().city == "Ulaanbaatar"


def test_a_reader_who_is_no_curator_writes_with_the_public_tag_not_a_curators(event, api_client, token_client, writer):
    """A curator's tag in a writer's If-Match would tell them, by a 412, that something hidden from them changed."""
    curators = token_client.get(URL)["ETag"]

    refused = writer.patch(URL, {"city": "Kharkhorin"}, format="json", headers={"If-Match": curators})
    written = writer.patch(URL, {"city": "Darkhan"}, format="json", headers={"If-Match": api_client.get(URL)["ETag"]})

    assert refused.status_code == 412
    assert "a curator's ETag" in refused.json()["detail"]
    assert written.status_code == 200, written.content
    assert Event.objects.get().city == "Darkhan"
