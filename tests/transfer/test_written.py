"""The natural keys of the rows an import wrote: ids where the records after them read nothing else of a row."""

import pytest

from events.models import Article, Attendance, Event, Report
from events.transfer import written
from events.transfer.written import WrittenKeys
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ReportFactory

pytestmark = pytest.mark.django_db


def links_of(attendances):
    """The natural keys of the attendances' relations, as a record gives them."""
    event, participant = Attendance._meta.get_field("event"), Attendance._meta.get_field("participant")
    return [{event: (row.event.slug,), participant: (row.participant.slug,)} for row in attendances]


def test_an_attendance_is_kept_by_its_id_and_an_event_or_an_article_whole():
    attendances = AttendanceFactory.create_batch(3)
    events, articles = [row.event for row in attendances], ArticleFactory.create_batch(2)
    keys = WrittenKeys()
    keys.remember(Attendance, attendances, links_of(attendances), good={0, 2})
    keys.remember(Event, events, [{}] * 3, good={0, 1, 2})
    keys.remember(Article, articles, [{}] * 2, good={0, 1})

    wanted = {(row.event.slug, row.participant.slug) for row in attendances}
    assert keys.found(Attendance, wanted) == {
        (row.event.slug, row.participant.slug): row.pk for row in (attendances[0], attendances[2])
    }
    assert keys.found(Event, {(events[1].slug,)}) == {(events[1].slug,): events[1]}
    assert keys.found(Article, {articles[0].natural_key()}) == {articles[0].natural_key(): articles[0]}


def test_nothing_refers_to_a_report_so_none_is_kept():
    reports = ReportFactory.create_batch(2)
    keys = WrittenKeys()
    keys.remember(Report, reports, [{}] * 2, good={0, 1})
    assert keys.by_model[Report] == {}


def test_past_the_limit_the_rows_kept_are_forgotten(monkeypatch):
    monkeypatch.setattr(written, "MOST_IDS", 2)
    attendances = AttendanceFactory.create_batch(4)
    keys = WrittenKeys()
    for index in range(4):
        keys.remember(Attendance, [attendances[index]], links_of([attendances[index]]), good={0})
    assert set(keys.by_model[Attendance].values()) == {attendances[3].pk}
    events = [EventFactory()]
    keys.remember(Event, events, [{}], good={0})
    assert keys.by_model[Event] == {(events[0].slug,): events[0]}
