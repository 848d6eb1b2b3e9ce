"""The filter backend binds only the filters a request names, and answers what the whole FilterSet answers."""

import pytest
from django.http import QueryDict

from events.api import filters
from events.models import Event, Participant
from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    taliban = ParticipantFactory(slug="taliban", name="Taliban", country="AF", aliases=["Islamic Emirate"])
    russia = ParticipantFactory(slug="russia", name="Russia", country="RU")
    moscow = EventFactory(slug="moscow", title="Moscow talks", country="RU", kind="peace_talks", host=russia)
    doha = EventFactory(slug="doha", title="Doha talks", country="QA", kind="summit")
    AttendanceFactory(event=moscow, participant=taliban, status="confirmed")
    AttendanceFactory(event=doha, participant=taliban, status="declined")
    return moscow, doha


QUERIES = [
    (filters.EventFilter, "country=ru"),
    (filters.EventFilter, "participant=taliban&participant_status=declined"),
    (filters.EventFilter, "kind=summit&kind=peace_talks&ordering=title&page=1"),
    (filters.EventFilter, "date_after=2019-01-01&date_before=2018-01-01"),  # a reversed range: an error
    (filters.EventFilter, "participant=nobody"),  # an error
    (filters.EventFilter, "host=russia&expand=attendances&search=talks"),
    (filters.ParticipantFilter, "search=emirate"),
    (filters.ParticipantFilter, "country=Afghanistan&ordering=-name"),
]


@pytest.mark.parametrize(("filterset", "query"), QUERIES)
def test_a_narrowed_filterset_answers_what_the_whole_one_answers(records, filterset, query):
    data = QueryDict(query)
    model = filterset._meta.model
    whole = filterset(data, model.objects.all())
    narrowed = filterset.narrowed(set(data))(data, model.objects.all())

    assert set(narrowed.filters) == set(data) & set(filterset.base_filters)
    assert narrowed.is_valid() == whole.is_valid()
    if whole.is_valid():
        assert list(narrowed.qs.values_list("pk", flat=True)) == list(whole.qs.values_list("pk", flat=True))
    else:
        assert narrowed.errors == whole.errors


def test_a_narrowed_filterset_is_built_once_per_set_of_names():
    first = filters.EventFilter.narrowed({"country", "page"})

    assert filters.EventFilter.narrowed(["country"]) is first
    assert list(first.base_filters) == ["country"]
    assert issubclass(first, filters.EventFilter)
    assert filters.EventFilter.narrowed({"kind", "country"}) is not first
    assert "country" in filters.EventFilter.base_filters and "kind" in filters.EventFilter.base_filters


def test_the_filters_a_request_does_not_name_are_left_alone(api_client, records):
    """Through the API: one filter named, the answer of that filter alone; the others keep their meaning."""
    assert [row["slug"] for row in api_client.get("/api/events/", {"country": "RU"}).json()["results"]] == ["moscow"]
    declined = api_client.get("/api/events/", {"participant_status": "declined"}).json()["results"]
    assert [row["slug"] for row in declined] == ["doha"]
    assert Event.objects.count() == 2 and Participant.objects.count() == 2


def test_the_browsable_api_still_shows_every_filter(api_client, records):
    response = api_client.get("/api/events/", {"country": "RU"}, HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    for name in filters.EventFilter.base_filters:
        assert f'name="{name}"'.encode() in response.content
