"""Read replicas on a real streaming replica: reads there, writes and a writer's next reads on the primary, no 5xx.

Runs in the PostgreSQL suite only (``DATABASE_URL=postgres://...``); the replica is
``tests/eventsapi/conftest.py``'s, made with pg_basebackup from the primary.
"""

import os
import time

import pytest
from django.conf import settings
from django.db import connections, router, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from events.models import Event, Participant
from eventsapi import replicas
from eventsapi.routers import COOKIE, routed
from tests.factories import EventFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="read replicas need PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__"),
    pytest.mark.usefixtures("streaming_replica"),
]

REPLICA = "replica_0"
MIDDLEWARE = "eventsapi.routers.ReplicaRoutingMiddleware"


@pytest.fixture(autouse=True)
def routed_to_the_replica():
    """The settings DATABASE_REPLICA_URLS would make, and no health answer kept from another test."""
    replicas.forget()
    with (
        override_settings(
            DATABASE_REPLICAS=[REPLICA],
            DATABASE_ROUTERS=["eventsapi.routers.ReplicaRouter"],
            MIDDLEWARE=[settings.MIDDLEWARE[0], MIDDLEWARE, *settings.MIDDLEWARE[1:]],
            DATABASE_REPLICA_CHECK_INTERVAL=60,
            # These tests tell where a read went by the record tables it read: a kept answer
            # (events.api.conditional.KeptAnswer) reads only the change log, on the same database.
            KEPT_ANSWER_BYTES=0,
        ),
        routed(),
    ):
        yield
    replicas.forget()


class Served:
    """The SQL each database ran while the block ran (the health checks' own queries left out)."""

    def __enter__(self):
        self.contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in ("default", REPLICA)}
        for context in self.contexts.values():
            context.__enter__()
        return self

    def __exit__(self, *exc_info):
        for context in self.contexts.values():
            context.__exit__(*exc_info)

    def read(self, alias, table):
        return [query["sql"] for query in self.contexts[alias].captured_queries if table in query["sql"]]


def test_anonymous_reads_go_to_the_replica(api_client, streaming_replica):
    """A list and a detail are read on the replica; the primary is not asked for them."""
    event = EventFactory()
    streaming_replica.catch_up()

    with Served() as served:
        detail = api_client.get(f"/api/events/{event.slug}/")
        listing = api_client.get("/api/events/")

    assert detail.status_code == listing.status_code == 200
    assert detail.json()["slug"] == event.slug
    assert [row["slug"] for row in listing.json()["results"]] == [event.slug]
    assert served.read(REPLICA, '"events_event"')
    assert not served.read("default", '"events_event"')


def test_writes_and_reads_in_a_write_go_to_the_primary(token_client):
    """A POST writes on the primary and reads nothing on the replica, even the token that signs it."""
    with Served() as served:
        created = token_client.post(
            "/api/participants/", {"slug": "sibghat-ahmadi", "name": "S. A.", "kind": "person"}
        )

    assert created.status_code == 201
    assert [sql for sql in served.read("default", '"events_participant"') if sql.startswith("INSERT")]
    assert served.contexts[REPLICA].captured_queries == []


def test_the_router_keeps_transactions_locks_and_migrations_on_the_primary():
    """Reads in a transaction or under select_for_update, every write, and migrations use the primary."""
    assert Event.objects.all().db == REPLICA
    with transaction.atomic():
        assert Event.objects.all().db == "default"
    assert Event.objects.select_for_update().db == "default"
    assert router.allow_migrate("default", "events")
    assert not router.allow_migrate(REPLICA, "events")
    assert router.allow_relation(Event(), Participant())
    with routed():
        EventFactory()
        assert Event.objects.all().db == "default", "after a write, this thread reads what it wrote"


def test_a_writer_reads_its_writes_from_the_primary_for_a_while(token_client, api_client, streaming_replica):
    """After a successful write, that client's reads go to the primary; others' and later ones to the replica."""
    with override_settings(DATABASE_READ_YOUR_WRITES_SECONDS=2):
        created = token_client.post(
            "/api/participants/", {"slug": "sibghat-ahmadi", "name": "S. A.", "kind": "person"}
        )
        assert created.status_code == 201
        assert COOKIE in created.cookies

        with Served() as served:
            mine = token_client.get("/api/participants/sibghat-ahmadi/")
        assert mine.status_code == 200
        assert served.read("default", '"events_participant"')
        assert not served.read(REPLICA, '"events_participant"')

        streaming_replica.catch_up()
        with Served() as served:
            assert api_client.get("/api/participants/sibghat-ahmadi/").status_code == 200
        assert served.read(REPLICA, '"events_participant"'), "an anonymous reader does not follow the writer"

        time.sleep(3)
        with Served() as served:
            assert token_client.get("/api/participants/sibghat-ahmadi/").status_code == 200
        assert served.read(REPLICA, '"events_participant"'), "past the window the writer reads the replica again"


def test_a_failed_write_does_not_pin_the_client(token_client):
    """A refused write (400) sets no cookie: nothing was written to read back."""
    refused = token_client.post("/api/participants/", {"slug": "", "kind": "nonsense"})
    assert refused.status_code == 400
    assert COOKIE not in refused.cookies


def test_a_replica_stopped_mid_test_falls_back_to_the_primary(api_client, streaming_replica):
    """Reads that find the replica gone are answered from the primary: no 5xx, before and after the next check."""
    event = EventFactory()
    streaming_replica.catch_up()
    assert api_client.get(f"/api/events/{event.slug}/").status_code == 200
    assert replicas.usable(REPLICA)

    streaming_replica.stop()
    try:
        # The health answer kept says the replica is up: the query fails on it and is run again on the primary.
        with Served() as served:
            answers = [api_client.get(f"/api/events/{event.slug}/") for _ in range(3)]
        assert [answer.status_code for answer in answers] == [200, 200, 200]
        assert answers[0].json()["slug"] == event.slug
        assert served.read("default", '"events_event"')
        assert not replicas.usable(REPLICA)

        replicas.forget()
        assert api_client.get("/api/events/").status_code == 200, "a fresh check finds it down and skips it"
    finally:
        streaming_replica.start()
    replicas.forget()
    assert replicas.usable(REPLICA), "once back and caught up, it serves again"


def test_a_lagging_replica_is_skipped(api_client, streaming_replica):
    """With replay paused past the lag allowed, a read goes to the primary and sees the write the replica lacks."""
    EventFactory()
    streaming_replica.catch_up()
    replica = connections[REPLICA]
    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    try:
        written = EventFactory()
        time.sleep(1.5)
        with replica.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM events_event WHERE slug = %s", [written.slug])
            assert cursor.fetchone()[0] == 0, "the replica has not replayed the write"
        assert replicas.lag(REPLICA) > 1

        with override_settings(DATABASE_REPLICA_MAX_LAG=1), Served() as served:
            replicas.forget()
            answer = api_client.get(f"/api/events/{written.slug}/")
        assert answer.status_code == 200
        assert answer.json()["slug"] == written.slug
        assert not served.read(REPLICA, '"events_event"')
    finally:
        with replica.cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
    streaming_replica.catch_up()
    assert replicas.lag(REPLICA) == 0
