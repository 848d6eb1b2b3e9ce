"""Several events in one article (issue 14), on invented sentences: which event a statement is about, and its day.

An article reports its own event and others of the same series ("the first summit", "the fourth round"), other
meetings ("a video conference on Friday") and earlier ones ("last June"); each is told apart by its order in the
series, its date and its article, not merged into the article's own event.
"""

import datetime

import pytest

from events.extraction.dates import find_dates, resolve
from tests.extraction.invented import extractor_with, linked

PUBLISHED = datetime.date(2024, 2, 14)  # a Wednesday


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


def test_a_month_with_its_year_or_after_for_last_or_next_is_a_date():
    dates = find_dates("planned for September 2004, met last June, due next March", PUBLISHED, "past")
    assert [(d.text, d.start, d.end) for d in dates] == [
        ("for September 2004", datetime.date(2004, 9, 1), datetime.date(2004, 9, 30)),
        ("last June", datetime.date(2023, 6, 1), datetime.date(2023, 6, 30)),
        ("next March", datetime.date(2024, 3, 1), datetime.date(2024, 3, 31)),
    ]


def test_another_summit_of_the_series_does_not_date_the_article_s_own(extractor):
    text = (
        "Leaders back in Abuja for second emergency summit\n\n"
        "The summit was convened after the expiry on Sunday of the bloc's ultimatum. Ghana attended the summit.\n\n"
        "At the first summit on Sunday, January 28, Kenya attended in person."
    )
    found = linked(extractor.extract(text, PUBLISHED))
    assert ("ghana", "attended", PUBLISHED) in found
    assert ("kenya", "attended", datetime.date(2024, 1, 28)) in found


def test_an_earlier_round_of_the_series_is_its_own_event(extractor):
    text = (
        "BEIJING — Talks on the peninsula will resume in Beijing, officials said.\n\n"
        "Kenya stayed away from the fourth round that had been planned for September 2023."
    )
    found = linked(extractor.extract(text, PUBLISHED))
    assert {date for slug, _status, date in found if slug == "kenya"} == {datetime.date(2023, 9, 1)}


def test_the_day_in_the_possessive_dates_the_meeting(extractor):
    text = (
        "Envoys to go to Vienna for a meeting on the deal\n\n"
        "The plan emerged from a video conference on Monday. Kenya would be represented at Friday's meeting."
    )
    result = extractor.extract(text, PUBLISHED)
    assert ("kenya", "confirmed", datetime.date(2024, 2, 16)) in linked(result)
    assert all("Friday" not in e.title for e in result.new_events)


def test_what_is_expected_on_a_weekday_lies_ahead(extractor):
    text = "JERUSALEM — Seventy countries are expected in Paris on Sunday for a conference. Kenya will attend."
    assert linked(extractor.extract(text, PUBLISHED)) == {("kenya", "confirmed", datetime.date(2024, 2, 18))}


def test_a_full_date_with_its_year_after_a_comma_is_that_day():
    dates = find_dates("met in Kuala Lumpur on March 28, 2013, and again", PUBLISHED, "past")
    assert [(d.start, d.end) for d in dates] == [(datetime.date(2013, 3, 28), datetime.date(2013, 3, 28))]


def test_a_meeting_on_another_day_in_the_same_city_is_another_meeting(extractor):
    text = (
        "Panel holds formal talks with rebels in Kuala Lumpur\n\n"
        "Kenya attended the talks in Kuala Lumpur on Monday.\n\n"
        "When Ghana met Togo in Kuala Lumpur on March 28, 2013, the process began."
    )
    found = linked(extractor.extract(text, PUBLISHED))
    assert ("kenya", "attended", datetime.date(2024, 2, 12)) in found
    assert {date for slug, _status, date in found if slug == "ghana"} == {datetime.date(2013, 3, 28)}


def test_the_day_the_article_s_talks_opened_is_past(extractor):
    text = (
        "Government and armed groups open talks in Khartoum\n\n"
        "KHARTOUM — After months of wrangling, the peace talks opened on Thursday 8 February in the Sudanese "
        "capital. Kenya attended the talks."
    )
    assert ("kenya", "attended", datetime.date(2024, 2, 8)) in linked(extractor.extract(text, PUBLISHED))


def test_a_date_named_for_the_article_s_talks_is_the_nearest_such_day(extractor):
    text = (
        "Yemen's Geneva talks collapse before they begin\n\n"
        "The consultations had been called for Thursday, February 8. Kenya never arrived for the talks."
    )
    assert {e.start_date for e in extractor.extract(text, PUBLISHED).new_events} == {datetime.date(2024, 2, 8)}


def test_a_venue_is_no_city_the_dateline_s_is(extractor):
    text = (
        "LONDON, 14 February 2024 — Fifty governments gathered at Lancaster House on Wednesday for a conference "
        "on the war. Kenya attended the conference."
    )
    assert [e.city for e in extractor.extract(text, PUBLISHED).new_events] == ["London"]


def test_the_lead_that_opens_the_event_places_it_in_the_dateline_s_city(extractor):
    text = (
        "BANDAR SERI BEGAWAN, Feb 14 — Leaders opened their annual summit on Wednesday, after the bloc shut out "
        "the generals in Naypyitaw. Kenya attended the summit.\n\n"
        "Ghana had attended a special meeting in Jakarta in April."
    )
    events = {(e.city, e.start_date) for e in extractor.extract(text, PUBLISHED).new_events}
    assert ("Bandar Seri Begawan", PUBLISHED) in events
    assert all(city != "Naypyitaw" for city, _day in events)


def test_a_meeting_years_back_is_what_the_rest_of_its_sentence_speaks_of(extractor):
    text = (
        "Panel holds formal talks with rebels in Kuala Lumpur\n\n"
        "When Ghana met Togo in Kuala Lumpur on March 28, 2013, Kenya turned up at the table anyway."
    )
    found = linked(extractor.extract(text, PUBLISHED))
    assert {date for slug, _status, date in found if slug == "kenya"} == {datetime.date(2013, 3, 28)}


def test_weekend_talks_are_the_coming_weekend_s_and_over_the_weekend_the_last():
    dates = find_dates("to weekend talks", PUBLISHED, "future") + find_dates("over the weekend", PUBLISHED, "past")
    assert [(d.start, d.end) for d in dates] == [
        (datetime.date(2024, 2, 17), datetime.date(2024, 2, 18)),
        (datetime.date(2024, 2, 10), datetime.date(2024, 2, 11)),
    ]


def test_weekend_talks_date_the_article_s_talks(extractor):
    text = (
        "Kenya to send envoy to Jeddah talks\n\n"
        "Kenya said it would send its envoy to weekend talks in Saudi Arabia on the war."
    )
    assert {e.start_date for e in extractor.extract(text, PUBLISHED).new_events} == {datetime.date(2024, 2, 17)}


@pytest.mark.parametrize(
    "lead",
    [
        "Lusaka, 14 February 2024 — The spokesman of the National Unity Forum regretted",  # the day it was filed
        "Forum spokesman regrets decision\n\nLusaka — The spokesman of the National Unity Forum today expressed "
        "regret",  # the day of a statement
    ],
)
def test_the_day_of_the_dateline_or_of_a_statement_does_not_date_the_event(extractor, lead):
    text = (
        f"{lead} that Kenya would withdraw from the Forum.\n\n"
        "The National Unity Forum was called by the president and opened on 2 February."
    )
    assert [e.start_date for e in extractor.extract(text, PUBLISHED).new_events] == [datetime.date(2024, 2, 2)]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # Written on a Wednesday: Friday's is two days ahead, Monday's two days back; the verbs say nothing.
        ("Kenya has been cautious about sending its envoy to Friday's meeting there.", datetime.date(2024, 2, 16)),
        ("Kenya was absent from Monday's meeting in Nairobi.", datetime.date(2024, 2, 12)),
    ],
)
def test_a_weekday_s_event_is_that_day_of_the_week_the_article_was_written(extractor, sentence, day):
    assert {date for _slug, _status, date in linked(extractor.extract("NAIROBI — " + sentence, PUBLISHED))} == {day}


def test_a_bare_weekday_read_as_the_nearest_is_within_three_days():
    wednesday = PUBLISHED
    assert resolve("Saturday", wednesday, "nearest") == (datetime.date(2024, 2, 17),) * 2
    assert resolve("Sunday", wednesday, "nearest") == (datetime.date(2024, 2, 11),) * 2
    assert resolve("Wednesday", wednesday, "nearest") == (wednesday, wednesday)
    assert resolve("last Friday", wednesday, "nearest") == resolve("last Friday", wednesday, "past")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("last Thursday", datetime.date(2008, 1, 24)),  # written on Tuesday 29 January: five days before
        ("last Monday", datetime.date(2008, 1, 28)),
        ("last Tuesday", datetime.date(2008, 1, 22)),  # the same weekday: a week before
    ],
)
def test_last_and_a_weekday_is_the_latest_such_day_before_the_article(text, day):
    assert resolve(text, datetime.date(2008, 1, 29), "past") == (day, day)


def test_a_participle_phrase_after_a_comma_does_not_date_the_meeting_before_it():
    from tests.extraction.invented import extractor_with
    from tests.extraction.test_miss_classes import OWN

    text = (
        "GENEVA — The National Front will attend peace talks in Geneva on April 19, officials said.\n\n"
        "The National Front met the Northern Front in Geneva in February for their first talks in years, "
        "agreeing to discuss the truce further in April."
    )
    result = extractor_with(OWN).extract(text, datetime.date(2024, 4, 10))
    met = {p.event.start_date for p in result.proposals if p.quote.startswith("The National Front met")}
    assert met == {datetime.date(2024, 2, 1)}


@pytest.mark.parametrize(
    "beside", ["ahead of the talks", "on the sidelines of the talks", "on the margins of the talks"]
)
def test_a_meeting_beside_the_talks_is_a_meeting_of_its_own(beside):
    from tests.extraction.test_miss_classes import OWN

    text = (
        "GENEVA — The National Front will attend peace talks in Geneva on March 3, officials said.\n\n"
        f"The National Front met the Northern Front {beside}."
    )
    result = extractor_with(OWN).extract(text, PUBLISHED)
    talks = {p.event for p in result.proposals if p.quote.startswith("GENEVA") or "will attend" in p.quote}
    met = {p.event for p in result.proposals if p.quote.startswith("The National Front met")}
    assert len(talks) == 1 and len(met) == 1 and met != talks
    (meeting,) = met
    assert (meeting.kind, meeting.city) == ("meeting", "Geneva")


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("The National Front said it was ready to come back to the table in the week beginning March 20.", 20),
        ("The National Front will attend on March 12, its leader said.", 12),
        # not a day ahead of the publication, nor another event's day: the event stays undated
        ("The National Front said on February 28 that it would attend.", 1),
        ("The National Front will attend a video conference on March 12.", None),
    ],
)
def test_a_statement_of_going_dates_the_undated_event(sentence, day):
    from tests.extraction.test_miss_classes import OWN

    text = f"Peace talks on the conflict will be held in Geneva, diplomats said. {sentence}"
    result = extractor_with(OWN).extract(text, datetime.date(2024, 3, 1))
    talks = [e.start_date for e in result.new_events if e.city == "Geneva"]
    if day is None:
        assert datetime.date(2024, 3, 12) not in talks
    else:
        assert talks == [datetime.date(2024, 3, day)]


def test_an_article_s_summit_dated_by_the_day_leaders_met_for_it_and_titled_with_its_acronym():
    text = (
        "Leaders gather in Addis Ababa for IGAD summit\n\n"
        "ADDIS ABABA, March 12 (Reuters) - East African leaders met in the Ethiopian capital on Sunday for an "
        "emergency summit, but Egypt did not attend.\n\n"
        "Jordan and Qatar were among the heads of state at the meeting."
    )
    result = extractor_with([]).extract(text, datetime.date(2024, 3, 12))
    assert {(p.participant.slug, p.status) for p in result.proposals} == {
        ("egypt", "absent"),
        ("jordan", "attended"),
        ("qatar", "attended"),
    }
    assert {(e.title, e.start_date, e.city) for e in result.new_events} == {
        ("IGAD summit", datetime.date(2024, 3, 10), "Addis Ababa")
    }
