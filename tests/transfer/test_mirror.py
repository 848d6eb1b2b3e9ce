"""The mirror's rules, against a source that is a dict of answers (the live run is tests/management/test_mirror.py)."""

import re

import pytest
from django.core.management import CommandError, call_command

from events.models import Event, FeedCursor, NameChange, Participant
from events.transfer.mirror import Mirror

pytestmark = pytest.mark.django_db

STAMP = {"created_at": "2018-08-22T12:00:00Z", "updated_at": "2018-08-23T12:00:00.123456Z"}


def participant(pk, slug, **fields):
    return {"id": pk, "slug": slug, "name": slug.title(), "kind": "state", "version": 1, **STAMP, **fields}


def event(pk, slug, **fields):
    return {
        "id": pk, "slug": slug, "title": slug.title(), "kind": "peace_talks", "status": "scheduled",
        "start_date": "2018-09-04", "version": 1, **STAMP, **fields,
    }  # fmt: skip


def change(resource, pk, key, action="created", version=1):
    return {"resource": resource, "id": pk, "key": key, "action": action, "version": version, "time": "x"}


class FakeSource(Mirror):
    """A mirror whose source answers from ``pages`` (the feed, in turn) and ``records`` (details by address)."""

    def __init__(self, pages, records):
        super().__init__("http://source.example/")
        self.pages, self.records, self.asked = list(pages), records, []

    def get(self, path, **params):
        self.asked.append((path, params.get("since")))
        if path == "changes/":
            return self.pages.pop(0)
        return self.records.get(path)


def page(results, cursor, more=False):
    return {"next": cursor, "next_url": "", "more": more, "results": results}


def test_a_record_is_written_as_served_with_what_it_refers_to_read_first():
    """The event names a host the feed has not brought yet: the host is read first; ids, versions, times kept."""
    source = FakeSource(
        [page([change("event", 7, "talks")], "10")],
        {
            "events/talks/": event(7, "talks", host="russia", version=3),
            "participants/russia/": participant(4, "russia"),
        },
    )

    assert source.follow() == 1

    stored = Event.objects.get()
    assert (stored.pk, stored.version, stored.host.pk, stored.host.slug) == (7, 3, 4, "russia")
    assert stored.updated_at.isoformat() == "2018-08-23T12:00:00.123456+00:00"
    assert FeedCursor.objects.get().cursor == "10"


def test_only_the_last_change_of_a_record_in_a_page_is_applied_and_a_deletion_deletes():
    Participant.objects.create(pk=5, slug="gone", name="Gone", kind="state")
    source = FakeSource(
        [
            page(
                [
                    change("participant", 5, "gone", "updated", 2),
                    change("participant", 6, "kept"),
                    change("participant", 5, "gone", "deleted", 3),
                ],
                "3",
            )
        ],
        {"participants/kept/": participant(6, "kept")},
    )

    source.follow()

    assert list(Participant.objects.values_list("slug", flat=True)) == ["kept"]
    assert ("participants/gone/", None) not in source.asked


def test_a_detail_gone_or_renamed_is_left_to_the_later_change_that_says_so():
    source = FakeSource(
        [page([change("participant", 1, "old-name"), change("participant", 2, "someone")], "2")],
        {"participants/someone/": participant(3, "someone")},  # another record has the slug now
    )

    source.follow()

    assert not Participant.objects.exists()


@pytest.mark.parametrize("pages", [1, 2])
def test_records_that_swapped_slugs_arrive_whatever_the_order(pages):
    """Each takes a slug the other still holds here: the holder is moved aside until its own change comes."""
    Participant.objects.create(pk=1, slug="a", name="A", kind="state")
    Participant.objects.create(pk=2, slug="b", name="B", kind="state")
    changes = [change("participant", 1, "b", "updated", 2), change("participant", 2, "a", "updated", 2)]
    feed = [page(changes, "9")] if pages == 1 else [page(changes[:1], "8", more=True), page(changes[1:], "9")]
    source = FakeSource(
        feed, {"participants/b/": participant(1, "b", version=2), "participants/a/": participant(2, "a", version=2)}
    )

    source.follow()

    assert dict(Participant.objects.values_list("pk", "slug")) == {1: "b", 2: "a"}


def test_the_cursor_is_resumed_and_each_page_applied_with_it():
    source = FakeSource(
        [page([change("participant", 1, "one")], "1", more=True), page([change("participant", 2, "two")], "2")],
        {"participants/one/": participant(1, "one"), "participants/two/": participant(2, "two")},
    )

    assert source.follow() == 2

    assert [since for path, since in source.asked if path == "changes/"] == ["", "1"]
    again = FakeSource([page([], "2")], {})
    again.follow()
    assert again.asked == [("changes/", "2")]


@pytest.mark.parametrize("url", ["notaurl", "ftp://source.example/", "http://", "http://[::1", "http://host:port/"])
def test_a_source_that_is_no_url_is_a_command_error(url):
    with pytest.raises(CommandError, match=f"“{re.escape(url)}” is not a URL.*give the source's address"):
        call_command("mirror", url)


def test_a_page_that_changed_records_moves_every_kept_answer_and_an_empty_one_does_not():
    """Tester 43, H1: a process serving the mirror's database answered what it had kept (and 304s to the old
    ETags), as the rows are written past the models' save(); as ``refresh_answers``, the mirror moves them."""
    source = FakeSource([page([change("participant", 1, "one")], "1")], {"participants/one/": participant(1, "one")})
    before = NameChange.objects.count()

    source.follow()
    FakeSource([page([], "1")], {}).follow()

    assert NameChange.objects.count() == before + 1
    assert NameChange.objects.latest("pk").reason == "mirrored 1 changes from http://source.example/api/"


@pytest.mark.parametrize("url", ["http://source.example/?x=1", "http://source.example/#frag", "http://host/?"])
def test_a_source_with_a_query_or_a_fragment_is_a_command_error(url):
    with pytest.raises(CommandError, match="has a query or a fragment: give the source's address alone"):
        call_command("mirror", url)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_source_that_answers_no_json_is_a_command_error(live_server):
    """Tester 43, M4: /admin/ (a sign-in page) gave a traceback ending in a JSONDecodeError."""
    with pytest.raises(CommandError, match=r"The source could not be followed: .* answered no JSON: is .* eventsapi"):
        call_command("mirror", f"{live_server.url}/admin/")
