"""The /api/articles/ endpoints: payloads, writes, uniqueness, the quote rule on the text, errors and budgets."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from events.models import Article
from events.transfer.formats import read_ndjson
from events.transfer.importer import import_records
from tests.factories import ArticleFactory, ReportFactory

pytestmark = pytest.mark.django_db

LIST = "/api/articles/"


def detail(article):
    return f"/api/articles/{article.pk}/"


def new_article(**overrides):
    return {
        "url": "https://www.aljazeera.com/news/2018/8/22/afghanistan-will-not-attend-moscow-talks",
        "title": "Afghanistan will not attend Moscow talks",
        "publisher": "Al Jazeera",
        "published_on": "2018-08-22",
        "language": "en",
        "body": "We will not participate in the Moscow talks, the foreign ministry said.",
        **overrides,
    }


# ------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------
def test_list_payload(api_client, payloads):
    """The list answers every article, whole, latest first."""
    older = ArticleFactory(published_on=datetime.date(2018, 8, 21), url="https://example.org/older", language="ru")
    newer = ArticleFactory(published_on=datetime.date(2018, 8, 22), body="")
    same_day_entered_last = ArticleFactory(published_on=datetime.date(2018, 8, 22))

    response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json() == {
        "count": 3,
        "next": None,
        "previous": None,
        "results": [payloads.article(same_day_entered_last), payloads.article(newer), payloads.article(older)],
    }


def test_detail_payload(api_client, payloads):
    """The detail answers the whole article, text included."""
    article = ArticleFactory(url="https://example.org/a", language="ps")

    response = api_client.get(detail(article))

    assert response.status_code == 200
    assert response.json() == payloads.article(article)


@pytest.mark.parametrize("articles", [1, 20])
def test_list_query_count(api_client, django_assert_num_queries, articles):
    """The list costs the same number of queries for one article as for many cited ones."""
    for _ in range(articles):
        ReportFactory()

    # The change log's state (the ETag), then the page, which, not being full, tells the count too
    # (events.api.pagination).
    with django_assert_num_queries(2):
        response = api_client.get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == articles


@pytest.mark.parametrize("reports", [1, 10])
def test_detail_query_count(api_client, django_assert_num_queries, reports):
    """The detail costs the same number of queries however often the article is cited."""
    article = ArticleFactory()
    for _ in range(reports):
        ReportFactory(article=article)

    # 2: with the change log's state, for the ETag.
    with django_assert_num_queries(2):
        response = api_client.get(detail(article))

    assert response.status_code == 200


# ------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------
def test_create(token_client, payloads):
    """A curator creates an article."""
    response = token_client.post(LIST, new_article())

    assert response.status_code == 201
    article = Article.objects.get()
    assert response.json() == payloads.article(article)
    assert (article.publisher, article.published_on) == ("Al Jazeera", datetime.date(2018, 8, 22))


def test_create_with_only_required_fields(token_client):
    """URL, text and language are optional; the language defaults to ``en``."""
    response = token_client.post(LIST, {"title": "Talks", "publisher": "TASS", "published_on": "2018-08-21"})

    assert response.status_code == 201
    assert (response.json()["url"], response.json()["body"], response.json()["language"]) == ("", "", "en")


def test_two_articles_without_url(token_client):
    """The URL is unique only when present."""
    ArticleFactory(url="")

    response = token_client.post(LIST, new_article(url=""))

    assert response.status_code == 201
    assert Article.objects.count() == 2


def test_put(token_client, payloads):
    """PUT replaces every writable field."""
    article = ArticleFactory()

    response = token_client.put(detail(article), new_article(language="ru"))

    assert response.status_code == 200
    article.refresh_from_db()
    assert response.json() == payloads.article(article)
    assert (article.title, article.language) == ("Afghanistan will not attend Moscow talks", "ru")


def test_patch(token_client, payloads):
    """PATCH changes the fields given and keeps the others."""
    article = ArticleFactory(publisher="Al Jazeera")

    response = token_client.patch(detail(article), {"url": "https://example.org/moscow"})

    assert response.status_code == 200
    article.refresh_from_db()
    assert response.json() == payloads.article(article)
    assert (article.url, article.publisher) == ("https://example.org/moscow", "Al Jazeera")


def test_patch_body_keeping_the_quotes(token_client):
    """A new text that still holds every quote taken from the article is accepted."""
    report = ReportFactory()

    response = token_client.patch(
        detail(report.article), {"body": "Kabul said: “We will not participate in the Moscow talks.”"}
    )

    assert response.status_code == 200


def test_patch_body_losing_a_quote_is_400(token_client):
    """A new text that drops a quote a report took from it is a 400 on ``body``."""
    report = ReportFactory()
    body = report.article.body

    response = token_client.patch(detail(report.article), {"body": "The Taliban will attend the talks."})

    assert response.status_code == 400
    assert list(response.json()) == ["body"]
    report.article.refresh_from_db()
    assert report.article.body == body


def test_delete(token_client):
    """DELETE removes an article no report cites."""
    article = ArticleFactory()

    response = token_client.delete(detail(article))

    assert response.status_code == 204
    assert not Article.objects.exists()


# ------------------------------------------------------------------------------
# Errors
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "character", "encoded"),
    [
        ('https://example.org/"><script>', '"', "%22"),
        ("https://example.org/a b", " ", "%20"),
        ("https://example.org/{x}", "{", "%7B"),
        ("https://example.org/100%", "%", "%25"),
        ("https://ru.example.org/Москва", "М", "%D0%9C"),
    ],
)
def test_a_url_that_is_no_uri_is_400_naming_url(token_client, url, character, encoded):
    """A URL is a URI (the schema's ``format: uri``): a character RFC 3986 does not allow is refused, named."""
    response = token_client.post(LIST, new_article(url=url), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["url"]
    message = (
        f"Enter a valid URL: “{character}” is no character of a URI (RFC 3986); write it percent-encoded ({encoded})."
    )
    assert message in response.json()["url"]  # a space also fails Django's own URL check
    assert not Article.objects.exists()


def test_a_url_percent_encoded_is_a_uri(token_client):
    url = "https://ru.example.org/%D0%9C?q=a%20b&x=[1]#top"
    response = token_client.post(LIST, new_article(url=url), format="json")

    assert response.status_code == 201
    assert Article.objects.get().url == url


def test_the_model_refuses_a_url_that_is_no_uri():
    """The rule is the model field's: the admin, fixtures and imports (full_clean) refuse it too."""
    article = ArticleFactory.build(url='https://example.org/"><script>')
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert list(refused.value.message_dict) == ["url"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"url": "not a url"}, "url"),
        ({"published_on": "2018-08-32"}, "published_on"),
        ({"published_on": "22 August 2018"}, "published_on"),
        ({"published_on": None}, "published_on"),
        ({"title": ""}, "title"),
        ({"publisher": ""}, "publisher"),
    ],
)
def test_create_with_bad_field_is_400(token_client, overrides, field):
    """A bad value is a 400 naming its field, and nothing is written."""
    response = token_client.post(LIST, new_article(**overrides))

    assert response.status_code == 400
    assert field in response.json()
    assert not Article.objects.exists()


def test_duplicate_url_is_400(token_client):
    """A URL already stored is a 400 on ``url``."""
    ArticleFactory(url=new_article()["url"])

    response = token_client.post(LIST, new_article())

    assert response.status_code == 400
    assert list(response.json()) == ["url"]


def test_duplicate_publisher_date_and_title_is_400(token_client):
    """An article is unique by publisher, date and title."""
    ArticleFactory(title="Afghanistan will not attend Moscow talks", published_on=datetime.date(2018, 8, 22))

    response = token_client.post(LIST, new_article())

    assert response.status_code == 400
    assert response.json() == {"title": ["This publisher already has an article with this title on this date."]}
    assert Article.objects.count() == 1


def test_empty_body_is_400(token_client):
    """An empty body is a 400 naming every required field."""
    response = token_client.post(LIST, {})

    assert response.status_code == 400
    assert set(response.json()) == {"title", "publisher", "published_on"}


def test_the_importer_refuses_a_url_that_is_no_uri():
    """The importer cleans each column with the model field's validators: the same rule, the same message."""
    row = {
        "model": "events.article",
        "fields": {"title": "T", "publisher": "P", "published_on": "2018-08-22", "url": 'https://example.org/"><'},
    }
    rejections = []
    importer = import_records(read_ndjson([json.dumps(row)]), on_reject=rejections.append)

    assert importer.rejected == 1
    assert "is no character of a URI (RFC 3986)" in str(rejections[0].errors["url"])
    assert not Article.objects.exists()
