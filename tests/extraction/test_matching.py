"""The prefiltered cue matcher finds what spaCy's full matcher finds, in the same order."""

from pathlib import Path

import pytest
from spacy.matcher import Matcher

from events.extraction.matching import PrefilteredMatcher, required_words
from events.extraction.vocabulary import default_vocabulary, pipeline

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_sentences():
    nlp = pipeline()
    for path in sorted(SEEDS.glob("**/*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            doc = nlp(paragraph)
            yield from doc.sents


def test_cue_matches_equal_the_full_matcher_on_every_seed_sentence():
    """Every sentence of every seed article: the same (cue, start, end) matches in the same order."""
    matcher = default_vocabulary().matcher
    sentences = list(seed_sentences())
    assert len(sentences) > 500
    found = 0
    for sentence in sentences:
        expected = matcher.full(sentence)
        assert matcher(sentence) == expected, sentence.text
        found += bool(expected)
    assert found > 100  # the comparison is not between empty lists


def test_a_text_without_a_required_word_runs_no_pattern():
    matcher = default_vocabulary().matcher
    doc = pipeline()("The weather in Geneva was mild.")
    assert matcher.candidates(doc) == ()
    assert matcher(doc) == []


def test_optional_and_set_valued_specs_require_nothing():
    pattern = [{"NORM": "will"}, {"NORM": {"IN": ["not", "never"]}, "OP": "*"}, {"LOWER": "attend", "OP": "+"}]
    assert required_words(pattern) == {("NORM", "will"), ("LOWER", "attend")}
    assert required_words([{"NORM": "maybe", "OP": "?"}, {"IS_PUNCT": True}]) == frozenset()


@pytest.mark.parametrize("greedy", [None, "LONGEST", "FIRST"])
def test_overlapping_keys_keep_the_full_matchers_order(greedy):
    """Two keys matching the same words, a pattern that needs no word, greedy filtering: all as spaCy's."""
    nlp = pipeline()
    prefiltered = PrefilteredMatcher(nlp.vocab, validate=True)
    full = Matcher(nlp.vocab)
    patterns = {
        "b-attend": [[{"NORM": "will"}, {"NORM": "attend"}], [{"NORM": "attend"}]],
        "a-attend": [[{"NORM": "will"}, {"OP": "?"}, {"NORM": "attend"}], [{"IS_PUNCT": True}, {"NORM": "and"}]],
        "c-never": [[{"NORM": "nowhere"}]],
    }
    for key, shapes in patterns.items():
        prefiltered.add(key, shapes, greedy=greedy)
        full.add(key, shapes, greedy=greedy)
    doc = nlp("Russia will attend, and Iran will surely attend the talks.")
    assert prefiltered(doc) == full(doc)
    assert len(prefiltered(doc)) >= 4
    assert len(prefiltered) == len(full)
