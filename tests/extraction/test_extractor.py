"""The extraction assistant's reading: participants, statuses and their traps, speakers, sources, events, dates."""

import datetime
import socket

import pytest

from events.extraction import Catalog, KnownEvent, KnownParticipant, NewEvent, extract
from events.extraction.extractor import Extractor
from events.extraction.vocabulary import CUES_FILE, Vocabulary
from events.rules.quotes import quote_mismatch

PUBLISHED = datetime.date(2018, 8, 22)  # a Wednesday

PARTICIPANTS = [
    KnownParticipant("russia", "Russia", "state", "RU", ("Russian Federation", "Moscow")),
    KnownParticipant("russian-foreign-ministry", "Ministry of Foreign Affairs of Russia", "government", "RU",
                     ("Russia's foreign ministry",), "russia"),
    KnownParticipant("afghanistan", "Afghanistan", "state", "AF", ("Islamic Republic of Afghanistan",)),
    KnownParticipant("afghan-government", "Government of Afghanistan", "government", "AF",
                     ("Afghan government", "Kabul"), "afghanistan"),
    KnownParticipant("afghan-foreign-ministry", "Ministry of Foreign Affairs of Afghanistan", "government", "AF",
                     ("Afghan foreign ministry",), "afghan-government"),
    KnownParticipant("sibghat-ahmadi", "Sibghat Ahmadi", "person", "AF", (), "afghan-foreign-ministry"),
    KnownParticipant("united-states", "United States", "state", "US", ("US", "Washington")),
    KnownParticipant("taliban", "Taliban", "armed_group", "AF", ("Taliban movement",)),
    KnownParticipant("sergey-lavrov", "Sergey Lavrov", "person", "RU", ("Sergei Lavrov",), "russian-foreign-ministry"),
    KnownParticipant("joao-lourenco", "João Lourenço", "person", "AO", ("Lourenço",)),
    KnownParticipant("qatar", "Qatar", "state", "QA", ("Doha",)),
]  # fmt: skip
MOSCOW_TALKS = KnownEvent(
    "moscow-talks-2018", "Moscow talks on Afghanistan", "peace_talks", datetime.date(2018, 9, 4),
    city="Moscow", country="RU", host="russia",
)  # fmt: skip
CEASEFIRE = KnownEvent(
    "ceasefire-offer-2018", "Three-month ceasefire offer", "ceasefire", datetime.date(2018, 8, 20), country="AF"
)


@pytest.fixture(scope="module")
def catalog():
    return Catalog(participants=PARTICIPANTS, events=[MOSCOW_TALKS, CEASEFIRE])


def read(catalog, text, published_on=PUBLISHED, publisher="Al Jazeera"):
    return extract(text, published_on=published_on, catalog=catalog, publisher=publisher)


def triples(result):
    return {(p.event.slug, p.participant.slug, p.status) for p in result.proposals}


# ------------------------------------------------------------------------------
# Participants
# ------------------------------------------------------------------------------
def test_alias_finds_its_participant(catalog):
    """ "Washington" is an alias of the United States."""
    result = read(catalog, "Washington has declined the invitation to the Moscow talks.")
    assert triples(result) == {
        ("moscow-talks-2018", "united-states", "declined"),
        ("moscow-talks-2018", "united-states", "invited"),  # declining an invitation says it was invited
    }


def test_longest_name_first(catalog):
    """ "Russia's foreign ministry" is the ministry, not Russia followed by other words."""
    result = read(catalog, "Russia's foreign ministry will attend the Moscow talks.")
    assert triples(result) == {("moscow-talks-2018", "russian-foreign-ministry", "confirmed")}


@pytest.mark.parametrize("name", ["JOAO LOURENCO", "joão lourenço", "Joao Lourenco"])
def test_names_match_without_case_or_accents(catalog, name):
    result = read(catalog, f"{name} will attend the Moscow talks.")
    assert triples(result) == {("moscow-talks-2018", "joao-lourenco", "confirmed")}


def test_short_capital_alias_is_case_sensitive(catalog):
    """ "us" is a pronoun, not the United States ("US")."""
    result = read(catalog, "“Let us attend the Moscow talks,” he said. The US will attend the Moscow talks.")
    assert {p.participant.slug for p in result.proposals} == {"united-states"}


def test_unknown_names_are_candidates_not_participants(catalog):
    result = read(catalog, "Pakistan will attend the Moscow talks, Imran Khan said.")
    assert result.proposals == []
    assert {"Pakistan", "Imran Khan"} <= set(result.candidates)


def test_a_place_is_not_an_actor(catalog):
    """ "in Moscow" names where, not who: Moscow stays Russia's alias only as an actor."""
    result = read(catalog, "The Taliban will attend the talks in Moscow.")
    assert triples(result) == {("moscow-talks-2018", "taliban", "confirmed")}


# ------------------------------------------------------------------------------
# Statuses
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Russia has invited the Taliban to the Moscow talks.", "invited"),
        ("The Taliban is still mulling whether to go to the Moscow talks.", "considering"),
        ("The Taliban is considering the invitation to the Moscow talks.", "considering"),
        ("The Taliban plans to take part in the Moscow talks.", "confirmed"),
        ("The Taliban has confirmed that they will attend the Moscow talks.", "confirmed"),
        ("The Taliban has accepted the invitation to the Moscow talks.", "confirmed"),
        ("The Taliban will not attend the Moscow talks.", "declined"),
        ("The Taliban decided against attending the Moscow talks.", "declined"),
        ("The Taliban declined the invitation to the Moscow talks.", "declined"),
        ("The Taliban refused to attend the Moscow talks.", "declined"),
        ("The Taliban took part in the Moscow talks.", "attended"),
        ("The Taliban attended the Moscow talks.", "attended"),
        ("The Taliban did not attend the Moscow talks.", "absent"),
        ("The Taliban failed to show up at the Moscow talks.", "absent"),
        ("The Taliban walked out of the Moscow talks.", "withdrawn"),
        ("The Taliban pulled out of the Moscow talks.", "withdrawn"),
    ],
)
def test_status_cues(catalog, sentence, status):
    expected = "taliban"
    implied = {("moscow-talks-2018", expected, "invited")} if "the invitation" in sentence else set()
    if "considering" in sentence:
        implied = set()  # weighing an invitation implies nothing more
    assert triples(read(catalog, sentence)) == {("moscow-talks-2018", expected, status)} | implied


def test_negated_invitation_is_not_invited(catalog):
    """Contract v2: a party explicitly left out is `not_invited` ("the PYD was not invited")."""
    assert triples(read(catalog, "The Taliban has not been invited to the Moscow talks.")) == {
        ("moscow-talks-2018", "taliban", "not_invited")
    }


def test_condition_makes_a_refusal_considering(catalog):
    """ "will not attend unless ..." is a condition, not a refusal."""
    result = read(catalog, "Afghanistan will not attend the Moscow talks unless the Taliban lay down arms.")
    assert triples(result) == {("moscow-talks-2018", "afghanistan", "considering")}


def test_condition_makes_an_acceptance_considering(catalog):
    result = read(catalog, "Afghanistan would take part in the Moscow talks only if Washington were there.")
    assert triples(result) == {("moscow-talks-2018", "afghanistan", "considering")}


def test_what_a_condition_supposes_is_no_status(catalog):
    """In "unless it was invited", the invitation is supposed, not stated."""
    result = read(catalog, "Afghanistan said it would not attend the Moscow talks unless it was invited as a host.")
    assert triples(result) == {("moscow-talks-2018", "afghanistan", "considering")}


def test_third_party_claim_is_about_the_party_spoken_by_the_claimant(catalog):
    """Lavrov saying the Taliban plan to attend is a report about the Taliban, spoken by Lavrov."""
    result = read(
        catalog,
        "Russian Foreign Minister Sergey Lavrov was quoted as saying that the Taliban plans to take part "
        "in the September 4 talks in Russia's capital, Moscow.",
    )
    [proposal] = result.proposals
    assert (proposal.participant.slug, proposal.status, proposal.speaker.slug) == (
        "taliban",
        "confirmed",
        "sergey-lavrov",
    )
    assert proposal.event.slug == "moscow-talks-2018"


def test_first_person_speaks_for_the_speakers_side(catalog):
    """ "We" of a ministry's spokesman is the state at the top of his affiliations."""
    result = read(catalog, "“We will not participate in the Moscow talks,” said Sibghat Ahmadi.")
    [proposal] = result.proposals
    assert (proposal.participant.slug, proposal.status, proposal.speaker.slug) == (
        "afghanistan",
        "declined",
        "sibghat-ahmadi",
    )


def test_a_noun_subject_that_is_no_participant_states_nothing(catalog):
    """In "More than 90 countries will attend", no participant is the subject, whatever came before."""
    assert (
        read(catalog, "MOSCOW, Aug 22 (Reuters) - More than 90 countries will attend the Moscow talks.").proposals
        == []
    )


# ------------------------------------------------------------------------------
# Speakers, sources and quotes
# ------------------------------------------------------------------------------
def test_speaker_after_said_and_source_from_reported(catalog):
    result = read(
        catalog,
        "“We will not participate in the Moscow talks,” said Sibghat Ahmadi, Afghan news website TOLOnews reported.",
    )
    [proposal] = result.proposals
    assert (proposal.speaker.slug, proposal.via) == ("sibghat-ahmadi", "TOLOnews")


def test_speaker_before_told_and_source_told(catalog):
    result = read(catalog, "The Taliban told Reuters that they will attend the Moscow talks.")
    [proposal] = result.proposals
    assert (proposal.speaker.slug, proposal.via) == ("taliban", "Reuters")


def test_the_publisher_is_no_relayed_source(catalog):
    result = read(catalog, "The Taliban has confirmed to Al Jazeera that they will attend the talks in Moscow.")
    [proposal] = result.proposals
    assert (proposal.speaker.slug, proposal.via) == ("taliban", "")


def test_quotes_are_exact_spans_of_the_text(catalog):
    text = (
        "MOSCOW, Aug 22 (Reuters) - Afghanistan will not attend the Moscow talks, the Afghan foreign ministry "
        "said.\n\n"
        "Russia has invited 12 countries, including the United States, to the talks, but Washington has declined "
        "the invitation.\n\nThe Taliban  this week rejected a three-month  ceasefire offer."
    )
    result = read(catalog, text)
    assert len(result.proposals) == 5  # Washington's declining is also its being invited
    for proposal in result.proposals:
        assert proposal.quote in text
        assert quote_mismatch(proposal.quote, text) == ""
    assert not result.proposals[0].quote.startswith("MOSCOW")


# ------------------------------------------------------------------------------
# Events and dates
# ------------------------------------------------------------------------------
def test_event_by_place_date_and_title_words(catalog):
    result = read(
        catalog,
        "The Taliban this week rejected a government offer of a three-month ceasefire. "
        "Afghanistan said it had decided against attending the Moscow conference.",
    )
    assert triples(result) == {
        ("ceasefire-offer-2018", "taliban", "declined"),
        ("ceasefire-offer-2018", "afghan-government", "confirmed"),  # "a government offer": the offer is made
        ("moscow-talks-2018", "afghanistan", "declined"),
    }


def test_the_talks_are_those_last_spoken_of(catalog):
    result = read(
        catalog, "Russia plans to hold the talks in Moscow on September 4. The Taliban will attend the talks."
    )
    assert ("moscow-talks-2018", "taliban", "confirmed") in triples(result)


def test_new_event_is_proposed_with_its_place_and_date(catalog):
    result = read(catalog, "Qatar said the Taliban would attend a meeting in Doha on Saturday.")
    [proposal] = result.proposals
    event = proposal.event
    assert isinstance(event, NewEvent)
    assert (event.title, event.city, event.country, event.start_date, event.kind, event.status) == (
        "Meeting in Doha",
        "Doha",
        "QA",
        datetime.date(2018, 8, 25),
        "meeting",
        "scheduled",
    )
    assert result.new_events == [event]


def test_a_date_of_another_event_rules_a_known_event_out(catalog):
    result = read(catalog, "The Taliban walked out of a meeting in Moscow on Monday.")
    [proposal] = result.proposals
    assert isinstance(proposal.event, NewEvent)
    assert proposal.event.start_date == datetime.date(2018, 8, 20)


def test_a_series_of_events_is_no_one_event(catalog):
    assert read(catalog, "The Taliban has taken part in several rounds of talks in Moscow.").proposals == []


def test_reported_on_is_the_day_it_was_said(catalog):
    result = read(catalog, "Afghanistan will not attend the Moscow talks, the Afghan foreign ministry said on Monday.")
    [proposal] = result.proposals
    assert (proposal.reported_on, proposal.speaker.slug) == (datetime.date(2018, 8, 20), "afghan-foreign-ministry")


def test_without_a_date_reported_on_is_the_publication_date(catalog):
    [proposal] = read(catalog, "The Taliban will attend the Moscow talks.").proposals
    assert proposal.reported_on == PUBLISHED


def test_hosted_by_is_confirmed_ahead_and_attended_after(catalog):
    ahead = read(catalog, "Afghanistan will not attend the Moscow talks hosted by Russia.")
    assert ("moscow-talks-2018", "russia", "confirmed") in triples(ahead)
    after = read(catalog, "Afghanistan did not attend the Moscow talks hosted by Russia.", datetime.date(2018, 9, 10))
    assert ("moscow-talks-2018", "russia", "attended") in triples(after)


# ------------------------------------------------------------------------------
# The vocabulary is data; nothing is downloaded
# ------------------------------------------------------------------------------
def test_curators_extend_the_vocabulary(catalog, tmp_path):
    """A cue added to a copy of cues.toml is found; the shipped vocabulary does not know it."""
    sentence = "The Taliban will grace the Moscow talks."
    assert read(catalog, sentence).proposals == []
    extended = tmp_path / "cues.toml"
    extended.write_text(
        CUES_FILE.read_text(encoding="utf-8") + '\n[[cue]]\nstatus = "confirmed"\npatterns = ["will grace"]\n',
        encoding="utf-8",
    )
    result = Extractor(catalog, Vocabulary(extended)).extract(sentence, PUBLISHED)
    assert triples(result) == {("moscow-talks-2018", "taliban", "confirmed")}


def test_unknown_group_in_a_cue_is_an_error_naming_it(tmp_path):
    broken = tmp_path / "cues.toml"
    broken.write_text(
        CUES_FILE.read_text(encoding="utf-8") + '\n[[cue]]\nstatus = "confirmed"\npatterns = ["will NOPE"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="unknown group NOPE"):
        Vocabulary(broken)


def test_two_wildcards_in_a_row_are_an_error_naming_the_pattern(tmp_path):
    broken = tmp_path / "cues.toml"
    pattern = "talks between ...+ ...+ resumed"
    broken.write_text(
        CUES_FILE.read_text(encoding="utf-8") + f'\n[[cue]]\nstatus = "attended"\npatterns = ["{pattern}"]\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="two wildcards in a row in cue pattern 'talks between"):
        Vocabulary(broken)


def test_reading_needs_no_network(catalog, monkeypatch):
    """spaCy's blank pipeline and dateparser fetch nothing: reading works with every connection refused."""

    def refuse(*args, **kwargs):
        raise AssertionError("the extractor tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = read(catalog, "The Taliban will attend the September 4 talks in Moscow, Lavrov said on Wednesday.")
    assert triples(result) == {("moscow-talks-2018", "taliban", "confirmed")}


@pytest.mark.parametrize("mark", ['"', "“", "‘", "'", "„"])
def test_a_quote_does_not_end_on_the_next_quotation_s_opening_mark(catalog, mark):
    text = (
        f"The Taliban declined the invitation to the Moscow talks. {mark}We will not sit down with them,"
        f"{'”' if mark in '“„' else mark} a Taliban commander said."
    )
    [proposal, *_] = [p for p in read(catalog, text).proposals if p.status == "declined"]
    assert proposal.participant.slug == "taliban"
    assert proposal.quote == "The Taliban declined the invitation to the Moscow talks."
    assert quote_mismatch(proposal.quote, text) == ""


def test_a_closing_quotation_mark_stays_in_the_quote(catalog):
    text = 'Lavrov said: "The Taliban will attend the Moscow talks." Russia invited Qatar.'
    [quoted] = [p for p in read(catalog, text).proposals if p.participant.slug == "taliban"]
    assert quoted.quote == 'Lavrov said: "The Taliban will attend the Moscow talks."'


@pytest.mark.parametrize(
    "before", ["\x01" * 5000, "\x01 " * 2500, "\x1b\x7f" * 2500 + " ", "\x85" * 5000, "\ufeff\u200b", "\x0b\x0c" * 99]
)
def test_a_quote_neither_starts_nor_ends_with_control_characters(catalog, before):
    text = before + "The Taliban declined the invitation to the Moscow talks. \x1b\x7f"
    proposals = read(catalog, text).proposals
    assert {(p.participant.slug, p.status) for p in proposals} >= {("taliban", "declined")}
    for proposal in proposals:
        assert proposal.quote == "The Taliban declined the invitation to the Moscow talks."
        assert quote_mismatch(proposal.quote, text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "Qatar turned down an invitation to talks between the Afghan government and the Taliban, officials said.",
        "Qatar accepted an invitation to the Moscow talks between the Afghan government and the Taliban.",
        "Qatar declined an invitation to talks with the Taliban.",
    ],
)
def test_the_sides_of_the_talks_an_invitation_is_to_are_not_its_invitees(catalog, text):
    """Tester 36, M1: "an invitation to talks between X and Y" proposed X and Y invited."""
    statuses = {(p.participant.slug, p.status) for p in read(catalog, text).proposals}
    assert {slug for slug, _status in statuses} == {"qatar"}


def test_the_invitees_right_after_an_invitation_are_still_its_object(catalog):
    text = "Russia sent an invitation to the Taliban and the Afghan government for the Moscow talks."
    assert triples(read(catalog, text)) == {
        ("moscow-talks-2018", "taliban", "invited"),
        ("moscow-talks-2018", "afghan-government", "invited"),
    }
