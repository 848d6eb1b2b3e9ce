"""The cue vocabulary (``cues.toml``), loaded and compiled into spaCy matcher patterns."""

import functools
import itertools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from events.extraction.matching import PrefilteredMatcher
from events.extraction.text import fold

CUES_FILE = Path(__file__).with_name("cues.toml")
WILDCARD = "..."  # up to five words
LONG_WILDCARD = "...+"  # up to twelve: "would send its special envoy for Eurasian affairs, Li Hui, to"


@Language.component("fold_norms")
def fold_norms(doc):
    """Sets every token's NORM to its folded text, so matchers on NORM ignore case and accents."""
    for token in doc:
        token.norm_ = " " if token.is_space else fold(token.text)
    return doc


@functools.cache
def pipeline():
    """A blank English pipeline (tokenizer, rule-based sentences, folded norms): nothing to download."""
    nlp = spacy.blank("en")
    # "U.N.-hosted", "U.S.-brokered": the hyphen after an abbreviation's full stop is a token, as in "UN-led"
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fold_norms")
    return nlp


@dataclass(frozen=True)
class Cue:
    status: str
    who: str
    negated: str | None
    tenseless: bool
    needs_event: bool
    patterns: tuple
    needs_place: bool = False  # only where its clause names the event's city ("arrived in Geneva")
    role: str | None = None  # "host", "mediator", "observer": the attendance's role the cue states
    own_negations: frozenset = frozenset()  # negations that are words of the cue ("has no plans to attend")
    implies: str | None = None  # a status the cue states too, negated or not ("accepted the invitation": invited)
    owner: bool | str = False  # the party whose delegation the cue names takes the status too ("Egypt's delegation");
    # "actors": only a name that stands for a party, not one that qualifies another word ("the U.S.-backed coalition")
    people: bool = False  # only people take it: "organised by the EU" is no presence of the EU's
    stand_in: bool = False  # the people of its subject are represented, not there: "X was represented by Y"
    represents: bool = False  # the people of its object are represented, not there: "Y represented President X"
    finite: bool = False  # the clause's own verb, never an infinitive: not after "to" ("refused to meet tomorrow")
    sends_person: bool = False  # "X sent Y": a statement only where the one sent is a person it names


class Vocabulary:
    """The cues and word lists of a TOML file, with a spaCy ``Matcher`` for the cues."""

    def __init__(self, path=CUES_FILE):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        self.path = path
        self.negations = {fold(w) for w in data["skip"]["negations"] for w in w.split()}
        self.fillers = {fold(w) for w in data["skip"]["fillers"]}
        self.idioms = [fold(w).split() for w in data["skip"].get("idioms", ())]
        self.apart = [fold(w).replace("-", " - ").split() for w in data["skip"].get("apart", ())]
        self.counterfactuals = [fold(w).split() for w in data["skip"].get("counterfactuals", ())]
        self.groups = {name: [fold(p) for p in phrases] for name, phrases in data["groups"].items()}
        self.cues = [
            Cue(
                status=c["status"],
                who=c.get("who", "before"),
                negated=c.get("negated"),
                tenseless=c.get("tenseless", False),
                needs_event=c.get("needs_event", False),
                needs_place=c.get("needs_place", False),
                patterns=tuple(c["patterns"]),
                role=c.get("role"),
                implies=c.get("implies"),
                owner=c.get("owner", False),
                people=c.get("people", False),
                stand_in=c.get("stand_in", False),
                represents=c.get("represents", False),
                finite=c.get("finite", False),
                sends_person=c.get("sends_person", False),
                own_negations=frozenset(
                    w for p in c["patterns"] for w in fold(p).replace("-", " - ").split() if w in self.negations
                ),
            )
            for c in data["cue"]
        ]
        conditions = data["conditions"]
        self.condition_status = conditions["status"]
        self.conditional_statuses = set(conditions["applies_to"])
        self.condition_words = [fold(w).split() for w in conditions["words"]]
        self.standing_conditions = [fold(w).split() for w in conditions.get("standing", ())]
        clauses = data["clauses"]
        self.boundaries = {fold(w) for w in clauses["boundaries"]}
        self.relatives = {fold(w) for w in clauses["relatives"]}
        self.appositions = {fold(w) for w in clauses.get("appositions", ())}
        self.exceptions = [fold(w).split() for w in clauses.get("exceptions", ())]
        self.topic_verbs = {fold(w) for w in clauses.get("topic_verbs", ())}
        self.introductions = {fold(w) for w in clauses.get("introductions", ())}
        self.appeals = {fold(w) for w in clauses.get("appeals", ())}
        self.generics = {fold(w) for w in clauses.get("generics", ())}
        self.wishes = {fold(w) for w in clauses.get("wishes", ())}
        self.speech = {fold(w) for w in clauses["speech"]}
        # "made clear", "made it clear": speech of more than one word, by its first word
        self.speech_phrases = {}
        for phrase in clauses.get("speech_phrases", ()):
            first, *rest = fold(phrase).split()
            self.speech_phrases.setdefault(first, []).append(rest)
        self.interjections = [fold(w).split() for w in clauses.get("interjections", ())]
        self.intentions = {fold(w) for w in clauses.get("intentions", ())}
        self.not_events = {fold(w) for w in clauses.get("not_events", ())}
        self.offer_verbs = {fold(w) for w in clauses.get("offer_verbs", ())}
        self.led_by = [fold(w).split() for w in clauses.get("led_by", ())]
        self.led_heads = {fold(w) for w in clauses.get("led_heads", ())}
        self.role_texts = {fold(w) for w in clauses.get("role_texts", ())}
        self.oppositions = [fold(w).split() for w in clauses.get("oppositions", ())]
        self.alongside = [fold(w).split() for w in clauses.get("alongside", ())]
        self.aside_openers = {fold(w) for w in clauses.get("aside_openers", ())}
        self.pronouns = {fold(w) for w in clauses["pronouns"]}
        self.first_person = {fold(w) for w in clauses["first_person"]}
        self.own_side = {fold(w) for w in clauses["own_side"]}
        self.speaker_titles = {fold(w) for w in clauses["speaker_titles"]}
        self.government_words = {fold(w) for w in clauses.get("government_words", ())}
        self.descriptions = {fold(w) for w in clauses.get("descriptions", ())}
        self.state_nouns = {fold(w) for w in clauses.get("state_nouns", ())}
        self.sides = {fold(w) for w in clauses.get("sides", ())}
        self.hopes = {fold(w) for w in clauses.get("hopes", ())}
        self.pairs = {fold(w): kind for kind, words in clauses.get("pairs", {}).items() for w in words}
        self.denials = [fold(w).split() for w in clauses.get("denials", ())]
        self.singled_out = [fold(w).split() for w in clauses.get("singled_out", ())]
        self.singled_nouns = {fold(w) for w in clauses.get("singled_nouns", ())}
        self.office_holders = {fold(w) for w in clauses.get("office_holders", ())}
        self.heads = {fold(w) for w in clauses.get("heads", ())}
        self.senders = {fold(w) for w in clauses.get("senders", ())}
        self.accompaniments = {fold(w) for w in clauses.get("accompaniments", ())}
        self.side_modifiers = {fold(w) for w in clauses.get("side_modifiers", ())}
        places = data["places"]
        self.place_before = {fold(w) for w in places["before"]}
        self.journeys = {fold(w) for w in places["journeys"]}
        self.sendings = {fold(w) for w in places.get("sendings", ())}
        self.inviting = {fold(w) for w in places.get("inviting", ())}
        self.place_after = {fold(w) for w in places["after"]}
        self.not_places = {fold(w) for w in places.get("not_places", ())}
        self.venue_words = {fold(w) for w in places.get("venues", ())}
        self.topics = {fold(w) for w in places.get("topics", ())}
        self.kin = {fold(w) for w in places.get("kin", ())}
        self.offices = {fold(w) for w in places.get("offices", ())}
        self.event_nouns = {fold(noun): kind for noun, kind in data["events"]["nouns"].items()}
        self.event_order = {fold(w) for w in data["events"].get("order", ())}
        self.event_parts = {fold(w) for w in data["events"].get("parts", ())}
        self.event_under_way = {fold(w) for w in data["events"].get("under_way", ())}
        self.event_dating = {fold(w) for w in data["events"].get("dating", ())} | {" "}
        self.event_opening = {fold(w) for w in data["events"].get("opening", ())}
        self.event_opened = {fold(w) for w in data["events"].get("opened", ())}
        self.event_holding = {fold(w) for w in data["events"].get("holding", ())}
        self.event_closing = {fold(w) for w in data["events"].get("closing", ())}
        self.event_opening_parts = {fold(w) for w in data["events"].get("opening_parts", ())}
        self.event_beside = [fold(w).split() for w in data["events"].get("beside", ())]
        self.event_others = {fold(w) for w in data["events"].get("others", ())}
        self.event_part_nouns = {fold(w) for w in data["events"].get("part_nouns", ())}
        self.event_leaving = [fold(w).split() for w in data["events"].get("leaving", ())]
        self.outlets = list(data["media"]["outlets"])
        self.media_markers = [fold(w).split() for w in data["media"]["markers"]]
        names = data.get("names", {})
        self.name_noise = {fold(w) for w in names.get("noise", ())}
        self.name_titles = {fold(w) for w in names.get("titles", ())}
        self.regnal_titles = {fold(w) for w in names.get("regnal_titles", ())}
        self.state_forms = {fold(w) for w in names.get("state_forms", ())}
        self.state_form_words = {fold(w) for w in names.get("state_form_words", ())}
        self.organisation_words = {fold(w) for w in names.get("organisation_words", ())}
        self.armed_words = {fold(w) for w in names.get("armed_words", ())}
        self.party_nouns = {fold(w) for w in names.get("party_nouns", ())}
        self.name_inside = {fold(w) for w in names.get("inside", ())}
        self.name_links = {fold(w) for w in names.get("links", ())}
        self.portfolios = {fold(w) for w in names.get("portfolios", ())}
        self.office_heads = {fold(w) for w in names.get("office_heads", ())}
        self.name_glued = {fold(w) for w in names.get("glued", ())}
        self.outlet_words = {fold(w) for w in names.get("outlet_words", ())}
        self.venues = {fold(w) for w in names.get("venues", ())}
        self.documents = {fold(w) for w in names.get("documents", ())}
        self.peoples = {fold(w) for w in names.get("peoples", ())}
        self.matcher = self._compile()

    def expand(self, pattern):
        """The phrases of a pattern, each a list of words (``...`` kept as a word)."""
        choices = []
        words = pattern.split()
        if any(
            a in (WILDCARD, LONG_WILDCARD) and b in (WILDCARD, LONG_WILDCARD) for a, b in itertools.pairwise(words)
        ):
            # "between ...+ ...+ resumed" made extraction three times slower at 100,000 characters
            raise ValueError(f"{self.path}: two wildcards in a row in cue pattern {pattern!r}")
        for word in words:
            if word in self.groups:  # a group's phrases may hold alternatives too: "send ... envoy|envoys"
                choices.append([list(words) for phrase in self.groups[word] for words in _alternatives(phrase)])
            elif re.fullmatch(r"[A-Z_]{2,}", word):
                raise ValueError(f"{self.path}: unknown group {word} in cue pattern {pattern!r}")
            else:
                choices.append([[fold(alternative)] for alternative in word.split("|")])
        for combination in itertools.product(*choices):
            yield [w for part in combination for w in part]

    def _token_specs(self, words):
        nlp = pipeline()
        skip = {"NORM": {"IN": sorted(self.negations | self.fillers | {" "})}, "OP": "*"}
        specs = []
        for word in words:
            if word in (WILDCARD, LONG_WILDCARD):
                reach = "{0,5}" if word == WILDCARD else "{0,12}"
                specs.append({"NORM": {"NOT_IN": [".", ";", ":", "!", "?", '"']}, "IS_SENT_START": False, "OP": reach})
                continue
            for token in nlp.make_doc(word):
                if specs and specs[-1] is not skip:
                    specs.append(skip)
                specs.append({"NORM": fold(token.text)})
        return specs

    def _compile(self):
        matcher = PrefilteredMatcher(pipeline().vocab, validate=True)
        for index, cue in enumerate(self.cues):
            patterns = [self._token_specs(words) for p in cue.patterns for words in self.expand(p)]
            matcher.add(f"cue-{index}", patterns, greedy="LONGEST")
        return matcher

    def cue_of(self, match_id):
        return self.cues[int(pipeline().vocab.strings[match_id].split("-")[1])]


@functools.cache
def default_vocabulary():
    return Vocabulary()


def _alternatives(phrase):
    """Each wording of a phrase whose words may hold alternatives: "send ... envoy|envoys" gives two."""
    choices = [[fold(a) for a in word.split("|")] if "|" in word else [word] for word in phrase.split()]
    return itertools.product(*choices)
