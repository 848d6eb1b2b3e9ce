"""An event's coordinates (looked up offline for its city and country when not given) and the codes of its kind
and of each report's status: the same through every entry point (the record, the API, the admin, a fixture, an
import) and for the events already stored (migration 0007)."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from events.models import Event, Report
from events.transfer.formats import read_ndjson
from events.transfer.importer import import_records
from tests.factories import EventFactory, ReportFactory
from tests.migrations import models_at

MOSCOW = (55.75204, 37.61781)
KABUL = (34.52813, 69.17233)


def point(event):
    event.refresh_from_db()
    return (event.latitude, event.longitude)


@pytest.mark.django_db
class TestTheRecord:
    def test_a_city_and_country_give_coordinates_and_the_kind_its_codes(self):
        event = EventFactory(city="Moscow", country="RU", kind="ceasefire")
        assert point(event) == MOSCOW
        assert (event.cameo_code, event.plover_type, event.plover_mode) == ("0871", "RETREAT", "ceasefire")

    def test_given_coordinates_are_kept(self):
        assert point(EventFactory(city="Moscow", country="RU", latitude=55.7, longitude=37.6)) == (55.7, 37.6)

    def test_an_unknown_place_or_none_has_no_coordinates(self):
        assert point(EventFactory(city="Nowhere-on-Sea", country="RU")) == (None, None)
        assert point(EventFactory(city="", country="")) == (None, None)

    def test_a_move_looks_the_new_place_up_unless_it_brings_its_own_coordinates(self):
        event = EventFactory(city="Moscow", country="RU")
        event.city, event.country = "Kabul", "AF"
        event.save()
        assert point(event) == KABUL
        event.city, event.latitude, event.longitude = "Jalalabad", 34.43, 70.45
        event.save()
        assert point(event) == (34.43, 70.45)

    def test_an_edit_elsewhere_keeps_coordinates_and_a_new_kind_gets_its_codes(self):
        event = EventFactory(city="Moscow", country="RU", latitude=1.0, longitude=2.0)
        event.title, event.kind = "Renamed", "other"
        event.save()
        event.refresh_from_db()
        assert (event.latitude, event.longitude, event.cameo_code, event.plover_type) == (1.0, 2.0, "", "")

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"latitude": 90.5, "longitude": 0}, "latitude"),
            ({"latitude": 0, "longitude": -180.5}, "longitude"),
            ({"latitude": 10}, "longitude"),
            ({"longitude": 10}, "latitude"),
        ],
    )
    def test_out_of_range_or_half_a_position_is_refused_naming_the_field(self, fields, field):
        event = EventFactory.build(**fields)
        with pytest.raises(ValidationError) as refused:
            event.full_clean()
        assert list(refused.value.message_dict) == [field]

    def test_a_report_has_the_code_of_its_status(self):
        report = ReportFactory(status="declined")
        report.refresh_from_db()
        assert report.cameo_code == "125"
        report.status = "not_invited"
        report.save()
        report.refresh_from_db()
        assert report.cameo_code == ""


@pytest.mark.django_db
class TestTheAPI:
    def test_a_post_gets_coordinates_and_codes(self, token_client):
        data = {"slug": "kabul-meeting", "title": "Kabul meeting", "kind": "meeting", "start_date": "2018-08-20"}
        response = token_client.post("/api/events/", {**data, "city": "Kabul", "country": "Afghanistan"})
        assert response.status_code == 201, response.json()
        body = response.json()
        assert (body["latitude"], body["longitude"]) == KABUL
        assert (body["cameo_code"], body["plover_type"], body["plover_mode"]) == ("040", "CONSULT", "")

    @pytest.mark.parametrize("given", [{"latitude": None}, {"longitude": None}, {"latitude": None, "longitude": None}])
    def test_a_coordinate_given_as_null_is_looked_up_with_the_other(self, token_client, given):
        """Tester 44, D2: the one left out was looked up and saved, the one given as null stayed empty: a point with
        one coordinate, which every later write was refused for."""
        data = {"slug": "kabul-meeting", "title": "Kabul meeting", "kind": "meeting", "start_date": "2018-08-20"}
        data |= {"city": "Kabul", "country": "AF", **given}
        response = token_client.post("/api/events/", data, format="json")
        assert response.status_code == 201, response.json()
        assert (response.json()["latitude"], response.json()["longitude"]) == KABUL
        assert point(Event.objects.get()) == KABUL

        response = token_client.patch("/api/events/kabul-meeting/", {"title": "Kabul talks"}, format="json")
        assert response.status_code == 200, response.json()

    @pytest.mark.parametrize(
        ("given", "field"),
        [({"latitude": 91, "longitude": 0}, "latitude"), ({"latitude": 0, "longitude": 181}, "longitude")],
    )
    def test_out_of_range_is_a_400_naming_the_field(self, token_client, given, field):
        data = {"slug": "talks", "title": "Talks", "kind": "meeting", "start_date": "2018-08-20", **given}
        response = token_client.post("/api/events/", data, format="json")
        assert response.status_code == 400
        assert list(response.json()) == [field]
        assert not Event.objects.exists()

    def test_codes_are_read_only_and_a_patch_of_the_city_moves_the_point(self, token_client):
        event = EventFactory(city="Moscow", country="RU")
        response = token_client.patch(
            f"/api/events/{event.slug}/", {"city": "Kabul", "country": "AF", "cameo_code": "999"}, format="json"
        )
        assert response.status_code == 200, response.json()
        assert (response.json()["latitude"], response.json()["cameo_code"]) == (KABUL[0], "046")


@pytest.mark.django_db
def test_the_admin_form_places_the_event(admin_client):
    data = {
        "slug": "moscow-talks",
        "title": "Moscow talks",
        "kind": "peace_talks",
        "status": "scheduled",
        "start_date": "2018-09-04",
        "city": "Moscow",
        "country": "RU",
        "attendances-TOTAL_FORMS": "0",
        "attendances-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    response = admin_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="moscow-talks")
    assert (point(event), event.cameo_code) == (MOSCOW, "046")


@pytest.mark.django_db
def test_a_fixture_places_the_event_and_codes_it(tmp_path):
    path = tmp_path / "events.json"
    fields = {"title": "Kabul", "kind": "negotiation", "start_date": "2018-08-20", "city": "Kabul", "country": "AF"}
    fields |= {"created_at": "2018-08-22T12:00:00Z", "updated_at": "2018-08-22T12:00:00Z"}
    path.write_text(json.dumps([{"model": "events.event", "fields": {"slug": "kabul", **fields}}]))
    call_command("loaddata", str(path), verbosity=0)
    call_command("loaddata", str(path), verbosity=0)  # twice: nothing changes
    event = Event.objects.get(slug="kabul")
    assert (point(event), event.cameo_code, event.version) == (KABUL, "046", 1)


@pytest.mark.django_db
def test_an_import_places_the_event_and_codes_it_whatever_codes_the_file_says():
    fields = {"title": "Moscow", "kind": "summit", "start_date": "2018-09-04", "city": "Moscow", "country": "RU"}
    records = [{"model": "events.event", "fields": {"slug": "moscow", **fields, "cameo_code": "999"}}]
    import_records(read_ndjson(json.dumps(record) + "\n" for record in records))
    event = Event.objects.get(slug="moscow")
    assert (point(event), event.cameo_code, event.plover_type) == (MOSCOW, "040", "CONSULT")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_places_and_codes_what_is_stored():
    with models_at("0006_report_status_on_v2") as old:
        events, participants = old.get_model("events", "Event"), old.get_model("events", "Participant")
        day = datetime.date(2018, 9, 4)
        event = events.objects.create(
            slug="t", title="T", kind="peace_talks", start_date=day, city="Kabul", country="AF"
        )
        events.objects.create(slug="u", title="U", kind="other", start_date=day)
        attendance = old.get_model("events", "Attendance").objects.create(
            event=event, participant=participants.objects.create(slug="p", name="P", kind="state")
        )
        article = old.get_model("events", "Article").objects.create(
            title="A", publisher="P", published_on=day, body=""
        )
        old.get_model("events", "Report").objects.create(
            attendance=attendance, status="confirmed", reported_on=day, article=article, quote="Q"
        )
    placed = Event.objects.get(slug="t")
    assert (placed.latitude, placed.longitude, placed.cameo_code, placed.plover_type) == (*KABUL, "046", "CONSULT")
    assert Event.objects.get(slug="u").latitude is None
    assert Report.objects.get().cameo_code == "036"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_makes_a_point_with_one_coordinate_whole():
    """Tester 44, D2: the events the API stored with one coordinate get both, or neither where the place is unknown."""
    with models_at("0024_language_tags_in_recommended_case") as old:
        events, day = old.get_model("events", "Event"), datetime.date(2018, 9, 4)
        events.objects.create(slug="half", title="H", kind="other", start_date=day, city="Kabul", country="AF")
        events.objects.filter(slug="half").update(latitude=34.5, longitude=None)
        events.objects.create(slug="nowhere", title="N", kind="other", start_date=day, latitude=None, longitude=2.0)
        events.objects.create(slug="whole", title="W", kind="other", start_date=day, latitude=1.0, longitude=2.0)
    assert [(event.slug, point(event), event.version) for event in Event.objects.order_by("slug")] == [
        ("half", KABUL, 2),
        ("nowhere", (None, None), 2),
        ("whole", (1.0, 2.0), 1),
    ]
