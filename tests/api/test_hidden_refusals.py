"""A refusal names no record hidden from its writer (tester 31, G6): an article's new text that drops the quote of a
draft, or a delete that drafts and records awaiting review still refer to. The refusal holds (the rules do); what
it says of the hidden records is for curators. Tested through the API and the admin."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from events.models import Article
from tests.admin.conftest import admin_url
from tests.factories import ArticleFactory, AttendanceFactory, ReportFactory

pytestmark = pytest.mark.django_db

QUOTE = "The Taliban confirmed they would attend the Doha talks."
BODY = f"DOHA - Qatar has invited the Taliban. {QUOTE}"


def with_permissions(user, *codenames):
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="events"))
    return user


@pytest.fixture
def editor(api_client, django_user_model):
    """A client of a writer who may change and delete articles, but not change reports (no curator)."""
    user = with_permissions(django_user_model.objects.create_user("desk"), "change_article", "delete_article")
    api_client.force_authenticate(user)
    return api_client


@pytest.fixture
def drafted():
    """An article whose one report is a draft on an attendance awaiting review, as the extraction writes them."""
    article = ArticleFactory(body=BODY)
    attendance = AttendanceFactory(awaiting_review=True)
    draft = ReportFactory(attendance=attendance, article=article, quote=QUOTE, review="draft", status="confirmed")
    return article, draft


def test_a_writer_is_not_told_which_hidden_draft_quotes_the_text(editor, drafted):
    article, draft = drafted

    answer = editor.patch(f"/api/articles/{article.pk}/", {"body": "Nothing left here."}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {"body": ["The text no longer contains the quote of a report of this article."]}
    assert str(draft.uid) not in answer.content.decode()


def test_a_curator_is_told_which_report(token_client, drafted):
    article, draft = drafted

    answer = token_client.patch(f"/api/articles/{article.pk}/", {"body": "Nothing left here."}, format="json")

    assert answer.status_code == 400
    assert str(draft.uid) in answer.json()["body"][0]


def test_a_writer_is_not_told_how_many_hidden_records_hold_a_delete(editor, drafted, token_client):
    article, _draft = drafted

    refused = editor.delete(f"/api/articles/{article.pk}/")
    told = token_client.delete(f"/api/articles/{article.pk}/")

    assert refused.status_code == told.status_code == 409
    assert refused.json() == {"detail": "This record cannot be deleted while other records refer to it."}
    assert told.json() == {"detail": "This record cannot be deleted while these refer to it: 1 report."}
    assert Article.objects.filter(pk=article.pk).exists()


def test_the_records_a_writer_sees_are_still_counted(editor, drafted):
    article, _draft = drafted
    ReportFactory(article=article, quote=QUOTE, review="verified")

    refused = editor.delete(f"/api/articles/{article.pk}/")

    assert refused.json() == {"detail": "This record cannot be deleted while these refer to it: 1 report."}


def test_the_admin_names_no_hidden_draft_to_a_writer(django_user_model, drafted):
    article, draft = drafted
    user = django_user_model.objects.create_user("desk", is_staff=True)
    with_permissions(user, "view_article", "change_article", "view_report", "add_report")
    client = Client()
    client.force_login(user)
    data = {
        "url": article.url or "",
        "title": article.title,
        "publisher": article.publisher,
        "published_on": article.published_on.isoformat(),
        "language": article.language,
        "body": "Nothing left here.",
        "reports-TOTAL_FORMS": "0",
        "reports-INITIAL_FORMS": "0",
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "opened_version": article.version,
        "_save": "Save",
    }

    answer = client.post(admin_url(Article, "change", article.pk), data)

    assert answer.status_code == 200
    assert answer.context["adminform"].form.errors["body"] == [
        "The text no longer contains the quote of a report of this article."
    ]
    assert str(draft.uid) not in answer.content.decode()
