"""POST /api/articles/{id}/extract/ with last year's event of the same name in the database (tester 45, D5)."""

import datetime

import pytest

from tests.factories import ArticleFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

BODY = (
    "ULAANBAATAR, 20 May 2027 (Steppe Wire) — Japan confirmed on Thursday that it would attend the 2027 Ulaanbaatar "
    "Dialogue in Ulaanbaatar on 14 June. 조선민주주의인민공화국 declined the invitation, according to a statement "
    "carried by KCNA. Монгол Улс will host the dialogue, the Гадаад харилцааны яам said."
)


def test_the_next_dialogue_s_statements_are_all_filed_under_it_not_under_last_year_s(token_client, settings):
    settings.EXTRACTION_SECONDS = 300  # what is read, not how fast: the first request loads the reader
    mongolia = ParticipantFactory(slug="mongolia", name="Mongolia", country="MN", aliases=["Монгол Улс"])
    ParticipantFactory(
        slug="mongolia-mfa",
        name="Ministry of Foreign Affairs of Mongolia",
        kind="government",
        country="MN",
        aliases=["Гадаад харилцааны яам"],
        affiliation=mongolia,
    )
    ParticipantFactory(slug="north-korea", name="North Korea", country="KP", aliases=["조선민주주의인민공화국"])
    ParticipantFactory(slug="japan", name="Japan", country="JP")
    EventFactory(
        slug="ulaanbaatar-dialogue-2026",
        title="Ulaanbaatar Dialogue 2026",
        kind="conference",
        status="held",
        start_date=datetime.date(2026, 6, 15),
        end_date=datetime.date(2026, 6, 16),
        city="Ulaanbaatar",
        country="MN",
        host=mongolia,
    )
    article = ArticleFactory(body=BODY, published_on=datetime.date(2027, 5, 20), publisher="Steppe Wire")

    response = token_client.post(f"/api/articles/{article.pk}/extract/")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert [e["slug"] for e in body["new_events"]] == ["ulaanbaatar-dialogue-2027-06-14"]
    filed = {(p["participant"], p["status"], p["event"], p["event_is_new"]) for p in body["proposals"]}
    new = "ulaanbaatar-dialogue-2027-06-14"
    assert {("japan", "confirmed", new, True), ("mongolia", "confirmed", new, True)} <= filed
    assert {event for _, _, event, _ in filed} == {new}
