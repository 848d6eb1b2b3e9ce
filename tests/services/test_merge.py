"""services.merge_participants: duplicates merged into the participant kept, with every relation and rule."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.models import Attendance, Participant, ParticipantProposal
from events.services import merge_participants
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


def report_on(attendance, status, day, **fields):
    return ReportFactory(attendance=attendance, status=status, reported_on=datetime.date(2018, 8, day), **fields)


def test_merge_moves_attendances_reports_statements_hosts_and_affiliates():
    """Everything that pointed to the duplicate points to the participant kept; the duplicate is gone."""
    ministry = ParticipantFactory(name="Afghan foreign ministry")
    keep = ParticipantFactory(name="Sibghat Ahmadi", kind="person", aliases=["S. Ahmadi"])
    duplicate = ParticipantFactory(
        name="Sibghatullah Ahmadi",
        kind="person",
        aliases=["Ahmadi", "S. Ahmadi"],
        affiliation=ministry,
        country="AF",
        wikidata_id="Q123",
        description="Spokesman of the foreign ministry.",
    )
    attendance = AttendanceFactory(participant=duplicate, notes="invited by Russia")
    report = report_on(attendance, "declined", 22)
    statement = ReportFactory(speaker=duplicate)
    hosted = EventFactory(host=duplicate)
    hosting = AttendanceFactory(event=hosted, participant=duplicate, role="host")
    assistant = ParticipantFactory(affiliation=duplicate)

    done = merge_participants(keep=keep, duplicates=[duplicate])

    assert done.duplicates == [duplicate]
    assert not Participant.objects.filter(pk=duplicate.pk).exists()
    keep.refresh_from_db()
    assert keep.aliases == ["S. Ahmadi", "Sibghatullah Ahmadi", "Ahmadi"]
    assert (keep.affiliation, keep.country.code, keep.wikidata_id, keep.description) == (
        ministry,
        "AF",
        "Q123",
        "Spokesman of the foreign ministry.",
    )
    attendance.refresh_from_db()
    assert (attendance.participant, attendance.notes, attendance.status) == (keep, "invited by Russia", "declined")
    assert list(attendance.reports.all()) == [report]
    statement.refresh_from_db()
    assert statement.speaker == keep
    hosted.refresh_from_db()
    assert hosted.host == keep
    hosting.refresh_from_db()
    assert (hosting.participant, hosting.role) == (keep, "host")
    assistant.refresh_from_db()
    assert assistant.affiliation == keep


def test_merge_clash_moves_the_duplicates_reports_onto_the_kept_attendance():
    """Both at the same event: one attendance remains, with every report of both; the status follows them all."""
    keep, duplicate = ParticipantFactory(), ParticipantFactory(name="Duplicate")
    event = EventFactory()
    kept = AttendanceFactory(event=event, participant=keep, notes="from TOLOnews")
    lost = AttendanceFactory(event=event, participant=duplicate, notes="from Reuters", role="observer")
    older = report_on(kept, "invited", 10)
    later = report_on(lost, "declined", 22)
    rejected = report_on(lost, "attended", 25, review="rejected")
    elsewhere = AttendanceFactory(participant=duplicate)

    done = merge_participants(keep=keep, duplicates=[duplicate])

    assert [(a.notes, k.pk) for a, k in done.joined] == [("from Reuters", kept.pk)]
    assert [a.pk for a in done.moved] == [elsewhere.pk]
    assert not Attendance.objects.filter(pk=lost.pk).exists()
    kept.refresh_from_db()
    assert set(kept.reports.all()) == {older, later, rejected}
    assert (kept.status, kept.status_date) == ("declined", datetime.date(2018, 8, 22))
    assert (kept.notes, kept.role) == ("from TOLOnews\n\nfrom Reuters", "participant")
    assert set(Attendance.objects.filter(participant=keep)) == {kept, elsewhere}


def test_merge_clash_keeps_the_duplicates_curated_status_in_the_notes():
    """Without reports, the kept attendance keeps its curated status and notes the duplicate's."""
    keep, duplicate = ParticipantFactory(), ParticipantFactory(name="Duplicate")
    event = EventFactory()
    kept = AttendanceFactory(event=event, participant=keep)
    AttendanceFactory(event=event, participant=duplicate, status="confirmed", status_date=datetime.date(2018, 8, 2))

    merge_participants(keep=keep, duplicates=[duplicate])

    kept.refresh_from_db()
    assert kept.status == "invited"
    assert kept.notes == "Merged from Duplicate: curated status confirmed (2018-08-02)."


def test_merge_of_the_hosts_duplicate_makes_the_kept_attendance_host():
    """The duplicate hosted the event and the kept participant took part: the kept attendance becomes host."""
    keep, duplicate = ParticipantFactory(), ParticipantFactory()
    event = EventFactory(host=duplicate)
    kept = AttendanceFactory(event=event, participant=keep, role="participant")
    AttendanceFactory(event=event, participant=duplicate, role="host")
    other = EventFactory(host=keep)
    moved = AttendanceFactory(event=other, participant=duplicate, role="observer")

    merge_participants(keep=keep, duplicates=[duplicate])

    kept.refresh_from_db()
    moved.refresh_from_db()
    event.refresh_from_db()
    assert (event.host, kept.role, moved.participant, moved.role) == (keep, "host", keep, "host")


def test_merge_of_several_duplicates_at_one_event_joins_them_all():
    """Three names of one participant at one event end as one attendance with all the notes and reports."""
    keep, first, second = ParticipantFactory(), ParticipantFactory(name="First"), ParticipantFactory(name="Second")
    event = EventFactory()
    a = AttendanceFactory(event=event, participant=first, notes="one")
    b = AttendanceFactory(event=event, participant=second, notes="two")
    reports = {report_on(a, "invited", 1), report_on(b, "confirmed", 2)}

    merge_participants(keep=keep, duplicates=[first, second])

    (attendance,) = Attendance.objects.filter(participant=keep)
    assert (attendance.pk, attendance.notes, attendance.status) == (a.pk, "one\n\ntwo", "confirmed")
    assert set(attendance.reports.all()) == reports
    keep.refresh_from_db()
    assert keep.aliases == ["First", "Second"]


def test_merge_that_would_break_a_rule_writes_nothing():
    """A merge whose result fails validation (an affiliation cycle) leaves every record as it was."""
    keep = ParticipantFactory()
    duplicate = ParticipantFactory(name="Duplicate")
    keep.affiliation = ParticipantFactory(affiliation=duplicate)
    keep.save()
    attendance = AttendanceFactory(participant=duplicate)

    with pytest.raises(ValidationError, match="its own affiliation"):
        merge_participants(keep=keep, duplicates=[duplicate])

    assert Participant.objects.filter(pk=duplicate.pk).exists()
    attendance.refresh_from_db()
    assert attendance.participant == duplicate


def test_merge_needs_another_participant():
    """Merging a participant into itself is refused."""
    keep = ParticipantFactory()
    with pytest.raises(ValidationError, match="at least one"):
        merge_participants(keep=keep, duplicates=[keep])


def test_merge_handles_every_relation_to_participants():
    """Each relation that points to a participant is one the merge re-points: a new one must be added there."""
    relations = {(r.related_model.__name__, r.field.name) for r in Participant._meta.related_objects}
    assert relations == {
        ("Participant", "affiliation"),
        ("Event", "host"),
        ("Attendance", "participant"),
        ("Report", "speaker"),
        ("ParticipantProposal", "participant"),
    }


def test_merge_repoints_the_parties_proposed_as_a_duplicate():
    keep, duplicate = ParticipantFactory(), ParticipantFactory()
    proposal = ParticipantProposal.objects.create(
        article=ArticleFactory(), name="Northern Front", key="northern front", kind="armed_group",
        status="confirmed", participant=duplicate,
    )  # fmt: skip
    merge_participants(keep=keep, duplicates=[duplicate])
    proposal.refresh_from_db()
    assert proposal.participant == keep


def test_merge_keeps_every_change_in_the_records_history():
    """A merge writes through update_each: each re-pointed record gets a new version and a history row."""
    keep, duplicate = ParticipantFactory(), ParticipantFactory()
    moved = AttendanceFactory(participant=duplicate)
    statement = ReportFactory(speaker=duplicate)
    told = ReportFactory(attendance=moved)  # reads with the participant's slug: a write of its own (tester 43, M2)
    moved.refresh_from_db()  # the report's status moved it
    versions = {"moved": moved.version, "statement": statement.version, "told": told.version}

    merge_participants(keep=keep, duplicates=[duplicate])

    moved.refresh_from_db()
    statement.refresh_from_db()
    assert (moved.participant, moved.version) == (keep, versions["moved"] + 1)
    assert (statement.speaker, statement.version) == (keep, versions["statement"] + 1)
    assert moved.history.first().history_change_reason == "Merged duplicate participants."
    assert statement.history.first().speaker_id == keep.pk
    told.refresh_from_db()
    assert (told.version, told.history.first().history_change_reason) == (
        versions["told"] + 1,
        "Merged duplicate participants.",
    )
    # The duplicate's deletion says so too (tester 43, L7: it had no reason)
    gone = Participant.history.filter(id=duplicate.pk).order_by("history_id").last()
    assert (gone.history_type, gone.history_change_reason) == ("-", "Merged duplicate participants.")


def test_merge_refuses_notes_joined_past_their_bound_and_writes_nothing():
    """Two attendances' notes, each within 10,000 characters, may join past it: the merge is refused, as a write."""
    keep, duplicate = ParticipantFactory(), ParticipantFactory(name="Duplicate")
    event = EventFactory()
    kept = AttendanceFactory(event=event, participant=keep, notes="k" * 6_000)
    AttendanceFactory(event=event, participant=duplicate, notes="d" * 6_000)

    with pytest.raises(
        ValidationError, match=r"joined: Ensure this value has at most 10000 characters \(it has 12002\)\."
    ):
        merge_participants(keep=keep, duplicates=[duplicate])

    kept.refresh_from_db()
    assert kept.notes == "k" * 6_000
    assert Participant.objects.filter(pk=duplicate.pk).exists()


def test_a_vouched_attendance_joined_into_a_proposal_puts_it_on_the_record_with_its_status_and_role():
    """Tester 33, J18: Russia's attendance proposed by the assistant (awaiting review, the default status) took a
    curator's "confirmed" mediator attendance of a duplicate, and the joined one vanished from the public record
    with the proposal's "invited" and role "participant"."""
    russia, duplicate = ParticipantFactory(slug="russia"), ParticipantFactory(slug="russia-dup")
    event = EventFactory()
    proposal = AttendanceFactory(event=event, participant=russia, awaiting_review=True)
    report_on(proposal, "declined", 20, review="draft")
    curated = AttendanceFactory(event=event, participant=duplicate, role="mediator")
    curated.status, curated.status_date = "confirmed", datetime.date(2024, 4, 1)
    curated.save()

    merge_participants(keep=russia, duplicates=[duplicate])

    (joined,) = Attendance.objects.all()
    assert joined.pk == proposal.pk
    assert (joined.awaiting_review, joined.role) == (False, "mediator")
    assert (joined.status, joined.status_date) == ("confirmed", datetime.date(2024, 4, 1))
    assert list(Attendance.objects.on_record()) == [joined]
    assert joined.reports.get().review == "draft"  # the assistant's report still awaits a curator


def test_a_proposal_joined_into_a_vouched_attendance_changes_nothing_of_it():
    russia, duplicate = ParticipantFactory(slug="russia"), ParticipantFactory(slug="russia-dup")
    event = EventFactory()
    kept = AttendanceFactory(event=event, participant=russia, role="observer")
    kept.status = "confirmed"
    kept.save()
    AttendanceFactory(event=event, participant=duplicate, awaiting_review=True)

    merge_participants(keep=russia, duplicates=[duplicate])

    (joined,) = Attendance.objects.all()
    assert (joined.pk, joined.awaiting_review, joined.role, joined.status, joined.notes) == (
        kept.pk,
        False,
        "observer",
        "confirmed",
        "",
    )


def test_a_merge_past_the_aliases_bound_names_the_field_the_participant_and_the_count():
    """Tester 33, J17: "Nothing was merged: Ensure this field has no more than 100 elements." named nothing."""
    keep = ParticipantFactory(name="Full Aliases", aliases=[f"Alias {n}" for n in range(100)])
    duplicate = ParticipantFactory(name="Full Dup")

    with pytest.raises(ValidationError) as refused:
        merge_participants(keep=keep, duplicates=[duplicate])

    assert refused.value.messages == [
        "aliases: Full Aliases would have 101 aliases: Ensure this field has no more than 100 elements."
    ]
    assert Participant.objects.filter(pk=duplicate.pk).exists()


def test_the_later_of_two_merges_of_one_pair_finds_its_participant_merged_away():
    """Tester 34, K6: two curators merged the same pair at once, each keeping another: a deadlock on PostgreSQL.
    The participants are locked in the order of their ids now, so the later merge waits, then finds this."""
    first, second = ParticipantFactory(name="First"), ParticipantFactory(name="Second")
    AttendanceFactory(participant=first)
    merge_participants(keep=first, duplicates=[second])

    with pytest.raises(ValidationError, match="Second was merged into another participant or deleted meanwhile"):
        merge_participants(keep=second, duplicates=[first])

    assert list(Participant.objects.values_list("name", flat=True)) == ["First"]


def test_a_body_merged_into_one_of_its_members():
    """The member kept belonged to the body merged away: the deletion's release of it is part of the merge (a
    review of stop 36: the merge raised RecordChanged)."""
    body = ParticipantFactory(name="The Body")
    member = ParticipantFactory(affiliation=body)

    merge_participants(keep=member, duplicates=[body])

    member.refresh_from_db()
    assert member.affiliation is None and not Participant.objects.filter(pk=body.pk).exists()
    reasons = [row.history_change_reason for row in member.history.all()]
    assert "Merged duplicate participants." in reasons and not any("was deleted" in (r or "") for r in reasons)
