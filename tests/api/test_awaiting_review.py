"""The extraction assistant's new events and attendances are off the public record until a curator vouches for them.

Every read a reader who may not see drafts has is asked (lists, details, nested rows, filters, calendars, maps,
the change feed, the public pages); the curator reads them all. Verifying a report puts its attendance and
event on the record; so does a curator's own attendance, an import's verified report, and the admin's action.
"""

import datetime
import io
import json
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core import serializers as django_serializers
from django.core.management import call_command
from django.urls import reverse

from events.models import Attendance, Event, Participant, Report
from events.services import propose_reports
from events.transfer.formats import read_ndjson
from events.transfer.importer import import_records
from tests.admin.conftest import article_form_data
from tests.admin.test_versions import form_data
from tests.factories import ArticleFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = (
    "The Taliban has confirmed that they will attend the Moscow talks.\n\n"
    "Qatar said it would host peace talks in Doha on 12 October 2018, and Qatar confirmed it will attend."
)


@pytest.fixture
def proposed():
    """A known event and a run of the extraction assistant: a new attendance there, and a new event."""
    ParticipantFactory(slug="taliban", name="Taliban", kind="armed_group", country="AF")
    ParticipantFactory(slug="qatar", name="Qatar", country="QA")
    russia = ParticipantFactory(slug="russia", name="Russia", country="RU", aliases=["Moscow"])
    known = EventFactory(
        slug="moscow-talks", title="Moscow talks on Afghanistan", start_date=datetime.date(2018, 9, 4), host=russia
    )
    outcome = propose_reports(article=ArticleFactory(body=BODY, published_on=datetime.date(2018, 8, 22)))
    new_events = [event.slug for event in outcome.created_events]
    assert new_events, "the article's Doha talks are a new event"
    at_known = Attendance.objects.get(event=known, participant__slug="taliban")
    return known, Event.objects.get(slug=new_events[0]), at_known


def fixture_fields(record):
    """The fields of ``record`` as a hand-written fixture gives them (as it is stored now; no version: not a dump)."""
    stored = type(record).objects.get(pk=record.pk)
    fields = json.loads(django_serializers.serialize("json", [stored]))[0]["fields"]
    return {name: value for name, value in fields.items() if name != "version"}


def slugs(answer):
    return sorted(row["slug"] for row in answer.json()["results"])


def test_what_the_assistant_creates_awaits_review(proposed):
    known, new_event, at_known = proposed
    assert new_event.awaiting_review and at_known.awaiting_review
    assert not Event.objects.get(pk=known.pk).awaiting_review
    assert set(Report.objects.values_list("review", flat=True)) == {"draft"}


def test_the_public_sees_none_of_it_in_any_read(api_client, proposed):
    _known, new_event, at_known = proposed
    assert slugs(api_client.get("/api/events/")) == ["moscow-talks"]
    assert api_client.get(f"/api/events/{new_event.slug}/").status_code == 404
    assert api_client.get(f"/api/events/{new_event.slug}/timeline/").status_code == 404
    assert api_client.get("/api/attendances/").json()["count"] == 0
    assert api_client.get(f"/api/attendances/{at_known.pk}/").status_code == 404
    assert api_client.get("/api/events/moscow-talks/").json()["attendances"] == []
    listed = api_client.get("/api/events/?expand=attendances").json()["results"]
    assert [event["attendances"] for event in listed] == [[]]
    assert api_client.get("/api/participants/taliban/").json()["attendances"] == []
    # Filters: a status no curator vouched for finds nothing; an event awaiting review is one nobody has.
    assert slugs(api_client.get("/api/events/?participant=taliban&participant_status=confirmed")) == []
    assert slugs(api_client.get("/api/events/?participant=taliban")) == []
    refused = api_client.get(f"/api/participants/?event={new_event.slug}")
    assert refused.status_code == 400 and "event" in refused.json()
    assert api_client.get(f"/api/reports/?event={new_event.slug}").status_code == 400
    # Calendars, the map layer and the change feed.
    calendar = api_client.get("/api/events/?format=ics").content.decode()
    assert "Moscow talks" in calendar and new_event.title not in calendar and "taliban" not in calendar
    assert api_client.get("/api/participants/taliban/calendar.ics").content.decode().count("BEGIN:VEVENT") == 0
    features = api_client.get("/api/events/?format=geojson").json()["features"]
    assert [feature["properties"]["slug"] for feature in features] == ["moscow-talks"]
    changes = api_client.get("/api/changes/?page_size=500").json()["results"]
    assert {(c["resource"], c["key"]) for c in changes if c["resource"] in ("event", "attendance")} == {
        ("event", "moscow-talks")
    }
    # The streamed exports and the data package.
    exported = b"".join(api_client.get("/api/events/export/?format=csv").streaming_content).decode()
    assert "moscow-talks" in exported and new_event.slug not in exported
    exported = b"".join(api_client.get("/api/attendances/export/?format=csv").streaming_content).decode()
    assert exported.count("\n") == 1  # the header alone
    package = zipfile.ZipFile(io.BytesIO(b"".join(api_client.get("/api/datapackage/").streaming_content)))
    tables = {name: package.read(name).decode() for name in package.namelist() if name.endswith(".csv")}
    assert tables and new_event.slug not in "".join(tables.values())
    assert [name for name, table in tables.items() if "attendances" in name and table.count("\n") > 1] == []


def test_the_public_pages_show_none_of_it(client, proposed):
    known, new_event, _at_known = proposed
    index = client.get("/events/").content.decode()
    assert "Moscow talks" in index and new_event.title not in index
    assert "Taliban" not in client.get("/events/?search=taliban").content.decode().split("<main", 1)[-1]
    assert client.get(reverse("event-page", kwargs={"slug": new_event.slug})).status_code == 404
    assert "Taliban" not in client.get(reverse("event-page", kwargs={"slug": known.slug})).content.decode()
    assert new_event.title not in client.get("/").content.decode()


def test_the_curator_reads_all_of_it(token_client, proposed):
    _known, new_event, at_known = proposed
    assert slugs(token_client.get("/api/events/")) == sorted(["moscow-talks", new_event.slug])
    assert token_client.get(f"/api/events/{new_event.slug}/").status_code == 200
    assert token_client.get(f"/api/attendances/{at_known.pk}/").status_code == 200
    attendances = token_client.get("/api/events/moscow-talks/").json()["attendances"]
    assert [row["participant"] for row in attendances] == ["taliban"]
    assert slugs(token_client.get("/api/events/?participant=taliban&participant_status=invited")) == ["moscow-talks"]


def test_a_verified_report_puts_its_attendance_and_event_on_the_record(api_client, token_client, proposed):
    _known, new_event, at_known = proposed
    draft = Report.objects.filter(attendance__event=new_event).first()
    answer = token_client.patch(f"/api/reports/{draft.pk}/", {"review": "verified"}, format="json")
    assert answer.status_code == 200, answer.json()
    assert not Attendance.objects.get(pk=draft.attendance_id).awaiting_review
    assert not Event.objects.get(pk=new_event.pk).awaiting_review
    assert Attendance.objects.get(pk=at_known.pk).awaiting_review  # its own report is still a draft
    assert slugs(api_client.get("/api/events/")) == sorted(["moscow-talks", new_event.slug])
    assert api_client.get(f"/api/attendances/{draft.attendance_id}/").json()["status"] == draft.status
    changes = api_client.get("/api/changes/?page_size=500").json()["results"]
    assert ("event", new_event.slug, "created") in {(c["resource"], c["key"], c["action"]) for c in changes}


def test_a_curators_attendance_puts_the_event_on_the_record(token_client, proposed):
    _known, new_event, _at_known = proposed
    ParticipantFactory(slug="norway", name="Norway")
    answer = token_client.post(
        "/api/attendances/", {"event": new_event.slug, "participant": "norway", "status": "invited"}, format="json"
    )
    assert answer.status_code == 201, answer.json()
    assert not Attendance.objects.get(pk=answer.json()["id"]).awaiting_review
    assert not Event.objects.get(pk=new_event.pk).awaiting_review


def test_a_draft_report_posted_by_slugs_brings_an_attendance_awaiting_review(api_client, token_client):
    EventFactory(slug="talks")
    ParticipantFactory(slug="norway")
    article = ArticleFactory(body="Norway declined.")
    fields = {"event": "talks", "participant": "norway", "status": "declined", "reported_on": "2018-08-22"}
    fields |= {"article": article.pk, "quote": "Norway declined."}
    answer = token_client.post("/api/reports/", {**fields, "review": "draft"}, format="json")
    assert answer.status_code == 201, answer.json()
    assert Attendance.objects.get().awaiting_review
    assert api_client.get("/api/attendances/").json()["count"] == 0


def test_an_imported_verified_report_puts_the_attendance_on_the_record(proposed):
    known, _new_event, at_known = proposed
    draft = Report.objects.get(attendance=at_known)
    article = draft.article
    record = {
        "model": "events.report",
        "fields": {
            "attendance": [known.slug, "taliban"],
            "status": "attended",
            "reported_on": article.published_on.isoformat(),
            "article": [article.publisher, article.published_on.isoformat(), article.title],
            "quote": draft.quote,
        },
    }
    rejected = []
    import_records(read_ndjson([json.dumps(record) + "\n"]), on_reject=rejected.append)
    assert rejected == []
    assert not Attendance.objects.get(pk=at_known.pk).awaiting_review


def test_the_admin_action_puts_them_on_the_record(admin_client, proposed):
    _known, new_event, _at_known = proposed
    answer = admin_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "put_on_record", "_selected_action": [new_event.pk]},
        follow=True,
    )
    assert "1 event put on the public record." in answer.content.decode()
    assert not Event.objects.get(pk=new_event.pk).awaiting_review
    assert Attendance.objects.filter(awaiting_review=True).count() == 2  # its attendances still await review


def test_a_past_version_reverted_to_in_the_admin_keeps_the_record_on_it(admin_client, proposed):
    """One way: the admin's revert to the version the assistant created does not take the event back off."""
    _known, new_event, _at_known = proposed
    first = new_event.history.earliest("history_date")
    Event.objects.filter(pk=new_event.pk).put_on_record()
    address = reverse("admin:events_event_simple_history", args=[new_event.pk, first.history_id])
    page = admin_client.get(address)

    answer = admin_client.post(address, form_data(page))

    assert answer.status_code == 302
    assert not Event.objects.get(pk=new_event.pk).awaiting_review


def test_a_fixture_keeps_the_rule(tmp_path, proposed):
    """A fixture cannot take a record off the record; its attendance with a verified report goes on it."""
    known, _new_event, at_known = proposed
    rows = [
        {"model": "events.event", "pk": known.pk, "fields": {**fixture_fields(known), "awaiting_review": True}},
    ]
    path = tmp_path / "over.json"
    path.write_text(json.dumps(rows))
    call_command("loaddata", str(path), verbosity=0)
    assert not Event.objects.get(pk=known.pk).awaiting_review

    Report.objects.filter(attendance=at_known).update(review="verified")  # as stored, no rule run yet
    rows = [{"model": "events.attendance", "pk": at_known.pk, "fields": fixture_fields(at_known)}]
    path.write_text(json.dumps(rows))
    call_command("loaddata", str(path), verbosity=0)
    assert not Attendance.objects.get(pk=at_known.pk).awaiting_review


def test_a_writer_who_may_not_see_drafts_gets_the_draft_it_wrote(api_client, django_user_model):
    """Not a 500: the answer to a write is the record written, though that writer's reads do not show it."""
    user = django_user_model.objects.create_user("desk")
    for codename in ("add_report", "add_attendance"):
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="events"))
    api_client.force_authenticate(user)
    EventFactory(slug="talks")
    ParticipantFactory(slug="norway")
    article = ArticleFactory(body="Norway declined.")
    fields = {"event": "talks", "participant": "norway", "status": "declined", "reported_on": "2018-08-22"}

    answer = api_client.post(
        "/api/reports/",
        {**fields, "article": article.pk, "quote": "Norway declined.", "review": "draft"},
        format="json",
    )

    assert answer.status_code == 201, answer.content
    assert answer.json()["review"] == "draft"
    assert Attendance.objects.get().awaiting_review


def test_a_draft_added_on_the_articles_admin_page_brings_an_attendance_awaiting_review(admin_client):
    event, participant = EventFactory(slug="talks"), ParticipantFactory(slug="norway")
    article = ArticleFactory(body="Norway declined.")
    row = {"event": event.pk, "participant": participant.pk, "status": "declined", "quote": "Norway declined."}
    data = article_form_data(article, new=[{**row, "reported_on": "2018-08-22", "review": "draft"}])

    answer = admin_client.post(reverse("admin:events_article_change", args=[article.pk]), data)

    assert answer.status_code == 302, answer.context and answer.context.get("errors")
    assert Attendance.objects.get().awaiting_review


def verified_on_the_new_event(token_client, new_event):
    """Verify the draft of the assistant's new event (its attendance and the event go on the record)."""
    draft = Report.objects.filter(attendance__event=new_event).first()
    answer = token_client.patch(f"/api/reports/{draft.pk}/", {"review": "verified"}, format="json")
    assert answer.status_code == 200, answer.json()
    attendance = Attendance.objects.get(pk=draft.attendance_id)
    assert not attendance.awaiting_review and not Event.objects.get(pk=new_event.pk).awaiting_review
    return draft, attendance


def undo_by_api(token_client, admin_client, report, review):
    if review == "deleted":
        return token_client.delete(f"/api/reports/{report.pk}/", HTTP_IF_MATCH="*")
    return token_client.patch(f"/api/reports/{report.pk}/", {"review": review}, format="json")


def undo_by_admin_action(token_client, admin_client, report, review):
    action = {"draft": "redraft_reports", "rejected": "reject_reports"}[review]
    return admin_client.post(
        reverse("admin:events_report_changelist"), {"action": action, "_selected_action": [report.pk]}
    )


def undo_on_the_attendance_page(token_client, admin_client, report, review):
    """The admin's attendance page, its report inline set back to ``review`` (an admin edit)."""
    attendance = report.attendance
    address = reverse("admin:events_attendance_change", args=[attendance.pk])
    data = form_data(admin_client.get(address))
    prefix = next(
        name[: -len("-id")] for name, value in data.items() if name.endswith("-id") and str(value) == str(report.pk)
    )
    return admin_client.post(address, {**data, f"{prefix}-review": review})


@pytest.mark.parametrize(
    ("undo", "review"),
    [
        (undo_by_api, "draft"),
        (undo_by_api, "rejected"),
        (undo_by_api, "deleted"),
        (undo_by_admin_action, "draft"),
        (undo_by_admin_action, "rejected"),
        (undo_on_the_attendance_page, "draft"),
    ],
)
def test_undoing_the_only_verification_takes_them_off_the_record_again(
    api_client, token_client, admin_client, proposed, undo, review
):
    """Tester 44, D10: the public saw the default status ``invited``, which neither a curator nor a report gave."""
    _known, new_event, _at_known = proposed
    report, attendance = verified_on_the_new_event(token_client, new_event)
    participant = attendance.participant.slug

    answer = undo(token_client, admin_client, report, review)

    assert answer.status_code in (200, 204, 302), answer.content
    assert Attendance.objects.get(pk=attendance.pk).awaiting_review
    assert Event.objects.get(pk=new_event.pk).awaiting_review
    assert api_client.get(f"/api/attendances/{attendance.pk}/").status_code == 404
    assert api_client.get(f"/api/events/{new_event.slug}/").status_code == 404
    assert slugs(api_client.get(f"/api/events/?participant={participant}&participant_status=invited")) == []
    assert new_event.title not in api_client.get("/api/events/?format=ics").content.decode()
    assert client_page_status(api_client, new_event) == 404
    changes = api_client.get("/api/changes/?page_size=500").json()["results"]
    seen = [(c["resource"], c["key"], c["action"]) for c in changes]
    assert seen[-2:] == [("attendance", str(attendance.pk), "deleted"), ("event", new_event.slug, "deleted")]
    # The curator still reads them, and verifying again puts them back.
    assert token_client.get(f"/api/attendances/{attendance.pk}/").json()["awaiting_review"] is True
    if review != "deleted":
        verified_on_the_new_event(token_client, new_event)


def client_page_status(api_client, event):
    return api_client.get(reverse("event-page", kwargs={"slug": event.slug})).status_code


def test_a_curators_own_status_keeps_the_attendance_on_the_record(api_client, token_client, proposed):
    _known, new_event, _at_known = proposed
    draft = Report.objects.filter(attendance__event=new_event).first()
    answer = token_client.patch(
        f"/api/attendances/{draft.attendance_id}/", {"status": "declined", "status_date": "2018-08-01"}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    report, attendance = verified_on_the_new_event(token_client, new_event)

    assert token_client.patch(f"/api/reports/{report.pk}/", {"review": "draft"}, format="json").status_code == 200

    assert not Attendance.objects.get(pk=attendance.pk).awaiting_review
    assert not Event.objects.get(pk=new_event.pk).awaiting_review
    assert api_client.get(f"/api/attendances/{attendance.pk}/").json()["status"] == "declined"


def test_an_event_a_curator_put_on_the_record_stays_there(api_client, token_client, admin_client, proposed):
    """Only what a verification put on the record comes off with it: a curator's event (or one a curator put there)
    stays, its attendance goes."""
    known, new_event, at_known = proposed
    Event.objects.filter(pk=new_event.pk).put_on_record()
    report, attendance = verified_on_the_new_event(token_client, new_event)
    known_report = Report.objects.get(attendance=at_known)
    for verified in (report, known_report):
        token_client.patch(f"/api/reports/{verified.pk}/", {"review": "verified"}, format="json")
        answer = token_client.patch(f"/api/reports/{verified.pk}/", {"review": "draft"}, format="json")
        assert answer.status_code == 200, answer.json()

    assert Attendance.objects.get(pk=attendance.pk).awaiting_review
    assert Attendance.objects.get(pk=at_known.pk).awaiting_review
    assert slugs(api_client.get("/api/events/")) == sorted([known.slug, new_event.slug])


@pytest.mark.parametrize("status", ["declined", "invited"])
def test_an_attendance_a_curator_created_stays_on_the_record_when_its_verification_is_undone(
    api_client, token_client, proposed, status
):
    """Review 37: only what a verification put on the record comes off with it. A curator's attendance, with its
    default status too, was taken off the record when the one verified report of it was undone."""
    known, _new_event, _at_known = proposed
    qatar = Participant.objects.get(slug="qatar")
    answer = token_client.post("/api/attendances/", {"event": known.slug, "participant": "qatar"}, format="json")
    assert answer.status_code == 201, answer.json()
    attendance = Attendance.objects.get(event=known, participant=qatar)
    article = ArticleFactory(
        body="Qatar declined to attend the Moscow talks.", published_on=datetime.date(2018, 8, 21)
    )
    report = token_client.post(
        "/api/reports/",
        {
            "attendance": attendance.pk,
            "status": status,
            "reported_on": "2018-08-20",
            "article": article.pk,
            "quote": "Qatar declined to attend",
            "review": "verified",
        },
        format="json",
    )
    assert report.status_code == 201, report.json()

    answer = token_client.patch(f"/api/reports/{report.json()['id']}/", {"review": "rejected"}, format="json")

    assert answer.status_code == 200, answer.json()
    assert not Attendance.objects.get(pk=attendance.pk).awaiting_review
    assert api_client.get(f"/api/attendances/{attendance.pk}/").status_code == 200
