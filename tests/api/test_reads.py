"""The lean JSON reads answer exactly what the serializers answer, in a number of queries that does not grow."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer
from rest_framework.test import APIRequestFactory

from events.api import mixins, pagination, reads, serializers, views
from events.models import Article, Attendance, Event, Participant, Report
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory


def drf_json(serializer_class, records, many=True, path="/api/"):
    """What the serializer (the contract) answers for ``records``, through DRF's own JSON renderer."""
    request = APIRequestFactory().get(path)
    data = serializer_class(records, many=many, context={"request": request}).data
    return json.loads(DRFJSONRenderer().render(data))


@pytest.fixture
def varied(populate):
    """Records with every optional value both set and empty: end dates, hosts, speakers, URLs, countries."""
    events = populate(3, attendances=3, reports=2)
    events[0].end_date = events[0].start_date + datetime.timedelta(days=2)
    events[0].host = None
    events[0].country = ""
    events[0].description = "Talks in Doha — «non-ASCII» text"
    events[0].save()
    Report.objects.filter(attendance__event=events[1]).update(speaker=None, via="Reuters")
    Article.objects.filter(reports__attendance__event=events[2]).update(url="")
    return events


@pytest.mark.django_db
def test_event_list_is_the_serializers(api_client, varied):
    """The event list's JSON equals the EventSerializer's, row for row."""
    response = api_client.get("/api/events/", {"page_size": 500})

    assert response.json()["results"] == drf_json(serializers.EventSerializer, Event.objects.for_listing())


@pytest.mark.django_db
def test_event_list_expanded_nests_attendances_as_the_detail_does(api_client, varied):
    """``?expand=attendances`` nests each event's attendances, in JSON as in the serializer path."""
    response = api_client.get("/api/events/", {"expand": "attendances"})

    expected = drf_json(serializers.EventWithAttendancesSerializer, Event.objects.for_detail())
    assert response.json()["results"] == expected
    assert [len(event["attendances"]) for event in expected] == [3, 3, 3]
    assert api_client.get("/api/events/", {"expand": "reports"}).status_code == 400


@pytest.mark.django_db
def test_event_list_expanded_as_csv_uses_the_serializer(api_client, varied):
    """Other formats keep the serializer path, expand included."""
    response = api_client.get("/api/events/", {"expand": "attendances", "format": "csv"})

    assert response.status_code == 200
    assert response.content.decode().splitlines()[0].endswith(",attendances")


@pytest.mark.django_db
def test_event_detail_is_the_serializers(api_client, varied):
    for event in Event.objects.for_detail():
        response = api_client.get(f"/api/events/{event.slug}/")

        assert response.json() == drf_json(serializers.EventDetailSerializer, event, many=False)


@pytest.mark.django_db
def test_attendance_list_and_detail_are_the_serializers(api_client, varied):
    response = api_client.get("/api/attendances/", {"page_size": 500})

    assert response.json()["results"] == drf_json(serializers.AttendanceSerializer, Attendance.objects.for_listing())
    for attendance in Attendance.objects.for_detail():
        detail = api_client.get(f"/api/attendances/{attendance.pk}/").json()
        assert detail == drf_json(serializers.AttendanceDetailSerializer, attendance, many=False)


@pytest.mark.django_db
def test_report_list_detail_and_timeline_are_the_serializers(api_client, varied):
    response = api_client.get("/api/reports/", {"page_size": 500})

    assert response.json()["results"] == drf_json(serializers.ReportSerializer, Report.objects.for_listing())
    report = Report.objects.for_detail().filter(speaker=None).first()
    assert api_client.get(f"/api/reports/{report.pk}/").json() == drf_json(
        serializers.ReportSerializer, report, many=False
    )
    event = varied[1]
    timeline = Report.objects.for_listing().filter(attendance__event=event).order_by("reported_on", "pk")
    response = api_client.get(f"/api/events/{event.slug}/timeline/")
    assert response.json()["results"] == drf_json(serializers.ReportSerializer, timeline)


@pytest.mark.django_db
def test_participant_list_and_detail_are_the_serializers(api_client, varied):
    """Aliases (a JSON list), an affiliation or none, a country or none: as the serializers answer them."""
    ParticipantFactory(slug="un", name="United Nations", kind="organisation", aliases=["UN", "ONU"])
    Participant.objects.filter(pk=varied[0].attendances.first().participant_id).update(country="AF")
    response = api_client.get("/api/participants/", {"page_size": 500})

    listed = Participant.objects.for_listing()
    assert response.json()["results"] == drf_json(serializers.ParticipantSerializer, listed)
    assert {len(row["aliases"]) for row in response.json()["results"]} == {0, 2}
    assert {row["country"] for row in response.json()["results"]} == {"", "AF"}
    for participant in Participant.objects.for_detail():
        detail = api_client.get(f"/api/participants/{participant.slug}/").json()
        assert detail == drf_json(serializers.ParticipantDetailSerializer, participant, many=False)


@pytest.mark.django_db
def test_a_list_counts_its_records_not_the_joins_of_its_rows(api_client, varied, django_assert_num_queries):
    """The count of a filtered list reads no table that only the rows' columns (slugs, names) need."""
    participant = varied[0].attendances.first().participant
    Attendance.objects.create(event=varied[1], participant=participant)

    with django_assert_num_queries(4) as queries:  # the change log (ETag), the slug checked, the page, the count
        response = api_client.get("/api/attendances/", {"participant": participant.slug, "page_size": 1})

    assert response.json()["count"] == 2
    (count,) = [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"]]
    assert "events_event" not in count and "JOIN" not in count


@pytest.mark.django_db
def test_a_filter_on_a_detail_is_a_400(api_client, varied):
    """A detail takes no filter (its schema documents none): one given is a 400 naming it."""
    response = api_client.get(f"/api/events/{varied[1].slug}/", {"kind": "summit"})

    assert response.status_code == 400
    assert response.json() == {"kind": ["Unknown query parameter. Valid parameters here: fields, format."]}


@pytest.mark.django_db
def test_browsable_api_keeps_the_serializer(api_client, varied):
    response = api_client.get("/api/events/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert b"Event List" in response.content


@pytest.mark.django_db
def test_indented_json_is_left_to_drf(api_client, varied):
    response = api_client.get("/api/events/", HTTP_ACCEPT="application/json; indent=4")

    assert response.content.startswith(b'{\n    "count": 3')


# ------------------------------------------------------------------------------
# Query counts: the same for a page of 10 as for a page of 500
# ------------------------------------------------------------------------------
@pytest.fixture
def many(db):
    """600 reports on 300 attendances of 30 events, written in bulk (the status rule is not the point here)."""
    host = ParticipantFactory(affiliation=ParticipantFactory())
    events = Event.objects.bulk_create(
        EventFactory.build(host=host, start_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n))
        for n in range(30)
    )
    participants = Participant.objects.bulk_create(ParticipantFactory.build() for _ in range(300))
    attendances = Attendance.objects.bulk_create(
        Attendance(event=events[n % 30], participant=participant) for n, participant in enumerate(participants)
    )
    article = ArticleFactory()
    Report.objects.bulk_create(
        ReportFactory.build(attendance=attendance, article=article, speaker=host, reported_on=day)
        for attendance in attendances
        for day in (datetime.date(2018, 8, 1), datetime.date(2018, 8, 2))
    )
    return events


QUERIES = [
    # path, extra parameters, queries: the change log's state (the ETag), the count and the page, plus one
    # per nested list (a page that is not full tells the count: one query fewer)
    ("/api/events/", {}, 3),
    ("/api/events/", {"expand": "attendances"}, 4),
    ("/api/participants/", {}, 3),
    ("/api/participants/", {"search": "participant"}, 3),
    ("/api/attendances/", {}, 3),
    ("/api/reports/", {}, 3),
    ("/api/reports/", {"event": "__first__"}, 4),  # the slug filter checks the event exists
    ("/api/events/__first__/timeline/", {}, 4),
]


@pytest.mark.parametrize(("path", "params", "queries"), QUERIES)
@pytest.mark.parametrize("page_size", [10, 500])
def test_list_queries_do_not_grow_with_the_page(api_client, many, path, params, queries, page_size):
    slug = many[0].slug
    path = path.replace("__first__", slug)
    params = {key: value.replace("__first__", slug) for key, value in params.items()}

    with CaptureQueriesContext(connection) as captured:
        response = api_client.get(path, {**params, "page_size": page_size})

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, response.json()["count"])
    assert response.json()["count"] >= 20
    full = response.json()["count"] >= page_size
    assert len(captured) == (queries if full else queries - 1)


@pytest.mark.parametrize("page_size", [10, 500])
def test_cursor_pages_cost_one_query(api_client, django_assert_num_queries, many, page_size):
    """A keyset page has no count: one query, however deep (and the change log's state, for its ETag)."""
    first = api_client.get("/api/reports/", {"cursor": "", "page_size": page_size}).json()

    with django_assert_num_queries(2):
        response = api_client.get(first["next"])

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, 600 - page_size)


@pytest.mark.parametrize(
    ("path", "queries"),
    # Each with the change log's state, for its ETag.
    [
        ("/api/events/{event}/", 4),
        ("/api/participants/{participant}/", 3),
        ("/api/attendances/{attendance}/", 3),
        ("/api/reports/{report}/", 2),
    ],
)
def test_detail_queries_do_not_grow(api_client, django_assert_num_queries, many, path, queries):
    attendance = Attendance.objects.filter(event=many[0]).first()
    Attendance.objects.bulk_create(Attendance(event=event, participant=attendance.participant) for event in many[1:])
    path = path.format(
        event=many[0].slug,
        participant=attendance.participant.slug,
        attendance=attendance.pk,
        report=attendance.reports.first().pk,
    )

    with django_assert_num_queries(queries):
        response = api_client.get(path)

    assert response.status_code == 200


# ------------------------------------------------------------------------------
# Details read by a query compiled once (events.api.reads.Prepared)
# ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_detail_read_is_compiled_once_for_every_key(api_client, varied, monkeypatch):
    """The second and later details run the SQL compiled for the first, and still answer their own record."""
    compiled = []
    compile_ = reads.Prepared.compile
    monkeypatch.setattr(reads.Prepared, "compile", lambda self: compiled.append(self) or compile_(self))
    for prepared in [
        *reads.EVENT_ATTENDANCES.values(),
        *reads.EVENT_ARTICLES.values(),
        *reads.ATTENDANCE_REPORTS.values(),
    ]:
        monkeypatch.setattr(prepared, "statement", None)
    monkeypatch.setattr(views.EventViewSet.lean, "prepared", {})

    answers = [api_client.get(f"/api/events/{event.slug}/").json() for event in Event.objects.for_detail()]

    assert len(compiled) == 3  # the event, its attendances, its articles: once each
    expected = [drf_json(serializers.EventDetailSerializer, event, many=False) for event in Event.objects.for_detail()]
    assert answers == expected


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["0", str(2**63), "9" * 30])
def test_a_key_no_record_has_is_404_by_the_compiled_read(api_client, varied, key):
    response = api_client.get(f"/api/attendances/{key}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No Attendance matches the given query."}


def test_a_read_whose_key_is_no_single_parameter_is_run_as_built(db):
    """Should the placeholder not show as one parameter, the read falls back to its queryset."""
    field = Event._meta.get_field("slug")
    prepared = reads.Prepared(lambda slug: Event.objects.filter(slug=slug, title=slug).values_list("id"), field)
    event = EventFactory(slug="same", title="same")

    assert prepared.rows("same") == [(event.pk,)]
    assert prepared.statement[1] is None


@pytest.mark.django_db
def test_a_list_page_with_no_filter_is_compiled_once_and_reads_the_rows_of_the_moment(api_client, varied, monkeypatch):
    compiled = []
    init = reads.Statement.__init__
    monkeypatch.setattr(reads.Statement, "__init__", lambda self, queryset: compiled.append(1) or init(self, queryset))
    monkeypatch.setattr(reads, "COMPILED_PAGES", reads.CompiledPages())
    monkeypatch.setattr(pagination, "COMPILED_PAGES", reads.COMPILED_PAGES)
    first = api_client.get("/api/events/", {"page_size": 2}).json()
    newest = EventFactory(start_date=datetime.date(2100, 1, 1))

    second = api_client.get("/api/events/", {"page_size": 2}).json()

    assert len(compiled) == 1
    assert [event["id"] for event in second["results"]] == [newest.pk, first["results"][0]["id"]]
    assert second["results"][1] == first["results"][0]


@pytest.mark.django_db
def test_a_filtered_list_is_not_compiled_for_everyone(api_client, varied, monkeypatch):
    monkeypatch.setattr(pagination, "COMPILED_PAGES", reads.CompiledPages())

    api_client.get("/api/events/", {"kind": "summit"})
    api_client.get(f"/api/events/{varied[0].slug}/timeline/")

    assert pagination.COMPILED_PAGES.statements == {}


@pytest.mark.django_db
def test_an_empty_list_page_is_compiled_as_empty(api_client):
    assert api_client.get("/api/events/").json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert api_client.get("/api/events/").json()["results"] == []


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "2018-08-22 12:00:00",
        "2018-08-22 12:00:00.123456",
        "2018-08-22T12:00:00+02:00",
        datetime.datetime(2018, 8, 22, 12, 0),
        datetime.datetime(2018, 8, 22, 12, 0, tzinfo=datetime.UTC),
    ],
)
def test_the_quicker_datetime_converter_gives_what_djangos_gives(db, stored):
    from django.db import connection as default

    if default.vendor != "sqlite":
        pytest.skip("a converter of SQLite's datetime text")
    django_converter = default.ops.convert_datetimefield_value

    assert reads.quicker(django_converter, default) is reads.utc_datetime
    assert reads.utc_datetime(stored, None, default) == django_converter(stored, None, default)
    if stored is not None:
        assert reads.utc_datetime(stored, None, default).tzinfo is not None


@pytest.mark.django_db
def test_nested_records_in_a_csv_cell_are_their_json(api_client):
    """Tester 35, L8: an event's attendances in one cell were joined with ``|``, records and fields alike, which a
    value holding ``|`` or ``key=`` made ambiguous. Each such cell is the JSON the list or detail answers."""
    event = EventFactory(slug="talks-x", title="Talks | X")
    for slug in ("alpha", "beta"):
        AttendanceFactory(event=event, participant=ParticipantFactory(slug=slug, name=f"{slug}|status=declined"))
    ParticipantFactory(slug="gamma", aliases=["Gamma", "G"])

    for address, query in [("/api/events/", {"expand": "attendances"}), ("/api/events/talks-x/", {})]:
        as_json = api_client.get(address, query).json()
        row = next(csv.DictReader(io.StringIO(api_client.get(address, {**query, "format": "csv"}).content.decode())))
        expected = as_json["results"][0]["attendances"] if "results" in as_json else as_json["attendances"]
        assert json.loads(row["attendances"]) == expected
    [participant] = csv.DictReader(
        io.StringIO(api_client.get("/api/participants/gamma/", {"format": "csv"}).content.decode())
    )
    assert participant["aliases"] == "Gamma|G"  # a list of names keeps its separator, which no name holds


@pytest.mark.django_db
def test_the_queryset_a_detail_starts_from_is_kept_by_audience_and_never_read(api_client, token_client):
    """``LeanReads.base`` keeps one queryset per view class and audience: an event awaiting review stays a 404 for
    the public and found for a curator, read after one another twice, and a record made after it was kept is found."""
    hidden = EventFactory(slug="hidden-talks")
    Event.objects.filter(pk=hidden.pk).update(awaiting_review=True)
    url = "/api/events/{}/"
    for _ in range(2):
        assert api_client.get(url.format("hidden-talks")).status_code == 404
        assert token_client.get(url.format("hidden-talks")).status_code == 200
    EventFactory(slug="later-talks")
    assert api_client.get(url.format("later-talks")).json()["slug"] == "later-talks"
    kept = {key: queryset for key, queryset in mixins.LeanReadMixin.lean_bases.items() if key[0] is views.EventViewSet}
    assert {audience for (_, audience) in kept} >= {"public", "curator"}
    assert all(queryset._result_cache is None for queryset in kept.values())
