"""The public, read-only page of one event."""

import datetime

import pytest

from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_event_page_shows_participants_statuses_and_quotes(client):
    """Each participant with its current status and its reports, oldest first."""
    event = EventFactory(title="Geneva talks")
    attendance = AttendanceFactory(event=event, participant__name="Taliban")
    ReportFactory(
        attendance=attendance,
        status="invited",
        reported_on=datetime.date(2018, 8, 21),
        quote="The Taliban",
        review="verified",
    )
    ReportFactory(
        attendance=attendance,
        review="verified",
        status="confirmed",
        reported_on=datetime.date(2018, 8, 22),
        quote="The Taliban will attend the talks.",
    )

    response = client.get(f"/events/{event.slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Geneva talks" in html
    assert "Taliban" in html
    assert html.index("<blockquote>The Taliban</blockquote>") < html.index(
        "<blockquote>The Taliban will attend the talks.</blockquote>"
    )
    assert 'class="status confirmed">Confirmed' in html
    assert f'href="/api/events/{event.slug}/"' in html


@pytest.mark.parametrize(
    "quote",
    ["We will not participate in the Moscow talks.", "“We won’t go,” he added."],
    ids=["plain", "own-quotation-marks"],
)
def test_event_page_shows_each_quote_as_written(client, quote):
    """A quote appears in its blockquote exactly as written, with no quotation marks added around it."""
    article = ArticleFactory(body=f"Kabul will not participate in the Moscow talks. {quote}")
    report = ReportFactory(article=article, quote=quote, review="verified")

    html = client.get(f"/events/{report.attendance.event.slug}/").content.decode()

    assert f"<blockquote>{quote}</blockquote>" in html
    assert html.count("<blockquote>") == 1


def test_event_page_of_an_unknown_event_is_404(client):
    """An unknown slug is a 404, not an empty page."""
    assert client.get("/events/no-such-event/").status_code == 404


@pytest.mark.parametrize("participants", [2, 8])
def test_event_page_query_count_does_not_grow(client, django_assert_num_queries, participants):
    """Attendances, reports, articles and speakers are fetched in a fixed number of queries."""
    event = EventFactory()
    for attendance in AttendanceFactory.create_batch(participants, event=event):
        ReportFactory.create_batch(2, attendance=attendance, speaker=attendance.participant)
    with django_assert_num_queries(3):
        assert client.get(f"/events/{event.slug}/").status_code == 200
