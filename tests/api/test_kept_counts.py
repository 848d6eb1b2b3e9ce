"""Kept counts of long lists live in Redis when REDIS_URL is set, so every process reads the one count."""

import os
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings

from events.api import pagination
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")


@pytest.fixture
def redis_counts():
    """The ``counts`` cache on the real Redis (a test database number), under a fresh prefix removed afterwards."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"Redis is not running at {REDIS_URL}")
    prefix = f"eventsapi-test-{uuid.uuid4().hex}"
    counts = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    with override_settings(CACHES={"default": {**counts, "KEY_PREFIX": f"{prefix}-default"}, "counts": counts}):
        yield client, prefix
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)


def test_a_count_is_kept_in_redis_where_another_process_reads_it(api_client, redis_counts, monkeypatch):
    """The count above the cap is stored in Redis, and a count another process stored there is the one answered."""
    client, prefix = redis_counts
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 5)
    EventFactory.create_batch(7)

    first = api_client.get("/api/events/", {"page_size": 2})
    (key,) = client.scan_iter(f"{prefix}:*")
    key = key.decode().split(":", 2)[2]  # prefix:version:key
    # 7 on SQLite, the planner's estimate on PostgreSQL: whichever was answered is what was kept.
    assert caches["counts"].get(key) == first.json()["count"] >= 6

    # Another process (another worker or host) kept a different count under the same key: this one reads it.
    caches["counts"].set(key, 4321, 60)
    second = api_client.get("/api/events/", {"page_size": 2, "page": 2})
    assert second.json()["count"] == 4321
    assert second["X-Count-Estimated"] == "true"


def test_without_a_counts_cache_each_process_keeps_its_own(api_client, monkeypatch):
    """Settings that name no ``counts`` cache keep counts in this process's memory, as before."""
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 5)
    pagination.KeptCounts.in_process.clear()
    EventFactory.create_batch(7)
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        counted = api_client.get("/api/events/", {"page_size": 2}).json()["count"]
    assert list(pagination.KeptCounts.in_process._cache.values()) != []
    assert counted >= 6
