"""Runs with no space (emoji, punctuation, encoded blobs, long links): read in bounded pieces, within the deadline.

spaCy's tokenizer takes time growing with the square of such a run's length (8,000 emoji: 10 s); these tests
check what reading hands it, not how long it takes.
"""

import base64
import datetime
import re
import types

import pytest

from events.extraction import Catalog, KnownEvent, KnownParticipant, OutOfTime, deadline, extract, reading
from events.extraction.vocabulary import pipeline
from events.rules.quotes import quote_mismatch

PUBLISHED = datetime.date(2018, 8, 22)
PARTICIPANTS = [
    KnownParticipant("russia", "Russia", "state", "RU", ("Russian Federation",)),
    KnownParticipant("qatar", "Qatar", "state", "QA", ("Doha",)),
]
MOSCOW_TALKS = KnownEvent(
    "moscow-talks-2018", "Moscow talks on Afghanistan", "peace_talks", datetime.date(2018, 9, 4),
    city="Moscow", country="RU", host="russia",
)  # fmt: skip
SENTENCES = "Russia will attend the Moscow talks. Qatar has declined the invitation to the Moscow talks."

RUNS = {
    "emoji": "😀" * 16_000,
    "exclamation marks": "!" * 8_000,
    "brackets": "(" * 8_000,
    "apostrophes": "'" * 8_000,
    "letter and mark": "a!" * 50_000,
    "digits": "7" * 20_000,
    "base64": base64.b64encode(bytes(range(256)) * 100).decode(),
    "link": "https://example.org/" + "a/b?c=d&" * 2_000,
}


class TokenizerSpy:
    """spaCy's tokenizer, noting each text it is given; each call moves ``clock`` on by a second."""

    def __init__(self, tokenizer, clock=None):
        self.tokenizer, self.texts, self.clock = tokenizer, [], clock

    def __call__(self, text):
        self.texts.append(text)
        if self.clock:
            self.clock[0] += 1
        return self.tokenizer(text)


def longest_run(texts):
    return max((len(run) for text in texts for run in re.findall(r"\S+", text)), default=0)


@pytest.fixture
def nlp():
    return pipeline()


@pytest.fixture
def spy(nlp, monkeypatch):
    spy = TokenizerSpy(nlp.tokenizer)
    monkeypatch.setattr(nlp, "tokenizer", spy)
    return spy


@pytest.mark.parametrize("run", RUNS.values(), ids=RUNS.keys())
def test_the_tokenizer_is_never_given_a_run_longer_than_a_word(nlp, spy, run):
    text = f"{SENTENCES} {run} {SENTENCES}"
    doc = reading.parse(nlp, text)
    assert longest_run(spy.texts) == reading.WORD_CHARS
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


def test_a_word_or_link_of_ordinary_length_is_read_whole(nlp, spy):
    link = "https://www.example.org/news/2018/08/22/russia-will-attend-the-moscow-talks-on-afghanistan"
    text = f"Russia will attend, Lavrov said ({link}), under-secretary-general."
    assert [t.text for t in reading.parse(nlp, text)] == [t.text for t in nlp.tokenizer.tokenizer(text)]
    assert spy.texts == [text]


def test_the_sentences_around_a_long_run_read_as_without_it(nlp):
    """The tokens of the text before and after the run, their offsets and sentences: those of the text alone."""
    run = "😀" * 5_000
    text = f"{SENTENCES} {run} {SENTENCES}"
    doc = reading.parse(nlp, text)
    alone = reading.parse(nlp, SENTENCES)
    after = len(SENTENCES) + 1 + len(run) + 1
    shape = lambda tokens, shift=0: [(t.text, t.idx - shift, t.is_sent_start) for t in tokens]  # noqa: E731
    assert shape(doc[: len(alone)]) == shape(alone)
    assert shape(doc[len(doc) - len(alone) :], after) == shape(alone)


@pytest.mark.parametrize("where", ["own paragraph", "between sentences"])
def test_a_text_with_a_huge_run_proposes_what_its_sentences_propose(where):
    catalog = Catalog(participants=PARTICIPANTS, events=[MOSCOW_TALKS])
    run = "😀" * 50_000
    first, second = SENTENCES.split(". ")
    text = f"{first}.\n\n{run}\n\n{second}" if where == "own paragraph" else f"{first}. {run}! {second}"
    plain = extract(f"{first}.\n\n{second}", published_on=PUBLISHED, catalog=catalog)
    found = extract(text, published_on=PUBLISHED, catalog=catalog)
    assert [(p.event.slug, p.participant.slug, p.status, p.quote) for p in found.proposals] == [
        (p.event.slug, p.participant.slug, p.status, p.quote) for p in plain.proposals
    ]
    assert len(found.proposals) >= 2
    assert all(quote_mismatch(p.quote, text) == "" for p in found.proposals)


def test_the_deadline_is_checked_while_tokenising(nlp, monkeypatch):
    """A text that is one huge run stops at its deadline, however far the tokenizer got."""
    clock = [0.0]
    monkeypatch.setattr(deadline, "time", types.SimpleNamespace(monotonic=lambda: clock[0]))
    spy = TokenizerSpy(nlp.tokenizer, clock)
    monkeypatch.setattr(nlp, "tokenizer", spy)
    with pytest.raises(OutOfTime):
        reading.parse(nlp, "😀" * 50_000, deadline=10)
    assert len(spy.texts) == 10
    with pytest.raises(OutOfTime):
        list(reading.paragraphs(nlp, "😀" * 50_000, deadline=clock[0]))


def test_extraction_of_one_huge_run_stops_at_a_past_deadline(monkeypatch):
    catalog = Catalog(participants=PARTICIPANTS, events=[MOSCOW_TALKS])
    monkeypatch.setattr(deadline, "time", types.SimpleNamespace(monotonic=lambda: 100.0))
    with pytest.raises(OutOfTime):
        extract("😀" * 500_000, published_on=PUBLISHED, catalog=catalog, deadline=100.0)
