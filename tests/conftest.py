"""Shared fixtures: API clients down to an authenticated curator with a token."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events.api import conditional, pagination, prepared, reads

# The packages whose tests are plain text and rules: the extraction assistant and the domain rules import no
# record, and their tests start no server or command that could reach a database on their behalf.
PURE_PACKAGES = (Path(__file__).parent / "extraction", Path(__file__).parent / "rules")
# The fixtures through which a test reaches the database (pytest-django's, and the live server's).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def transactional_without_serialized_rollback(item):
    """Whether a test commits (a transactional test, or one with a live server) but keeps no serialized rollback.

    The flush after such a test makes the content types and permissions again under new ids, and every later test
    with ``serialized_rollback`` then fails to set up ("UNIQUE constraint failed: django_content_type"), in some
    orders of the suite only.
    """
    marker = item.get_closest_marker("django_db")
    given = marker.kwargs if marker else {}
    fixtures = set(item.fixturenames)
    positional = bool(marker and marker.args and marker.args[0])  # django_db(True)
    said = positional or given.get("transaction") or given.get("reset_sequences")
    transactional = said or {"transactional_db", "live_server", "django_db_reset_sequences"} & fixtures
    return transactional and not (given.get("serialized_rollback") or "django_db_serialized_rollback" in fixtures)


def pytest_collection_modifyitems(items):
    """Refuse a transactional test with no serialized rollback; mark ``no_database`` each test of a pure package
    that cannot reach the database.

    pytest-django refuses every query from a test with neither the ``django_db`` mark nor a database fixture,
    so such a test runs the same on SQLite and on PostgreSQL, and CI's PostgreSQL pass leaves it out.
    """
    unkept = [item.nodeid for item in items if transactional_without_serialized_rollback(item)]
    if unkept:
        raise pytest.UsageError(
            "Give these tests @pytest.mark.django_db(transaction=True, serialized_rollback=True), as every test "
            "that commits (see transactional_without_serialized_rollback in tests/conftest.py): " + ", ".join(unkept)
        )
    for item in items:
        pure = any(item.path.is_relative_to(package) for package in PURE_PACKAGES)
        if pure and item.get_closest_marker("django_db") is None and not DATABASE_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.no_database)


@pytest.fixture(autouse=True)
def forget_kept_reads():
    """Counts, compiled pages and lists, details' ETags are kept in each process: no test sees another's."""
    pagination.KEPT_COUNTS.clear()
    reads.COMPILED_PAGES.statements.clear()
    prepared.PREPARED_LISTS.templates.clear()
    conditional.KEPT_TAGS.clear()
    conditional.KEPT_ANSWERS.clear()


@pytest.fixture
def api_client():
    """An anonymous client."""
    return APIClient()


@pytest.fixture
def curator(django_user_model):
    user = django_user_model.objects.create_user("curator", password="curator-password")
    user.groups.add(Group.objects.get(name="curators"))
    return user


@pytest.fixture
def token_client(curator):
    """A client authenticated as a curator with ``Authorization: Token <key>``."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=curator).key}")
    return client


@pytest.fixture
def reader_client(django_user_model):
    """A client authenticated as a user who holds no model permission."""
    user = django_user_model.objects.create_user("reader", password="reader-password")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client
