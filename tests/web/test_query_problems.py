"""A query a public page cannot read (a NUL, bytes that are not UTF-8) is a message on its HTML page, a 400, as a
bad value on the index is: tester (stop 41) got the index's and the landing page's as JSON or plain text. The API
answers the same query in JSON, the admin in JSON or plain text (tests/api/test_hostile_input.py)."""

import pytest

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

NUL = "The URL contains a NUL character (%00), which no address accepts."
NOT_UTF8 = "Parameter “search”: Not text in UTF-8: byte 0xff cannot be read. Send the text in UTF-8."


@pytest.mark.parametrize(
    ("query", "message"),
    [("search=%ff", NOT_UTF8), ("search=%00", NUL), ("search=ab%00&country=RU", NUL), ("q=%00", NUL)],
)
@pytest.mark.parametrize("path", ["/", "/events/", "/events/moscow-talks/"])
def test_a_query_a_page_cannot_read_is_a_message_on_its_html_page(client, path, query, message):
    EventFactory(slug="moscow-talks", title="Moscow talks")

    response = client.get(f"{path}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.context["problems"] == [message]
    html = response.content.decode()
    assert 'role="alert"' in html
    assert message in html


def test_the_index_given_a_query_it_cannot_read_lists_nothing_keeps_nothing_and_links_no_data(client):
    EventFactory(title="Moscow talks")

    response = client.get("/events/?search=%ff&country=RU")

    assert response.context["page"] is None
    assert not response.context["form"].is_bound
    assert "/api/events/" not in response.content.decode()


@pytest.mark.parametrize("query", ["search=%ff", "search=%00"])
def test_the_api_answers_the_same_query_in_json(client, query):
    response = client.get(f"/api/events/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
