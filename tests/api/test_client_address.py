"""The client's address, for throttling and sign-in lockout: ``REMOTE_ADDR`` unless ``TRUSTED_PROXIES`` proxies
are configured (DJANGO_TRUSTED_PROXIES), so that a client cannot escape either by writing X-Forwarded-For."""

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings
from rest_framework.throttling import BaseThrottle

from events.web.security import client_address
from tests.api.test_throttling import assert_throttled, default_cache, rates

pytestmark = pytest.mark.django_db


def proxies(count):
    return override_settings(TRUSTED_PROXIES=count, REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": count})


def test_no_proxy_is_trusted_by_default():
    assert settings.TRUSTED_PROXIES == 0
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0


def test_a_new_x_forwarded_for_each_time_does_not_escape_the_throttle(api_client):
    with default_cache("database"), rates():
        answers = [
            api_client.get("/api/events/", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code
            for number in range(3)
        ]
        assert answers == [200, 200, 200]
        assert_throttled(api_client.get("/api/events/", HTTP_X_FORWARDED_FOR="203.0.113.99"))


def test_behind_a_trusted_proxy_clients_are_told_apart_by_x_forwarded_for(api_client):
    """One proxy: the address it appended (the last) is the client, each counted apart."""
    with default_cache("database"), rates(), proxies(1):
        for _ in range(3):
            api_client.get("/api/events/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.1")
        assert_throttled(api_client.get("/api/events/", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.1"))
        assert api_client.get("/api/events/", HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 200


@pytest.mark.parametrize(
    ("count", "forwarded", "address"),
    [
        (0, "203.0.113.1", "10.0.0.1"),
        (0, None, "10.0.0.1"),
        (1, "6.6.6.6, 203.0.113.1", "203.0.113.1"),
        (2, "6.6.6.6, 203.0.113.1, 10.0.0.2", "203.0.113.1"),
        (3, "203.0.113.1", "203.0.113.1"),
        (1, None, "10.0.0.1"),
    ],
)
def test_lockout_and_throttle_read_the_same_address(count, forwarded, address):
    """The lockout's address (events.web.security) is the one DRF's throttle counts."""
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **headers)
    with proxies(count):
        assert client_address(request) == address
        assert BaseThrottle().get_ident(request) == address
