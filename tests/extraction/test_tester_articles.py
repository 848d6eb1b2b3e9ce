"""Two invented wire articles a black-box tester wrote (stop 34), read end to end by the extractor with the shipped
gazetteer as the only catalog and no event known, and the general shapes behind their defects: a state named by its
form ("the Grand Duchy of Fenwick"), a host or mediator named in a participle phrase ("hosted by Switzerland")."""

import datetime

import pytest

from events.extraction.dates import find_dates
from tests.extraction.wire import gazetteer_extractor

GENEVA = (
    "GENEVA, June 3 (Wire) - The Sylvanian Liberation Front said on Tuesday it will attend peace talks in Geneva on "
    "June 20, hosted by Switzerland. Norway has confirmed it will take part in the Geneva talks. The Freedonia "
    "Council declined the invitation, its spokesman Rufus T. Firefly said."
)
OSLO = "OSLO, May 2 (Wire) - The Grand Duchy of Fenwick confirmed it will attend the Oslo peace conference on May 20."


@pytest.fixture(scope="module")
def extractor():
    return gazetteer_extractor()


def everything(extractor, text, published_on):
    """{(party's slug or new party's name, status, role, the event's day)} of ``text``."""
    result = extractor.extract(text, published_on)
    known = {(p.participant.slug, p.status, p.role, p.event.start_date) for p in result.proposals}
    new = {(p.participant.name, p.status, p.role, p.event.start_date) for p in result.new_party_proposals}
    return known | new, result


def test_the_oslo_article_proposes_the_grand_duchy_as_a_new_state_at_the_conference_of_may_20(extractor):
    found, result = everything(extractor, OSLO, datetime.date(2024, 5, 2))
    assert found == {("Grand Duchy of Fenwick", "confirmed", "", datetime.date(2024, 5, 20))}
    (party,) = result.new_parties
    assert (party.name, party.kind, party.aliases) == ("Grand Duchy of Fenwick", "state", ("Fenwick",))
    (event,) = result.new_events
    assert (event.city, event.start_date) == ("Oslo", datetime.date(2024, 5, 20))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The Republic of Fenwick will attend the peace talks in Jeddah.", "Republic of Fenwick"),
        ("The Kingdom of Fenwick has declined to attend the talks.", "Kingdom of Fenwick"),
        ("The Federal Republic of Fenwick said it would take part in the talks.", "Federal Republic of Fenwick"),
        ("The Republic of North Fenwick will attend the peace talks in Jeddah.", "Republic of North Fenwick"),
        ("The Principality of Fenwick confirmed it will attend the talks.", "Principality of Fenwick"),
    ],
)
def test_a_state_named_by_its_form_is_a_new_state(extractor, sentence, name):
    result = extractor.extract(
        "Peace talks on Sudan will open in Jeddah on May 6.\n\n" + sentence, datetime.date(2024, 5, 1)
    )
    assert {(p.participant.name, p.participant.kind) for p in result.new_party_proposals} == {(name, "state")}


def test_a_state_named_by_its_form_is_met_again_by_its_short_name(extractor):
    text = (
        "Peace talks on Sudan will open in Jeddah on May 6.\n\nThe Grand Duchy of Fenwick has been invited. "
        "Fenwick said it would not attend."
    )
    result = extractor.extract(text, datetime.date(2024, 5, 1))
    assert {(p.participant.name, p.status) for p in result.new_party_proposals} == {
        ("Grand Duchy of Fenwick", "invited"),
        ("Grand Duchy of Fenwick", "declined"),
    }


def test_a_known_state_named_by_its_form_stays_the_known_state(extractor):
    result = extractor.extract(
        "Peace talks on Sudan will open in Jeddah on May 6.\n\nThe Grand Duchy of Luxembourg will attend.",
        datetime.date(2024, 5, 1),
    )
    assert {(p.participant.slug, p.status) for p in result.proposals} == {("luxembourg", "confirmed")}
    assert not result.new_parties


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("The Fenwick Council declined to attend the talks.", "Fenwick Council", "organization"),
        ("The Fenwick Liberation Front will attend the talks.", "Fenwick Liberation Front", "armed_group"),
        # Tester 42, F2: "Front" makes an armed group (events/rules/parties.toml), "Salvation" nothing
        ("The Kordofan Salvation Front said it would not attend.", "Kordofan Salvation Front", "armed_group"),
        ("The Darfur Salvation Movement said it would not attend.", "Darfur Salvation Movement", "armed_group"),
    ],
)
def test_a_body_named_by_its_last_word_is_a_new_party(extractor, sentence, name, kind):
    result = extractor.extract(
        "Peace talks on Sudan will open in Jeddah on May 6.\n\n" + sentence, datetime.date(2024, 5, 1)
    )
    assert {(p.participant.name, p.participant.kind) for p in result.new_party_proposals} == {(name, kind)}


def test_the_geneva_article_gives_switzerland_its_host_role_only(extractor):
    """ "…, hosted by Switzerland" is Switzerland's role (confirmed as the host of talks still ahead, as "Switzerland
    will host" is), never the Front's status; each party keeps its own sentence's status."""
    found, _ = everything(extractor, GENEVA, datetime.date(2024, 6, 3))
    june_20 = datetime.date(2024, 6, 20)
    assert found == {
        ("switzerland", "confirmed", "host", june_20),
        ("norway", "confirmed", "", june_20),
        ("Sylvanian Liberation Front", "confirmed", "", june_20),
        ("Freedonia Council", "invited", "", june_20),
        ("Freedonia Council", "declined", "", june_20),
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Front refused to attend the talks, hosted by Switzerland, and Norway declined too.",
            {("switzerland", "confirmed", "host"), ("norway", "declined", "")},
        ),
        (
            "The Front refused to attend the talks, mediated by Qatar, but Norway will attend.",
            {("qatar", "confirmed", "mediator"), ("norway", "confirmed", "")},
        ),
        (
            "The Front will boycott the talks, brokered by Qatar and Turkey, while Norway will attend.",
            {("qatar", "confirmed", "mediator"), ("turkey", "confirmed", "mediator"), ("norway", "confirmed", "")},
        ),
        (
            "Kenya said it would not attend the talks, organised by Switzerland, and Norway also declined.",
            {("kenya", "declined", ""), ("norway", "declined", "")},
        ),
    ],
)
def test_a_party_named_in_a_roles_phrase_takes_no_other_status(extractor, sentence, expected):
    """The host or mediator of a participle phrase is no subject of the clause after it ("Norway declined too" is
    Norway's alone), and a party that opens that clause is no host or mediator."""
    text = "Peace talks on Sudan will open in Jeddah on May 6.\n\n" + sentence
    result = extractor.extract(text, datetime.date(2024, 5, 1))
    known = {(p.participant.slug, p.status, p.role) for p in result.proposals if p.quote == sentence}
    assert known == expected


@pytest.mark.parametrize(
    "phrase", ["scheduled for May 20", "set for May 20", "planned for May 20", "slated for May 20", "on May 20"]
)
def test_a_date_after_the_event_noun_dates_the_event_not_the_dateline(extractor, phrase):
    """ "for May 20" is that day, not the month of May (which the dateline's day falls in)."""
    text = f"OSLO, May 2 (Wire) - The Fenwick Council will attend the Oslo peace conference {phrase}."
    result = extractor.extract(text, datetime.date(2024, 5, 2))
    assert {(p.participant.name, p.event.start_date) for p in result.new_party_proposals} == {
        ("Fenwick Council", datetime.date(2024, 5, 20))
    }


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("scheduled for May 20", datetime.date(2024, 5, 20)),
        ("called for June 3rd", datetime.date(2024, 6, 3)),
        ("rescheduled for Oct. 20", datetime.date(2024, 10, 20)),
        ("for May 2024", datetime.date(2024, 5, 1)),
    ],
)
def test_a_month_after_for_is_a_day_when_a_day_follows(text, day):
    (date,) = find_dates(text, datetime.date(2024, 5, 2), "future")
    assert date.start == day


def test_another_kinds_end_does_not_date_the_articles_event(extractor):
    """ "the ceasefire that ended the fighting on Aug. 26" is a truce's day, not the undated conference's last."""
    text = (
        "Donors met at an international conference on Gaza, co-hosted by Egypt and Norway in Cairo.\n\n"
        "Egypt brokered the ceasefire that ended this summer's fighting on Aug. 26.\n\n"
        "Kenya attended the conference."
    )
    result = extractor.extract(text, datetime.date(2014, 10, 12))
    assert {(p.participant.slug, p.status, p.event.start_date) for p in result.proposals} >= {
        ("kenya", "attended", datetime.date(2014, 10, 12))
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Cairo had always wanted the talks to be mediated by the African Union alone.", set()),
        ("Kenya called for the talks to be hosted by Switzerland.", set()),
        (
            "The talks, expected to be hosted by Switzerland, will open on May 6.",
            {("switzerland", "confirmed", "host")},
        ),
    ],
)
def test_a_wish_for_a_host_or_mediator_gives_no_role(extractor, sentence, expected):
    text = "Peace talks on Sudan will open in Jeddah on May 6.\n\n" + sentence
    result = extractor.extract(text, datetime.date(2024, 5, 1))
    assert {(p.participant.slug, p.status, p.role) for p in result.proposals if p.quote == sentence} == expected


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        (OSLO, "Oslo", "NO"),
        (
            "GENEVA, April 3 (Wire) - Talks on the Ruritanian dispute opened in Geneva on Tuesday. Morocco and "
            "Algeria attended the talks.",
            "Geneva",
            "CH",
        ),
        ("The Sylvanian Front will attend the peace talks in Jeddah on May 6.", "Jeddah", "SA"),
        ("The Sylvanian Front will attend the peace talks in Zembla City on May 6.", "Zembla City", ""),
    ],
)
def test_a_new_event_in_a_city_is_in_that_citys_country(extractor, text, city, country):
    """Tester 40: talks "in Geneva" were proposed with no country, so with no coordinates (not on the map)."""
    (event,) = extractor.extract(text, datetime.date(2024, 5, 2)).new_events

    assert (event.city, event.country) == (city, country)


def test_a_state_and_its_capital_in_one_sentence_are_one_refusal(extractor):
    """Tester 40: "Riyadh" beside "Saudi Arabia" in one statement gave the state and its government each a refusal."""
    text = (
        "Norway has invited Saudi Arabia to peace talks in Oslo on 12 March. Saudi Arabia declined the invitation, "
        'a Saudi official said, adding that Riyadh "will not take part in the Oslo meeting".'
    )
    proposals = extractor.extract(text, datetime.date(2019, 3, 4)).proposals

    assert {(p.participant.slug, p.status) for p in proposals} == {
        ("saudi-arabia", "invited"),
        ("saudi-arabia", "declined"),
    }


def test_a_government_alone_keeps_its_statement(extractor):
    text = "Norway has invited Saudi Arabia to peace talks in Oslo on 12 March. Riyadh will not take part, it said."
    proposals = extractor.extract(text, datetime.date(2019, 3, 4)).proposals

    assert ("saudi-arabia-government", "declined") in {(p.participant.slug, p.status) for p in proposals}
