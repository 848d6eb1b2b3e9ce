"""Prepared lists (events/api/prepared.py) answer what the ORM's reads answer, and compile nothing the second time."""

from unittest import mock

import pytest
from django.db.models.sql.compiler import SQLCompiler

from events.api import pagination
from events.api.prepared import PREPARED_LISTS
from events.models import Attendance, Participant
from tests.factories import ParticipantFactory


@pytest.fixture
def listed(populate, settings):
    """Three events, their attendances and reports; participants whose names hold LIKE's special characters."""
    settings.KEPT_ANSWER_BYTES = 0  # every answer read afresh
    events = populate(3, attendances=3, reports=2)
    for number, name in enumerate(["A 100% turnout", "Under_score", "Back\\slash", "Plain 100"]):
        ParticipantFactory(slug=f"special-{number}", name=name, aliases=[f"alias {name}"])
    ParticipantFactory(slug="two-lines", name="Two lines", aliases=["first alias", "second alias"])
    Attendance.objects.filter(pk=Attendance.objects.order_by("pk")[0].pk).update(status="confirmed")
    return events


def the_orm_way(client, path, params):
    """The answer with no prepared list: every filter, page and count built by the ORM."""
    with mock.patch.object(PREPARED_LISTS, "rows", return_value=None):
        return client.get(path, params)


def requests(events):
    participant = Attendance.objects.filter(event=events[0]).order_by("pk")[0].participant.slug
    other = Attendance.objects.filter(event=events[1]).order_by("pk")[0].participant.slug
    return [
        ("/api/attendances/", {"participant": participant}),
        ("/api/attendances/", {"participant": other, "page_size": 1, "page": 1}),
        ("/api/attendances/", {"event": events[2].slug, "status": ["confirmed", "invited"], "ordering": "-status"}),
        ("/api/attendances/", {"participant": "no-such-participant"}),
        ("/api/attendances/", {"participant": "", "page_size": 2, "page": 2}),
        ("/api/reports/", {"event": events[0].slug}),
        ("/api/reports/", {"event": events[1].slug, "participant": participant, "fields": "id,quote"}),
        ("/api/events/", {"country": "ru"}),
        ("/api/events/", {"country": "Kazakhstan"}),
        ("/api/events/", {"participant": participant, "participant_status": "confirmed"}),
        *[
            ("/api/participants/", {"search": text})
            for text in ("100%", "100", "r_s", "_", "\\", "%", "ALIAS", "x", "alias\nsecond")
        ],
        ("/api/participants/", {"search": "participant", "page_size": 3, "page": 2}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["api_client", "token_client"])
def test_prepared_lists_answer_what_the_orm_answers(request, listed, who):
    """Each list, filtered by records, countries, choices and search texts (with ``%``, ``_``, ``\\``, a line break
    across two aliases), in each audience, answers the ORM's status and document, also when its shape was compiled
    for other values."""
    client = request.getfixturevalue(who)
    for path, params in requests(listed):
        prepared = client.get(path, params)
        expected = the_orm_way(client, path, params)
        assert (prepared.status_code, prepared.json()) == (expected.status_code, expected.json()), (path, params)
    assert PREPARED_LISTS.templates  # the lists were prepared


@pytest.mark.django_db
def test_a_second_value_of_a_shape_compiles_no_sql(api_client, listed):
    """A list that differs from one already read in its values alone runs the SQL compiled then."""
    slugs = list(Participant.objects.filter(attendances__isnull=False).values_list("slug", flat=True)[:2])
    assert api_client.get("/api/attendances/", {"participant": slugs[0]}).status_code == 200

    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
        response = api_client.get("/api/attendances/", {"participant": slugs[1]})

    expected = the_orm_way(api_client, "/api/attendances/", {"participant": slugs[1]})
    assert (response.status_code, response.json()) == (200, expected.json())
    assert compiled.call_count == 0


@pytest.mark.django_db
def test_deep_pages_and_estimated_counts_of_prepared_lists(api_client, listed, monkeypatch):
    """A page past DEEP_OFFSET (keys first) and a count past the cap read the same rows and count the ORM does."""
    monkeypatch.setattr(pagination, "DEEP_OFFSET", 2)
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 3)
    params = {"search": "participant", "page_size": 2, "page": 2}  # past the cap, within any estimate

    prepared = api_client.get("/api/participants/", params)
    pagination.KEPT_COUNTS.clear()

    assert prepared.json() == the_orm_way(api_client, "/api/participants/", params).json()
    assert prepared["X-Count-Estimated"] == "true"


@pytest.mark.django_db
def test_a_filter_that_declares_nothing_is_read_the_orm_way(api_client, listed):
    """``date_after`` says nothing of its SQL (events.api.filtering's ``sql_value``): the list is not prepared."""
    response = api_client.get("/api/attendances/", {"date_after": "2018-01-01"})

    assert response.status_code == 200
    assert not PREPARED_LISTS.templates
