"""Each status in the ways news prose says it: verbs, passives, nouns and phrasal forms, on invented sentences."""

import pytest

from tests.extraction.invented import PUBLISHED, extractor_with, proposals


@pytest.fixture(scope="module")
def extractor():
    return extractor_with([])


def statuses(extractor, text, party="egypt"):
    return {p.status for p in proposals(extractor, text) if p.participant.slug == party}


WORDINGS = {
    "invited": [
        "Egypt was among those invited to the talks.",
        "Egypt is on the guest list for the talks.",
        "Egypt has been sent an invitation to the talks.",
        "Egypt got an invitation to the talks.",
        "Egypt was asked to join the talks.",
        "The invitees include Egypt and Jordan.",
        "Egypt, whose invitation angered Jordan, said nothing.",
        "Egypt, invited to the talks, has not replied.",
    ],
    "not_invited": [
        "The invitation to Egypt was withdrawn on Friday.",
        "Egypt was not on the guest list for the talks.",
        "Egypt was left off the guest list for the talks.",
        "Egypt was barred from the talks.",
        "Egypt has been disinvited from the talks.",
        "Egypt was uninvited from the talks.",
        "The organisers disinvited Egypt from the talks.",
        "The organisers withdrew their invitation to Egypt.",
        "The organisers did not invite Egypt to the talks.",
        "The organisers decided not to invite Egypt to the talks.",
        "The mediators met in Paris without inviting Egypt.",
        "Egypt was snubbed by the organisers of the talks.",
        "Egypt did not receive an invitation to the talks.",
        "Egypt was not among those invited to the talks.",
        "Egypt was shut out of the talks.",
        "Egypt was not asked to attend the talks.",
        "No invitation was sent to Egypt.",
        "Egypt has yet to receive an invitation to the talks.",
        "Egypt was not included in the talks.",
        "There was no invitation for Egypt.",
        "Egypt did not get an invitation to the talks.",
        "Egypt, not invited to the talks, protested.",
    ],
    "confirmed": [
        "Egypt was the only Arab country to take part in the talks.",
        "Egypt was among the 12 countries that confirmed their attendance.",
        "Egypt said it would be at the talks.",
        "Egypt will be among the participants at the talks.",
        "Egypt announced its participation in the talks.",
        "Egypt has signed up for the talks.",
        "Egypt committed to attending the talks.",
        "Egypt has said yes to the talks.",
        "Egypt's delegation will arrive in Geneva on Sunday for the talks.",
        "Egypt's delegation was still being awaited at the talks.",
        "Egypt's delegation will arrive in Geneva on Sunday.",
        "Egypt will chair the talks.",
        "Egypt offered to host the talks.",
        "Egypt presided over the talks.",
        "The talks open under the chairmanship of Egypt.",
        "Jordan and Egypt agreed to meet again next month.",
        "The talks will bring together Egypt and Jordan.",
        "Egypt's delegation is on its way to Geneva for the talks.",
        "Egypt flew to Geneva for the talks.",
    ],
    "declined": [
        "The talks will be boycotted by Egypt.",
        "Egypt will sit out the talks.",
        "Egypt announced a boycott of the talks.",
        "Egypt rejected the invitation to the talks.",
        "Egypt will snub the talks.",
        "Egypt has no intention of attending the talks.",
        "Egypt is staying home.",
        "Egypt will stay out of the talks.",
        "Egypt said it would not be at the talks.",
        "Egypt will be absent from the talks.",
        "Egypt said it would be staying away from the talks.",
        "Egypt is boycotting the talks.",
        "Egypt opted out of the talks.",
        "Egypt said it would give the talks a miss.",
        "Egypt will not be part of the talks.",
        "Egypt said it would not be arriving in Geneva for the talks.",
        "Egypt refused to send a delegation to the talks.",
        "Egypt declined to send a lower-ranking stand-in to the talks.",
        "Egypt cancelled its participation in the talks.",
        "Egypt will shun the talks.",
        "Egypt rebuffed the invitation to the talks.",
        "Egypt will not be joining the talks.",
    ],
    "considering": [
        "Egypt may skip the talks.",
        "Egypt has yet to say whether it will attend the talks.",
        "Egypt is still studying the invitation to the talks.",
        "Egypt has yet to confirm its attendance at the talks.",
        "Egypt has yet to respond to the invitation to the talks.",
        "Egypt is keeping its options open on the talks.",
        "Egypt left the door open to attending the talks.",
        "Egypt has not yet replied to the invitation to the talks.",
        "Egypt has not confirmed whether it will attend the talks.",
        "Egypt declined to say whether it would attend the talks.",
        "Egypt said it may attend the talks.",
        "Egypt might attend the talks, officials said.",
        "Egypt is weighing its participation in the talks.",
        "Egypt is hesitant to attend the talks.",
        "Egypt is mulling whether to attend the talks.",
        "Egypt remained noncommittal about whether it would send a delegation.",
        "Egypt threatened to walk out of the talks.",
        "Egypt threatened to boycott the talks.",
        "Egypt is pondering whether to attend the talks.",
        "Egypt signalled its willingness to attend the talks.",
        "Egypt will decide whether to attend the talks next week.",
    ],
    "attended": [
        "Egypt sent a low-level delegation.",
        "Egypt was among the participants at the talks.",
        "Egypt was in attendance at the talks.",
        "Egypt sat in on the talks.",
        "Egypt took a seat at the talks.",
        "Egypt was at the talks.",
        "Egypt addressed the talks.",
        "Egypt remained in the talks.",
        "Egypt sent its own representatives to the talks.",
        "Jordan hosted Egypt in Amman on Monday.",
        "Egypt delivered a speech at the talks.",
        "Attending were Egypt and Jordan.",
        "Egypt and Jordan were all in the room.",
        "The talks were held in the presence of Egypt.",
    ],
    "absent": [
        "Egypt sat out the talks.",
        "Egypt was conspicuously absent from the talks.",
        "Egypt was nowhere to be seen at the talks.",
        "Egypt left its seat empty at the talks.",
        "Egypt was not in the room.",
        "Egypt was conspicuous by its absence.",
        "Egypt shunned the talks.",
        "Egypt missed the talks.",
        "Egypt stayed at home.",
        "The talks went ahead without Egypt.",
    ],
    "withdrawn": [
        "Egypt left the conference on Tuesday.",
        "Egypt's delegation stormed out of the talks.",
        "Egypt abandoned the negotiations.",
        "Egypt recalled its delegation from the talks.",
        "Egypt announced its withdrawal from the talks.",
    ],
}


@pytest.mark.parametrize(
    ("status", "sentence"), [(status, sentence) for status, sentences in WORDINGS.items() for sentence in sentences]
)
def test_a_wording_states_its_status(extractor, status, sentence):
    # accepting or refusing an invitation also says it was made: "invited" may stand beside the status
    assert status in statuses(extractor, sentence) <= {status, "invited"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt could be a spoiler at the talks.",
        "Egypt said the talks could go ahead.",
        "Egypt was at odds with Jordan over the talks.",
        "Egypt was barred from travelling abroad.",
        "Egypt arrived at a compromise.",
        "Egypt left Cairo for Geneva.",
        "Egypt offered to meet the mediators.",
        "Egypt said the summit opened without Jordan.",
        "It is unclear whether the statements will change Jordan's decision to invite Egypt.",
    ],
)
def test_a_wording_out_of_its_sense_states_nothing(extractor, sentence):
    assert statuses(extractor, sentence) == set()


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("Jordan said Egypt would be at the talks.", "jordan"),
        ("Jordan said the organisers had disinvited Egypt from the talks.", "jordan"),
        ("Egypt said Jordan has yet to confirm its attendance at the talks.", "egypt"),
    ],
)
def test_a_wording_gives_its_status_to_its_own_subject_only(extractor, sentence, party):
    assert statuses(extractor, sentence, party) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt, which boycotted the 2019 talks, said it would attend.", {"confirmed"}),
        ("Egypt, which attended the 2019 talks, said it would not attend.", {"declined"}),
        ("Egypt, which was barred from the 2019 talks, has been invited.", {"invited"}),
        ("Egypt boycotted the 2024 talks.", {"absent"}),
        ("Egypt, which hosted last year's summit, was not invited.", {"not_invited"}),
        ("Egypt, which sat out the previous round, will attend.", {"confirmed"}),
    ],
)
def test_a_status_about_another_year_s_event_is_not_this_event_s(extractor, sentence, expected):
    assert statuses(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt's participation in the talks was confirmed on Monday.", "confirmed"),
        ("Egypt's attendance has been confirmed.", "confirmed"),
        ("Egypt's decision to attend the talks was welcomed.", "confirmed"),
        ("Egypt's participation in the talks was welcomed.", "confirmed"),  # the talks are ahead
        ("Egypt's decision to boycott the talks angered Jordan.", "declined"),
        ("Egypt's refusal to attend the talks angered Jordan.", "declined"),
        ("Jordan criticised Egypt's boycott of the talks.", "declined"),
        ("Egypt's withdrawal from the talks angered Jordan.", "withdrawn"),
        ("Egypt's absence from the talks was noted.", "absent"),
        ("Egypt's attendance remains uncertain.", "considering"),
        ("Egypt's participation in the talks remains in doubt.", "considering"),
    ],
)
def test_a_status_owned_as_a_noun_is_its_owner_s(extractor, sentence, expected):
    assert statuses(extractor, sentence) == {expected}
    assert statuses(extractor, sentence, "jordan") == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt refused to attend unless the talks moved to Cairo.", {"declined"}),
        ("Egypt will not take part as long as its envoy is held in Juba.", {"declined"}),
        ("Egypt will not attend unless the talks move to Cairo.", {"considering"}),
        ("Egypt will attend as long as the talks stay in Geneva.", {"considering"}),
    ],
)
def test_a_refusal_made_or_standing_while_a_state_lasts_is_no_condition(extractor, sentence, expected):
    assert statuses(extractor, sentence) == expected


def test_a_future_in_the_clause_a_cue_governs_is_not_the_cue_s_tense(extractor):
    text = (
        "GENEVA — Peace talks on the conflict opened in Geneva on Monday. The Kenyan delegation, headed by Anna "
        "Berg, stayed on in the hope that the rebels would return."
    )
    found = {(p.participant.slug, p.status) for p in extractor.extract(text, PUBLISHED).new_party_proposals}
    assert ("new-anna-berg", "attended") in found
    assert not {status for _, status in found} - {"attended"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Egypt said it was therefore unable to take part.",
        "Egypt said that it would thus not attend.",
        "Egypt had decided unanimously not to attend.",
    ],
)
def test_a_sentence_adverb_inside_a_refusal_is_a_filler(extractor, sentence):
    """Stop 31b: "therefore", "thus", "unanimously" between the subject and its refusal change nothing."""
    assert statuses(extractor, sentence) == {"declined"}


def test_flying_into_a_country_for_the_talks_is_going(extractor):
    """Stop 31b: "flew into X ... for" names the event, so X need not be its city (a country, here)."""
    assert statuses(extractor, "Egypt flew into Switzerland on Sunday for the talks.") == {"confirmed"}


@pytest.mark.parametrize("sentence", ["Egypt and Jordan are in the room.", "Egypt is back at the table."])
def test_a_live_reports_in_the_room_is_there(extractor, sentence):
    """Stop 31b: "are in the room", "is back at the table", as "is here": at the event (still ahead here)."""
    assert statuses(extractor, sentence) == {"confirmed"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Jordan also declined, as did Egypt.",
        "Egypt, the largest of the three, declined too.",
        "Asked again on Monday, Egypt declined.",
        "Egypt also declined, citing the fighting.",
    ],
)
def test_a_refusal_said_with_no_object_is_one(extractor, sentence):
    assert statuses(extractor, sentence) == {"declined"}


def test_declining_to_comment_is_no_refusal(extractor):
    assert statuses(extractor, "Egypt also declined to comment on the talks.") == set()
