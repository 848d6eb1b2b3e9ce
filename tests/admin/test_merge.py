"""Merging duplicate participants from the participant list: confirm what moves, then merge."""

import datetime

import pytest
from django.contrib.admin import helpers
from django.contrib.messages import get_messages

from events.models import Attendance, Participant, Report
from tests.admin.conftest import admin_url
from tests.factories import AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ahmadi():
    """The spokesman recorded twice: once at the Moscow talks with a report, once as the speaker of another."""
    short = ParticipantFactory(slug="sibghat-ahmadi", name="Sibghat Ahmadi", kind="person")
    long = ParticipantFactory(
        slug="sibghatullah-ahmadi", name="Sibghatullah Ahmadi", kind="person", aliases=["Sebghatullah Ahmadi"]
    )
    moscow = EventFactory(title="Moscow talks on Afghanistan")
    kept = AttendanceFactory(event=moscow, participant=short)
    joined = AttendanceFactory(event=moscow, participant=long)
    ReportFactory(attendance=joined, status="declined", reported_on=datetime.date(2018, 8, 22))
    moved = AttendanceFactory(event=EventFactory(title="Geneva conference"), participant=long)
    statement = ReportFactory(speaker=long)
    return {"short": short, "long": long, "kept": kept, "joined": joined, "moved": moved, "statement": statement}


def merge_post(participants, **extra):
    return {
        "action": "merge_participants",
        helpers.ACTION_CHECKBOX_NAME: [p.pk for p in participants],
        **extra,
    }


def test_the_action_asks_first_and_lists_what_moves(admin_client, ahmadi):
    """The action shows a confirmation page with counts and records, and changes nothing yet."""
    response = admin_client.post(admin_url(Participant, "changelist"), merge_post([ahmadi["short"], ahmadi["long"]]))
    assert response.status_code == 200
    assert response.template_name == "admin/events/participant/merge_confirmation.html"
    plan = response.context["plan"]
    assert (plan.keep, plan.duplicates) == (ahmadi["short"], [ahmadi["long"]])
    content = response.content.decode()
    for text in [
        "1 attendance moves to Sibghat Ahmadi",
        "1 attendance at an event where Sibghat Ahmadi already is",
        "1 report on these attendances",
        "1 report quoting them as the speaker",
        "0 hosted events",
        "aliases afterwards: Sibghatullah Ahmadi, Sebghatullah Ahmadi",
        "Sibghatullah Ahmadi at Geneva conference",
        "Sibghatullah Ahmadi at Moscow talks on Afghanistan",
        str(ahmadi["statement"]),
    ]:
        assert text in content
    assert Participant.objects.filter(pk=ahmadi["long"].pk).exists()
    assert Attendance.objects.filter(participant=ahmadi["long"]).count() == 2


def test_the_curator_chooses_which_one_to_keep(admin_client, ahmadi):
    """Choosing the other participant and asking again shows the merge the other way round."""
    data = merge_post([ahmadi["short"], ahmadi["long"]], keep=ahmadi["long"].pk, preview="Show")
    response = admin_client.post(admin_url(Participant, "changelist"), data)
    plan = response.context["plan"]
    assert (plan.keep, plan.duplicates) == (ahmadi["long"], [ahmadi["short"]])
    assert f'value="{ahmadi["long"].pk}" checked' in response.content.decode()


def test_confirming_merges_and_opens_the_participant_kept(admin_client, ahmadi):
    """On confirmation the duplicate is merged and gone; its reports are on the kept attendance."""
    data = merge_post([ahmadi["short"], ahmadi["long"]], keep=ahmadi["short"].pk, post="Merge")
    response = admin_client.post(admin_url(Participant, "changelist"), data)
    assert response.status_code == 302
    assert response.url == admin_url(Participant, "change", ahmadi["short"].pk)
    (message,) = get_messages(response.wsgi_request)
    assert str(message) == (
        "Merged Sibghatullah Ahmadi into Sibghat Ahmadi: 1 attendances moved, "
        "1 joined with Sibghat Ahmadi's at the same event."
    )
    assert not Participant.objects.filter(pk=ahmadi["long"].pk).exists()
    kept = ahmadi["kept"]
    kept.refresh_from_db()
    assert (kept.status, kept.reports.count()) == ("declined", 1)
    ahmadi["statement"].refresh_from_db()
    assert ahmadi["statement"].speaker == ahmadi["short"]
    ahmadi["short"].refresh_from_db()
    assert ahmadi["short"].aliases == ["Sibghatullah Ahmadi", "Sebghatullah Ahmadi"]
    assert Report.objects.count() == 2


def test_merge_needs_two_participants(admin_client, ahmadi):
    """With one participant selected the action says so and does nothing."""
    response = admin_client.post(admin_url(Participant, "changelist"), merge_post([ahmadi["long"]], post="Merge"))
    assert response.status_code == 302
    (message,) = get_messages(response.wsgi_request)
    assert str(message) == "Select from 2 to 20 participants to merge."
    assert Participant.objects.filter(pk=ahmadi["long"].pk).exists()


def test_merge_refused_by_a_rule_says_why_and_writes_nothing(admin_client):
    """A merge that would make an affiliation cycle is refused with the rule's message."""
    keep, duplicate = ParticipantFactory(name="Keep"), ParticipantFactory(name="Duplicate")
    keep.affiliation = ParticipantFactory(affiliation=duplicate)
    keep.save()
    data = merge_post([keep, duplicate], keep=keep.pk, post="Merge")
    response = admin_client.post(admin_url(Participant, "changelist"), data)
    assert response.status_code == 302
    (message,) = get_messages(response.wsgi_request)
    assert str(message) == (
        "Nothing was merged: affiliation: Keep: This would make the participant its own affiliation."
    )
    assert Participant.objects.filter(pk=duplicate.pk).exists()


def test_the_action_is_offered_only_to_those_who_may_merge(staff_client):
    """Without the permissions a merge needs, the action is not offered and a forged post merges nothing."""
    first, second = ParticipantFactory(), ParticipantFactory()
    client = staff_client("events.view_participant", "events.change_participant", "events.delete_participant")
    response = client.get(admin_url(Participant, "changelist"))
    assert "merge_participants" not in dict(response.context["action_form"].fields["action"].choices)
    client.post(admin_url(Participant, "changelist"), merge_post([first, second], keep=first.pk, post="Merge"))
    assert Participant.objects.filter(pk=second.pk).exists()


@pytest.mark.parametrize("size", [1, 6])
def test_confirmation_page_queries_do_not_grow_with_records(admin_client, django_assert_num_queries, size):
    """The confirmation page costs as many queries for six records of each kind as for one."""
    keep, duplicate = ParticipantFactory(), ParticipantFactory()
    for _ in range(size):
        event = EventFactory(host=duplicate)
        AttendanceFactory(event=event, participant=keep)
        ReportFactory(attendance=AttendanceFactory(event=event, participant=duplicate, role="host"))
        ReportFactory(attendance=AttendanceFactory(participant=duplicate), speaker=duplicate)
        ParticipantFactory(affiliation=duplicate)
    # Session, user, which selected ids are stored, the changelist's count, the selected participants, keep's
    # attendances, the duplicates' attendances, and a count each of reports, statements, hosted events and
    # affiliates, and a page of three.
    with django_assert_num_queries(14):
        response = admin_client.post(admin_url(Participant, "changelist"), merge_post([keep, duplicate]))
    plan = response.context["plan"]
    assert (len(plan.moved), len(plan.joined)) == (size, size)


@pytest.mark.parametrize("keep", ["", "abc", "99999999999999999999", None], ids=["empty", "abc", "overflow", "none"])
def test_merge_with_no_participant_to_keep_asks_again_naming_the_field(admin_client, ahmadi, keep):
    """A Merge whose keep is missing or none of the selected participants merges nothing: the page asks again."""
    extra = {"post": "Merge"} if keep is None else {"post": "Merge", "keep": keep}
    response = admin_client.post(
        admin_url(Participant, "changelist"), merge_post([ahmadi["short"], ahmadi["long"]], **extra)
    )
    assert response.status_code == 200
    assert response.template_name == "admin/events/participant/merge_confirmation.html"
    content = response.content.decode()
    assert "Keep: choose which of the selected participants to keep." in content
    assert " checked>" not in content  # no choice is made for the curator
    assert not list(get_messages(response.wsgi_request))
    assert Participant.objects.filter(pk__in=[ahmadi["short"].pk, ahmadi["long"].pk]).count() == 2


def test_merge_keeping_a_participant_not_selected_asks_again(admin_client, ahmadi):
    other = ParticipantFactory()
    data = merge_post([ahmadi["short"], ahmadi["long"]], keep=other.pk, post="Merge")
    response = admin_client.post(admin_url(Participant, "changelist"), data)
    assert response.status_code == 200
    assert "Keep: choose which of the selected participants to keep." in response.content.decode()
    assert Participant.objects.filter(pk__in=[ahmadi["short"].pk, ahmadi["long"].pk]).count() == 2
