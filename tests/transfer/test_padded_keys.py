"""A record named by a natural key written otherwise than it is stored (" kabul " for the participant stored as
"kabul", " Talks " for the article titled "Talks") is found, by ``import_records`` and by ``loaddata`` alike, and a
fixture loaded twice finds its own records the second time (``events.rules.values.as_stored``; review of stop 39)."""

import json

import pytest
from django.core.management import call_command

from events.models import Article, Attendance, Event, Participant, Report
from tests.transfer.test_importer import article, attendance, event, participant, report, run

pytestmark = pytest.mark.django_db

QUOTE = "Kabul said it will not attend the talks"
MODELS = (Participant, Event, Article, Attendance, Report)


def padded_records():
    """Each record names the others by keys padded with white space, as a hand-written file may."""
    return [
        participant(" kabul "),
        event(" moscow-talks "),
        article(title=" Talks ", publisher=" Al Jazeera "),
        attendance(" moscow-talks ", " kabul "),
        report(
            " moscow-talks ",
            " kabul ",
            "declined",
            "2018-08-22",
            QUOTE,
            article=[" Al Jazeera ", "2018-08-22", " Talks "],
            uid="6f1f0c52-8a4e-4c55-9d2e-1b0f3c2a7e10",  # a report's natural key: the same report the second time
        ),
    ]


def assert_stored_once():
    assert [model.objects.count() for model in MODELS] == [1, 1, 1, 1, 1]
    stored = Report.objects.select_related("attendance__event", "attendance__participant", "article").get()
    assert stored.attendance.participant.slug == "kabul"
    assert stored.attendance.event.slug == "moscow-talks"
    assert (stored.article.publisher, stored.article.title) == ("Al Jazeera", "Talks")


def test_an_import_finds_the_records_of_its_own_file_named_by_padded_keys(ndjson):
    run(ndjson(padded_records()))

    assert_stored_once()


def test_an_import_finds_stored_records_named_by_padded_keys(ndjson):
    run(ndjson(padded_records()[:3]))

    run(ndjson(padded_records()[3:]))

    assert_stored_once()


def test_a_fixture_of_padded_keys_loads_and_loads_again_onto_the_same_records(tmp_path):
    """Loaded again, each record is found by its padded key: no second record, no clash of a unique key."""
    path = tmp_path / "padded.json"
    path.write_text(json.dumps(padded_records()), encoding="utf-8")
    call_command("loaddata", str(path), verbosity=0)
    assert_stored_once()
    ids = [sorted(model.objects.values_list("pk", flat=True)) for model in MODELS]

    call_command("loaddata", str(path), verbosity=0)

    assert_stored_once()
    assert [sorted(model.objects.values_list("pk", flat=True)) for model in MODELS] == ids


def test_a_record_stored_with_a_padded_key_is_found_by_that_key_as_it_is(ndjson):
    """A row stored before the rule (or from a dump) keeps its padded key: a file that names it so finds it."""
    run(ndjson(padded_records()[:3]))
    Participant.objects.update(slug=" kabul ")

    run(ndjson(padded_records()[3:]))

    assert Attendance.objects.get().participant.slug == " kabul "
