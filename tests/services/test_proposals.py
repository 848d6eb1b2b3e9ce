"""services.propose_reports: the extraction assistant's writes, the same for the command, the API and the admin."""

import datetime

import pytest

from events.extraction import NewEvent, proposed_marker
from events.models import Attendance, Event, Participant, Report
from events.services import propose_reports
from events.services.drafts import write_draft
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Afghanistan will not attend the Moscow talks, the Afghan foreign ministry said on Monday.\n\n"
    "The Taliban has confirmed that they will attend the talks.\n\n"
    "Qatar said the Taliban would attend a meeting in Doha on Saturday."
)


@pytest.fixture
def world():
    """Participants and the Moscow talks, as a curator would have them before reading the article."""
    ParticipantFactory(slug="afghanistan", name="Afghanistan", country="AF")
    ParticipantFactory(slug="afghan-foreign-ministry", name="Afghan foreign ministry", kind="government", country="AF")
    ParticipantFactory(slug="taliban", name="Taliban", kind="armed_group", country="AF")
    ParticipantFactory(slug="qatar", name="Qatar", country="QA", aliases=["Doha"])
    russia = ParticipantFactory(slug="russia", name="Russia", country="RU", aliases=["Moscow"])
    EventFactory(
        slug="moscow-talks", title="Moscow talks on Afghanistan", start_date=datetime.date(2018, 9, 4), host=russia
    )
    return ArticleFactory(body=BODY, published_on=datetime.date(2018, 8, 22))


def summary(outcome):
    return sorted((i.proposal.event.slug, i.proposal.participant.slug, i.proposal.status) for i in outcome.items)


def test_proposals_become_draft_reports_with_their_attendances_and_new_events(world):
    outcome = propose_reports(article=world)
    assert summary(outcome) == [
        ("meeting-in-doha-2018-08-25", "taliban", "confirmed"),
        ("moscow-talks", "afghanistan", "declined"),
        ("moscow-talks", "taliban", "confirmed"),
    ]
    assert all(item.created and not item.error for item in outcome.items)
    reports = Report.objects.filter(article=world).select_related("attendance__event", "speaker")
    assert {r.review for r in reports} == {"draft"}
    declined = reports.get(status="declined")
    assert (declined.reported_on, declined.speaker.slug) == (datetime.date(2018, 8, 20), "afghan-foreign-ministry")
    assert (
        declined.quote == "Afghanistan will not attend the Moscow talks, the Afghan foreign ministry said on Monday."
    )
    doha = Event.objects.get(slug="meeting-in-doha-2018-08-25")
    assert (doha.title, doha.city, doha.country.code, doha.start_date, doha.status) == (
        "Meeting in Doha",
        "Doha",
        "QA",
        datetime.date(2018, 8, 25),
        "scheduled",
    )
    # The assistant's note is the event's provenance, for curators; its public description stays empty (tester 44, D4).
    assert (doha.description, doha.provenance.startswith(proposed_marker(world.pk))) == ("", True)
    assert [e.slug for e in outcome.created_events] == ["meeting-in-doha-2018-08-25"]
    assert len(outcome.created_attendances) == 3
    # A draft never sets the status: the attendance keeps what a curator set until a curator verifies it.
    assert Attendance.objects.get(event__slug="moscow-talks", participant__slug="afghanistan").status == "invited"


def test_a_second_run_creates_nothing(world):
    propose_reports(article=world)
    counts = (Report.objects.count(), Attendance.objects.count(), Event.objects.count())
    outcome = propose_reports(article=world)
    assert (Report.objects.count(), Attendance.objects.count(), Event.objects.count()) == counts
    assert outcome.created_reports == [] and outcome.created_events == [] and outcome.created_attendances == []
    assert all(item.report is not None and not item.created for item in outcome.items)


def test_verified_and_rejected_reports_are_left_alone(world):
    propose_reports(article=world)
    verified = Report.objects.get(status="declined")
    verified.review = "verified"
    verified.save()
    rejected = Report.objects.get(status="confirmed", attendance__event__slug="moscow-talks")
    rejected.review = "rejected"
    rejected.save()
    before = {r.pk: (r.review, r.status, r.quote, r.updated_at) for r in Report.objects.all()}
    propose_reports(article=world)
    assert {r.pk: (r.review, r.status, r.quote, r.updated_at) for r in Report.objects.all()} == before


def test_existing_attendances_are_used_as_they_are(world):
    attendance = AttendanceFactory(
        event=Event.objects.get(slug="moscow-talks"),
        participant=ParticipantFactory(slug="afghanistan"),
        role="observer",
    )
    ReportFactory(attendance=attendance, article=world, status="invited", quote="the Moscow talks", review="verified")
    outcome = propose_reports(article=world)
    assert attendance not in outcome.created_attendances
    assert Attendance.objects.get(pk=attendance.pk).role == "observer"
    assert Report.objects.filter(attendance=attendance).count() == 2


def test_dry_run_writes_nothing(world):
    outcome = propose_reports(article=world, dry_run=True)
    assert len(outcome.items) == 3
    assert (Report.objects.count(), Attendance.objects.count(), Event.objects.count()) == (0, 0, 1)


@pytest.mark.parametrize("body", ["", " \n\n\t"])
def test_an_article_with_no_text_is_refused_on_its_body_for_every_entry_point(body):
    """The API, the admin and ingest_article give this one rule and message: nothing is read or written."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        propose_reports(article=ArticleFactory(body=body))
    assert error.value.message_dict == {"body": ["The article has no text to read."]}
    assert not Report.objects.exists()


def test_an_event_the_extractor_proposed_is_not_known_to_a_second_run_of_the_same_article(world):
    """Else the second run would link differently from the first; another article does see it."""
    propose_reports(article=world)
    other = ArticleFactory(body="Qatar will attend the meeting in Doha on Saturday.", published_on=world.published_on)
    outcome = propose_reports(article=other)
    assert summary(outcome) == [("meeting-in-doha-2018-08-25", "qatar", "confirmed")]
    assert outcome.created_events == []


def test_the_catalog_holds_the_events_near_the_article():
    """An event more than NEAR_DAYS from the publication date cannot be linked, so it is not loaded."""
    from events.services.proposals import database_catalog

    near = EventFactory(start_date=datetime.date(2018, 9, 4))
    long_running = EventFactory(start_date=datetime.date(2001, 1, 1), end_date=datetime.date(2018, 8, 22))
    EventFactory(start_date=datetime.date(2010, 1, 1))
    EventFactory(start_date=datetime.date(2030, 1, 1))
    catalog = database_catalog(around=datetime.date(2018, 8, 22))
    assert {e.slug for e in catalog.events} == {near.slug, long_running.slug}


def test_a_proposal_that_breaks_a_rule_is_reported_and_writes_nothing(world, monkeypatch):
    """Neither its report nor the attendance it would need is written; the other proposals are."""
    from django.core.exceptions import ValidationError

    from events.services import drafts

    create_report = drafts.create_report

    def refuse_taliban(**fields):
        if fields["attendance"].participant.slug == "taliban":
            raise ValidationError({"quote": "Refused for the test."})
        return create_report(**fields)

    monkeypatch.setattr(drafts, "create_report", refuse_taliban)
    outcome = propose_reports(article=world)
    assert [(i.proposal.participant.slug, i.created, i.error) for i in outcome.items] == [
        ("afghanistan", True, ""),
        ("taliban", False, "Refused for the test."),
        ("taliban", False, "Refused for the test."),
    ]
    assert not Attendance.objects.filter(participant__slug="taliban").exists()
    assert Report.objects.count() == 1 and len(outcome.created_attendances) == 1


def test_a_party_only_the_gazetteer_knows_is_a_candidate_not_a_report(world):
    """Egypt is not in the database: its statement waits for the curator to add it, listed with the candidates."""
    article = ArticleFactory(
        body="Egypt will attend the Moscow talks. Russia, which will host the talks, invited the Taliban.",
        published_on=datetime.date(2018, 8, 22),
    )
    outcome = propose_reports(article=article)
    assert "egypt" not in {i.proposal.participant.slug for i in outcome.items}
    assert [(p.participant.slug, p.status) for p in outcome.new_party_proposals] == [("egypt", "confirmed")]
    assert "Egypt" in outcome.candidates
    assert not Report.objects.filter(attendance__participant__slug="egypt").exists()


def test_a_dry_run_proposes_what_a_run_writes_and_writes_nothing(world):
    """A party the database lacks is no report in a dry run either: it is among the parties, unsaved."""
    from events.models import ParticipantProposal

    article = ArticleFactory(
        body="Egypt will attend the Moscow talks. Russia, which will host the talks, invited the Taliban.",
        published_on=datetime.date(2018, 8, 22),
    )

    def seen(outcome):
        return (
            summary(outcome),
            [(p.participant.slug, p.status) for p in outcome.new_party_proposals],
            outcome.candidates,
            [(p.name, p.is_pending) for p in outcome.parties],
        )

    dry = propose_reports(article=article, dry_run=True)
    assert (Report.objects.count(), ParticipantProposal.objects.count()) == (0, 0)
    assert all(party.pk is None for party in dry.parties)
    assert seen(dry)[1] == [("egypt", "confirmed")]
    assert seen(dry) == seen(propose_reports(article=article))
    assert ParticipantProposal.objects.get().name == "Egypt"


def test_a_mediator_s_new_attendance_carries_its_role(world):
    article = ArticleFactory(
        body="The Moscow talks will be mediated by Qatar.", published_on=datetime.date(2018, 8, 22)
    )
    propose_reports(article=article)
    assert Attendance.objects.get(event__slug="moscow-talks", participant__slug="qatar").role == "mediator"


def test_a_host_the_article_names_hosts_the_event_it_proposes_and_no_event_already_on_the_record(world):
    """Tester 47: the host's attendance had role host while the proposed event's host stayed empty."""
    ParticipantFactory(slug="kenya", name="Kenya", country="KE")
    body = "Kenya will host peace talks in Nairobi on March 3. Kenya will also host the Moscow talks."
    propose_reports(article=ArticleFactory(body=body, published_on=datetime.date(2026, 3, 2)))

    proposed = Event.objects.get(city="Nairobi")
    assert (proposed.awaiting_review, proposed.host.slug) == (True, "kenya")
    assert Attendance.objects.get(event=proposed, participant__slug="kenya").role == "host"
    assert Event.objects.get(slug="moscow-talks").host.slug == "russia"  # on the record: a curator's to change
    hostless = EventFactory(slug="vouched", title="Vouched talks", start_date=datetime.date(2026, 3, 3))
    write_draft(
        article=ArticleFactory(body="Kenya will host the vouched talks.", published_on=datetime.date(2026, 3, 2)),
        event=hostless,
        participant=Participant.objects.get(slug="kenya"),
        status="confirmed",
        quote="Kenya will host the vouched talks.",
        reported_on=datetime.date(2026, 3, 2),
        role="host",
    )
    hostless.refresh_from_db()
    assert hostless.host is None


def test_a_host_that_already_takes_part_otherwise_leaves_the_event_without_host_and_its_draft_is_written(world):
    """Review of stop 40: "Kenya will attend …, Kenya will host" made the event refuse Kenya as its host (it takes
    part with role participant), and the refusal dropped the host's draft with it."""
    ParticipantFactory(slug="kenya", name="Kenya", country="KE")
    body = (
        "Kenya will attend peace talks on eastern Congo in Nairobi on March 3.\n\n"
        "Kenya will host the talks, the foreign ministry said."
    )
    outcome = propose_reports(article=ArticleFactory(body=body, published_on=datetime.date(2026, 3, 2)))

    assert [item.error for item in outcome.items] == ["", ""]
    event = Event.objects.get(city="Nairobi")
    assert (event.host, event.attendances.get().role, event.attendances.get().reports.count()) == (
        None,
        "participant",
        2,
    )


OSLO = (
    "OSLO — Norway has invited Valdoria's government to peace talks in Oslo later this month, the Norwegian "
    "foreign ministry said on Monday.\n\n"
    "Turkey was also invited and is considering whether to attend, a Turkish diplomat said."
)


def counts():
    return (Report.objects.count(), Attendance.objects.count(), Event.objects.count())


@pytest.fixture
def oslo():
    """An article whose own event (the talks in Oslo) the catalog lacks: the reader proposes it."""
    ParticipantFactory(slug="turkey", name="Turkey", country="TR")
    return ArticleFactory(body=OSLO, published_on=datetime.date(2025, 4, 14))


def test_a_second_run_reports_the_events_of_the_first_as_existing(oslo):
    first = propose_reports(article=oslo)
    [event] = first.created_events
    assert [e.slug for e in first.new_events] == [event.slug]
    before = counts()
    for dry_run in (True, False):
        again = propose_reports(article=oslo, dry_run=dry_run)
        assert again.new_events == [] and again.created_events == []
        assert {item.proposal.event.slug for item in again.items} == {event.slug}
        assert not any(isinstance(item.proposal.event, NewEvent) for item in again.items)
    assert counts() == before and not again.created_reports


def test_a_second_run_reuses_the_article_s_events_when_other_events_were_added_since(oslo):
    """Another event near the article's date changes how the reader links (the catalog is no longer empty);
    the second run still writes to the event the first created."""
    first = propose_reports(article=oslo)
    [event] = first.created_events
    propose_reports(
        article=ArticleFactory(
            body="Turkey declined the invitation to the Moscow talks.", published_on=datetime.date(2025, 1, 1)
        )
    )
    before = counts()
    again = propose_reports(article=oslo)
    assert {item.proposal.event.slug for item in again.items} == {event.slug}
    assert again.new_events == [] and again.created_events == [] and not again.created_reports
    assert all(item.report is not None and not item.created for item in again.items)
    assert counts() == before


def test_a_new_event_is_an_earlier_one_of_the_article_of_its_kind_city_and_month_or_sentence(oslo):
    from events.services.proposals import article_events, earlier_event

    propose_reports(article=oslo)
    [event] = article_events(oslo)
    sentence = OSLO.split("\n\n")[0]
    # Where the sentence is, not its words: the statement is a draft until a curator verifies a report of it.
    assert event.provenance == f"{proposed_marker(oslo.pk)} Read from the sentence at character 0 of its text."
    assert sentence not in event.provenance and event.description == ""

    def proposed(start_date, kind="peace_talks", city="OSLO", said="Talks opened in Oslo."):
        return NewEvent("talks-in-oslo", "Talks in Oslo", kind, start_date, city, "NO", sentence=said)

    april, october = datetime.date(2025, 4, 30), datetime.date(2025, 10, 1)
    assert earlier_event(proposed(april), [event], oslo) == event
    assert earlier_event(proposed(october), [event], oslo) is None  # another meeting in Oslo, months later
    assert earlier_event(proposed(october, said=sentence), [event], oslo) == event  # the same words, dated otherwise
    assert earlier_event(proposed(april, kind="summit"), [event], oslo) is None
    assert earlier_event(proposed(april, city="Bergen"), [event], oslo) is None
    other = EventFactory(kind="peace_talks", city="Oslo", start_date=datetime.date(2025, 4, 25))
    assert earlier_event(proposed(april), [event, other], oslo) == other  # the nearest in date
    # Another article's events are not this one's, whatever they hold.
    assert article_events(ArticleFactory(body=OSLO, published_on=oslo.published_on)) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_article_is_read_outside_any_transaction_and_the_drafts_written_in_one(world, monkeypatch):
    """F17: no write lock is held while the reader runs (SQLite's IMMEDIATE transactions would hold it)."""
    from django.db import connection

    from events import extraction

    read = extraction.extract
    seen = {}

    def reading(*args, **kwargs):
        seen["in_transaction"] = connection.in_atomic_block
        # Another writer's write meanwhile: an event the reader does not know yet, stored before the drafts.
        Event.objects.filter(slug="moscow-talks").update(description="edited while the article was read")
        return read(*args, **kwargs)

    monkeypatch.setattr(extraction, "extract", reading)
    outcome = propose_reports(article=world, seconds=20)
    assert seen == {"in_transaction": False}
    assert outcome.created_reports
    assert Event.objects.get(slug="moscow-talks").description == "edited while the article was read"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_event_created_while_the_article_was_read_is_an_existing_event(world, monkeypatch):
    """F17: the write transaction looks again: the event a concurrent run created is not created twice."""
    from events import extraction

    read = extraction.extract

    def reading(*args, **kwargs):
        extracted = read(*args, **kwargs)
        for event in extracted.new_events:  # a concurrent run wrote the same event meanwhile
            EventFactory(slug=event.slug, title=event.title, start_date=event.start_date)
        return extracted

    monkeypatch.setattr(extraction, "extract", reading)
    outcome = propose_reports(article=world, seconds=20)
    assert not outcome.created_events and not outcome.new_events
    assert outcome.created_reports
    second = propose_reports(article=world, seconds=20)
    assert not second.created_reports and not second.created_events


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_waiting_for_the_write_lock_past_the_deadline_is_out_of_time():
    """F17: the deadline bounds the wait for the write lock too (the caller's 400 on body)."""
    import time

    from django.db import OperationalError

    from events.extraction import OutOfTime
    from events.services.write_lock import write_transaction

    with pytest.raises(OutOfTime), write_transaction(time.monotonic() - 1):
        raise OperationalError("database is locked")


def test_a_second_run_is_not_drawn_to_an_event_that_lasts_for_ages(oslo):
    """Tester 42, F1: an event of 1000 to 2999 in "Nowhere", added after the first run, took every statement of the
    second (a date within an event is evidence for it only when the event lasts days, not centuries), and the
    second run wrote them again there."""
    first = propose_reports(article=oslo)
    [event] = first.created_events
    EventFactory(
        slug="old-one",
        title="Old congress",
        kind="conference",
        city="Nowhere",
        start_date=datetime.date(1000, 1, 1),
        end_date=datetime.date(2999, 12, 31),
    )
    before = counts()
    again = propose_reports(article=oslo)
    assert {item.proposal.event.slug for item in again.items} == {event.slug}
    assert not again.created_reports and counts() == before


def statement_of(report):
    """What ``write_draft`` is given of the statement ``report`` tells, but its event."""
    return {
        "article": report.article,
        "participant": report.attendance.participant,
        "status": report.status,
        "quote": report.quote,
        "reported_on": report.reported_on,
    }


def test_a_statement_already_told_under_another_event_is_not_written_again(oslo):
    """Whatever a later run links it to, one statement of an article is one report, unless a curator rejected it."""
    propose_reports(article=oslo)
    report = Report.objects.first()
    before = counts()
    other = EventFactory(start_date=oslo.published_on)
    told = statement_of(report)

    again = write_draft(event=other, **told)
    assert (again.report, again.created) == (report, False)
    assert counts() == (before[0], before[1], before[2] + 1)  # the other event only

    Report.objects.filter(pk=report.pk).update(review="rejected")
    assert write_draft(event=other, **told).created


def test_one_statement_linked_to_two_events_in_one_run_is_written_for_both(oslo):
    """The guard against telling a statement twice is about earlier runs: "X will attend A and B" in one run is two
    reports (a review of stop 36)."""
    propose_reports(article=oslo)
    report = Report.objects.first()
    other = EventFactory(start_date=oslo.published_on)
    told = statement_of(report)

    both = write_draft(event=other, linked_too={report.attendance.event.slug, other.slug}, **told)

    assert both.created and both.report.attendance.event == other


def test_a_proposed_event_s_provenance_is_shown_to_curators_and_served_to_no_one(world, api_client, admin_client):
    """Tester 44, D4: the assistant's note was the description of the event the API served once it was verified."""
    outcome = propose_reports(article=world)
    Report.objects.filter(article=world).update(review="verified")
    Event.objects.filter(slug="meeting-in-doha-2018-08-25").update(awaiting_review=False)
    [doha] = outcome.created_events

    served = api_client.get("/api/events/meeting-in-doha-2018-08-25/").json()
    assert served["description"] == "" and "provenance" not in served
    assert api_client.get("/api/events/?search=extraction+assistant").json()["count"] == 0
    page = admin_client.get(f"/admin/events/event/{doha.pk}/change/").content.decode()
    assert proposed_marker(world.pk) in page
