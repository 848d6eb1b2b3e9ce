"""The public pages are read-only: GET and HEAD answer; any other method is a 405 that names them in ``Allow``,
not the page (tester 31, G8: a DELETE answered 200 with the page) nor a CSRF refusal."""

import pytest
from django.test import Client

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    return ["/", "/events/", f"/events/{EventFactory().slug}/"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace", "options"])
def test_a_method_a_page_does_not_answer_is_a_405(pages, method):
    client = Client(enforce_csrf_checks=True)
    for page in pages:
        answer = getattr(client, method)(page)
        assert answer.status_code == 405, (page, answer.status_code)
        assert answer["Allow"] == "GET, HEAD"


def test_get_and_head_answer(client, pages):
    for page in pages:
        assert client.get(page).status_code == 200
        head = client.head(page)
        assert head.status_code == 200 and not head.content
