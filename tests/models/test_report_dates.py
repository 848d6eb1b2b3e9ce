"""An article reports nothing after it is published: a report's ``reported_on`` is at most its article's
``published_on``, and an article is not dated before a report it backs. The rule is the models' ``clean()``, so
the API, the admin, fixtures and ``import_records`` refuse the same records with the same words."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from events.models import Article, Report
from tests.admin.conftest import admin_url
from tests.factories import ArticleFactory, AttendanceFactory, ReportFactory

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.date(2018, 8, 22)
QUOTE = "Kabul will not attend."
REFUSED = f"The article was published on {PUBLISHED}: it reports nothing later."


@pytest.fixture
def article():
    return ArticleFactory(published_on=PUBLISHED, body=QUOTE)


def report_body(article, attendance, reported_on):
    return {
        "attendance": attendance.pk,
        "status": "declined",
        "reported_on": reported_on,
        "article": article.pk,
        "quote": QUOTE,
    }


@pytest.mark.parametrize(("reported_on", "taken"), [("2018-08-21", True), ("2018-08-22", True), ("2018-08-23", False)])
def test_the_api_takes_a_report_up_to_the_day_its_article_was_published(token_client, article, reported_on, taken):
    answer = token_client.post("/api/reports/", report_body(article, AttendanceFactory(), reported_on), format="json")

    if taken:
        assert answer.status_code == 201, answer.content
    else:
        assert (answer.status_code, answer.json()) == (400, {"reported_on": [REFUSED]})
        assert not Report.objects.exists()


def test_a_report_moved_past_its_article_is_refused(token_client, article):
    report = ReportFactory(article=article, quote=QUOTE, reported_on=PUBLISHED)

    answer = token_client.patch(f"/api/reports/{report.pk}/", {"reported_on": "2018-09-01"}, format="json")

    assert (answer.status_code, answer.json()) == (400, {"reported_on": [REFUSED]})


def test_an_article_is_not_dated_before_a_report_it_backs(token_client, article):
    report = ReportFactory(article=article, quote=QUOTE, reported_on=PUBLISHED)

    earlier = token_client.patch(f"/api/articles/{article.pk}/", {"published_on": "2018-08-21"}, format="json")
    later = token_client.patch(f"/api/articles/{article.pk}/", {"published_on": "2018-08-30"}, format="json")

    assert earlier.status_code == 400
    assert earlier.json() == {
        "published_on": [f"Report {report.uid} of this article was stated on {PUBLISHED}, later."]
    }
    assert later.status_code == 200, later.content


def test_the_admin_refuses_it_on_the_field(admin_client, article):
    attendance = AttendanceFactory()
    data = {**report_body(article, attendance, "2018-08-23"), "review": "verified", "speaker": "", "via": ""}

    answer = admin_client.post(admin_url(Report, "add"), {**data, "_save": "Save"})

    assert answer.status_code == 200
    assert answer.context["adminform"].form.errors == {"reported_on": [REFUSED]}
    assert not Report.objects.exists()


def records(reported_on):
    """NDJSON records: an article of PUBLISHED and a report of it stated on ``reported_on``."""
    rows = [
        {"model": "events.participant", "fields": {"slug": "kabul", "name": "Kabul", "kind": "government"}},
        {
            "model": "events.event",
            "fields": {"slug": "talks", "title": "Talks", "kind": "meeting", "start_date": "2018-09-04"},
        },
        {
            "model": "events.article",
            "fields": {"title": "T", "publisher": "AP", "published_on": str(PUBLISHED), "body": QUOTE},
        },
        {"model": "events.attendance", "fields": {"event": ["talks"], "participant": ["kabul"]}},
        {
            "model": "events.report",
            "fields": {
                "attendance": ["talks", "kabul"],
                "status": "declined",
                "reported_on": reported_on,
                "article": ["AP", str(PUBLISHED), "T"],
                "quote": QUOTE,
            },
        },
    ]
    return "".join(json.dumps(row) + "\n" for row in rows)


def test_an_import_is_refused_by_line_and_field(tmp_path, capsys):
    path = tmp_path / "records.ndjson"
    path.write_text(records("2018-08-23"))

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)

    assert f"records.ndjson line 5: reported_on: {REFUSED}" in capsys.readouterr().err
    assert not Article.objects.exists()

    path.write_text(records(str(PUBLISHED)))
    call_command("import_records", str(path), no_progress=True)
    assert Report.objects.count() == 1


def test_a_fixture_is_refused_by_line_and_field(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(records("2018-08-23"))

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)

    assert str(refused.value).startswith(f"{path}, line 5 ")
    assert str(refused.value).endswith(f": reported_on: {REFUSED}")
    assert not Article.objects.exists()
