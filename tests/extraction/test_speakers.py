"""Who said it (issue 14), on invented sentences: the catalog as it ships (the gazetteer), no event known."""

import datetime

import pytest

from events.extraction.catalog import KnownParticipant
from tests.extraction.invented import extractor_with, proposals

OWN = [
    KnownParticipant("northern-front", "Northern Front", "armed_group", "XX", ("NF",)),
    KnownParticipant("opposition-alliance", "Opposition Alliance", "organization", "XX", ()),
    KnownParticipant("omar-sadiq", "Omar Sadiq", "person", "XX", ("Sadiq",), "northern-front"),
    KnownParticipant("lena-varga", "Lena Varga", "person", "XX", ("Varga",)),
]


@pytest.fixture(scope="module")
def extractor():
    return extractor_with(OWN)


def said(extractor, text):
    """(participant, status, speaker) of every proposal of ``text``."""
    return {(p.participant.slug, p.status, p.speaker.slug if p.speaker else None) for p in proposals(extractor, text)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt said on Friday it would send a delegation to the talks.", {("egypt", "confirmed", "egypt")}),
        (
            "Egypt and Jordan have also said they will be represented at the talks.",
            {("egypt", "confirmed", "egypt"), ("jordan", "confirmed", "jordan")},
        ),
        (
            "The Northern Front has been invited. The movement said it would not attend the talks.",
            {("northern-front", "invited", None), ("northern-front", "declined", "northern-front")},
        ),
    ],
)
def test_a_party_that_says_it_will_attend_is_its_own_speaker(extractor, sentence, expected):
    assert said(extractor, sentence) == expected


def test_a_member_of_a_group_speaks_not_the_group(extractor):
    found = said(extractor, '"We will attend the talks," Omar Sadiq of the Northern Front told reporters.')
    assert found == {("northern-front", "confirmed", "omar-sadiq")}


def test_a_speaker_with_an_apposition_before_the_speech_word(extractor):
    sentence = "Egypt will attend the talks, Lena Varga, head of the mediators' secretariat, told reporters."
    assert said(extractor, sentence) == {("egypt", "confirmed", "lena-varga")}


def test_a_nearer_speech_word_with_no_known_speaker_is_no_earlier_speaker_s(extractor):
    sentence = "Lena Varga announced the date, and for weeks both sides signalled that Egypt would attend the talks."
    assert said(extractor, sentence) == {("egypt", "confirmed", None)}


def test_a_later_speech_word_that_opens_its_own_clause_is_not_the_speaker(extractor):
    sentence = "When Egypt attended the talks on March 3, Lena Varga had announced that Jordan would stay away."
    found = said(extractor, sentence)
    assert ("egypt", "attended", None) in found
    assert ("jordan", "declined", "lena-varga") in found


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ('"We will not attend the talks. They are a sham," Omar Sadiq said.', {("egypt", "declined", "omar-sadiq")}),
        ('"Jordan will attend the talks. It is decided." Omar Sadiq left.', {("jordan", "confirmed", None)}),
    ],
)
def test_a_quotation_spanning_sentences_is_said_by_the_speaker_it_closes_with(paragraph, expected):
    extractor = extractor_with([KnownParticipant("omar-sadiq", "Omar Sadiq", "person", "XX", ("Sadiq",), "egypt")])
    assert said(extractor, "\n\n" + paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Lena Varga arrived in Nairobi on Monday. Egypt would attend the talks, she said.",
            {("egypt", "confirmed", "lena-varga")},
        ),
        (
            "Lena Varga introduced Omar Sadiq on Monday. Egypt would attend the talks, he said.",
            {("egypt", "confirmed", "omar-sadiq")},
        ),
        (
            "Omar Sadiq spoke in Nairobi. The talks are a trap and we will not attend, he said.",
            {("northern-front", "declined", "omar-sadiq")},
        ),
    ],
)
def test_he_or_she_said_is_the_person_named_last(extractor, paragraph, expected):
    assert said(extractor, paragraph) == expected


def test_a_group_described_as_the_subject_of_its_own_statement_speaks(extractor):
    text = "The Northern Front has fought the army for a decade. The armed group said it would boycott the talks."
    assert said(extractor, text) == {("northern-front", "declined", "northern-front")}


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Egypt, for its part, said it would attend the talks.", {("egypt", "confirmed", "egypt")}),
        (
            "Kabul, in turn, said it would send a delegation to the talks.",
            {("afghanistan-government", "confirmed", "afghanistan-government")},
        ),
        ("Lena Varga has made it clear that Egypt will not attend the talks.", {("egypt", "declined", "lena-varga")}),
        (
            "Omar Sadiq spoke on Monday. The dates would have to slip, he said: the movement would attend the talks.",
            {("northern-front", "confirmed", "omar-sadiq")},
        ),
    ],
)
def test_speech_across_an_interjection_a_phrase_or_a_colon(extractor, paragraph, expected):
    assert said(extractor, paragraph) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The leader of the Patriotic Salvation Front, Omar Bakri, announced that his group would not attend.",
        "Omar Bakri, the leader of the Patriotic Salvation Front, said his group would not attend the talks.",
        "Patriotic Salvation Front spokesman Omar Bakri said his group would not attend the talks.",
        "Omar Bakri of the Patriotic Salvation Front said his group would not attend the talks.",
        'Omar Bakri of the Patriotic Salvation Front spoke on Monday. "We will not attend the talks," he said.',
    ],
)
def test_a_new_speaker_s_side_is_the_body_the_article_names_him_a_member_of(extractor, sentence):
    assert said(extractor, sentence) == {("new-patriotic-salvation-front", "declined", "new-omar-bakri")}


def test_an_attribution_between_commas_leaves_the_subject_and_names_the_speaker(extractor):
    assert said(extractor, "Egypt, Lena Varga said on Monday, would attend the talks.") == {
        ("egypt", "confirmed", "lena-varga")
    }


def test_a_new_speaker_s_country_is_the_nationality_before_his_titles(extractor):
    sentence = "Turkish Vice President Fuat Oktay said his country would not attend the talks."
    assert said(extractor, sentence) == {("turkey", "declined", "new-fuat-oktay")}


def test_a_person_of_a_body_spelled_with_an_apostrophe_speaks(extractor):
    text = '"We chose to come," Brig-Gen Omar Bakri of the Ta\'ang Liberation Front (TLF) told reporters of the talks.'
    assert said(extractor, text) == {("new-taang-liberation-front", "confirmed", "new-omar-bakri")}


def test_the_office_that_speaks_is_the_person_named_before(extractor):
    text = "Lena Varga spoke on Monday. Egypt would attend the talks, the Hungarian diplomat told reporters."
    assert said(extractor, text) == {("egypt", "confirmed", "lena-varga")}


def test_an_unnamed_office_in_the_lede_is_the_person_the_next_sentence_opens_with(extractor):
    text = (
        "\n\nCAIRO — Egypt has accepted the invitation to the talks, the foreign minister's senior adviser said."
        "\n\nOmar Sadiq said on Twitter that the talks were overdue."
    )
    assert said(extractor, text) == {("egypt", "confirmed", "omar-sadiq"), ("egypt", "invited", "omar-sadiq")}


def test_a_lede_without_a_speaker_is_the_party_s_own_when_it_speaks_next(extractor):
    text = (
        "\n\nNAIROBI — The Opposition Alliance will not attend the talks, which open next month."
        "\n\nIn a statement released on Tuesday, the Opposition Alliance said that it wanted guarantees first."
    )
    assert said(extractor, text) == {("opposition-alliance", "declined", "opposition-alliance")}


def test_a_statement_without_a_speaker_later_in_the_article_stays_without_one(extractor):
    text = (
        "The Opposition Alliance will not attend the talks.\n\n"
        "In a statement released on Tuesday, the Opposition Alliance said that it wanted guarantees first."
    )
    assert said(extractor, text) == {("opposition-alliance", "declined", None)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Lena Varga told reporters on Monday that Jordan had arrived, while Egypt would stay away from the talks.",
        "Jordan has arrived, Lena Varga said, while Egypt will stay away from the talks.",
        "Lena Varga told reporters that the hall was ready, that Egypt would stay away from the talks, and that "
        "the date stood.",
    ],
)
def test_reported_speech_runs_on_across_a_subordinate_clause(extractor, sentence):
    assert ("egypt", "declined", "lena-varga") in said(extractor, sentence)


def test_a_contrast_after_reported_speech_is_the_writer_s(extractor):
    sentence = "Lena Varga had announced that the date stood, though Egypt stayed away from the talks."
    assert said(extractor, sentence) == {("egypt", "absent", None)}


def test_an_ultimatum_before_a_colon_is_a_statement_of_its_issuer(extractor):
    sentence = "The Northern Front, by then, had issued an ultimatum from its base: it would not attend the talks."
    assert said(extractor, sentence) == {("northern-front", "declined", "northern-front")}


def test_a_description_after_that_is_the_subject_of_the_reported_statement(extractor):
    text = (
        "The Northern Front has fought for years. Lena Varga said that the movement viewed the invitation positively."
    )
    assert said(extractor, text) == {("northern-front", "considering", "lena-varga")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Lena Varga, speaking in Geneva on Monday, said Egypt would attend the talks.",
            {("egypt", "confirmed", "lena-varga")},
        ),
        ("Egypt, according to Lena Varga, will attend the talks.", {("egypt", "confirmed", "lena-varga")}),
        ("According to Lena Varga, Egypt would attend the talks.", {("egypt", "confirmed", "lena-varga")}),
        # a name after the speech word that opens the reported clause is no speaker ("..., said Omar Sadiq." is)
        ("Lena Varga, in remarks on Monday, said Egypt would attend the talks.", {("egypt", "confirmed", None)}),
    ],
)
def test_a_speaker_across_a_participle_or_an_according_to_aside(extractor, sentence, expected):
    assert said(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            'Lena Varga spoke on Monday.\n\n"Jordan will attend the talks," she said.\n\n"Egypt will stay away."',
            {("jordan", "confirmed", "lena-varga"), ("egypt", "declined", "lena-varga")},
        ),
        (
            '\n\n"Jordan will attend the talks," Lena Varga said.\n\n"Thus far it is settled. Egypt will stay away."',
            {("jordan", "confirmed", "lena-varga"), ("egypt", "declined", "lena-varga")},
        ),
        (
            '\n\n"Egypt will stay away from the talks.\n\n"Jordan will attend the talks," Lena Varga said.',
            {("jordan", "confirmed", "lena-varga"), ("egypt", "declined", "lena-varga")},
        ),
        # a paragraph of the writer's, or a quotation closed by another speaker, is not the quotation before
        (
            '\n\n"Jordan will attend the talks," Lena Varga said.\n\nEgypt will stay away from the talks.',
            {("jordan", "confirmed", "lena-varga"), ("egypt", "declined", None)},
        ),
        (
            '\n\n"Jordan will attend the talks," Lena Varga said.\n\n"Egypt will stay away," Omar Sadiq said.',
            {("jordan", "confirmed", "lena-varga"), ("egypt", "declined", "omar-sadiq")},
        ),
    ],
)
def test_a_quotation_over_paragraphs_is_said_by_the_speaker_who_closes_or_opens_it(extractor, paragraphs, expected):
    assert said(extractor, paragraphs) == expected


def test_a_tweet_is_speech(extractor):
    assert said(extractor, "Egypt would attend the talks, Lena Varga tweeted.") == {
        ("egypt", "confirmed", "lena-varga")
    }


@pytest.mark.parametrize(
    "paragraph",
    [
        "The Northern Front has fought for years. The movement said Egypt would attend the talks.",
        "The Northern Front has fought for years. Egypt would attend the talks, the movement said.",
        "The Northern Front has fought for years. It said on Monday that Egypt would attend the talks.",
    ],
)
def test_a_group_described_or_named_it_speaks_of_another_party(extractor, paragraph):
    assert said(extractor, paragraph) == {("egypt", "confirmed", "northern-front")}


def test_an_unnamed_office_is_not_a_person_the_next_sentence_names_again(extractor):
    text = (
        "\n\nCAIRO — Lena Varga arrived on Monday.\n\nEgypt has accepted the invitation to the talks, the foreign "
        "minister's senior adviser said.\n\nVarga said on Twitter that the talks were overdue."
    )
    assert said(extractor, text) == {("egypt", "confirmed", None), ("egypt", "invited", None)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Egypt will attend the talks, its foreign ministry said in a statement.",
            {("egypt", "confirmed", "egypt")},
        ),
        (
            "Egyptian diplomats said the Jordanian delegation arrived six hours late.",
            {("jordan", "attended", "egypt")},
        ),
        (
            # the speaker after the mediators is no mediator, and speaks for them
            "The talks open at a UN base, with Lena Varga mediating, Egypt said.",
            {("lena-varga", "confirmed", "egypt")},
        ),
    ],
)
def test_a_body_s_own_office_and_people_speak_for_it(extractor, sentence, expected):
    assert said(extractor, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Lena Varga informed the mediator that she would not travel to the talks.", "lena-varga"),
        ("Omar Sadiq arrived on Monday. He informed the envoy that he would attend the talks.", "omar-sadiq"),
    ],
)
def test_informed_is_a_speech_word(extractor, sentence, expected):
    """ "X informed the mediator that ..." is X's statement, like "X told the mediator that ..."."""
    assert {speaker for _, _, speaker in said(extractor, sentence)} == {expected}


@pytest.mark.parametrize("attribution", ["officials said", "a spokesman said", "diplomats told reporters"])
def test_an_unnamed_speaker_after_a_comma_is_not_the_party_named_before_it(extractor, attribution):
    assert said(extractor, f"Egypt has invited Jordan, {attribution}.") == {("jordan", "invited", None)}


@pytest.mark.parametrize("attribution", ["Egyptian officials said", "Egyptian officials told reporters"])
def test_the_inviter_speaks_for_its_invitation_not_the_invitee(extractor, attribution):
    """Stop 31b: the invitee is no speaker of its own when the inviter's side is the one that speaks."""
    assert ("jordan", "invited", "egypt") in said(extractor, f"Egypt has invited Jordan, {attribution}.")


def test_a_person_before_an_apposition_of_office_is_the_speaker(extractor):
    """Stop 31b: the body the office names ("the Supreme Security Council") does not speak; its holder does."""
    text = "Lena Varga, secretary of Kenya's Supreme Security Council, said Kenya would take part in the talks."
    assert said(extractor, text) == {("kenya", "confirmed", "lena-varga")}


def test_a_body_named_in_apposition_before_the_speech_word_is_the_speaker(extractor):
    """Stop 31b: "The largest opposition group, the Northern Front, says it": the Front speaks."""
    text = "The largest opposition group, the Northern Front, says it will not take part in the talks."
    assert said(extractor, text) == {("northern-front", "declined", "northern-front")}


def test_a_spokesman_named_after_a_group_s_sentence_speaks_for_the_group(extractor):
    """Tester 42: "'We have received the invitation,' spokesman X told Reuters" after a sentence about the
    Northern Front made X, a person new to the catalog, a party invited to the talks; X speaks for the Front."""
    text = (
        "Peace talks on Xland will open in Geneva on May 6. The Northern Front said it was considering the "
        'invitation. "We have received the invitation and are studying it," spokesman Karim Haddu told Reuters.'
    )
    result = extractor.extract(text, datetime.date(2024, 5, 1))

    assert {(p.participant.slug, p.status) for p in result.proposals} == {
        ("northern-front", "considering"),
        ("northern-front", "invited"),
    }
    assert not result.new_party_proposals


@pytest.mark.parametrize(
    "sentence",
    [
        "The Egyptian presidency said Jordan would attend the talks.",
        "Jordan will attend the talks, the Egyptian presidency said on Monday.",
        "Egypt's presidency said Jordan would attend the talks.",
    ],
)
def test_a_state_s_presidency_speaks_for_the_state(extractor, sentence):
    assert said(extractor, sentence) == {("jordan", "confirmed", "egypt")}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Lena Varga said ten countries had confirmed that they would attend the talks, among them Egypt.",
            "lena-varga",
        ),
        ("Lena Varga said several states had signalled that Egypt would attend the talks.", "lena-varga"),
        # a speech word of another clause is no outer speaker (as before)
        ("Lena Varga announced the date, and for weeks both sides signalled that Egypt would attend the talks.", None),
    ],
)
def test_speech_reported_inside_a_speaker_s_reported_speech_is_the_speaker_s(extractor, sentence, speaker):
    assert said(extractor, sentence) == {("egypt", "confirmed", speaker)}


def test_a_speaker_named_after_the_office_and_a_comma_that_end_the_sentence(extractor):
    assert said(extractor, '"Egypt will attend the talks," said the mediator, Lena Varga.') == {
        ("egypt", "confirmed", "lena-varga")
    }


def test_reported_speech_runs_on_into_the_next_sentence_told_with_would(extractor):
    text = "Lena Varga told the mediators that her country was leaving the forum. Egypt would not attend the talks."
    assert said(extractor, text) == {("egypt", "declined", "lena-varga")}


@pytest.mark.parametrize(
    "text",
    [
        # the next sentence is the writer's: no "would" of reported speech, or a quotation of its own
        "Lena Varga told the mediators that the talks were doomed. Egypt will not attend the talks.",
        'Lena Varga told the mediators that the talks were doomed. "Egypt would not attend the talks."',
        "Lena Varga said the talks were doomed, and officials agreed. Egypt would not attend the talks.",
    ],
)
def test_reported_speech_does_not_run_on_into_the_writer_s_sentence(extractor, text):
    assert said(extractor, text) == {("egypt", "declined", None)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Under the circumstances, the Egyptian statement said, Jordan was unable to take part in the talks.",
        "Jordan will not attend the talks, the Egyptian statement said.",
    ],
)
def test_a_state_s_statement_speaks_for_the_state(extractor, sentence):
    assert said(extractor, sentence) == {("jordan", "declined", "egypt")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            '"We will not attend the talks," said a spokesman for the Northern Front, Omar Sadiq.',
            {("northern-front", "declined", "omar-sadiq")},
        ),
        (
            '"We will not attend the talks," said a spokesman for the Northern Front.',
            {("northern-front", "declined", "northern-front")},
        ),
        ("Egypt will attend the talks, said a spokesman for Jordan.", {("egypt", "confirmed", "jordan")}),
    ],
)
def test_an_unnamed_office_after_the_speech_word_speaks_for_its_body(extractor, sentence, expected):
    """Tester 49: '"We will not attend talks in Switzerland …," said a spokesman for the Sudanese army, Nabil
    Abdallah.' gave nothing: the office before the name held a body, and one with no name is its body's word."""
    assert said(extractor, "Peace talks on the conflict open in Geneva on March 3. " + sentence) == expected
