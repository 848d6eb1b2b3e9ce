"""`manage.py seed`, which `make run` calls: the seed fixture goes only into a database with no events."""

import io

import pytest
from django.core.management import call_command

from events.models import Attendance, Event, Participant, Report

pytestmark = pytest.mark.django_db


def seed():
    """Run the command; its output."""
    out = io.StringIO()
    call_command("seed", stdout=out)
    return out.getvalue()


def test_seed_loads_the_fixture_into_a_database_with_no_events():
    """On an empty database the seed's events, attendances and reports are loaded, and it says so."""
    output = seed()

    assert Event.objects.filter(slug="moscow-talks-2018").exists()
    assert Attendance.objects.filter(event__slug="moscow-talks-2018").exists()
    assert Report.objects.exists()
    assert f"loaded the seed fixture ({Event.objects.count()} events)" in output


def test_seed_keeps_a_curators_edit():
    """Over a seeded database whose event a curator edited, it changes nothing and says why."""
    seed()
    event = Event.objects.get(slug="moscow-talks-2018")
    event.title = "Moscow format talks (edited)"
    event.save()
    rows = (Event.objects.count(), Attendance.objects.count(), Report.objects.count())

    output = seed()

    event.refresh_from_db()
    assert event.title == "Moscow format talks (edited)"
    assert (Event.objects.count(), Attendance.objects.count(), Report.objects.count()) == rows
    assert "the seed fixture is not loaded, nothing changed" in output


def test_seed_leaves_a_database_alone_once_the_seed_events_are_deleted():
    """A database with other events but none of the seed's is a curator's too: nothing is loaded."""
    seed()
    Report.objects.all().delete()
    Attendance.objects.all().delete()
    Event.objects.exclude(slug="moscow-talks-2018").delete()

    seed()

    assert list(Event.objects.values_list("slug", flat=True)) == ["moscow-talks-2018"]


def test_seed_leaves_a_database_with_no_events_but_curated_participants_alone():
    """Tester 33, J22: a curator deleted every event, keeping participants whose aliases they had merged; the next
    ``make run`` loaded the seed again, and put the seed's aliases back over theirs."""
    seed()
    Report.objects.all().delete()
    Attendance.objects.all().delete()
    Event.objects.all().delete()
    russia = Participant.objects.get(slug="russia")
    russia.aliases = [*russia.aliases, "Russian Federation gov"]
    russia.save()

    output = seed()

    assert not Event.objects.exists()
    assert "Russian Federation gov" in Participant.objects.get(slug="russia").aliases
    assert "The database holds records (" in output and "participants" in output
