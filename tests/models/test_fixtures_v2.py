"""Contract v2 through fixtures (``loaddata`` of a small JSON file): status_on, review default, repeats, body."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.core.serializers.base import DeserializationError

from events.models import Article, Attendance, Report

pytestmark = pytest.mark.django_db

REFUSED = (CommandError, DeserializationError, ValidationError)
BODY = "The US had invited Kabul. Kabul's delegation attended the talks."
ARTICLE = ["Reuters", "2025-01-25", "Kabul at the talks"]


def records(*reports, body=BODY):
    return [
        {"model": "events.participant", "fields": {"slug": "afghanistan", "name": "Afghanistan", "kind": "state"}},
        {
            "model": "events.event",
            "fields": {"slug": "talks", "title": "Talks", "kind": "peace_talks", "start_date": "2025-01-22"},
        },
        {
            "model": "events.article",
            "fields": {"title": ARTICLE[2], "publisher": ARTICLE[0], "published_on": ARTICLE[1], "body": body},
        },
        {"model": "events.attendance", "fields": {"event": ["talks"], "participant": ["afghanistan"]}},
        *reports,
    ]


def report(uid, status, reported_on, quote, **fields):
    return {
        "model": "events.report",
        "fields": {
            "uid": uid,
            "attendance": ["talks", "afghanistan"],
            "status": status,
            "reported_on": reported_on,
            "article": ARTICLE,
            "quote": quote,
            **fields,
        },
    }


ATTENDED = report(
    "00000000-0000-4000-8000-000000000001", "attended", "2025-01-23", "Kabul's delegation attended the talks."
)
HAD_INVITED = report(
    "00000000-0000-4000-8000-000000000002",
    "invited",
    "2025-01-25",
    "The US had invited Kabul.",
    status_on="2025-01-10",
)


@pytest.fixture
def load(tmp_path):
    def load(objects, name="fixture.json"):
        path = tmp_path / name
        path.write_text(json.dumps(objects), encoding="utf-8")
        call_command("loaddata", str(path), verbosity=0)

    return load


def test_a_fixture_keeps_the_v2_rule_and_loads_twice(load):
    """Reports naming no review are verified; the late "had invited" leaves attended; a second load changes nothing."""
    load(records(ATTENDED, HAD_INVITED))
    load(records(ATTENDED, HAD_INVITED))
    assert Report.objects.count() == 2
    assert set(Report.objects.values_list("review", flat=True)) == {"verified"}
    attendance = Attendance.objects.get()
    assert (attendance.status, str(attendance.status_date)) == ("attended", "2025-01-23")


def test_a_draft_in_a_fixture_does_not_set_the_status(load):
    """A report loaded as a draft leaves the curated status."""
    load(records({**ATTENDED, "fields": {**ATTENDED["fields"], "review": "draft"}}))
    assert Attendance.objects.get().status == "invited"


def test_a_repeat_with_another_uid_is_refused_naming_the_first(load):
    """Another report with the same content (other uid) is refused, naming the stored one's uid."""
    load(records(ATTENDED))
    repeat = report(
        "00000000-0000-4000-8000-000000000003", "attended", "2025-01-24", "Kabul’s delegation  attended the talks."
    )
    with pytest.raises(REFUSED, match=ATTENDED["fields"]["uid"]):
        load(records(repeat), name="repeat.json")
    assert Report.objects.count() == 1


def test_status_on_after_reported_on_is_refused(load):
    """A fixture's report cannot say its status held after it was stated."""
    late = report("00000000-0000-4000-8000-000000000004", "invited", "2025-01-09", "The US had invited Kabul.")
    late["fields"]["status_on"] = "2025-01-10"
    with pytest.raises(REFUSED, match="status"):
        load(records(late))
    assert not Report.objects.exists()


def test_a_body_over_500000_characters_is_refused_naming_the_limit(load):
    """The article's text limit holds for fixtures."""
    with pytest.raises(REFUSED, match="500,000"):
        load(records(body="x" * 500_001))
    assert not Article.objects.exists()
