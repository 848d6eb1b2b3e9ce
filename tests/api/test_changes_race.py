"""Writers racing a reader of the change feed: the reader sees every committed change exactly once.

Each writer holds its transaction open for a while after its first write, so that on PostgreSQL a
transaction that took a smaller id commits after others with larger ones: a feed ordered by id
would skip its changes. Run on SQLite and on PostgreSQL (CI runs the suite on both).
"""

import random
import threading
import time
from collections import Counter

import pytest
from django.db import connections, transaction
from rest_framework.test import APIClient

from events.models import Change, Event
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WRITERS, WRITES = 4, 12


def write(writer, errors):
    """``WRITES`` transactions: each creates an event, waits, changes it; every third deletes one."""
    rng = random.Random(writer)
    try:
        for number in range(WRITES):
            with transaction.atomic():
                event = EventFactory(slug=f"race-{writer}-{number}")
                time.sleep(rng.uniform(0, 0.02))
                event.title = f"Changed by {writer}"
                event.save()
                if number % 3 == 2:
                    event.delete()
    except Exception as error:
        errors.append(error)
    finally:
        connections.close_all()


def follow(seen, done, errors):
    """Read the feed as a mirror would, page by page, until the writers are done and it has no more."""
    client, cursor = APIClient(), ""
    try:
        while True:
            finished = done.is_set()  # read before the page: a page read after it holds every change
            page = client.get("/api/changes/", {"since": cursor, "page_size": 7}).json()
            seen += page["results"]
            cursor = page["next"]
            if finished and not page["more"]:
                return
            if not page["more"]:
                time.sleep(0.005)
    except Exception as error:
        errors.append(error)
    finally:
        connections.close_all()


def test_a_reader_racing_writers_sees_every_committed_change_exactly_once(token_client):
    start = Change.objects.count()
    errors, seen, done = [], [], threading.Event()
    reader = threading.Thread(target=follow, args=(seen, done, errors))
    writers = [threading.Thread(target=write, args=(number, errors)) for number in range(WRITERS)]
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=300)
    done.set()
    reader.join(timeout=300)

    assert not errors
    assert not reader.is_alive()
    committed = Counter(
        (change.resource, change.record_id, change.action, change.version)
        for change in Change.objects.order_by("id")[start:]
    )
    read = Counter((entry["resource"], entry["id"], entry["action"], entry["version"]) for entry in seen)
    assert read == committed  # nothing skipped, nothing twice
    assert sum(committed.values()) == WRITERS * WRITES * 2 + WRITERS * (WRITES // 3)
    # Per record, the changes come in the order they were made.
    for slug in Event.objects.values_list("slug", flat=True):
        versions = [entry["version"] for entry in seen if entry["key"] == slug]
        assert versions == sorted(versions)
