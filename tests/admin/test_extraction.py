"""The admin action "Propose reports" on articles."""

import datetime
import time

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from events.admin import extraction
from events.models import Article, Report
from events.models.article import BODY_MAX_LENGTH
from tests.factories import ArticleFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:events_article_changelist"


@pytest.fixture
def article():
    ParticipantFactory(slug="taliban", name="Taliban", kind="armed_group")
    ParticipantFactory(slug="russia", name="Russia", aliases=["Moscow"])
    EventFactory(slug="moscow-talks", title="Moscow talks on Afghanistan", start_date=datetime.date(2018, 9, 4))
    return ArticleFactory(body="The Taliban will attend the Moscow talks.", published_on=datetime.date(2018, 8, 22))


def propose(client, *articles):
    data = {"action": "propose_reports_action", "_selected_action": [a.pk for a in articles]}
    return client.post(reverse(CHANGELIST), data, follow=True)


def test_the_action_is_offered(admin_client, article):
    response = admin_client.get(reverse(CHANGELIST))
    assert b'<option value="propose_reports_action">Propose reports</option>' in response.content


def test_propose_reports_creates_drafts_once(admin_client, article):
    response = propose(admin_client, article)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [f"“{article.title}”: 1 new draft report (0 already there), 1 new attendance, 0 new events."]
    report = Report.objects.get()
    assert (report.status, report.review, report.attendance.participant.slug) == ("confirmed", "draft", "taliban")
    response = propose(admin_client, article)
    assert [str(m) for m in response.context["messages"]] == [
        f"“{article.title}”: 0 new draft reports (1 already there), 0 new attendances, 0 new events."
    ]
    assert Report.objects.count() == 1


@pytest.mark.parametrize("body", ["", " \n "])
def test_article_without_text_is_skipped_with_a_warning(admin_client, body):
    empty = ArticleFactory(body=body)
    response = propose(admin_client, empty)
    assert [str(m) for m in response.context["messages"]] == [f"“{empty.title}” has no text to read."]


def test_staff_without_the_permissions_is_refused(client, django_user_model, article):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_article", "change_article"]))
    client.force_login(user)
    # Not offered (tester 33: a writer was shown it, then refused), and not taken when posted all the same.
    assert b'value="propose_reports_action"' not in client.get(reverse(CHANGELIST)).content
    response = propose(client, article)
    assert response.status_code == 200 and not list(response.context["messages"])
    assert Report.objects.count() == 0


def test_a_text_longer_than_an_article_may_hold_is_refused_with_a_message(admin_client, article):
    """A body past the limit (stored by a raw write) gets an error naming the body, no 500 and no report."""
    Article.objects.filter(pk=article.pk).update(body=article.body + " x" * (BODY_MAX_LENGTH // 2))
    response = propose(admin_client, article)
    assert response.status_code == 200
    [message] = response.context["messages"]
    assert message.level_tag == "error"
    assert str(message).startswith(f"“{article.title}”: body: An article's text holds at most 500,000 characters")
    assert not Report.objects.exists()


def test_an_action_out_of_time_says_so_and_writes_nothing(admin_client, article, settings):
    settings.EXTRACTION_SECONDS = 0
    response = propose(admin_client, article)
    [message] = response.context["messages"]
    assert message.level_tag == "error"
    assert str(message).startswith(f"“{article.title}”: body: The extraction assistant could not read this article")
    assert not Report.objects.exists()


def test_articles_left_no_time_by_the_ones_before_are_not_read_and_said_so(
    admin_client, article, settings, monkeypatch
):
    """Tester 33, J21: after a long article used the request's time, short ones were refused as too long "within
    0 seconds", and told to split their text."""
    settings.EXTRACTION_SECONDS = 0.5
    short = ArticleFactory(title="Short", body="The Taliban will attend the Moscow talks.")
    propose_reports = extraction.propose_reports

    def slow(*, article, seconds):
        time.sleep(0.6)  # a long article, read to the end of the request's time
        return propose_reports(article=article, seconds=10)

    monkeypatch.setattr(extraction, "propose_reports", slow)
    response = propose(admin_client, article, short)

    messages = [str(m) for m in response.context["messages"]]
    assert (
        messages[-1]
        == "Not read: “Short”. The articles before them took this request's 0.5 seconds: propose them again."
    )
    assert len(messages) == 2 and "split the text" not in " ".join(messages)
