"""Slugs are written in lower case, and an article's language tag is kept in the case BCP 47 recommends, at every
entry point: the API, the admin, the import and fixtures (tester 41, F9 and F10)."""

import json

import pytest
from django.core.management import call_command

from events.models import Article, Participant
from events.rules.languages import recommended_case
from tests.admin.conftest import admin_url, article_form_data
from tests.admin.test_aliases import participant_data
from tests.factories import ArticleFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

UPPER_SLUG = "Write a slug in lower case: “moscow-talks”, not “Moscow-Talks”."


@pytest.mark.parametrize(
    ("tag", "stored"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en-us", "en-US"),
        ("PT-br", "pt-BR"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("SR-LATN", "sr-Latn"),
        ("es-419", "es-419"),
        ("de-CH-1901", "de-CH-1901"),
        ("en-US-x-twain", "en-US-x-twain"),
        ("X-AB-CD", "x-ab-cd"),  # a private use tag: lower case throughout
        ("I-KLINGON", "i-klingon"),
        ("EN-us-U-CA-gregory", "en-US-u-ca-gregory"),
    ],
)
def test_a_language_tag_takes_the_recommended_case(tag, stored):
    assert recommended_case(tag) == stored


@pytest.mark.parametrize("resource", ["events", "participants"])
def test_the_api_refuses_a_slug_with_a_capital_naming_slug(token_client, resource):
    body = (
        {"title": "Talks", "kind": "meeting", "start_date": "2018-09-04"}
        if resource == "events"
        else {"name": "Talks", "kind": "organization"}
    )
    answer = token_client.post(f"/api/{resource}/", {**body, "slug": "Moscow-Talks"}, format="json")

    assert (answer.status_code, answer.json()) == (400, {"slug": [UPPER_SLUG]})
    assert token_client.post(f"/api/{resource}/", {**body, "slug": "moscow-talks"}, format="json").status_code == 201


def test_a_slug_differing_only_in_case_never_makes_a_second_record(token_client):
    ParticipantFactory(slug="moscow-talks")

    answer = token_client.patch("/api/participants/moscow-talks/", {"slug": "Moscow-Talks"}, format="json")

    assert (answer.status_code, answer.json()) == (400, {"slug": [UPPER_SLUG]})
    assert list(Participant.objects.values_list("slug", flat=True)) == ["moscow-talks"]


def test_the_admin_refuses_a_slug_with_a_capital(admin_client):
    response = admin_client.post(admin_url(Participant, "add"), participant_data([], slug="Moscow-Talks"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"slug": [UPPER_SLUG]}
    assert not Participant.objects.exists()


ARTICLE = {"title": "Talks open", "publisher": "Wire", "published_on": "2020-01-01", "body": "Talks opened."}


@pytest.mark.parametrize(("given", "stored"), [("EN", "en"), ("en-us", "en-US"), ("Pt-Br", "pt-BR")])
def test_the_api_takes_a_language_in_any_case_and_stores_the_recommended_one(token_client, given, stored):
    answer = token_client.post("/api/articles/", {**ARTICLE, "language": given}, format="json")

    assert answer.status_code == 201, answer.content
    assert answer.json()["language"] == stored
    assert Article.objects.get().language == stored


@pytest.mark.parametrize(
    "tag",
    [
        "english!",
        "xx-invalid-tag-toolong",  # tester 44, D9: "tag", after a variant, is no subtag RFC 5646 allows there
        "en--US",
        "en-US-",
        "en-x",  # a private use with no subtag
        "en-u",  # an extension with no subtag
        "abcdefghi",  # a language of nine letters
        "english",  # five to eight letters: reserved for registration, none registered
        "engl",  # four letters: reserved
        "i-notgrandfathered",
        "en-a-bb-\u0661\u0662",  # digits beyond ASCII
    ],
)
def test_the_api_refuses_what_is_no_language_tag(token_client, tag):
    answer = token_client.post("/api/articles/", {**ARTICLE, "language": tag}, format="json")

    assert (answer.status_code, answer.json()) == (
        400,
        {"language": ["Enter a language code such as en, ru, ps or pt-BR (BCP 47)."]},
    )
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("en-US-u-ca-gregory", "en-US-u-ca-gregory"),  # tester 44, D9: an extension
        ("x-private", "x-private"),  # a private use tag alone
        ("i-klingon", "i-klingon"),  # grandfathered
        ("ZH-MIN-NAN", "zh-min-nan"),
        ("zh-yue-HK", "zh-yue-HK"),  # an extended language
        ("sl-rozaj-biske-1994", "sl-rozaj-biske-1994"),  # variants
        ("qaa-Qaaa-QM-x-southern", "qaa-Qaaa-QM-x-southern"),
    ],
)
def test_the_api_takes_every_well_formed_tag(token_client, given, stored):
    answer = token_client.post("/api/articles/", {**ARTICLE, "language": given}, format="json")

    assert answer.status_code == 201, answer.json()
    assert Article.objects.get().language == stored


def test_the_admin_stores_the_recommended_case(admin_client):
    article = ArticleFactory(language="en")
    data = article_form_data(article, language="EN-gb", opened_version=article.version)
    response = admin_client.post(admin_url(Article, "change", article.pk), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.language == "en-GB"


def test_an_import_and_a_fixture_store_the_recommended_case(tmp_path):
    fields = {**ARTICLE, "language": "EN-us"}
    path = tmp_path / "records.ndjson"
    path.write_text(json.dumps({"model": "events.article", "fields": fields}) + "\n")
    call_command("import_records", str(path), no_progress=True)
    assert Article.objects.get().language == "en-US"

    Article.objects.all().delete()
    call_command("loaddata", str(path.rename(tmp_path / "records.jsonl")), verbosity=0)
    assert Article.objects.get().language == "en-US"


def test_a_slug_with_capitals_a_record_already_holds_stays_its_own(token_client, tmp_path):
    """Written before the rule: the record is still edited, and a dump of it loaded again (a new one is refused)."""
    participant = ParticipantFactory(slug="old")
    Participant.objects.filter(pk=participant.pk).update(slug="Old-Talks")

    answer = token_client.patch("/api/participants/Old-Talks/", {"description": "Still here."}, format="json")
    assert answer.status_code == 200, answer.json()

    dump = tmp_path / "dump.json"
    call_command("dumpdata", "events.participant", output=str(dump))
    Participant.objects.all().delete()
    call_command("loaddata", str(dump), verbosity=0)  # a dump is a stored state: loaded as it was
    assert Participant.objects.get(slug="Old-Talks").description == "Still here."
