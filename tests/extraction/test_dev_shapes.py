"""Shapes the ten dev articles of stop 38 showed (issue 14, stop 39): each general, the sentences invented."""

import datetime

import pytest

from tests.extraction.invented import extractor_with, linked

SUNDAY = datetime.date(2024, 2, 18)


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


@pytest.mark.parametrize("verb", ["ran", "went on", "broke up"])
def test_a_weekday_told_in_an_irregular_past_is_the_last_one(extractor, verb):
    text = (
        "Rival leaders resume talks at the lakeside\n\n"
        "MBALA, Feb 18 — Kenya and Uganda attended talks in Mbala this week.\n\n"
        f"Saturday's session {verb} late into the night without agreement."
    )
    assert linked(extractor.extract(text, SUNDAY)) >= {("kenya", "attended", datetime.date(2024, 2, 17))}


def test_a_weekday_ahead_stays_ahead_without_a_past_verb(extractor):
    text = (
        "Rival leaders to resume talks at the lakeside\n\n"
        "MBALA, Feb 18 — Kenya and Uganda will attend talks in Mbala this week.\n\n"
        "Saturday's session is the first since the summer."
    )
    assert linked(extractor.extract(text, SUNDAY)) >= {("kenya", "confirmed", datetime.date(2024, 2, 24))}


@pytest.mark.parametrize(
    "text, city",
    [
        ("Talks between Colombia and the rebels open in Panama on Monday. Colombia will attend.", "Panama City"),
        ("Colombia will attend the Panama talks on Monday.", "Panama City"),
        ("Talks between Colombia and the rebels open in Djibouti on Monday. Colombia will attend.", "Djibouti"),
        ("Talks between Colombia and the rebels open in Ecuador on Monday. Colombia will attend.", ""),
        ("Talks between Colombia and the rebels open in Mexico on Monday. Colombia will attend.", ""),
    ],
)
def test_a_state_named_as_the_place_is_its_capital_of_its_name(extractor, text, city):
    assert {(p.participant.slug, p.event.city) for p in extractor.extract(text, SUNDAY).proposals} == {
        ("colombia", city)
    }


@pytest.mark.parametrize("when", ["tomorrow", "on Friday", "next week"])
def test_parties_who_meet_on_a_day_ahead_confirmed(extractor, when):
    text = f"Kenya and Uganda meet {when} at a lakeside lodge outside Mbala for their first summit in years."
    found = {(p.participant.slug, p.status) for p in extractor.extract(text, SUNDAY).proposals}
    assert found == {("kenya", "confirmed"), ("uganda", "confirmed")}


@pytest.mark.parametrize("verb", ["refused to", "declined to", "failed to", "wanted to", "hoped to"])
def test_a_meeting_day_after_a_verb_of_will_is_not_a_confirmation(extractor, verb):
    """ "meet tomorrow" is the present told of a day ahead only as the clause's own verb, not after "refused to"."""
    text = f"Kenya and Uganda {verb} meet tomorrow at a lakeside lodge outside Mbala."
    found = {(p.participant.slug, p.status) for p in extractor.extract(text, SUNDAY).proposals}
    assert ("kenya", "confirmed") not in found
    assert ("uganda", "confirmed") not in found


def test_the_host_of_something_else_hosts_nothing(extractor):
    text = "Peace talks open in Mbala on Monday. Kenya is the host of a refugee camp near the border."
    result = extractor.extract(text, SUNDAY)
    assert ("kenya", "host") not in {(p.participant.slug, p.role) for p in result.proposals}


def test_parties_who_meet_with_no_place_state_nothing(extractor):
    assert extractor.extract("Kenya and Uganda meet tomorrow.", SUNDAY).proposals == []


@pytest.mark.parametrize(
    "text",
    [
        "Peace talks open in Oslo on March 11. Had Kenya attended, the talks would have gone better.",
        "Peace talks open in Oslo on March 11. Were Kenya to attend, Uganda would stay away.",
        "Peace talks open in Oslo on March 11. Should Kenya take part, the rebels would walk out.",
    ],
)
def test_a_condition_opened_by_an_inverted_auxiliary_states_nothing_of_it(extractor, text):
    assert {p.participant.slug for p in extractor.extract(text, SUNDAY).proposals} <= {"uganda"}


@pytest.mark.parametrize(
    "text",
    [
        "Peace talks open in Oslo on March 11. Kenya will skip the Arab League summit.",
        "Peace talks open in Oslo on March 11. Kenya said it would not attend the ASEAN summit either.",
    ],
)
def test_a_party_titled_event_of_another_kind_is_not_the_articles(extractor, text):
    assert extractor.extract(text, SUNDAY).proposals == []


def test_a_party_titled_event_of_the_articles_kind_is_still_its_own(extractor):
    text = "The IGAD summit opens in Nairobi on March 11. Kenya will attend the IGAD summit."
    assert {(p.participant.slug, p.status) for p in extractor.extract(text, SUNDAY).proposals} == {
        ("kenya", "confirmed")
    }


@pytest.mark.parametrize(
    "text", ["Kenya is the host.", "Kenya is the host, officials said.", "Kenya was the host of the talks."]
)
def test_a_party_that_is_the_host_hosts(extractor, text):
    result = extractor.extract("Peace talks opened in Mbala on Friday. " + text, SUNDAY)
    assert ("kenya", "attended", "host") in {(p.participant.slug, p.status, p.role) for p in result.proposals}


# Stop 40: shapes of dev's misses, each general, the sentences invented.


@pytest.mark.parametrize(
    "text, parties",
    [
        ("Accompanying the President to Mbala were Kenya, Uganda and Tanzania.", {"kenya", "uganda", "tanzania"}),
        ("Around the table sat Kenya, Uganda and Tanzania.", {"kenya", "uganda", "tanzania"}),
        ("At the table sat Kenya and Uganda.", {"kenya", "uganda"}),
        ("Uganda was among those at the Mbala Hotel.", {"uganda"}),
    ],
)
def test_a_list_after_a_verb_of_presence_attended(extractor, text, parties):
    result = extractor.extract("Peace talks opened in Mbala on Friday. " + text, SUNDAY)
    assert {(p.participant.slug, p.status) for p in result.proposals} == {(p, "attended") for p in parties}


@pytest.mark.parametrize(
    "text",
    ["Kenya was among those in favour of a truce.", "Accompanying him were reports that Kenya would leave."],
)
def test_among_those_and_accompanying_are_no_presence_elsewhere(extractor, text):
    result = extractor.extract("Peace talks opened in Mbala on Friday. " + text, SUNDAY)
    assert {p.status for p in result.proposals} <= {"declined"}


def test_presidential_is_a_title_before_a_name(extractor):
    text = (
        "Peace talks opened in Mbala on Friday. Accompanying the President to Mbala were Presidential Spokesperson "
        "Edwin Lacierda and Budget Secretary Florencio Abad."
    )
    result = extractor.extract(text, SUNDAY)
    assert {(p.participant.slug, p.status) for p in result.new_party_proposals} == {
        ("new-edwin-lacierda", "attended"),
        ("new-florencio-abad", "attended"),
    }


@pytest.mark.parametrize(
    "text, person",
    [
        ("Uganda sent Johnson Naviti, Director General of the Office of the Prime Minister.", "new-johnson-naviti"),
        ("Uganda sent William Ruto to the talks.", "new-william-ruto"),
        ("Uganda has sent Deputy Speaker William Ruto.", "new-william-ruto"),
    ],
)
def test_a_party_that_sent_a_person_it_names_attended_with_him(extractor, text, person):
    result = extractor.extract("Peace talks opened in Mbala on Friday. " + text, SUNDAY)
    assert {(p.participant.slug, p.status) for p in [*result.proposals, *result.new_party_proposals]} == {
        ("uganda", "attended"),
        (person, "attended"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Uganda sent troops to the border.",
        "Uganda sent Kenya a letter.",
        "Uganda sent word that it would think about it.",
        "Uganda sent William Ruto to Nairobi in January to meet Kenya's president.",
    ],
)
def test_sent_without_a_person_or_to_another_city_states_nothing(extractor, text):
    result = extractor.extract("Peace talks opened in Mbala on Friday. " + text, SUNDAY)
    assert [*result.proposals, *result.new_party_proposals] == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("In the end Kenya and Uganda made it to Mbala.", {("kenya", "attended"), ("uganda", "attended")}),
        (
            "In the end seventy delegates made it to Mbala: Kenya and Uganda.",
            {("kenya", "attended"), ("uganda", "attended")},
        ),
        ("Kenya made it to Nairobi for a trade fair.", set()),
        ("Kenya made it to the final.", set()),
    ],
)
def test_made_it_to_the_events_city_attended(extractor, text, found):
    result = extractor.extract("Peace talks opened in Mbala on Friday. " + text, SUNDAY)
    assert {(p.participant.slug, p.status) for p in result.proposals} == found
