"""General wordings a black-box tester's invented articles missed (stop 35), read with the shipped gazetteer as the
only catalog and no event known: a party that sent no one, an observer's role, hosts in a relative clause, a
state's army named by the state."""

import datetime

import pytest

from events.extraction.catalog import Catalog, KnownEvent
from events.extraction.extractor import Extractor
from events.extraction.gazetteer import extend
from tests.extraction.wire import gazetteer_extractor

PAST = ("Talks on Yemen opened in Oslo on Monday, March 4. ", datetime.date(2019, 3, 5))
AHEAD = ("Talks on Yemen will open in Oslo on Monday, March 4. ", datetime.date(2019, 2, 20))


@pytest.fixture(scope="module")
def extractor():
    return gazetteer_extractor()


def read(extractor, sentence, when=PAST):
    """{(party's slug, status, role)} of ``sentence`` after the opening of ``when``."""
    opening, published_on = when
    result = extractor.extract(opening + sentence, published_on)
    return {(p.participant.slug, p.status, p.role) for p in result.proposals}


@pytest.mark.parametrize(
    "sentence",
    [
        "Morocco did not send anyone to the talks.",
        "Morocco did not send anybody.",
        "Morocco sent no delegation.",
        "Morocco sent no team to Oslo.",
        "Morocco has not sent anyone.",
    ],
)
def test_sending_no_one_reads_as_sending_no_delegation(extractor, sentence):
    assert read(extractor, sentence) == {("morocco", "absent", "")}
    reference = read(extractor, "Morocco did not send a delegation.", AHEAD)
    assert read(extractor, sentence, AHEAD) == reference


def test_an_invitee_that_sent_no_one_is_invited_and_absent(extractor):
    found = read(extractor, "Morocco, which had been invited, did not send anyone.")
    assert found == {("morocco", "invited", ""), ("morocco", "absent", "")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Mauritania attended only as an observer.",
        "Mauritania attended the talks as an observer.",
        "Mauritania was attending only as an observer.",
        "Mauritania and Tunisia took part as observers.",
    ],
)
def test_attending_as_an_observer_gives_the_observer_role(extractor, sentence):
    found = read(extractor, sentence)
    assert ("mauritania", "attended", "observer") in found
    assert all(role == "observer" for _, _, role in found)


def test_attending_with_no_observer_gives_no_role(extractor):
    assert read(extractor, "Mauritania was attending the talks.") == {("mauritania", "attended", "")}


@pytest.mark.parametrize(
    ("sentence", "status", "when"),
    [
        ("Qatar and Kuwait, which host the talks, welcomed the move.", "attended", PAST),
        ("Qatar and Kuwait, which co-host the talks, welcomed the move.", "attended", PAST),
        ("Qatar and Kuwait, which host the talks, said they were hopeful.", "confirmed", AHEAD),
    ],
)
def test_parties_that_host_the_talks_in_a_relative_clause_are_hosts(extractor, sentence, status, when):
    assert read(extractor, sentence, when) == {("qatar", status, "host"), ("kuwait", status, "host")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Sudan's army withdrew from the talks.",
        "The Sudanese army withdrew from the talks on Tuesday.",
        "Sudan's military pulled out of the talks.",
    ],
)
def test_a_states_army_is_its_armed_forces(extractor, sentence):
    assert read(extractor, sentence) == {("sudanese-armed-forces", "withdrawn", "")}


# Stop 36, tester's wordings against a known event: the Oslo talks that opened on Wednesday, June 10, 2026.
OSLO = KnownEvent(
    slug="peace-talks-in-oslo-2026-06-10",
    title="Peace talks in Oslo",
    kind="peace_talks",
    start_date=datetime.date(2026, 6, 10),
    end_date=None,
    city="Oslo",
    country="NO",
    host=None,
)


def with_oslo(text, published_on):
    """{(party's slug, status, role, event's slug)} of ``text`` with the Oslo talks the one known event."""
    result = Extractor(Catalog(participants=extend([]), events=[OSLO])).extract(text, published_on)
    found = result.proposals + result.new_party_proposals
    return {(p.participant.slug, p.status, p.role, p.event.slug) for p in found}


@pytest.mark.parametrize("verb", ["withdrew from", "walked out of", "pulled out of"])
@pytest.mark.parametrize("published_on", [datetime.date(2026, 6, 12), datetime.date(2026, 7, 3)])
def test_the_day_after_leaving_the_known_talks_is_the_day_of_leaving(verb, published_on):
    text = f"The Rapid Support Forces {verb} the Oslo talks on Friday, a spokesman said."
    assert with_oslo(text, published_on) == {("rapid-support-forces", "withdrawn", "", OSLO.slug)}


def test_walking_out_of_a_meeting_of_its_own_is_still_dated_by_its_day():
    text = "Egypt walked out of a ministerial meeting in Oslo on Friday, a spokesman said."
    assert {slug for *_, slug in with_oslo(text, datetime.date(2026, 6, 12))} == {
        "ministerial-meeting-in-oslo-2026-06-12"
    }


@pytest.mark.parametrize(
    "clause",
    [
        "with delegations from the Sudanese government and the Rapid Support Forces attending",
        "with the Sudanese government and the Rapid Support Forces in attendance",
        "with delegations from the Sudanese government and the Rapid Support Forces present",
        "with the Sudanese government and the Rapid Support Forces taking part",
    ],
)
def test_parties_of_an_absolute_clause_of_presence_attend(clause):
    text = f"Peace talks opened in Oslo on Wednesday, {clause}."
    found = with_oslo(text, datetime.date(2026, 6, 10))
    assert found == {(s, "attended", "", OSLO.slug) for s in ("sudan-government", "rapid-support-forces")}


def test_an_absolute_clause_ahead_is_confirmed_and_keeps_a_mediator_apart():
    text = "The Oslo talks will open on Wednesday with Norway mediating and Egypt and Jordan attending."
    found = with_oslo(text, datetime.date(2026, 6, 8))
    assert found == {
        ("norway", "confirmed", "mediator", OSLO.slug),
        ("egypt", "confirmed", "", OSLO.slug),
        ("jordan", "confirmed", "", OSLO.slug),
    }


@pytest.mark.parametrize(
    "text",
    [
        "In Oslo, Egypt's president met with Jordan's king before attending the peace talks.",
        "Egypt agreed with Jordan to present a joint plan at the Oslo talks.",
    ],
)
def test_with_before_another_clause_is_no_absolute_clause(text):
    assert not {s for s, *_ in with_oslo(text, datetime.date(2026, 6, 10))} & {"jordan", "jordan-government"}


def test_declining_the_invitation_implies_the_invitation_by_design():
    text = "The Kordofan Salvation Front again declined the invitation to the Oslo talks."
    statuses = [
        p.status
        for p in Extractor(Catalog(participants=extend([]), events=[OSLO]))
        .extract(text, datetime.date(2026, 6, 10))
        .new_party_proposals
    ]
    assert statuses == ["invited", "declined"]


@pytest.mark.parametrize(
    "sentence", ["Morocco sent no one to the talks.", "Morocco sent nobody.", "Morocco sent no-one."]
)
def test_sent_no_one_is_absent(extractor, sentence):
    # stop 38: the cue's own "no"
    assert read(extractor, sentence) == {("morocco", "absent", "")}


def test_an_absolute_clause_of_no_delegation_attending_is_an_absence(extractor):
    found = read(extractor, "The session resumed on Tuesday with no delegation from Morocco attending.")
    assert found == {("morocco", "absent", "")}
    assert read(extractor, "The session resumed on Tuesday with Morocco attending.") == {("morocco", "attended", "")}
