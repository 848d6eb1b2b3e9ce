"""updated_since on every list: the records created or changed at or after an ISO 8601 date-time."""

import datetime

import pytest

from tests.factories import RESOURCES, ReportFactory

pytestmark = pytest.mark.django_db

OLD = datetime.datetime(2018, 8, 22, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize("resource", RESOURCES.values(), ids=RESOURCES)
def test_each_list_keeps_the_records_changed_since(api_client, resource):
    old = resource.of_report(ReportFactory())
    resource.model.objects.filter(pk=old.pk).update(updated_at=OLD)
    new = resource.of_report(ReportFactory())
    if resource.model.objects.filter(pk=new.pk).count() == 0:
        pytest.skip("no second record")

    def ids(since):
        response = api_client.get(resource.path, {"updated_since": since})
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids("2018-08-22T12:00:00Z") == {old.pk, new.pk}  # inclusive
    assert ids("2018-08-22T12:00:00.000001Z") == {new.pk}
    # Tester 44: more than six digits of a second's fraction, as RFC 3339 allows, read to the microsecond.
    assert ids("2018-08-22T12:00:00.000000999Z") == {old.pk, new.pk}
    assert ids("2018-08-22T12:00:00.0000019999999999Z") == {new.pk}
    assert ids("2018-08-22T14:00:00+02:00") == {old.pk, new.pk}  # the same instant
    # An offset past PostgreSQL's ±15:59, which Python's ISO 8601 allows: the same instant too.
    assert ids("2018-08-23T04:00:00+16:00") == {old.pk, new.pk}
    assert ids("2999-01-01T00:00:00Z") == set()


# The last: year 1 with a positive offset is before any time UTC can hold.
@pytest.mark.parametrize(
    "bad",
    [
        "yesterday",
        "2018-13-01T00:00:00Z",
        "22/08/2018",
        "0001-01-01T00:00:00+05:00",
        # Other spellings Python reads (tester 32, H2): a week date, the basic form, an hour alone, whitespace.
        "2026-W49-1T00:00:00Z",
        "20261207T000000Z",
        "2018-08-22T00Z",
        "2018-08-22T00:00:00Z\n",
        "2018-08-22T00:00:00Z ",
        "2018-08-22T00:00:00.Z",  # a fraction of no digit
        "2018-08-22T00:00.5Z",  # a fraction with no seconds
    ],
)
def test_a_bad_value_is_a_400_naming_it(api_client, bad):
    response = api_client.get("/api/reports/", {"updated_since": bad})

    assert response.status_code == 400
    assert list(response.json()) == ["updated_since"]


def test_the_timeline_takes_it_too(api_client):
    report = ReportFactory()
    url = f"/api/events/{report.attendance.event.slug}/timeline/"
    assert len(api_client.get(url, {"updated_since": "2000-01-01T00:00:00Z"}).json()["results"]) == 1
    assert api_client.get(url, {"updated_since": "2999-01-01T00:00:00Z"}).json()["results"] == []
