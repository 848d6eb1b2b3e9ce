"""The public event page shows verified reports only; drafts and rejected reports stay on the admin's board."""

import datetime

import pytest

from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ReportFactory

pytestmark = pytest.mark.django_db

BODY = "The Taliban were invited. The Taliban may come. The Taliban will not come."


@pytest.fixture
def attendance():
    """Three reports of one attendance: verified, draft, rejected, on three days."""
    attendance = AttendanceFactory(participant__name="Taliban", participant__slug="taliban")
    article = ArticleFactory(body=BODY)
    for day, (status, quote, review) in enumerate(
        [
            ("invited", "The Taliban were invited.", "verified"),
            ("considering", "The Taliban may come.", "draft"),
            ("declined", "The Taliban will not come.", "rejected"),
        ],
        start=1,
    ):
        ReportFactory(
            attendance=attendance,
            article=article,
            status=status,
            quote=quote,
            review=review,
            reported_on=datetime.date(2018, 8, day),
        )
    return attendance


def test_public_page_shows_only_verified_reports(client, attendance):
    """The verified quote is shown; the draft's and the rejected report's are not, on the board or below it."""
    response = client.get(f"/events/{attendance.event.slug}/")

    html = response.content.decode()
    assert "The Taliban were invited." in html
    assert "The Taliban may come." not in html
    assert "The Taliban will not come." not in html
    assert response.context["board"].dates == (datetime.date(2018, 8, 1),)


def test_public_page_links_the_index(client, attendance):
    """The page links the index, and each participant to the index of its events."""
    html = client.get(f"/events/{attendance.event.slug}/").content.decode()

    assert 'href="/events/"' in html
    assert 'href="/events/?participant=taliban"' in html


def test_admin_board_shows_every_report(admin_client, attendance):
    """The curator's board has a column for each report's day, drafts and rejected reports included."""
    response = admin_client.get(f"/admin/events/event/{attendance.event.pk}/change/")

    assert len(response.context["status_board"].dates) == 3
    assert "The Taliban may come." in response.content.decode()


@pytest.mark.parametrize(
    ("description", "shown"),
    [
        (
            "Proposed by the extraction assistant from article 3. Read from the sentence at character 0 of its text.",
            "",
        ),
        ("Proposed by the extraction assistant from article 12.", ""),
        ("Proposed by the extraction assistant from article 3. Talks on the port of Hodeidah.", "Talks on the port"),
        ("Talks on the port of Hodeidah.", "Talks on the port of Hodeidah."),
    ],
)
def test_the_assistant_s_note_is_not_shown_as_the_event_s_description(client, description, shown):
    """Tester 42, F8: "Proposed by the extraction assistant from article 3. Read from the sentence at character 0 of
    its text." was the public page's description of a verified event: provenance, for curators."""
    event = EventFactory(description=description)

    page = client.get(f"/events/{event.slug}/").content.decode()

    assert ("extraction assistant" in page) is False
    assert (shown in page) if shown else "<p>Proposed" not in page
