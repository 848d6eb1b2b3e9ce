"""Two extraction runs at once on one article (tester 33, J10: on PostgreSQL both found the new event missing,
both created it, and the second's INSERT failed on the unique slug, a 500). The second now writes again and
finds the first one's event. Here the first run's event is stored at that very moment, so the race is lost."""

import datetime
import time

import pytest
from django.db import IntegrityError

from events.models import Article, Event, Report
from events.services import proposals
from tests.api.test_extract import OSLO, url
from tests.factories import ArticleFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_a_run_whose_new_event_another_run_stored_meanwhile_writes_to_it(token_client, monkeypatch):
    ParticipantFactory(slug="turkey", name="Turkey", country="TR")
    article = ArticleFactory(body=OSLO, published_on=datetime.date(2025, 4, 14))
    save, write, raced = Event.save, proposals._write, []

    def save_lost_the_race(event, *args, **kwargs):
        if event._state.adding and event.awaiting_review and not raced:
            raced.append({field: getattr(event, field) for field in ("slug", "title", "kind", "start_date")})
            raise IntegrityError('duplicate key value violates unique constraint "events_event_slug_key"')
        return save(event, *args, **kwargs)

    def write_then_the_other_commits(*args):
        try:
            return write(*args)
        except IntegrityError:  # the other run's event, committed meanwhile (outside this run's transaction)
            Event.objects.create(**raced[0], awaiting_review=True)
            raise

    monkeypatch.setattr(Event, "save", save_lost_the_race)
    monkeypatch.setattr(proposals, "_write", write_then_the_other_commits)

    answer = token_client.post(url(article))

    assert answer.status_code == 200, answer.content
    assert raced
    (event,) = Event.objects.all()
    assert event.slug == raced[0]["slug"]
    assert answer.json()["new_events"] == []
    assert {p["event"] for p in answer.json()["proposals"]} == {event.slug}
    assert Report.objects.filter(attendance__event=event).exists()


def test_an_article_deleted_while_it_is_read_is_a_404(token_client, monkeypatch):
    """Tester 34, K14: the answer was Django's "article instance with id 33 is not a valid choice." on ``article``."""
    ParticipantFactory(slug="turkey", name="Turkey", country="TR")
    article = ArticleFactory(body=OSLO, published_on=datetime.date(2025, 4, 14))
    read = proposals._read

    def deleted_meanwhile(article, deadline):
        found = read(article, deadline)
        Article.objects.filter(pk=article.pk).delete()
        return found

    monkeypatch.setattr(proposals, "_read", deleted_meanwhile)
    answer = token_client.post(url(article))

    assert (answer.status_code, answer.json()) == (
        404,
        {"detail": "This article was deleted while the extraction assistant read it."},
    )
    assert not Report.objects.exists()


def test_an_article_whose_text_changed_while_it_was_read_gets_no_drafts(token_client, monkeypatch):
    """Tester 34, K13: the drafts quoted the text as it was read; the stored text no longer held them, they could not
    be verified, and every later save of the article was refused."""
    ParticipantFactory(slug="turkey", name="Turkey", country="TR")
    article = ArticleFactory(body=OSLO, published_on=datetime.date(2025, 4, 14))
    read = proposals._read

    def edited_meanwhile(article, deadline):
        found = read(article, deadline)
        Article.objects.filter(pk=article.pk).update(body="OSLO — The talks are off.")
        return found

    monkeypatch.setattr(proposals, "_read", edited_meanwhile)
    answer = token_client.post(url(article))

    assert (answer.status_code, answer.json()) == (400, {"body": [proposals.TEXT_CHANGED]})
    assert not Report.objects.exists() and not Event.objects.exists()
    assert token_client.patch(f"/api/articles/{article.pk}/", {"title": "Edited"}, format="json").status_code == 200


def test_the_assistants_start_up_is_not_charged_to_the_article(token_client, monkeypatch, settings):
    """Tester 34, K8: four curators proposing at once in a process just started spent the 20 s on the assistant's
    one-off start-up, and were told to split a three-sentence article."""
    ParticipantFactory(slug="turkey", name="Turkey", country="TR")
    article = ArticleFactory(body=OSLO, published_on=datetime.date(2025, 4, 14))
    settings.EXTRACTION_SECONDS = 6
    proposals.started()  # warm, as the slow start-up below stands for it

    monkeypatch.setattr(proposals, "started", lambda: time.sleep(6.5))
    answer = token_client.post(url(article))

    assert answer.status_code == 200, answer.json()
