"""The rules of the records, as the admin and the API meet them: through full_clean() and save()."""

import datetime
import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from events.models import Article, Attendance, Event, Participant, Report
from events.services import create_report
from tests.factories import (
    ArticleFactory,
    AttendanceFactory,
    EventFactory,
    ParticipantFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

DECLINE_QUOTE = "We will not participate in the Moscow talks."
CONFIRM_QUOTE = "The Taliban will attend the talks."
AUG_20 = datetime.date(2018, 8, 20)
AUG_22 = datetime.date(2018, 8, 22)
AUG_25 = datetime.date(2018, 8, 25)


def saved(instance):
    """Validate and save ``instance`` as the admin and the API do."""
    instance.full_clean()
    instance.save()
    return instance


def error_fields(excinfo):
    """The fields a ValidationError names."""
    return set(excinfo.value.message_dict)


def add_report(attendance, *, status="declined", reported_on=AUG_22, quote=DECLINE_QUOTE, article=None, **fields):
    """A report validated and saved, as the admin and the API write it."""
    return saved(
        Report(
            attendance=attendance,
            status=status,
            reported_on=reported_on,
            article=article or ArticleFactory(published_on=reported_on),
            quote=quote,
            **fields,
        )
    )


def current_status(attendance):
    """The attendance's status and status date as stored."""
    attendance.refresh_from_db()
    return attendance.status, attendance.status_date


# ------------------------------------------------------------------------------
# Event dates
# ------------------------------------------------------------------------------
def test_event_end_before_start_fails_full_clean_on_end_date():
    """An end date before the start date is reported on end_date, once."""
    event = EventFactory.build(start_date=AUG_22, end_date=AUG_20)
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert excinfo.value.message_dict == {
        "end_date": ["The end date (2018-08-20) must not be before the start date (2018-08-22)."]
    }


def test_event_end_before_start_refused_by_database():
    """The check constraint refuses the date order even when full_clean() is skipped."""
    event = EventFactory.build(start_date=AUG_22, end_date=AUG_20)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()
    assert not Event.objects.exists()


@pytest.mark.parametrize("end_date", [AUG_22, AUG_25, None])
def test_event_end_on_or_after_start_or_missing_is_valid(end_date):
    """An end date on or after the start date, or none at all, is valid."""
    event = saved(EventFactory.build(start_date=AUG_22, end_date=end_date))
    event.refresh_from_db()
    assert (event.start_date, event.end_date) == (AUG_22, end_date)


def record_dated(field, day):
    """An unsaved record of the model that ``field`` (``model.field``) belongs to, with that date set."""
    builders = {
        "event.start_date": lambda: EventFactory.build(start_date=day),
        "event.end_date": lambda: EventFactory.build(start_date=datetime.date(1000, 1, 1), end_date=day),
        "report.reported_on": lambda: ReportFactory.build(
            attendance=AttendanceFactory(), article=ArticleFactory(published_on=day), reported_on=day
        ),
        "article.published_on": lambda: ArticleFactory.build(published_on=day),
        "attendance.status_date": lambda: Attendance(
            event=EventFactory(), participant=ParticipantFactory(), status="confirmed", status_date=day
        ),
    }
    return builders[field]()


DATED_FIELDS = [
    "event.start_date",
    "event.end_date",
    "report.reported_on",
    "article.published_on",
    "attendance.status_date",
]


@pytest.mark.parametrize("day", [datetime.date(9999, 12, 31), datetime.date(3000, 1, 1), datetime.date(999, 12, 31)])
@pytest.mark.parametrize("field", DATED_FIELDS)
def test_date_outside_years_1000_to_2999_fails_full_clean_on_its_field(field, day):
    """A date before the year 1000 or from the year 3000 on is a typing mistake, refused on its field."""
    with pytest.raises(ValidationError) as excinfo:
        record_dated(field, day).full_clean()
    assert error_fields(excinfo) == {field.split(".")[1]}


@pytest.mark.parametrize("day", [datetime.date(2999, 12, 31), datetime.date(1000, 1, 1)])
@pytest.mark.parametrize("field", DATED_FIELDS)
def test_date_within_years_1000_to_2999_is_valid(field, day):
    """The first and last days of the plausible years are valid and stored."""
    record = saved(record_dated(field, day))
    record.refresh_from_db()
    assert getattr(record, field.split(".")[1]) == day


# ------------------------------------------------------------------------------
# Uniqueness
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("factory", [ParticipantFactory, EventFactory])
def test_slug_is_unique(factory):
    """A second record with a taken slug fails full_clean on slug and is refused by the database."""
    factory(slug="moscow")
    duplicate = factory.build(slug="moscow")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert error_fields(excinfo) == {"slug"}
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_one_attendance_per_event_and_participant():
    """A participant is at most once in an event."""
    existing = AttendanceFactory()
    duplicate = Attendance(event=existing.event, participant=existing.participant, role="observer")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert error_fields(excinfo) == {"participant"}
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Attendance.objects.count() == 1


def test_same_participant_in_two_events_is_valid():
    """The uniqueness is per event: one participant may attend several events."""
    existing = AttendanceFactory()
    other = saved(Attendance(event=EventFactory(), participant=existing.participant))
    assert set(existing.participant.attendances.all()) == {existing, other}


def test_articles_without_url_do_not_collide():
    """Two articles with an empty url are both valid."""
    saved(ArticleFactory.build(url=""))
    saved(ArticleFactory.build(url=""))
    assert Article.objects.filter(url="").count() == 2


def test_article_url_is_unique_when_present():
    """A second article with the same url is refused by full_clean and by the database."""
    ArticleFactory(url="https://example.com/a")
    duplicate = ArticleFactory.build(url="https://example.com/a")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Article.objects.count() == 1


def test_article_publisher_date_title_is_unique():
    """An article is unique by publisher, published_on and title."""
    ArticleFactory(publisher="Reuters", published_on=AUG_22, title="Talks")
    duplicate = ArticleFactory.build(publisher="Reuters", published_on=AUG_22, title="Talks")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert error_fields(excinfo) == {"title"}
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.parametrize(
    "changes",
    [{"publisher": "TASS"}, {"published_on": AUG_25}, {"title": "Other talks"}],
)
def test_article_differing_in_one_key_field_is_valid(changes):
    """Changing any one of publisher, published_on and title makes a distinct article."""
    ArticleFactory(publisher="Reuters", published_on=AUG_22, title="Talks")
    saved(ArticleFactory.build(**{"publisher": "Reuters", "published_on": AUG_22, "title": "Talks", **changes}))
    assert Article.objects.count() == 2


@pytest.mark.parametrize("wikidata_id", ["Q42", "Q1", "Q123456789"])
def test_wikidata_id_valid(wikidata_id):
    """A Wikidata ID is Q followed by digits."""
    participant = saved(ParticipantFactory.build(wikidata_id=wikidata_id))
    assert Participant.objects.get(pk=participant.pk).wikidata_id == wikidata_id


@pytest.mark.parametrize("wikidata_id", ["42", "q42", "Q", "Q0", "Q42a", "Q 42", "P42", "Q42\nQ1"])
def test_wikidata_id_invalid(wikidata_id):
    """Anything else is refused on wikidata_id."""
    with pytest.raises(ValidationError) as excinfo:
        ParticipantFactory.build(wikidata_id=wikidata_id).full_clean()
    assert error_fields(excinfo) == {"wikidata_id"}


def test_wikidata_id_unique_when_present():
    """Two participants may both lack a Wikidata ID, but not share one."""
    saved(ParticipantFactory.build(wikidata_id=""))
    saved(ParticipantFactory.build(wikidata_id=""))
    ParticipantFactory(wikidata_id="Q889")
    duplicate = ParticipantFactory.build(wikidata_id="Q889")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Participant.objects.filter(wikidata_id="Q889").count() == 1


# ------------------------------------------------------------------------------
# Article language
# ------------------------------------------------------------------------------
def test_article_language_defaults_to_english():
    """An article saved without a language is in ``en``."""
    article = saved(Article(title="Talks", publisher="Reuters", published_on=AUG_22))
    assert Article.objects.get(pk=article.pk).language == "en"


@pytest.mark.parametrize("language", ["en", "ps", "pt-BR", "fil", "zh-Hant", "sr-Latn-RS"])
def test_article_language_valid(language):
    """A BCP 47 code, language in lower case with optional subtags, is valid (in any case: tests/rules/
    test_case_of_codes.py)."""
    article = saved(ArticleFactory.build(language=language))
    assert Article.objects.get(pk=article.pk).language == language


@pytest.mark.parametrize("language", ["klingon", "e", "", "en_US", "en-", "pt-BR-", "e n", "en\nfr"])
def test_article_language_invalid(language):
    """Anything else is refused on language."""
    with pytest.raises(ValidationError) as excinfo:
        ArticleFactory.build(language=language).full_clean()
    assert error_fields(excinfo) == {"language"}


def test_a_code_with_white_space_around_it_is_stored_trimmed_as_the_api_stores_it():
    """Tester 46, D3: the API trims every text (" en", "Q42\n"), and so does every other entry point."""
    article = saved(ArticleFactory.build(language=" en"))
    participant = saved(ParticipantFactory.build(wikidata_id="Q42\n"))
    assert (Article.objects.get(pk=article.pk).language, Participant.objects.get(pk=participant.pk).wikidata_id) == (
        "en",
        "Q42",
    )


# ------------------------------------------------------------------------------
# Participant
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "aliases",
    ["Sibghat Ahmadi", {"name": "Sibghat"}, ["Sibghat", ""], ["Sibghat", "   "], ["Sibghat", 3], [None], 5],
)
def test_aliases_must_be_a_list_of_non_empty_strings(aliases):
    """Aliases other than a list of non-empty strings are refused on aliases."""
    with pytest.raises(ValidationError) as excinfo:
        ParticipantFactory.build(aliases=aliases).full_clean()
    assert error_fields(excinfo) == {"aliases"}


def test_aliases_are_trimmed_and_deduplicated_in_order():
    """Clean stores every alias trimmed and once, in the curator's order."""
    participant = saved(
        ParticipantFactory.build(aliases=["  Sibghat Ahmadi ", "Sibghatullah Ahmadi", "Sibghat Ahmadi", "S. Ahmadi"])
    )
    participant.refresh_from_db()
    assert participant.aliases == ["Sibghat Ahmadi", "Sibghatullah Ahmadi", "S. Ahmadi"]


def test_empty_alias_list_is_valid():
    """A participant may have no alias."""
    participant = saved(ParticipantFactory.build(aliases=[]))
    participant.refresh_from_db()
    assert participant.aliases == []


def test_no_aliases_becomes_an_empty_list():
    """Aliases set to None are cleaned to an empty list, which saves."""
    participant = ParticipantFactory.build(aliases=None)
    participant.full_clean()
    assert participant.aliases == []
    participant.save()
    participant.refresh_from_db()
    assert participant.aliases == []


def test_affiliation_to_itself_is_refused():
    """A participant cannot be affiliated with itself."""
    participant = ParticipantFactory()
    participant.affiliation = participant
    with pytest.raises(ValidationError) as excinfo:
        participant.full_clean()
    assert excinfo.value.message_dict == {"affiliation": ["This would make the participant its own affiliation."]}


def test_an_affiliation_cycle_is_refused():
    """A ministry cannot belong to its own spokesman, even through a body in between."""
    government = ParticipantFactory()
    ministry = ParticipantFactory(affiliation=government)
    spokesman = ParticipantFactory(affiliation=ministry)
    government.affiliation = spokesman
    with pytest.raises(ValidationError) as excinfo:
        government.full_clean()
    assert excinfo.value.message_dict == {"affiliation": ["This would make the participant its own affiliation."]}


def test_affiliation_to_another_participant_is_valid():
    """A spokesman is affiliated with his ministry."""
    ministry = ParticipantFactory(kind="government", name="Ministry of Foreign Affairs")
    spokesman = saved(ParticipantFactory.build(kind="person", affiliation=ministry))
    assert list(ministry.affiliates.all()) == [spokesman]


@pytest.mark.parametrize("text", ["Sibghatullah", "sibghatullah ahmadi", "Ahmadi", "Sibghat Ahmadi", "spokes"])
def test_search_finds_by_name_and_alias(text):
    """Search finds a participant by any part of its name or of any alias, in any case."""
    spokesman = ParticipantFactory(
        slug="sibghat-ahmadi", name="Sibghat Ahmadi (spokesman)", aliases=["Sibghatullah Ahmadi"]
    )
    ParticipantFactory(slug="taliban", name="Taliban", aliases=["Islamic Emirate of Afghanistan"])
    assert list(Participant.objects.search(text)) == [spokesman]


def test_search_by_alias_only():
    """A text that occurs only in an alias still finds the participant."""
    spokesman = ParticipantFactory(slug="ahmadi", name="Ahmadi", aliases=["Sibghatullah Ahmadi"])
    ParticipantFactory(slug="other", name="Sibghat", aliases=[])
    assert list(Participant.objects.search("Sibghatullah")) == [spokesman]
    assert list(Participant.objects.search("Nobody")) == []


@pytest.mark.parametrize("text", ["Mujāhid", "Zabīhullāh Mujāhid", "Сибгатулла"])
def test_search_finds_alias_outside_ascii(text):
    """An alias with letters outside ASCII is found as typed."""
    spokesman = ParticipantFactory(slug="mujahid", name="Spokesman", aliases=["Zabīhullāh Mujāhid", "Сибгатулла"])
    ParticipantFactory(slug="other", name="Other", aliases=["Mujahid"])
    assert list(Participant.objects.search(text)) == [spokesman]


# ------------------------------------------------------------------------------
# Hosts
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["participant", "observer", "mediator"])
def test_host_attending_with_another_role_fails_full_clean_on_role(role):
    """The event's host takes part with role host, or not at all."""
    russia = ParticipantFactory(slug="russia", name="Russia")
    attendance = Attendance(event=EventFactory(host=russia), participant=russia, role=role)
    with pytest.raises(ValidationError) as excinfo:
        attendance.full_clean()
    assert excinfo.value.message_dict == {"role": ["Russia hosts this event, so its role here is host."]}


def test_changing_the_hosts_attendance_role_fails_full_clean_on_role():
    """The host's existing attendance cannot leave the role host."""
    russia = ParticipantFactory()
    attendance = AttendanceFactory(event=EventFactory(host=russia), participant=russia, role="host")
    attendance.role = "observer"
    with pytest.raises(ValidationError) as excinfo:
        attendance.full_clean()
    assert error_fields(excinfo) == {"role"}


def test_host_attending_as_host_is_valid():
    """The host's attendance with role host is valid."""
    russia = ParticipantFactory()
    attendance = saved(Attendance(event=EventFactory(host=russia), participant=russia, role="host"))
    assert Attendance.objects.get(pk=attendance.pk).role == "host"


def test_another_participant_may_co_host():
    """A participant other than the event's host may have role host too."""
    russia = ParticipantFactory()
    event = EventFactory(host=russia)
    host = saved(Attendance(event=event, participant=russia, role="host"))
    co_host = saved(Attendance(event=event, participant=ParticipantFactory(), role="host"))
    assert set(event.attendances.values_list("pk", "role")) == {(host.pk, "host"), (co_host.pk, "host")}


@pytest.mark.parametrize("role", ["participant", "observer", "mediator"])
def test_host_attending_with_another_role_fails_event_full_clean_on_host(role):
    """An event's host cannot be a participant that attends it with a role other than host."""
    event = EventFactory()
    taliban = ParticipantFactory(name="Taliban")
    AttendanceFactory(event=event, participant=taliban, role=role)
    event.host = taliban
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert excinfo.value.message_dict == {"host": [f"Taliban takes part with role {role}: make that role host first."]}
    assert Event.objects.get(pk=event.pk).host is None


def test_host_attending_as_host_passes_event_full_clean():
    """A participant that attends with role host may become the host."""
    event = EventFactory()
    russia = ParticipantFactory()
    AttendanceFactory(event=event, participant=russia, role="host")
    event.host = russia
    saved(event)
    assert Event.objects.get(pk=event.pk).host == russia


def test_host_without_attendance_is_valid_and_adds_no_attendance():
    """Setting as host a participant that does not attend is valid and creates no attendance."""
    event = EventFactory()
    other = AttendanceFactory(event=event)
    russia = ParticipantFactory()
    event.host = russia
    saved(event)
    assert Event.objects.get(pk=event.pk).host == russia
    assert list(Attendance.objects.all()) == [other]


# ------------------------------------------------------------------------------
# The quote rule
# ------------------------------------------------------------------------------
def test_report_quote_not_in_article_fails_on_quote():
    """A quote that the article's body does not contain is refused on quote."""
    report = ReportFactory.build(
        attendance=AttendanceFactory(), article=ArticleFactory(), quote="We will attend the Moscow talks."
    )
    with pytest.raises(ValidationError) as excinfo:
        report.full_clean()
    assert error_fields(excinfo) == {"quote"}
    assert excinfo.value.message_dict["quote"][0].startswith("The quote does not occur in the article's text")


def test_report_quote_matches_modulo_whitespace_and_quote_marks():
    """The quote rule in full_clean uses the normalised match."""
    article = ArticleFactory(body="He said: “We won’t  participate\nin the talks.”")
    report = add_report(AttendanceFactory(), article=article, quote='"We won\'t participate in the talks."')
    assert Report.objects.get(pk=report.pk).quote == '"We won\'t participate in the talks."'


def test_report_quote_not_checked_when_article_has_no_body():
    """With no stored body the quote cannot be checked and is accepted."""
    article = ArticleFactory(body="")
    report = add_report(AttendanceFactory(), article=article, quote="Anything the article may say.")
    assert Report.objects.filter(pk=report.pk).exists()


def test_article_body_change_that_drops_a_quote_is_refused():
    """A new body must still contain the quote of every report taken from the article."""
    report = ReportFactory()
    article = report.article
    article.body = "The Taliban will attend the talks."
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert excinfo.value.message_dict == {
        "body": [f"The text no longer contains the quote of report {report.uid}: “{report.quote}”."]
    }


def test_article_body_change_that_keeps_the_quotes_is_valid():
    """A body edit that keeps every quote is saved."""
    report = ReportFactory()
    article = report.article
    article.body = f"Kabul, 22 August. {report.quote} A spokesman said so."
    saved(article)
    article.refresh_from_db()
    assert article.body == f"Kabul, 22 August. {report.quote} A spokesman said so."


def test_mismatch_message_names_the_differing_character():
    """A non-breaking hyphen in the quote where the text has "-" is named by its code point."""
    article = ArticleFactory(body="Kabul called the Moscow talks a long-awaited step.")
    report = ReportFactory.build(attendance=AttendanceFactory(), article=article, quote="a long\u2011awaited step")
    with pytest.raises(ValidationError) as excinfo:
        report.full_clean()
    assert error_fields(excinfo) == {"quote"}
    message = excinfo.value.message_dict["quote"][0]
    assert "U+2011 NON-BREAKING HYPHEN" in message
    assert message.startswith("The quote does not occur in the article's text: the text has its start, up to “a long”")


def test_article_body_cannot_be_emptied_under_its_quotes():
    """Emptying the body of an article that reports quote is refused on body."""
    article = ReportFactory().article
    article.body = ""
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert excinfo.value.message_dict == {"body": ["Reports quote this text, so it cannot be emptied."]}


def test_article_body_of_only_whitespace_under_quotes_is_refused():
    """A body of blanks no longer holds the quotes: refused on body."""
    article = ReportFactory().article
    article.body = "  \n "
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert error_fields(excinfo) == {"body"}


def test_article_body_may_be_emptied_when_no_report_cites_it():
    """Without reports the body may be emptied."""
    article = ArticleFactory()
    article.body = ""
    saved(article)
    assert Article.objects.get(pk=article.pk).body == ""


def test_article_stored_without_body_stays_editable_under_its_reports():
    """An article stored without a body, which reports cite unchecked, can still be edited."""
    article = ArticleFactory(body="")
    add_report(AttendanceFactory(), article=article, quote="Anything the article may say.")
    article.title = "A corrected title"
    saved(article)
    assert Article.objects.get(pk=article.pk).title == "A corrected title"


# ------------------------------------------------------------------------------
# The status rule
# ------------------------------------------------------------------------------
def test_new_attendance_is_invited_without_date():
    """By default an attendance is invited, with no status date."""
    attendance = saved(Attendance(event=EventFactory(), participant=ParticipantFactory()))
    assert current_status(attendance) == ("invited", None)


def test_status_follows_latest_reported_on():
    """The report with the latest reported_on sets the status, whatever order they were entered in."""
    attendance = AttendanceFactory()
    add_report(attendance, status="confirmed", reported_on=AUG_25, quote=CONFIRM_QUOTE)
    add_report(attendance, status="declined", reported_on=AUG_20)
    assert current_status(attendance) == ("confirmed", AUG_25)


def test_status_tie_goes_to_report_entered_last():
    """Between reports of the same day, the one entered last (higher pk) wins."""
    attendance = AttendanceFactory()
    first = add_report(attendance, status="declined", reported_on=AUG_22)
    second = add_report(attendance, status="confirmed", reported_on=AUG_22, quote=CONFIRM_QUOTE)
    assert second.pk > first.pk
    assert current_status(attendance) == ("confirmed", AUG_22)


def test_rejected_report_does_not_count():
    """A rejected report, however late, does not set the status."""
    attendance = AttendanceFactory()
    add_report(attendance, status="declined", reported_on=AUG_20)
    add_report(attendance, status="confirmed", reported_on=AUG_25, quote=CONFIRM_QUOTE, review="rejected")
    assert current_status(attendance) == ("declined", AUG_20)


def test_rejecting_a_report_recomputes_the_status():
    """Changing the latest report's review to rejected falls back to the previous report."""
    attendance = AttendanceFactory()
    add_report(attendance, status="declined", reported_on=AUG_20)
    latest = add_report(attendance, status="confirmed", reported_on=AUG_25, quote=CONFIRM_QUOTE)
    assert current_status(attendance) == ("confirmed", AUG_25)
    latest.review = "rejected"
    saved(latest)
    assert current_status(attendance) == ("declined", AUG_20)
    latest.review = "verified"
    saved(latest)
    assert current_status(attendance) == ("confirmed", AUG_25)


def test_changing_reported_on_recomputes_the_status():
    """Moving a report's date before another report's hands the status over."""
    attendance = AttendanceFactory()
    add_report(attendance, status="declined", reported_on=AUG_22)
    later = add_report(attendance, status="confirmed", reported_on=AUG_25, quote=CONFIRM_QUOTE)
    later.reported_on = AUG_20
    saved(later)
    assert current_status(attendance) == ("declined", AUG_22)


def test_deleting_a_report_recomputes_the_status():
    """Deleting the latest report falls back to the previous one."""
    attendance = AttendanceFactory()
    add_report(attendance, status="declined", reported_on=AUG_20)
    latest = add_report(attendance, status="confirmed", reported_on=AUG_25, quote=CONFIRM_QUOTE)
    latest.delete()
    assert current_status(attendance) == ("declined", AUG_20)


def test_queryset_delete_recomputes_the_status():
    """A bulk delete of reports also recomputes the status."""
    attendance = saved(
        Attendance(event=EventFactory(), participant=ParticipantFactory(), status="considering", status_date=AUG_20)
    )
    add_report(attendance, status="declined", reported_on=AUG_22)
    add_report(attendance, status="confirmed", reported_on=AUG_25, quote=CONFIRM_QUOTE)
    Report.objects.filter(attendance=attendance, status="confirmed").delete()
    assert current_status(attendance) == ("declined", AUG_22)
    Report.objects.filter(attendance=attendance).delete()
    assert current_status(attendance) == ("considering", AUG_20)


def event_with(attendances, reports):
    """An event with ``attendances`` attendances of ``reports`` reports each."""
    event = EventFactory()
    for _ in range(attendances):
        attendance = AttendanceFactory(event=event)
        for day in range(reports):
            ReportFactory(attendance=attendance, reported_on=AUG_20 + datetime.timedelta(days=day))
    return event


@pytest.mark.parametrize(("attendances", "reports"), [(2, 2), (6, 3)])
def test_deleting_an_event_does_not_refresh_the_attendances_it_deletes(
    django_assert_num_queries, attendances, reports
):
    """Deleting an event costs the same queries for many attendances and reports as for few."""
    event = event_with(attendances, reports)
    event_with(1, 1)  # another event's, kept

    # Claim the event's version, select the attendances and the reports, delete reports, attendances
    # and event, then write their historical rows and their lines in the change log: one insert per model
    # each (a deleted row tells itself whether readers saw it).
    with django_assert_num_queries(12):
        event.delete()

    assert (Event.objects.count(), Attendance.objects.count(), Report.objects.count()) == (1, 1, 1)


def test_moving_a_report_refreshes_both_attendances():
    """A report moved to another attendance leaves the old one and sets the new one."""
    event = EventFactory()
    left = AttendanceFactory(event=event)
    joined = AttendanceFactory(event=event)
    add_report(left, status="declined", reported_on=AUG_20)
    moving = add_report(left, status="confirmed", reported_on=AUG_25, quote=CONFIRM_QUOTE)
    moving = Report.objects.get(pk=moving.pk)
    moving.attendance = joined
    saved(moving)
    assert current_status(left) == ("declined", AUG_20)
    assert current_status(joined) == ("confirmed", AUG_25)


def test_moving_the_only_report_returns_the_old_attendance_to_its_curated_status():
    """The attendance a report leaves goes back to what a curator set."""
    left = AttendanceFactory()
    joined = AttendanceFactory()
    moving = add_report(left, status="declined", reported_on=AUG_20)
    moving.attendance = joined
    saved(moving)
    assert current_status(left) == ("invited", None)
    assert current_status(joined) == ("declined", AUG_20)


def test_status_returns_to_curated_when_no_report_counts():
    """With no counting report the status is what a curator set."""
    attendance = saved(
        Attendance(event=EventFactory(), participant=ParticipantFactory(), status="confirmed", status_date=AUG_20)
    )
    report = add_report(attendance, status="declined", reported_on=AUG_22)
    assert current_status(attendance) == ("declined", AUG_22)
    report.delete()
    assert current_status(attendance) == ("confirmed", AUG_20)


def test_status_returns_to_curated_when_only_report_is_rejected():
    """Rejecting the only report also gives back the curated status."""
    attendance = saved(
        Attendance(event=EventFactory(), participant=ParticipantFactory(), status="considering", status_date=AUG_20)
    )
    report = add_report(attendance, status="declined", reported_on=AUG_22)
    report.review = "rejected"
    saved(report)
    assert current_status(attendance) == ("considering", AUG_20)


def test_attendance_save_with_reports_keeps_report_status():
    """Saving an attendance with reports (a role change) keeps the status of its reports."""
    attendance = saved(
        Attendance(event=EventFactory(), participant=ParticipantFactory(), status="confirmed", status_date=AUG_20)
    )
    add_report(attendance, status="declined", reported_on=AUG_22)
    attendance.refresh_from_db()
    attendance.role = "observer"
    saved(attendance)
    assert current_status(attendance) == ("declined", AUG_22)
    Report.objects.filter(attendance=attendance).delete()
    assert current_status(attendance) == ("confirmed", AUG_20)


def test_attendance_full_clean_refuses_status_change_while_reports_exist():
    """A curator cannot set the status of an attendance that has reports."""
    attendance = AttendanceFactory()
    add_report(attendance, status="declined", reported_on=AUG_22)
    attendance.refresh_from_db()
    attendance.status = "confirmed"
    with pytest.raises(ValidationError) as excinfo:
        attendance.full_clean()
    assert error_fields(excinfo) == {"status"}


def test_attendance_full_clean_refuses_status_date_change_while_reports_exist():
    """The status date follows the reports too."""
    attendance = AttendanceFactory()
    add_report(attendance, status="declined", reported_on=AUG_22)
    attendance.refresh_from_db()
    attendance.status_date = AUG_25
    with pytest.raises(ValidationError) as excinfo:
        attendance.full_clean()
    assert error_fields(excinfo) == {"status_date"}


def test_attendance_full_clean_allows_status_change_when_only_rejected_reports():
    """Rejected reports do not count, so the curator may set the status."""
    attendance = AttendanceFactory()
    add_report(attendance, status="declined", reported_on=AUG_22, review="rejected")
    attendance.refresh_from_db()
    attendance.status, attendance.status_date = "confirmed", AUG_25
    saved(attendance)
    assert current_status(attendance) == ("confirmed", AUG_25)


# ------------------------------------------------------------------------------
# Fixtures
# ------------------------------------------------------------------------------
REPORT_UID = "3f1d1d9e-4b7a-4c59-9d27-3c2f8d7f0a11"


def fixture_records(*, quote):
    """A fixture, in natural keys, of one event with one attendance and its report."""
    return [
        {
            "model": "events.participant",
            "fields": {"slug": "afghanistan", "name": "Afghanistan", "kind": "state", "country": "AF"},
        },
        {
            "model": "events.event",
            "fields": {
                "slug": "moscow-talks-2018",
                "title": "Moscow talks on Afghanistan",
                "kind": "peace_talks",
                "status": "scheduled",
                "start_date": "2018-09-04",
                "city": "Moscow",
                "country": "RU",
            },
        },
        {
            "model": "events.article",
            "fields": {
                "title": "Afghanistan will not attend Moscow talks",
                "publisher": "Al Jazeera",
                "published_on": "2018-08-22",
                "body": f"{DECLINE_QUOTE} {CONFIRM_QUOTE}",
            },
        },
        {
            "model": "events.attendance",
            "fields": {
                "event": ["moscow-talks-2018"],
                "participant": ["afghanistan"],
                "role": "participant",
                "status": "invited",
            },
        },
        {
            "model": "events.report",
            "fields": {
                "uid": REPORT_UID,
                "attendance": ["moscow-talks-2018", "afghanistan"],
                "status": "declined",
                "review": "verified",
                "reported_on": "2018-08-22",
                "article": ["Al Jazeera", "2018-08-22", "Afghanistan will not attend Moscow talks"],
                "quote": quote,
            },
        },
    ]


def record_counts():
    return {model.__name__: model.objects.count() for model in (Participant, Event, Article, Attendance, Report)}


def write_fixture(tmp_path, records):
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return str(path)


def test_loaddata_refuses_quote_not_in_article_and_writes_nothing(tmp_path):
    """A fixture whose quote the article does not contain fails and leaves no row of it."""
    ParticipantFactory(slug="russia")
    before = record_counts()
    path = write_fixture(tmp_path, fixture_records(quote="We will gladly attend the Moscow talks."))
    with pytest.raises(CommandError, match=r"\(events\.report [^)]*\): quote: ") as excinfo:
        call_command("loaddata", path, verbosity=0)
    assert set(excinfo.value.__cause__.message_dict) == {"quote"}
    assert record_counts() == before


def test_loaddata_refuses_invalid_field_and_writes_nothing(tmp_path):
    """Field rules apply to fixtures too: a bad Wikidata ID stops the whole load."""
    records = fixture_records(quote=DECLINE_QUOTE)
    records[0]["fields"]["wikidata_id"] = "889"
    path = write_fixture(tmp_path, records)
    with pytest.raises(CommandError, match=r"line 1 \(events\.participant [^)]*\): wikidata_id: ") as excinfo:
        call_command("loaddata", path, verbosity=0)
    assert set(excinfo.value.__cause__.message_dict) == {"wikidata_id"}
    assert record_counts() == dict.fromkeys(record_counts(), 0)


def test_loaddata_valid_fixture_sets_status_from_report(tmp_path):
    """A valid fixture loads every record and the attendance follows its report."""
    path = write_fixture(tmp_path, fixture_records(quote="  We will not participate\nin the Moscow talks. "))
    call_command("loaddata", path, verbosity=0)
    assert record_counts() == {"Participant": 1, "Event": 1, "Article": 1, "Attendance": 1, "Report": 1}
    attendance = Attendance.objects.get_by_natural_key("moscow-talks-2018", "afghanistan")
    assert current_status(attendance) == ("declined", AUG_22)
    report = Report.objects.get()
    assert report.uid == uuid.UUID(REPORT_UID)
    assert report.attendance == attendance


def test_loaddata_twice_adds_nothing(tmp_path):
    """Loading the same natural-key fixture again changes nothing."""
    path = write_fixture(tmp_path, fixture_records(quote=DECLINE_QUOTE))
    call_command("loaddata", path, verbosity=0)
    first = record_counts()
    call_command("loaddata", path, verbosity=0)
    assert record_counts() == first
    attendance = Attendance.objects.get()
    assert current_status(attendance) == ("declined", AUG_22)


def test_loaddata_into_database_with_other_records(tmp_path):
    """A fixture loads beside existing records and leaves their statuses alone."""
    other = AttendanceFactory()
    add_report(other, status="confirmed", reported_on=AUG_25, quote=CONFIRM_QUOTE)
    path = write_fixture(tmp_path, fixture_records(quote=DECLINE_QUOTE))
    call_command("loaddata", path, verbosity=0)
    assert Attendance.objects.count() == 2
    assert current_status(other) == ("confirmed", AUG_25)


def test_loaddata_moving_a_report_refreshes_the_attendance_it_left(tmp_path):
    """A fixture that moves an existing report (same uid) refreshes both attendances."""
    (tmp_path / "first").mkdir()
    call_command("loaddata", write_fixture(tmp_path / "first", fixture_records(quote=DECLINE_QUOTE)), verbosity=0)
    moved = fixture_records(quote=DECLINE_QUOTE)
    moved[-1:-1] = [
        {"model": "events.participant", "fields": {"slug": "united-states", "name": "United States", "kind": "state"}},
        {
            "model": "events.attendance",
            "fields": {"event": ["moscow-talks-2018"], "participant": ["united-states"], "role": "participant"},
        },
    ]
    moved[-1]["fields"]["attendance"] = ["moscow-talks-2018", "united-states"]
    (tmp_path / "second").mkdir()
    call_command("loaddata", write_fixture(tmp_path / "second", moved), verbosity=0)
    left = Attendance.objects.get_by_natural_key("moscow-talks-2018", "afghanistan")
    joined = Attendance.objects.get_by_natural_key("moscow-talks-2018", "united-states")
    assert Report.objects.get().attendance == joined
    assert current_status(left) == ("invited", None)
    assert current_status(joined) == ("declined", AUG_22)


def test_loaddata_attendance_without_reports_keeps_its_status_as_the_curated_one(tmp_path):
    """A fixture's status with no report is kept, and comes back after a report is added and deleted."""
    records = fixture_records(quote=DECLINE_QUOTE)[:-1]
    records[-1]["fields"].update({"status": "confirmed", "status_date": "2018-08-20"})
    call_command("loaddata", write_fixture(tmp_path, records), verbosity=0)
    attendance = Attendance.objects.get_by_natural_key("moscow-talks-2018", "afghanistan")
    assert current_status(attendance) == ("confirmed", AUG_20)

    report = add_report(attendance, status="declined", reported_on=AUG_22)
    assert current_status(attendance) == ("declined", AUG_22)
    report.delete()

    assert current_status(attendance) == ("confirmed", AUG_20)


def test_natural_keys_round_trip():
    """Every record's natural key finds it again through its manager."""
    report = ReportFactory()
    attendance = report.attendance
    records = [attendance.participant, attendance.event, attendance, report.article, report]
    assert [type(record).objects.get_by_natural_key(*record.natural_key()) for record in records] == records


def test_natural_key_shapes():
    """Natural keys are the slugs, event + participant slugs, publisher + ISO date + title, and the uid."""
    attendance = AttendanceFactory(event=EventFactory(slug="moscow-talks"), participant=ParticipantFactory(slug="af"))
    report = ReportFactory(
        attendance=attendance,
        article=ArticleFactory(publisher="Reuters", published_on=AUG_22, title="Talks"),
    )
    assert report.attendance.participant.natural_key() == ("af",)
    assert report.attendance.event.natural_key() == ("moscow-talks",)
    assert report.attendance.natural_key() == ("moscow-talks", "af")
    assert report.article.natural_key() == ("Reuters", "2018-08-22", "Talks")
    assert report.natural_key() == (str(report.uid),)


# ------------------------------------------------------------------------------
# services.create_report
# ------------------------------------------------------------------------------
def test_create_report_creates_missing_attendance():
    """With an event and a participant and no attendance yet, the attendance is created."""
    event, participant = EventFactory(), ParticipantFactory()
    report = create_report(
        event=event,
        participant=participant,
        status="declined",
        reported_on=AUG_22,
        article=ArticleFactory(),
        quote=DECLINE_QUOTE,
    )
    attendance = Attendance.objects.get(event=event, participant=participant)
    assert report.attendance == attendance
    assert attendance.role == "participant"
    assert current_status(attendance) == ("declined", AUG_22)


def test_create_report_reuses_existing_attendance():
    """An existing attendance is used, not duplicated."""
    attendance = AttendanceFactory(role="observer")
    report = create_report(
        event=attendance.event,
        participant=attendance.participant,
        status="confirmed",
        reported_on=AUG_25,
        article=ArticleFactory(published_on=AUG_25),
        quote=CONFIRM_QUOTE,
    )
    assert report.attendance == attendance
    assert Attendance.objects.count() == 1
    attendance.refresh_from_db()
    assert (attendance.role, attendance.status, attendance.status_date) == ("observer", "confirmed", AUG_25)


def test_create_report_with_attendance():
    """An attendance may be given directly."""
    attendance = AttendanceFactory()
    report = create_report(
        attendance=attendance, status="declined", reported_on=AUG_22, article=ArticleFactory(), quote=DECLINE_QUOTE
    )
    assert list(attendance.reports.all()) == [report]


def test_create_report_with_quote_not_in_article_writes_nothing():
    """A quote the article does not contain is refused, and not even the attendance is written."""
    event, participant, article = EventFactory(), ParticipantFactory(), ArticleFactory()
    with pytest.raises(ValidationError) as excinfo:
        create_report(
            event=event,
            participant=participant,
            status="confirmed",
            reported_on=AUG_22,
            article=article,
            quote="Kabul will attend the talks.",
        )
    assert error_fields(excinfo) == {"quote"}
    assert not Attendance.objects.exists()
    assert not Report.objects.exists()


# ------------------------------------------------------------------------------
# Search at scale (migration 0003): aliases as text, words of long text
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ['"', '", "', "[", "]", ","])
def test_search_does_not_match_the_json_of_aliases(text):
    """A quote, a comma or a bracket is not in any alias, though it is in their stored JSON."""
    ParticipantFactory(slug="ahmadi", name="Ahmadi", aliases=["Sibghatullah Ahmadi", "Sibghat"])

    assert list(Participant.objects.search(text)) == []


def test_search_finds_text_across_no_two_aliases():
    """Each alias is matched on its own: the end of one and the start of the next are not one name."""
    spokesman = ParticipantFactory(slug="ahmadi", name="Ahmadi", aliases=["Sibghatullah", "Ahmadi Sibghat"])

    assert list(Participant.objects.search("Sibghatullah Ahmadi")) == []
    assert list(Participant.objects.search("ahmadi sibg")) == [spokesman]


@pytest.mark.parametrize("text", ["Afghan", "ceasefire offer", "TALKS"])
def test_event_search_finds_words_of_the_description(text):
    """A word, or the start of one, in any case, finds the event by its description on every engine."""
    event = EventFactory(title="Untitled", city="", description="Ceasefire offer ahead of talks on Afghanistan.")
    EventFactory(title="Other", city="", description="Nothing to see.")

    assert list(Event.objects.search(text)) == [event]


def test_article_search_finds_words_of_the_body():
    article = ArticleFactory(title="Untitled", body="Washington has declined the invitation.")
    ArticleFactory(title="Other", body="Nothing to see.")

    assert list(Article.objects.search("has declined")) == [article]
    assert list(Article.objects.search("Islamabad")) == []
