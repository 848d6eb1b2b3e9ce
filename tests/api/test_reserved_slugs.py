"""A slug that an address of the API takes after a list's own (``export``) is refused, naming ``slug``, at every
entry point: a record with it could not be read at its detail address (tester 31, G12)."""

import json

import pytest
from django.core.management import CommandError, call_command

from events.api.urls import router
from events.models import Event, Participant
from events.rules.slugs import RESERVED_SLUGS
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

MESSAGE = (
    "“export” is the name of an address of the API, where a record with it could not be read: choose another slug."
)


def test_the_reserved_slugs_are_the_list_addresses_of_the_api():
    words = {
        action.url_path
        for _prefix, viewset, _basename in router.registry
        for action in viewset.get_extra_actions()
        if not action.detail
    }
    assert words == RESERVED_SLUGS


@pytest.mark.parametrize(
    ("resource", "body"),
    [
        ("events", {"title": "Talks", "kind": "meeting", "start_date": "2018-09-04"}),
        ("participants", {"name": "Export", "kind": "organization"}),
    ],
)
def test_the_api_refuses_it_naming_slug(token_client, resource, body):
    answer = token_client.post(f"/api/{resource}/", {**body, "slug": "export"}, format="json")

    assert (answer.status_code, answer.json()) == (400, {"slug": [MESSAGE]})
    assert token_client.post(f"/api/{resource}/", {**body, "slug": "exports"}, format="json").status_code == 201


def test_a_rename_to_it_is_refused(token_client):
    event = EventFactory()
    answer = token_client.patch(f"/api/events/{event.slug}/", {"slug": "export"}, format="json")
    assert (answer.status_code, answer.json()) == (400, {"slug": [MESSAGE]})


@pytest.mark.parametrize(
    ("slug", "message"),
    [("export", MESSAGE), ("Moscow-Talks", "Write a slug in lower case: “moscow-talks”, not “Moscow-Talks”.")],
)
def test_an_import_and_a_fixture_refuse_it(tmp_path, capsys, slug, message):
    """A reserved slug, and one with a capital (tester 41, F10: slugs differing only in case coexisted)."""
    record = {"model": "events.participant", "fields": {"slug": slug, "name": "Export", "kind": "organization"}}
    path = tmp_path / "records.ndjson"
    path.write_text(json.dumps(record) + "\n")

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)
    assert f"line 1: slug: {message}" in capsys.readouterr().err

    with pytest.raises(CommandError, match="slug"):
        call_command("loaddata", str(path.rename(tmp_path / "records.jsonl")), verbosity=0)
    assert not Participant.objects.exists() and not Event.objects.exists()
