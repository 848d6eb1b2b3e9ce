"""Shared fixtures: API clients down to an authenticated curator with a token."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events.api import conditional, pagination, prepared, reads


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
