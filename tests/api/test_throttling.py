"""Throttling: past its rate a client gets a 429 with Retry-After, counted in the cache all workers share."""

import os
import re
import subprocess
import sys
import uuid
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from eventsapi.settings.base import throttle_rate
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
RATES = {"anon": "3/minute", "user": "5/minute"}


def redis_is_up():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def rates(anon=RATES["anon"], user=RATES["user"]):
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}}
    )


@contextmanager
def default_cache(kind):
    """The default cache on the database (its table made as migrate makes it) or on Redis, with a fresh key prefix."""
    prefix = f"eventsapi-test-{uuid.uuid4().hex}"
    if kind == "redis":
        if not redis_is_up():
            pytest.skip(f"Redis is not running at {REDIS_URL}")
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    else:
        backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "eventsapi_throttle_test"}
    with override_settings(CACHES={"default": {**backend, "KEY_PREFIX": prefix}}):
        if kind == "database":
            call_command("createcachetable", verbosity=0)
        yield kind
        if kind == "redis":
            import redis

            client = redis.Redis.from_url(REDIS_URL)
            keys = list(client.scan_iter(f"{prefix}:*"))
            if keys:
                client.delete(*keys)


@pytest.fixture(params=["database", "redis"])
def shared_cache(request):
    with default_cache(request.param) as kind:
        yield kind


@pytest.fixture
def redis_cache():
    with default_cache("redis") as kind:
        yield kind


def assert_throttled(response):
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Request was throttled.")
    assert 0 < int(response["Retry-After"]) <= 60


def test_anonymous_client_is_throttled_past_its_rate(api_client, shared_cache):
    """Three requests a minute: the fourth is a 429 saying when to come back."""
    event = EventFactory()
    with rates():
        answers = [api_client.get(f"/api/events/{event.slug}/").status_code for _ in range(3)]
        assert answers == [200, 200, 200]
        assert_throttled(api_client.get("/api/events/"))


def test_authenticated_client_is_throttled_past_its_own_rate(token_client, api_client, shared_cache):
    """A user has five a minute, counted apart from anonymous clients at the same address."""
    with rates():
        answers = [token_client.get("/api/events/").status_code for _ in range(5)]
        assert answers == [200] * 5
        assert_throttled(token_client.get("/api/participants/"))
        assert_throttled(token_client.post("/api/events/", {}))
        assert api_client.get("/api/events/").status_code == 200


@pytest.mark.parametrize("page", ["/", "/events/?search=talks", "/events/{slug}/"])
def test_the_public_pages_share_the_client_s_rate(api_client, shared_cache, page):
    """Tester 42, F10: past the API's rate, the pages (and their searches) were still answered."""
    event = EventFactory()
    with rates():
        assert [api_client.get("/api/events/").status_code for _ in range(2)] == [200, 200]
        assert api_client.get(page.format(slug=event.slug)).status_code == 200
        refused = api_client.get(page.format(slug=event.slug))
        assert_throttled(api_client.get("/api/events/"))
    assert (refused.status_code, refused["Content-Type"]) == (429, "text/plain; charset=utf-8")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.content.decode().startswith("Too many requests: this page may be asked for again in ")


def test_the_counts_live_in_the_shared_cache(api_client, shared_cache):
    """The requests are counted in the configured cache (the database table or Redis), not in the process."""
    with rates():
        for _ in range(2):
            api_client.get("/api/events/")
        assert len(cache.get("throttle_anon_127.0.0.1")) == 2
        if shared_cache == "database":
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM eventsapi_throttle_test")
                assert cursor.fetchone()[0] >= 1


def test_another_process_shares_the_count(api_client, redis_cache):
    """Requests made by another process (another worker) count against the same client here.

    (With the database cache every process reads the one table; the test database is not
    visible to another process, so this is shown with Redis.)
    """
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    worker = (
        "import django; django.setup();"
        "from django.test import Client;"
        "print([Client().get('/api/schema/').status_code for _ in range(3)])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "eventsapi.settings.local",
        "REDIS_URL": REDIS_URL,
        "DJANGO_CACHE_KEY_PREFIX": prefix,
        "DJANGO_THROTTLE_ANON_RATE": RATES["anon"],
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    done = subprocess.run([sys.executable, "-c", worker], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[200, 200, 200]"

    with rates():
        assert_throttled(api_client.get("/api/events/"))


def test_no_throttling_when_the_rate_is_off(api_client, shared_cache):
    """Rates of None (``DJANGO_THROTTLE_*_RATE=off``, and the test settings) let every request through.

    (DRF's user throttle counts anonymous clients by address too, so both are off.)
    """
    with rates(anon=None, user=None):
        assert {api_client.get("/api/events/").status_code for _ in range(10)} == {200}


@pytest.mark.parametrize("rate", ["100 / minute", "5/fortnight", "5/decade", "abc", "100/", "/minute", "1.5/minute"])
def test_a_rate_the_throttle_cannot_read_stops_the_start_up_naming_the_variable(rate):
    """Tester 33, J19: "100 / minute" passed ``check --deploy`` and then made every anonymous request a 500."""
    refused = pytest.raises(ImproperlyConfigured, match=f"DJANGO_THROTTLE_ANON_RATE='{re.escape(rate)}' is no rate")
    with refused, mock.patch.dict(os.environ, {"DJANGO_THROTTLE_ANON_RATE": rate}):
        throttle_rate("DJANGO_THROTTLE_ANON_RATE", "100/minute")


@pytest.mark.parametrize(("rate", "read"), [("100/minute", "100/minute"), ("5/s", "5/s"), (" off ", None), ("", None)])
def test_a_rate_it_can_read_is_taken(rate, read):
    with mock.patch.dict(os.environ, {"DJANGO_THROTTLE_ANON_RATE": rate}):
        assert throttle_rate("DJANGO_THROTTLE_ANON_RATE", "100/minute") == read
