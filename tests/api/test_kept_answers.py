"""Kept answers: a read asked again, while nothing changed, is answered from what was rendered for it.

The key is the ETag's (events.api.conditional.read_key): the change log's state, the address
and query, the host, the format and the reader's audience. Anything else would be a stale or a
leaked answer; these tests pin each part.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.api import conditional
from events.models import Participant
from tests.factories import RESOURCES, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


def get_twice(client, url, **extra):
    first = client.get(url, **extra)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, **extra)
    return first, again, len(queries)


@pytest.mark.parametrize("resource", RESOURCES.values(), ids=RESOURCES)
def test_a_read_asked_again_is_the_same_answer_from_one_query(api_client, resource):
    record = resource.of_report(ReportFactory())
    for url in (resource.path, resource.detail(record), f"{resource.path}?format=csv", f"{resource.path}?page_size=1"):
        first, again, queries = get_twice(api_client, url)

        assert again.status_code == first.status_code == 200
        assert again.content == first.content, url
        assert again["Content-Type"] == first["Content-Type"]
        assert again["ETag"] == first["ETag"]
        assert "Accept" in again["Vary"]
        assert queries == 1, url  # the change log's state, and nothing else


def test_a_kept_answer_still_gets_a_304_and_the_middlewares_headers(api_client):
    ReportFactory()
    _, again, _ = get_twice(api_client, "/api/reports/")

    assert again["X-Content-Type-Options"] == "nosniff"
    assert api_client.get("/api/reports/", HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


@pytest.mark.parametrize("resource", RESOURCES.values(), ids=RESOURCES)
def test_a_write_is_read_at_once(api_client, token_client, resource):
    record = resource.of_report(ReportFactory())
    before = {url: api_client.get(url).content for url in (resource.path, resource.detail(record))}

    assert token_client.patch(resource.detail(record), resource.change, format="json").status_code == 200

    for url, content in before.items():
        assert api_client.get(url).content != content, url


def test_a_write_outside_the_api_is_read_at_once(api_client):
    report = ReportFactory()
    event = report.attendance.event
    api_client.get(f"/api/events/{event.slug}/")

    event.title = "Talks renamed in the admin"
    event.save()

    assert api_client.get(f"/api/events/{event.slug}/").json()["title"] == "Talks renamed in the admin"


def test_readers_do_not_share_answers(api_client, token_client):
    """A curator's list holds drafts; the public's, read after it, does not."""
    ReportFactory(review="verified")
    ReportFactory(review="draft")

    assert token_client.get("/api/reports/").json()["count"] == 2
    assert api_client.get("/api/reports/").json()["count"] == 1
    assert token_client.get("/api/reports/").json()["count"] == 2


def test_queries_do_not_share_answers(api_client):
    ReportFactory()
    whole = api_client.get("/api/reports/").json()["results"][0]
    sparse = api_client.get("/api/reports/?fields=id").json()["results"][0]

    assert sparse == {"id": whole["id"]}
    assert api_client.get("/api/reports/").json()["results"][0] == whole


def test_none_is_kept_when_the_setting_says_so(api_client, settings):
    settings.KEPT_ANSWER_BYTES = 0
    ReportFactory()
    first, again, queries = get_twice(api_client, "/api/reports/")

    assert again.content == first.content
    assert queries > 1


def test_a_larger_answer_is_not_kept(api_client, settings):
    ReportFactory()
    settings.KEPT_ANSWER_BYTES = 0
    settings.KEPT_ANSWER_BYTES = len(api_client.get("/api/reports/").content) - 1
    _, _, queries = get_twice(api_client, "/api/reports/")

    assert queries > 1


def test_a_page_of_the_browsable_api_is_not_kept(client, django_user_model):
    """It names the signed-in user and holds their session's CSRF token: two curators must not share it."""
    ReportFactory()
    first_user = django_user_model.objects.create_user("first-reader", password="pw-first-reader")
    client.force_login(first_user)
    first, again, _ = get_twice(client, "/api/reports/", HTTP_ACCEPT="text/html")

    assert again.status_code == 200
    assert b"first-reader" in again.content
    assert again.content != first.content  # rendered again: its CSRF token is masked afresh on every render


def test_an_exact_count_is_kept_until_anything_changes(api_client, settings):
    """With answers not kept, a list's exact count is still counted once per state of the change log: asked again
    it is read from what was kept, and a write anywhere (here through the ORM) has it counted afresh."""
    settings.KEPT_ANSWER_BYTES = 0
    for number in range(3):
        ParticipantFactory(slug=f"alpha-{number}", name=f"Alpha {number}")
    url = "/api/participants/?search=alpha&page_size=1"

    first = api_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = api_client.get(url)
        other_page = api_client.get(f"{url}&page=2")
    counted = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]

    assert first.json()["count"] == again.json()["count"] == other_page.json()["count"] == 3
    assert again.content == first.content and not counted

    ParticipantFactory(slug="alpha-new", name="Alpha new")
    assert api_client.get(url).json()["count"] == 4
    Participant.objects.get(slug="alpha-0").delete()
    assert api_client.get(f"{url}&page=2").json()["count"] == 3


@pytest.mark.parametrize("fields", ["?fields=reviewed_by", "", "?format=csv"])
def test_a_user_renamed_is_read_at_once(token_client, curator, fields):
    """A username shows in answers though renaming its user writes no record: the rename moves the key."""
    report = ReportFactory(reviewed_by=curator)
    for url in (f"/api/reports/{fields}", f"/api/reports/{report.pk}/{fields}"):
        first, again, _ = get_twice(token_client, url)
        assert b"curator" in again.content and b"renamed" not in again.content

    curator.username = "renamed"
    curator.save()

    for url in (f"/api/reports/{fields}", f"/api/reports/{report.pk}/{fields}"):
        before = token_client.get(url)  # kept before the rename? then it is stale
        assert b"renamed" in before.content, url
        assert token_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    renamed = token_client.get(f"/api/reports/{report.pk}/{fields}")
    assert renamed["ETag"] != first["ETag"]


def test_a_sign_in_moves_no_key(curator):
    """A save that does not touch the username (a sign-in's ``last_login``) logs no rename."""
    state = conditional.change_state()
    curator.last_login = timezone.now()
    curator.save(update_fields=["last_login"])
    curator.first_name = "Ann"
    curator.save()

    assert conditional.change_state() == state


def test_a_user_deleted_is_read_at_once(token_client, django_user_model):
    reviewer = django_user_model.objects.create_user("reviewer")
    report = ReportFactory(reviewed_by=reviewer)
    url = f"/api/reports/{report.pk}/?fields=reviewed_by"
    assert get_twice(token_client, url)[1].json() == {"reviewed_by": "reviewer"}

    reviewer.delete()

    assert token_client.get(url).json() == {"reviewed_by": None}
