"""An article read in blocks and bounded sentences: the same documents, the same proposals as read whole."""

import datetime
import json
import time
from pathlib import Path

import pytest
import spacy

from events.extraction import Catalog, OutOfTime, deadline_in, extract, reading
from events.extraction.evaluation import load_articles
from events.extraction.vocabulary import pipeline

ROOT = Path(__file__).resolve().parents[2]
SEED_TEXTS = sorted((ROOT / "seeds").glob("**/*.txt"))


def tokens(doc):
    return [(t.text, t.whitespace_, t.idx, t.is_sent_start, t.norm_) for t in doc]


def seed_articles():
    """Every seed article (seeds/ and seeds/eval/) with its publication date, and the seeds' participants."""
    participants, _ = load_articles(ROOT / "seeds", ROOT / "fixtures")
    articles = []
    for path in SEED_TEXTS:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        published_on = datetime.date.fromisoformat(meta["published_on"])
        articles.append((path.stem, path.read_text(encoding="utf-8"), published_on, meta.get("publisher", "")))
    return participants, articles


def proposals(result):
    speaker = lambda p: p.speaker.slug if p.speaker else None  # noqa: E731
    found = [
        (p.event.slug, p.participant.slug, p.status, p.quote, p.reported_on, speaker(p), p.via, p.cue)
        for p in result.proposals
    ]
    return found, result.candidates, [e.slug for e in result.new_events]


def test_a_paragraph_read_in_blocks_is_the_doc_read_whole():
    """Tokens, their offsets, sentences and norms: block by block as in one go, for every seed text as one line."""
    nlp = pipeline()
    text = " ".join(path.read_text(encoding="utf-8").replace("\n", " ") for path in SEED_TEXTS)
    whole = nlp(text)
    for block in (64, 1_000):
        assert len(reading.blocks(text, block)) > len(text) // (block + 1)
        assert tokens(reading.parse(nlp, text, 40)) == tokens(whole)


def test_blocks_cut_between_words_and_keep_every_character():
    """A block ends with a single space between two words, where spaCy's tokenizer splits anyway."""
    text = "Russia will attend.  The talks open\non Monday in Geneva " + "x" * 30
    assert reading.blocks(text, 12) == [
        "Russia will ", "attend.  The ", "talks ", "open\non ", "Monday in ", "Geneva ", "x" * 30,
    ]  # fmt: skip
    assert reading.blocks("y" * (reading.RUN_CHARS + 1), 10) == ["y" * reading.RUN_CHARS, "y"]


def test_a_paragraph_longer_than_spacys_max_length_is_read():
    """``nlp(text)`` refuses a text over ``max_length``; reading it in blocks never asks spaCy for more."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 1_000
    text = "Russia will attend the talks in Geneva on Monday. " * 100
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    doc = reading.parse(nlp, text, 500)
    assert doc.text == text
    assert len(list(doc.sents)) == 100


def test_a_sentence_longer_than_the_bound_is_read_in_pieces():
    doc = reading.parse(pipeline(), "word " * 450)
    assert [len(sentence) for sentence in doc.sents] == [200, 200, 50]


def test_extraction_in_blocks_proposes_what_it_proposes_read_whole(monkeypatch):
    """Every seed article, its paragraphs tokenised 40 characters at a time or each read whole by ``nlp()``."""
    participants, articles = seed_articles()
    catalog = Catalog(participants=participants)
    assert len(articles) >= 40

    def read_all(parse):
        monkeypatch.setattr(reading, "parse", parse)
        return {
            name: proposals(extract(text, published_on=published_on, catalog=catalog, publisher=publisher))
            for name, text, published_on, publisher in articles
        }

    chunked = read_all(lambda nlp, text, size=None, deadline=None, parse=reading.parse: parse(nlp, text, 40))
    whole = read_all(lambda nlp, text, size=None, deadline=None: nlp(text))
    assert chunked == whole
    assert sum(len(found[0]) for found in whole.values()) > 50  # the articles do propose reports


def test_reading_stops_at_its_deadline():
    participants, articles = seed_articles()
    _, text, published_on, _ = articles[0]
    with pytest.raises(OutOfTime):
        extract(text, published_on=published_on, catalog=Catalog(participants), deadline=time.monotonic())
    found = extract(text, published_on=published_on, catalog=Catalog(participants), deadline=deadline_in(600))
    assert found.proposals


def test_a_group_s_phrases_may_hold_alternatives():
    from events.extraction.vocabulary import default_vocabulary

    vocab = default_vocabulary()
    phrases = [" ".join(words) for words in vocab.expand("WILL ATTEND")]
    assert "will send ... envoys" in phrases and "will send ... delegates" in phrases


def test_the_cues_expand_to_a_bounded_number_of_phrases():
    """Alternatives multiply: a group phrase of 9 × 8 × 10 words, used by every WILL pattern, once made 88,783
    phrases and a 23-second matcher build, past the admin's 20-second budget for a request."""
    from events.extraction.vocabulary import default_vocabulary

    vocab = default_vocabulary()
    phrases = sum(1 for cue in vocab.cues for pattern in cue.patterns for _ in vocab.expand(pattern))
    assert phrases < 15_000
