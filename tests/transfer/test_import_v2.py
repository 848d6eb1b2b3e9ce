"""Contract v2 through the bulk importer (``import_records``): status_on, verified by default, repeats refused."""

import json

import pytest

from events.models import Article, Attendance, Report
from events.models.report import repeat_message
from events.transfer.formats import read_ndjson
from events.transfer.importer import import_records
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

BODY = "The US had invited Kabul. Kabul's delegation attended the talks."
ARTICLE = ["Reuters", "2025-01-25", "Kabul at the talks"]


@pytest.fixture
def attendance():
    article = ArticleFactory(publisher="Reuters", published_on="2025-01-25", title="Kabul at the talks", body=BODY)
    event = EventFactory(slug="talks")
    return AttendanceFactory(
        event=event, participant=ParticipantFactory(slug="afghanistan"), status="considering"
    ), article


def report(status, reported_on, quote, **fields):
    return {
        "model": "events.report",
        "fields": {
            "attendance": ["talks", "afghanistan"],
            "status": status,
            "reported_on": reported_on,
            "article": ARTICLE,
            "quote": quote,
            **fields,
        },
    }


def run(records):
    rejections = []
    importer = import_records(
        read_ndjson(json.dumps(record) + "\n" for record in records), on_reject=rejections.append
    )
    return importer, [str(rejection) for rejection in rejections]


def test_status_on_orders_the_reports_in_bulk(attendance):
    """The import's one-UPDATE refresh follows the day the status held: a late "had invited" changes nothing."""
    attendance, _ = attendance
    _, rejected = run(
        [
            report("attended", "2025-01-23", "Kabul's delegation attended the talks."),
            report("invited", "2025-01-25", "The US had invited Kabul.", status_on="2025-01-10"),
        ]
    )
    assert rejected == []
    attendance.refresh_from_db()
    assert (attendance.status, str(attendance.status_date)) == ("attended", "2025-01-23")
    assert Report.objects.get(status="invited").status_on.isoformat() == "2025-01-10"


def test_imported_reports_naming_no_review_are_verified_and_drafts_do_not_count(attendance):
    """No review given: verified, and it sets the status; a draft leaves it."""
    attendance, _ = attendance
    run([report("invited", "2025-01-20", "The US had invited Kabul.", review="draft")])
    attendance.refresh_from_db()
    assert attendance.status == "considering"
    run([report("attended", "2025-01-23", "Kabul's delegation attended the talks.")])
    assert Report.objects.get(status="attended").review == "verified"
    attendance.refresh_from_db()
    assert attendance.status == "attended"


def test_status_on_after_reported_on_is_refused_with_its_line(attendance):
    """The day the status held may not be after the day it was stated."""
    _, rejected = run([report("invited", "2025-01-20", "The US had invited Kabul.", status_on="2025-01-21")])
    assert len(rejected) == 1 and "line 1: status_on:" in rejected[0]
    assert not Report.objects.exists()


def test_a_repeat_within_the_file_is_refused_naming_both_lines(attendance):
    """The second of two equal reports (quote marks and whitespace aside) is refused: its line and the first's."""
    importer, rejected = run(
        [
            report("invited", "2025-01-20", "The US had invited Kabul."),
            report("invited", "2025-01-21", "The US  had invited Kabul. "),
        ]
    )
    assert rejected == [
        "line 2: quote: This report repeats the report of line 1: the same status, article and quote "
        "for the same attendance."
    ]
    assert importer.rejected == 1 and not Report.objects.exists()


def test_a_repeat_of_a_stored_report_is_refused_naming_its_uid(attendance):
    """A report that repeats one already in the database is refused with the stored report's uid."""
    attendance, article = attendance
    stored = ReportFactory(attendance=attendance, article=article, status="invited", quote="The US had invited Kabul.")
    _, rejected = run([report("invited", "2025-01-25", "The US had invited Kabul.")])
    assert len(rejected) == 1 and rejected[0].startswith("line 1: quote:") and str(stored.uid) in rejected[0]
    assert Report.objects.count() == 1


def test_only_reports_of_one_attendance_article_and_status_are_compared_and_as_the_quote_rule_compares(attendance):
    """Of several stored reports of the same attendance, article and status, the one whose quote is the same
    (quote marks and whitespace aside) is named; the same quote with another status is no repeat."""
    attendance, article = attendance
    ReportFactory(attendance=attendance, article=article, status="invited", quote="Kabul's delegation attended")
    stored = ReportFactory(attendance=attendance, article=article, status="invited", quote="The US had invited Kabul.")
    _, rejected = run(
        [
            report("invited", "2025-01-25", "The US  had\ninvited Kabul."),
            report("considering", "2025-01-25", "The US had invited Kabul."),
            report("considering", "2025-01-25", "Kabul\u2019s delegation attended"),
            report("considering", "2025-01-24", "Kabul's  delegation attended"),
        ]
    )
    assert rejected == [
        f"line 1: quote: {repeat_message(stored.uid)}",
        "line 4: quote: This report repeats the report of line 3: the same status, article and quote "
        "for the same attendance.",
    ]


def test_an_article_body_over_the_limit_is_refused_naming_it(attendance):
    """500,001 characters: refused on the body, the limit named."""
    record = {
        "model": "events.article",
        "fields": {"title": "Long", "publisher": "AFP", "published_on": "2025-01-02", "body": "x" * 500_001},
    }
    _, rejected = run([record])
    assert len(rejected) == 1 and "body:" in rejected[0] and "500,000" in rejected[0]
    assert Article.objects.count() == 1
    assert Attendance.objects.count() == 1
