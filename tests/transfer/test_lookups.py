"""A batch's lookups in one parameter: ``filter_in`` finds the rows Django's ``__in`` finds, ``filter_rows_in``
the rows holding one of the tuples given, and natural keys of several parts are found by them."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.db.models import Q

from events.models import Article, Attendance, Report
from events.models.changes import array_parameter
from events.transfer.keyed import find_by_natural_keys
from events.transfer.lookups import filter_in, filter_rows_in
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "lookup", "values_of"),
    [
        (Report, "uid", lambda reports: [reports[0].uid, uuid.uuid4(), reports[2].uid]),
        (Report, "quote", lambda reports: [reports[1].quote, "nobody said this"]),
        (Report, "attendance_id", lambda reports: [reports[0].attendance_id, 10**9]),
        (Attendance, "event__slug", lambda reports: [reports[2].attendance.event.slug, "no-such-event"]),
        (Report, "reported_on", lambda reports: [reports[0].reported_on]),  # a date: Django's own __in
    ],
)
def test_filter_in_finds_what_django_in_finds(model, lookup, values_of):
    reports = ReportFactory.create_batch(3)
    values = values_of(reports)
    expected = set(model.objects.filter(**{f"{lookup}__in": values}).values_list("pk", flat=True))
    assert expected
    assert set(filter_in(model.objects.all(), lookup, values).values_list("pk", flat=True)) == expected


@pytest.fixture
def two_by_two():
    """Two events and two participants, and three of their four attendances: (b, q) is not one."""
    a, b = EventFactory.create_batch(2)
    p, q = ParticipantFactory.create_batch(2)
    return {pair: AttendanceFactory(event=pair[0], participant=pair[1]) for pair in [(a, p), (a, q), (b, p)]}, (
        a,
        b,
        p,
        q,
    )


def test_filter_rows_in_finds_the_rows_given_not_their_combinations(two_by_two):
    attendances, (a, b, p, q) = two_by_two
    rows = [(a.pk, q.pk), (b.pk, q.pk), (b.pk, None), (10**9, p.pk)]  # (b, q): no such row; None: matches nothing
    found = filter_rows_in(Attendance.objects.all(), ["event_id", "participant_id"], rows)
    assert list(found) == [attendances[a, q]]
    expected = Attendance.objects.filter(Q(event=a, participant=q) | Q(event=b, participant=q) | Q(event_id=10**9))
    assert set(found) == set(expected)
    assert not filter_rows_in(Attendance.objects.all(), ["event_id", "participant_id"], [(b.pk, None)]).exists()


def test_filter_rows_in_compares_dates_and_text_as_the_columns_hold_them():
    one, other = ArticleFactory(published_on=datetime.date(2024, 2, 29)), ArticleFactory()
    rows = [
        (one.publisher, datetime.date(2024, 2, 29), one.title),
        (other.publisher, datetime.date(2024, 2, 29), other.title),  # another day
        (one.publisher.upper(), one.published_on, one.title),  # another case
    ]
    assert list(filter_rows_in(Article.objects.all(), ["publisher", "published_on", "title"], rows)) == [one]


def test_filter_rows_in_probes_the_unique_index_on_sqlite(two_by_two):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; on PostgreSQL tables this small are read whole")
    attendances, _ = two_by_two
    rows = [(attendance.event_id, attendance.participant_id) for attendance in attendances.values()]
    plan = filter_rows_in(Attendance.objects.all(), ["event_id", "participant_id"], rows).explain()
    assert re.search(r"SEARCH .*\((event_id=\? AND participant_id|participant_id=\? AND event_id)=\?\)", plan), plan


def test_natural_keys_of_several_parts_find_only_the_keys_asked_for(two_by_two):
    attendances, (a, b, p, q) = two_by_two
    keys = {(a.slug, q.slug), (b.slug, q.slug), (b.slug, "nobody"), ("no-such-event", p.slug)}
    assert {key: found.pk for key, found in find_by_natural_keys(Attendance, keys).items()} == {
        (a.slug, q.slug): attendances[a, q].pk
    }


def test_a_natural_key_part_its_column_cannot_hold_finds_nothing_without_an_error():
    article = ArticleFactory()
    given = (article.publisher, str(article.published_on), article.title)
    keys = {given, (article.publisher, "2024-02-30", article.title), (article.publisher, "soon", article.title)}
    assert {key: found.pk for key, found in find_by_natural_keys(Article, keys).items()} == {given: article.pk}


TEXTS_AN_ARRAY_QUOTES = [
    "",
    "NULL",
    "a,b",
    "{braces}",
    'a "quote"',
    "back\\slash\\",
    " spaces ",
    "tab\tline\n",
    "l'été 🙂",
]


@pytest.mark.parametrize(
    ("values", "array_type"),
    [
        ([3, -1, 10**12], "bigint"),
        (TEXTS_AN_ARRAY_QUOTES, "text"),
        ([uuid.uuid4(), uuid.uuid4()], "uuid"),
        ([datetime.date(2018, 8, 22), datetime.date(1, 1, 1)], "date"),
        ([1.5, 2.0], "float8"),  # left to psycopg
        ([], "bigint"),
    ],
)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's arrays")
def test_an_array_parameter_is_the_array_of_its_values(values, array_type):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT %s::{array_type}[]", [array_parameter(values)])
        assert cursor.fetchone()[0] == values


def test_filter_in_finds_texts_that_an_array_must_quote():
    articles = [ArticleFactory(title=title) for title in TEXTS_AN_ARRAY_QUOTES if title.strip()]
    found = filter_in(Article.objects.all(), "title", TEXTS_AN_ARRAY_QUOTES)
    assert sorted(found.values_list("pk", flat=True)) == sorted(article.pk for article in articles)
