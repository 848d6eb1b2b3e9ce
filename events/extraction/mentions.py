"""Known participants named in the text (the names the catalog lacks are ``newparties``'s)."""

import calendar
import re
from collections import Counter
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from events.extraction.gazetteer import adjective_states, capital_names
from events.extraction.vocabulary import fold, fold_norms

# "MANAGUA, March 8 —", "RANGOON —", "KABUL (Reuters) -", "BÜRGENSTOCK, Switzerland (AP) —", "Manama, 17 July
# 2011 —": the dateline a paragraph opens with, the city an article was filed from (group 1 or 2), never part of
# its sentences. A city in title case needs a country or a date after its comma, so that "Earlier, officials —"
# is none.
# A city in capitals before a dash ("KABUL -", "MANAGUA, March 8 —"); not a live report's label ("LATEST -").
DATELINE = re.compile(
    r"^[ \t]*(?!(?:LATEST|UPDATE|UPDATED|BREAKING|LIVE|EXCLUSIVE|ANALYSIS|WATCH|EARLIER|CORRECTION|OPINION)\b)"
    r"(?:([A-ZÀ-Ý][A-ZÀ-Ý'.-]+(?: [A-ZÀ-Ý][A-ZÀ-Ý'.-]+){0,2})(?:,[^\n—–]{0,40}?)?"
    r"|([A-ZÀ-Ý][a-zà-ÿ'.-]+(?: [A-ZÀ-Ý][a-zà-ÿ'.-]+){0,2}),(?:,? (?:[A-Z][a-z]+\.?|\d{1,4})){1,4})"
    r"\s*(?:\([^)\n]{1,30}\)\s*)?[—–-]\s",
    re.M,
)
# A line of its own that gives where and when the article was filed: "Belfast, 31 December 2013".
PLACE_LINE = re.compile(
    r"^[ \t]*([A-ZÀ-Ý][a-zà-ÿ'.-]+(?: [A-ZÀ-Ý][a-zà-ÿ'.-]+){0,2}), "
    r"(?:[A-Z][a-z]+,? )?(?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\.? \d{1,2}),? \d{4}[ \t]*$",
    re.M,
)
ACRONYM = re.compile(r"[A-Z0-9.]{2,6}")
GOVERNMENT = "government"
GOVERNMENT_HEADS = {GOVERNMENT, "junta"}  # "Mali's junta", "the military junta": the country's government
OWNED_HEADS = {"authorities", "administration", "leadership"}  # only after a state's possessive: "Iraq's authorities"


def _spellings(acronym):
    """An acronym with and without its stops: "US" and "U.S.", "U.N." and "UN"."""
    bare = acronym.replace(".", "")
    if not bare.isalpha() or not 2 <= len(bare) <= 4:
        return [acronym]
    return list(dict.fromkeys([acronym, bare, ".".join(bare) + "."]))


@dataclass
class Mention:
    """A known participant named at tokens ``start``..``end`` of a paragraph."""

    participant: object
    start: int
    end: int
    actor: bool  # False for a place ("talks in Moscow") or a modifier ("Russia's ambassador", "the Moscow talks")
    titled: bool = False  # followed by a role: "an RSF spokesman", "TPLF officials"


# Participles a state's adjective is glued to when the state plays a role in an event: "Kenyan-mediated talks".
GLUED_ROLES = {"mediated", "brokered", "led", "hosted", "sponsored", "organised", "organized", "chaired"}


# Capitalised words that follow a name without extending it: "Lavrov Tuesday", "Annan in March".
CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name) if w)
NOT_FORENAMES = frozenset(("yesterday", "today", "tomorrow", "tonight", "later", "earlier", "then", "now", "instead"))


class MentionFinder:
    """Finds participants by name and alias: case- and accent-insensitive, longest match first.

    Short all-capital aliases ("US", "UN", "AU") match case-sensitively, so that "us" and "un" are not them. A
    name that is a common word in any case ("a", "us", "may": spaCy's stop words) names no one: a curator's alias
    "a" made every article's "a" that participant. A one-word alias its curator wrote in lower case ("parties",
    "delegation", "official") is a common noun by its spelling: it names its participant only where the article
    writes it as a name, with a capital and not at a sentence's start.
    """

    def __init__(self, catalog, vocabulary, nlp):
        self.catalog = catalog
        self.vocab = vocabulary
        self.nlp = nlp
        self._names = PhraseMatcher(nlp.vocab, attr="NORM")
        self._acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower_words = PhraseMatcher(nlp.vocab, attr="NORM")
        for participant in catalog.participants:
            for name in participant.names:
                if ACRONYM.fullmatch(name) and any(c.isalpha() for c in name):
                    self._acronyms.add(participant.slug, [nlp.make_doc(n) for n in _spellings(name)])
                elif fold(name) in nlp.Defaults.stop_words:
                    continue
                elif name.isalpha() and name.islower():
                    self._lower_words.add(participant.slug, [fold_norms(nlp.make_doc(name))])
                else:
                    self._names.add(participant.slug, [fold_norms(nlp.make_doc(name))])
        # a state's adjective, a mention of the state only before a side: "Sudanese army negotiators"
        self._adjectives = PhraseMatcher(nlp.vocab, attr="NORM")
        states = {fold(n): p for p in catalog.participants if p.kind == "state" for n in p.names}
        self.adjective_of = {}  # folded adjective -> the state: "turkish" -> Turkey
        for adjective, name in adjective_states().items():
            if fold(name) in states:
                self._adjectives.add(states[fold(name)].slug, [fold_norms(nlp.make_doc(adjective))])
                self.adjective_of[fold(adjective)] = states[fold(name)]

    def dateline_end(self, doc):
        """The index of the first token after a dateline at the start of ``doc`` (0 without one)."""
        match = DATELINE.match(doc.text)
        if not match:
            return 0
        return next((t.i for t in doc if t.idx >= match.end()), len(doc))

    def find(self, doc):
        spans = []
        for matcher in (self._names, self._acronyms, self._lower_words):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                if matcher is self._lower_words and (span[0].is_lower or span[0].is_sent_start):
                    continue
                if matcher is self._names and len(span) == 1 and span[0].is_lower:
                    continue  # a name written in lower case is a common word: "Pacific island states" is no Ísland
                span.label_ = self.nlp.vocab.strings[match_id]
                spans.append(span)
        skip = self.dateline_end(doc)
        spans = [span for span in filter_spans(spans) if not self._glued(doc, span) and not self._forename(doc, span)]
        spans = [span for span in spans if not self._other_forename(doc, span)]
        spans = [self._government_of_the(doc, span) for span in spans]
        spans += self._sides(doc, {span.start: span.end for span in spans})
        return sorted(
            (
                Mention(
                    self.catalog.by_slug[span.label_],
                    span.start,
                    span.end,
                    self._is_actor(doc, span, self.catalog.by_slug[span.label_].kind),
                    self._is_titled(doc, span),
                )
                for span in spans
                if span.start >= skip
            ),
            key=lambda m: m.start,
        )

    def _glued(self, doc, span):
        """Whether ``span`` is glued by a hyphen after a word that makes it part of another: "Mohammed Ali
        al-Houthi" (a person, no Houthi), "anti-Taliban forces"."""
        if span.start < 2 or doc[span.start - 1].text != "-" or doc[span.start - 1].whitespace_:
            return False
        before = doc[span.start - 2]
        return before.norm_ in self.vocab.name_glued and not before.whitespace_

    def _government_of_the(self, doc, span):
        """ "the Government of the Republic of Mozambique": Mozambique's government, not the state."""
        participant = self.catalog.by_slug[span.label_]
        if participant.kind != "state" or span.start < 3:
            return span
        if [t.norm_ for t in doc[span.start - 3 : span.start]] != ["government", "of", "the"]:
            return span
        government = self._government_of_country(participant.country)
        if government is None:
            return span
        wider = doc[span.start - 3 : span.end]
        wider.label_ = government.slug
        return wider

    def _forename(self, doc, span):
        """Whether ``span``, one word of a person's name, opens another person's name: "Michel Aoun" is not
        Charles Michel, "the Annan Foundation" not Kofi Annan; a capital's name too: "Santiago Cafiero" is no Chile."""
        participant = self.catalog.by_slug[span.label_]
        capital = fold(span.text) in capital_names()
        if (participant.kind != "person" and not capital) or len(span) != 1 or span.end >= len(doc):
            return False
        following = doc[span.end]
        return (
            following.is_title
            and following.is_alpha
            and following.norm_ not in self.vocab.name_titles
            and following.norm_ not in CALENDAR_WORDS
            and not (capital and following.norm_ in self._capital_nouns)  # "the Doha Talks", "the Kabul government"
            and fold(span.text) not in {fold(n) for n in participant.names if " " in n}
        )

    @property
    def _capital_nouns(self):
        vocab, own = self.vocab, {GOVERNMENT, "regime"}
        return vocab.organisation_words | set(vocab.event_nouns) | vocab.documents | vocab.venues | own

    def _other_forename(self, doc, span):
        """Whether ``span``, a person's surname alone, follows a forename none of the person's names has: "Etienne
        Tshisekedi" is not Félix Tshisekedi ("Abdel Fattah Burhan" is al-Burhan; a title, "President Tshisekedi", or a
        day, "Sunday Tshisekedi said", is no forename)."""
        participant = self.catalog.by_slug[span.label_]
        if participant.kind != "person" or len(span) != 1 or span.start == 0:
            return False
        before = doc[span.start - 1]
        return (
            before.is_title
            and before.is_alpha
            and before.norm_ not in self.vocab.name_titles
            and before.norm_ not in CALENDAR_WORDS | NOT_FORENAMES
            and before.norm_ not in self.nlp.Defaults.stop_words
            and not before.norm_.endswith("ly")  # "Separately Tshisekedi said"
            and fold(before.text) not in {w for n in participant.names for w in fold(n).replace("-", " ").split()}
        )

    def _sides(self, doc, known):
        """The states whose adjectives stand before a side, across coordination and modifiers: "Israeli or
        Palestinian representatives", "Sudanese army negotiators" (the last one's span takes the modifiers).
        ``known``: the start and end of each name found already ("Palestinian officials")."""
        taken = {i for start, end in known.items() for i in range(start, end)}
        found = {}
        for match_id, start, end in self._adjectives(doc):
            if doc[start].text[:1].isupper() and not taken & set(range(start, end)):
                found[start] = doc[start:end]
                found[start].label_ = self.nlp.vocab.strings[match_id]
        sides = []
        for start, span in sorted(found.items()):
            if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].norm_ in GLUED_ROLES:
                sides.append(span)  # "the Kenyan-mediated talks": Kenya mediates
                continue
            j = span.end
            while j + 1 < len(doc) and doc[j].norm_ in ("or", "and", ","):
                if j + 1 in found:
                    j = found[j + 1].end  # "Israeli or Palestinian representatives"
                elif j + 1 in known and doc[known[j + 1] - 1].norm_ in self.vocab.sides:
                    j = known[j + 1] - 1  # "Israeli and [Palestinian officials]"
                    break
                else:
                    break
            last = j
            while last < min(len(doc), j + 2) and doc[last].norm_ in self.vocab.side_modifiers:
                last += 1
            if last < len(doc) and doc[last].norm_ in self.vocab.sides:
                end = last if j == span.end else span.end
                side = doc[start:end]
                side.label_ = span.label_
                sides.append(side)
        return sides

    def governments(self, doc, mentions, government):
        """Mentions of "the government" (or "the junta") standing for ``government``, the government of the
        article's country."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        for token in doc:
            if token.norm_ not in GOVERNMENT_HEADS | OWNED_HEADS or token.i in taken:
                continue
            j = token.i - 1
            while j > 0:
                if doc[j].norm_ in self.vocab.government_words and j not in taken:
                    j -= 1  # "the federal government", "Ethiopia's transitional government"
                elif doc[j].norm_ in ("led", "backed", "dominated") and j >= 3 and doc[j - 1].text == "-":
                    j -= 3  # "Sudan's army-led government"
                else:
                    break
            before = doc[j].norm_ if j >= 0 else ""
            if token.norm_ in OWNED_HEADS and before != "'s":
                continue  # "the authorities", "the Trump administration": whose is not said
            if before in ("the", "a", "its", "his", "her", "their", "this", "that", "'s") or doc[j + 1].is_sent_start:
                whose = government
                if before == "'s":  # "Ethiopia's federal government": Ethiopia's, whatever the article's country
                    owner = next((m for m in mentions if m.end == j and m.participant.kind == "state"), None)
                    # "Sudan's army-led government": the country of the name the possessive ends
                    near = (m for m in mentions if m.start < j <= m.end and m.participant.country)
                    owner = owner or next(near, None)
                    whose = self._government_of_country(owner.participant.country) if owner else None
                    whose = whose or government
                if whose is None:
                    continue
                span = doc[j + 1 : token.i + 1]
                found.append(Mention(whose, j + 1, token.i + 1, self._is_actor(doc, span), self._is_titled(doc, span)))
        return sorted(mentions + found, key=lambda m: m.start)

    def _government_of_country(self, country):
        options = [
            p
            for p in self.catalog.participants
            if p.kind == "government" and p.country == country and any(GOVERNMENT in fold(n) for n in p.names)
        ]
        return min(options, key=lambda p: (len(p.name), p.slug)) if options else None

    def government_of(self, mentions):
        """The catalog's government of the country the article's actors come from most, if it has one."""
        countries = Counter(m.participant.country for m in mentions if m.actor and m.participant.country)
        for country, _ in countries.most_common(1):
            return self._government_of_country(country)
        return None

    def _is_actor(self, doc, span, kind=None):
        """Whether the name at ``span`` stands for a party that acts, not a place, a topic or a modifier.

        A person (``kind``) is no journey's destination: "the invitation went to Lena Varga".
        """
        vocab = self.vocab
        before = [t.norm_ for t in doc[max(0, span.start - 4) : span.start]]
        while before and before[-1] in ("a", "an", "the"):
            before.pop()  # "at a UN base", "in the Saudi city of"
        after = [t.norm_ for t in doc[span.end : span.end + 2]]
        if before and before[-1] in vocab.place_before:
            return False
        if before[-2:-1] in (["capital"], ["city"]) and before[-1] in (",", "of"):
            return False
        if before[-1:] == ["of"] and len(before) > 1 and before[-2] in vocab.topics | vocab.kin:
            return False  # "talks on the future of Western Sahara": a topic; "the wife of X": her kinsman
        if before[-1:] in (["for"], ["to"]) and len(before) > 1 and before[-2] in vocab.offices:
            return False  # "its envoy for Libya": an office's topic; "the ambassador to China": its post
        if before[-1:] == ["to"] and self._post_of_listed(doc, span.start - 1):
            return False  # "the ambassadors of Egypt, Algeria and Russia to China": their post
        named = span.start >= 2 and doc[span.start - 2].is_title and not doc[span.start - 2].is_sent_start
        named = named or (span.start >= 3 and doc[span.start - 2].text == ")" and doc[span.start - 3].is_upper)
        if kind == "state" and before[-1:] == ["of"] and named and before[-2] not in vocab.name_titles:
            return False  # "President Évariste Ndayishimiye of Burundi": the person's country
        titled = len(before) >= 3 and before[-3] == "," and before[-2] in vocab.name_titles and before[-1] == "of"
        if kind == "state" and titled:
            return False  # "Farmaajo, President of the Federal Republic of Somalia, and ...": the person's country
        if kind != "person" and self._office_over(doc, span.start):
            return False  # "the Prime Minister of Malaysia", "the chairperson of the AU Commission": the holder's
        if kind == "state" and self._country_of_next(doc, span):
            return False  # "his counterparts from Burkina Faso, Captain Ibrahim Traore, and Mali, Colonel ...": theirs
        # "invitations went (out) to X": X is invited, no destination
        lead = {t.norm_ for t in doc[max(doc[span.start].sent.start, span.start - 12) : span.start]}
        invited = (set(before) | lead) & {"out", "invitation", "invitations"}
        journey = set(before[:-1]) & vocab.journeys and not invited
        if before and before[-1] in ("to", "from", "via") and journey and kind != "person":
            return False
        if before[-1:] == ["to"] and set(before[:-1]) & vocab.sendings and not invited and kind != "person":
            return False  # "send a delegation to Oslo"; not "delegations from Lebanon and Israel"
        inviting = lead & vocab.inviting and doc[span.start - 2].norm_ not in vocab.inviting
        if before[-1:] == ["to"] and inviting and fold(span.text) in capital_names():
            return False  # "Qatar invited the two sides to Doha": where, not who (not "invited to Doha")
        if after[:1] in (["'s"], ["'"]) and span.end + 1 < len(doc) and doc[span.end + 1].is_alpha:
            return False  # Russia's ambassador
        if span.start > 0 and doc[span.start - 1].norm_ == "the" and fold(span.text) in capital_names():
            following = doc[span.end] if span.end < len(doc) else None
            if following is not None and following.is_title and following.is_alpha:
                return False  # "the Suva Agreement", "the Minsk Group": a name, not the government of the capital
        if after[:1] == ["-"] and after[1:2] and after[1] in vocab.place_after:
            return False  # Tripoli-based
        if after == ["-", "led"]:  # "Sudan's army-led government", "the Saudi-led coalition"; not "AU-led talks"
            led = [t.norm_ for t in doc[span.end + 2 : span.end + 4]]
            return bool(led) and (led[0] in vocab.event_nouns or " ".join(led) in vocab.event_nouns)
        titles = span.end
        while titles < min(len(doc) - 1, span.end + 4) and (doc[titles].norm_ in vocab.name_titles | {"-"}):
            titles += 1
        if titles > span.end and doc[titles].is_title and doc[titles].is_alpha:
            return False  # UN Secretary-General António Guterres, the Greek Cypriot leader Nicos Anastasiades
        # the Moscow talks
        return not (after and (after[0] in vocab.event_nouns or " ".join(after) in vocab.event_nouns))

    def _office_over(self, doc, start):
        """Whether the name at token ``start`` follows "<office> of (the)", its words of title or portfolio between:
        "the President of the ECOWAS Commission", "Minister of Foreign Affairs of Armenia"."""
        i = start - 1
        while i >= 0 and doc[i].norm_ in ("the", "a"):
            i -= 1
        if i < 1 or doc[i].norm_ != "of":
            return False
        vocab, first = self.vocab, max(doc[start].sent.start, i - 6)
        for j in range(i - 1, first - 1, -1):
            word = doc[j].norm_
            if word in vocab.office_heads:
                return True
            if word not in vocab.name_titles | vocab.portfolios | {"of", "-"}:
                return False
        return False

    def _post_of_listed(self, doc, to):
        """Whether the "to" at token ``to`` closes "the ambassadors of X, Y and Z": names after an office's "of"."""
        start = max(doc[to].sent.start, to - 12)
        for k in range(to - 1, start, -1):
            if doc[k].norm_ == "of":
                return doc[k - 1].norm_ in self.vocab.offices
            if not (doc[k].is_title or doc[k].norm_ in (",", "and", "the", "'s")):
                return False
        return False

    def _country_of_next(self, doc, span):
        """Whether the state at ``span``, in a list after "from", is followed by ", Title": the person's country."""
        following = doc[span.end : span.end + 2]
        if len(following) < 2 or following[0].text != "," or not following[1].is_title:
            return False
        lead = doc[max(doc[span.start].sent.start, span.start - 12) : span.start]
        return following[1].norm_ in self.vocab.name_titles and any(t.norm_ == "from" for t in lead)

    def _is_titled(self, doc, span):
        following = [t.norm_ for t in doc[span.end : span.end + 2]]
        return any(word in self.vocab.speaker_titles for word in following)
