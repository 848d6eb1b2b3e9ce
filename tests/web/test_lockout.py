"""Sign-in lockout (django-axes): past five failures for a username or from an address, every way to sign in
refuses, the right password too, until the cool-off passes or a curator deletes the access attempt."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGINS = ["/admin/login/", "/api-auth/login/"]


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("curator", password="right-password", is_staff=True)


def sign_in(client, url, username, password, **headers):
    return client.post(url, {"username": username, "password": password}, **headers)


def fail(client, url, username, times, **headers):
    """``times`` wrong passwords; their statuses (the form again, 200, until the fifth locks: 429)."""
    return [sign_in(client, url, username, "wrong-password", **headers).status_code for _ in range(times)]


@pytest.mark.parametrize("url", LOGINS)
def test_five_failures_lock_the_username_even_with_the_right_password(staff, url, caplog):
    """The sixth attempt, with the right password, is a 429 that says why; the lockout is logged."""
    client = Client()
    with caplog.at_level(logging.WARNING, logger="events.security"):
        assert fail(client, url, "curator", 5) == [200, 200, 200, 200, 429]

    with caplog.at_level(logging.WARNING, logger="events.security"):
        response = sign_in(client, url, "curator", "right-password", HTTP_ACCEPT="application/json")

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Too many failed sign-ins")
    assert int(response["Retry-After"]) == 15 * 60
    assert "_auth_user_id" not in client.session
    assert any("locked out" in record.getMessage() and "curator" in record.getMessage() for record in caplog.records)


def test_a_browser_gets_the_lockout_as_a_page(staff):
    client = Client()
    fail(client, "/admin/login/", "curator", 5)

    response = sign_in(client, "/admin/login/", "curator", "right-password", HTTP_ACCEPT="text/html")

    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert b"Too many failed sign-ins" in response.content


def test_four_failures_do_not_lock(staff):
    client = Client()
    assert fail(client, "/admin/login/", "curator", 4) == [200] * 4
    assert sign_in(client, "/admin/login/", "curator", "right-password").status_code == 302


def test_failures_on_one_login_count_on_the_other(staff):
    """The admin's and the API's login share the count."""
    client = Client()
    assert fail(client, "/admin/login/", "curator", 3) + fail(client, "/api-auth/login/", "curator", 2) == [
        200,
        200,
        200,
        200,
        429,
    ]
    assert sign_in(client, "/api-auth/login/", "curator", "right-password").status_code == 429


def test_an_address_is_locked_whatever_username_it_tries(staff):
    """Five usernames from one address: the sixth sign-in from there is refused, a real account's too."""
    client = Client()
    for number in range(5):
        fail(client, "/admin/login/", f"guess-{number}", 1)
    assert sign_in(client, "/admin/login/", "curator", "right-password").status_code == 429


def test_a_username_is_locked_from_any_address(staff):
    """Failures for one username from five addresses lock that username at a sixth address."""
    for number in range(5):
        fail(Client(REMOTE_ADDR=f"10.0.0.{number}"), "/admin/login/", "curator", 1)
    assert sign_in(Client(REMOTE_ADDR="10.0.0.99"), "/admin/login/", "curator", "right-password").status_code == 429


def test_x_forwarded_for_does_not_escape_the_address_lockout(staff):
    """With no trusted proxy, a new X-Forwarded-For each time is still the same address."""
    client = Client()
    for number in range(5):
        fail(client, "/admin/login/", f"guess-{number}", 1, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    response = sign_in(client, "/admin/login/", "other", "x", HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert response.status_code == 429


def test_the_lock_lifts_after_the_cool_off(staff):
    client = Client()
    fail(client, "/admin/login/", "curator", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert sign_in(client, "/admin/login/", "curator", "right-password").status_code == 302


def test_a_curator_unlocks_by_deleting_the_access_attempts_in_the_admin(staff, django_user_model):
    """Axes' admin lists the attempts; deleting them there lifts the lock at once."""
    client = Client()
    fail(client, "/admin/login/", "curator", 5)
    assert sign_in(client, "/admin/login/", "curator", "right-password").status_code == 429

    admin = django_user_model.objects.create_superuser("admin", password="admin-password")
    curator_client = Client(REMOTE_ADDR="10.1.1.1")
    curator_client.force_login(admin)
    listing = curator_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert b"curator" in listing.content
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    answer = curator_client.post(
        "/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert answer.status_code == 302
    assert not AccessAttempt.objects.exists()

    assert sign_in(client, "/admin/login/", "curator", "right-password").status_code == 302
