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


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("multipart/form-data", b"abc"), ("application/x-www-form-urlencoded; charset=latin-1", b"q=caf\xe9")],
)
def test_a_body_a_page_would_refuse_is_still_a_405(pages, content_type, body):
    """Tester 50: a POST to /events/ with a multipart body and no boundary was a 400 about the boundary, not the 405
    the page answers any write (its body is never read)."""
    for page in pages:
        answer = Client().generic("POST", page, body, content_type)
        assert (answer.status_code, answer["Allow"]) == (405, "GET, HEAD"), page


def test_get_and_head_answer(client, pages):
    for page in pages:
        assert client.get(page).status_code == 200
        head = client.head(page)
        assert head.status_code == 200 and not head.content


@pytest.mark.parametrize("method", ["options", "post", "delete"])
def test_the_docs_page_answers_get_and_head_only(client, method):
    """Tester 32's case (H10): OPTIONS /api/docs/ was a 500 (DRF's OPTIONS answer had no template)."""
    answer = getattr(client, method)("/api/docs/")
    assert answer.status_code == 405
    assert answer["Allow"] == "GET, HEAD"
    assert client.get("/api/docs/").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/events", "/admin", "/api-auth/login"])
def test_a_write_to_an_address_without_its_slash_is_redirected_with_debug_on_too(client, settings, method, path):
    """Tester 32's case (H4): under ``make run`` (DEBUG on) Django raised for such a write: a 500."""
    settings.DEBUG = True
    answer = getattr(client, method)(path)
    assert answer.status_code == 301
    assert answer["Location"] == f"{path}/"
