"""Calendars: ``/api/events/?format=ics`` and ``/api/participants/{slug}/calendar.ics``, read with icalendar."""

import datetime

import icalendar
import pytest

from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def parsed(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(component["SUMMARY"]): component for component in calendar.walk("VEVENT")}


def attendees(vevent):
    found = vevent.get("ATTENDEE", [])
    found = found if isinstance(found, list) else [found]
    return {str(attendee.params["CN"]): str(attendee.params["PARTSTAT"]) for attendee in found}


@pytest.fixture
def moscow():
    russia = ParticipantFactory(slug="russia", name="Russia")
    event = EventFactory(
        slug="moscow-talks",
        title="Moscow talks",
        city="Moscow",
        country="RU",
        start_date=datetime.date(2018, 9, 4),
        end_date=datetime.date(2018, 9, 5),
        host=russia,
        description="Talks on Afghanistan.",
    )
    for slug, status in [
        ("taliban", "confirmed"),
        ("pakistan", "attended"),
        ("afghanistan", "declined"),
        ("united-states", "absent"),
        ("india", "withdrawn"),
        ("iran", "considering"),
        ("china", "invited"),
        ("pyd", "not_invited"),
    ]:
        AttendanceFactory(event=event, participant=ParticipantFactory(slug=slug, name=slug.title()), status=status)
    return event


def test_each_event_is_an_all_day_vevent_with_its_attendees(api_client, moscow):
    (vevent,) = parsed(api_client.get("/api/events/?format=ics")).walk("VEVENT")

    assert vevent.decoded("DTSTART") == datetime.date(2018, 9, 4)
    assert vevent.decoded("DTEND") == datetime.date(2018, 9, 6)  # exclusive: the day after the last day
    assert str(vevent["SUMMARY"]) == "Moscow talks"
    assert str(vevent["LOCATION"]) == "Moscow, Russia"
    assert str(vevent["URL"]) == "http://testserver/events/moscow-talks/"
    assert "Talks on Afghanistan." in str(vevent["DESCRIPTION"])
    assert vevent.decoded("LAST-MODIFIED") == vevent.decoded("DTSTAMP")
    assert str(vevent["ORGANIZER"].params["CN"]) == "Russia"
    assert attendees(vevent) == {
        "Taliban": "ACCEPTED",
        "Pakistan": "ACCEPTED",
        "Afghanistan": "DECLINED",
        "United-States": "DECLINED",
        "India": "DECLINED",
        "Iran": "TENTATIVE",
        "China": "NEEDS-ACTION",
    }  # the PYD, not invited, is no attendee


def test_the_uid_stays_through_edits_and_a_one_day_event_ends_the_next_day(api_client):
    event = EventFactory(title="Kabul meeting", start_date=datetime.date(2018, 8, 20))
    before = vevents(parsed(api_client.get("/api/events/?format=ics")))["Kabul meeting"]
    event.title, event.slug = "Kabul meeting", "renamed"
    event.save()
    after = vevents(parsed(api_client.get("/api/events/?format=ics")))["Kabul meeting"]

    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTEND") - after.decoded("DTSTART") == datetime.timedelta(days=1)


def test_the_list_filters_apply_and_every_match_is_there_with_no_pages(api_client):
    for number in range(3):
        EventFactory(title=f"Talks {number}", kind="peace_talks")
    EventFactory(title="A summit", kind="summit")

    calendar = parsed(api_client.get("/api/events/?format=ics&kind=peace_talks"))

    assert set(vevents(calendar)) == {"Talks 0", "Talks 1", "Talks 2"}


def test_a_bad_filter_is_a_json_400(api_client):
    response = api_client.get("/api/events/?format=ics&kind=picnic")
    assert response.status_code == 400
    assert list(response.json()) == ["kind"]


def test_the_participant_calendar_has_its_events_only(api_client, moscow):
    EventFactory(title="Elsewhere")
    hosted = EventFactory(title="Hosted by Russia", host=moscow.host)
    not_invited = EventFactory(title="Not invited")
    AttendanceFactory(event=not_invited, participant=moscow.attendances.get(participant__slug="taliban").participant)
    not_invited.attendances.update(status="not_invited")

    taliban = parsed(api_client.get("/api/participants/taliban/calendar.ics"))
    russia = parsed(api_client.get("/api/participants/russia/calendar.ics"))
    pyd = parsed(api_client.get("/api/participants/pyd/calendar.ics"))

    assert set(vevents(taliban)) == {"Moscow talks"}
    assert str(taliban["X-WR-CALNAME"]) == "eventsapi: Taliban"
    assert set(vevents(russia)) == {"Moscow talks", hosted.title}
    assert set(vevents(pyd)) == set()


def test_an_unknown_participant_is_a_json_404(api_client):
    response = api_client.get("/api/participants/nobody/calendar.ics")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Participant matches the given query."}


def test_the_calendar_reads_in_a_fixed_number_of_queries(api_client, django_assert_num_queries):
    for number in range(5):
        event = EventFactory(title=f"Talks {number}", host=ParticipantFactory())
        for _ in range(3):
            AttendanceFactory(event=event)
    participant = event.attendances.first().participant
    # The change log's state (the list's ETag), the events with their hosts, their attendances with participants.
    with django_assert_num_queries(3):
        parsed(api_client.get("/api/events/?format=ics"))
    with django_assert_num_queries(4):  # and the participant
        parsed(api_client.get(f"/api/participants/{participant.slug}/calendar.ics"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_participant_calendar_answers_304_until_a_record_changes(api_client):
    """A calendar client polls the address: its ETag gets a 304 until something changes, then a new calendar."""
    AttendanceFactory(
        participant=ParticipantFactory(slug="taliban", name="Taliban"), event=EventFactory(title="Talks")
    )
    first = api_client.get("/api/participants/taliban/calendar.ics")
    tag = first["ETag"]

    again = api_client.get("/api/participants/taliban/calendar.ics", HTTP_IF_NONE_MATCH=tag)
    EventFactory(title="Other talks", host=ParticipantFactory(slug="taliban"))
    changed = api_client.get("/api/participants/taliban/calendar.ics", HTTP_IF_NONE_MATCH=tag)

    assert first.status_code == 200 and tag
    assert again.status_code == 304 and again["ETag"] == tag
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert set(vevents(parsed(changed))) == {"Talks", "Other talks"}


def test_the_calendars_name_is_text_escaped_as_every_other(api_client):
    """Tester 33, J4: NAME and X-WR-CALNAME were written raw, so a name's ";" and "," read as separators."""
    party = ParticipantFactory(slug="free-army", name='The "Free" Army; Inc: x,y')
    AttendanceFactory(participant=party)

    response = api_client.get("/api/participants/free-army/calendar.ics")

    lines = response.content.decode().splitlines()
    assert 'NAME:eventsapi: The "Free" Army\\; Inc: x\\,y' in lines
    assert 'X-WR-CALNAME:eventsapi: The "Free" Army\\; Inc: x\\,y' in lines
    assert parsed(response)["NAME"]  # icalendar reads it back raw (it knows no NAME): the escapes are RFC 5545's


def test_control_characters_of_stored_text_are_left_out(api_client):
    """Tester 35, L3: a bell or an escape in a name, a form feed or NEL in a description, went into the calendar
    raw, which RFC 5545 allows in no value: a reader dropped the attendee's line."""
    event = EventFactory(slug="weird", title="Talks\x07 X", description="One\x0bTwo\x0cThree\x1bFour\x85Five\nSix")
    for name in ["Bell\x07Esc\x1bName", "Plain", "Tab\tStop"]:
        AttendanceFactory(event=event, participant=ParticipantFactory(name=name), status="confirmed")

    for address in [
        "/api/events/?format=ics",
        f"/api/participants/{event.attendances.first().participant.slug}/calendar.ics",
    ]:
        calendar = parsed(api_client.get(address))
        [vevent] = calendar.walk("VEVENT")
        assert vevent.errors == []
        assert str(vevent["SUMMARY"]) == "Talks X"
        assert str(vevent["DESCRIPTION"]).startswith("OneTwoThreeFourFive\nSix")
        assert set(attendees(vevent)) == {"BellEscName", "Plain", "Tab\tStop"}


def test_the_participant_calendar_takes_its_own_format(api_client, moscow):
    """Tester 35, L5: ``?format=json`` was told "Valid formats: ics", and ``?format=ics`` then an unknown parameter."""
    assert vevents(parsed(api_client.get("/api/participants/taliban/calendar.ics", {"format": "ics"})))
    refused = api_client.get("/api/participants/taliban/calendar.ics", {"format": "json"})
    assert (refused.status_code, list(refused.json())) == (400, ["format"])
    assert "ics" in refused.json()["format"][0]


def test_the_calendar_answers_whatever_the_client_accepts(api_client, moscow):
    """Tester 36, M2: a browser's Accept (text/html) was a 406, an unknown participant's 404 too."""
    assert vevents(parsed(api_client.get("/api/participants/taliban/calendar.ics", HTTP_ACCEPT="text/html")))
    missing = api_client.get("/api/participants/nobody/calendar.ics", HTTP_ACCEPT="text/html")
    assert (missing.status_code, missing["Content-Type"]) == (404, "application/json")
