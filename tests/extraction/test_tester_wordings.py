"""General wordings a black-box tester's invented articles missed (stop 35), read with the shipped gazetteer as the
only catalog and no event known: a party that sent no one, an observer's role, hosts in a relative clause, a
state's army named by the state."""

import datetime

import pytest

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
