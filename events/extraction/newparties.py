"""Names the catalog lacks, read as new parties: a proposal about one is for the curator to confirm, merge or dismiss.

A name is a run of capitalised words (with "of", "for", "al-" … inside it) that no known participant has, is not a
place ("talks in Geneva"), an event ("the Lisbon Ministerial"), an outlet or a word of ``[names] noise``. Titles
before it are dropped and make it a person ("Foreign Minister Abdoulaye Diop"); its words guess its kind
(``events.rules.parties`` first: "… Front" an armed group). "Name (ACRONYM)" gives the party its acronym.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from events.extraction.bodynames import ACRONYM, BODY_ENDS, beside_event, capital, ends_a_name, opens_a_name
from events.extraction.catalog import KnownParticipant
from events.extraction.eventplaces import SETTLEMENTS
from events.extraction.gazetteer import adjectives, city_names
from events.extraction.loneword import lone_word_stands, party_noun_after
from events.extraction.namewords import NamesByWord, stems
from events.extraction.people import AMBIGUOUS, PeopleIndex, uninitialled
from events.extraction.statenames import opens_state, short_name, state_form
from events.extraction.text import fold
from events.extraction.words import MONTHS_DAYS
from events.rules.parties import guess_kind, numbered_meeting

# Words of ``[names] noise`` that open an organisation's name: "the United Nationalities Federal Council", "the
# All Parties Hurriyat Conference".
ORG_OPENERS = {"all", "united", "international", "north", "south", "east", "west", "northern", "southern", "eastern",
               "western"}  # fmt: skip
# Endings of the words of a cause that may open a body's name before "and": "Freedom", "Justice", "National",
# "Building", "Governance", "Democracy" ("the Freedom and Justice Party").
CAUSE_ENDS = ("ion", "ity", "ance", "ence", "ment", "ness", "dom", "ice", "ing", "al", "ic", "cy", "ace", "ty")


@dataclass(frozen=True)
class NewParticipant(KnownParticipant):
    """A party the article names that the catalog lacks: proposed to the curator, never created here."""

    new = True


class NewParties:
    """The new parties of one article, so that each name is one party from paragraph to paragraph."""

    def __init__(self, vocabulary, known_names):
        self.vocab = vocabulary
        self.known = known_names  # folded names of the catalog's participants
        self.outlets = {fold(o) for o in vocabulary.outlets}
        self.by_name = NamesByWord()  # folded name -> NewParticipant
        self.places = set()  # folded single words the article uses as places ("talks in Geneva")
        self.lower_words = set()  # the words the article writes in lower case
        self.people = {}  # slug -> the catalog's people the article names in full
        self.named = (PeopleIndex(), PeopleIndex())  # the new people's names, and those of the catalog's met

    def learn_places(self, doc):
        """Note the single capitalised words ``doc`` names as places ("in Geneva", "at Crans-Montana"), so
        that "Geneva would give him a chance" elsewhere in the article is no party either."""
        self.lower_words.update(t.norm_ for t in doc if t.is_lower)
        for token in doc[1:]:
            if doc[token.i - 1].norm_ in self.vocab.place_before and self._capital(token) and token.is_alpha:
                following = doc[token.i + 1] if token.i + 1 < len(doc) else None
                if following is None or not self._capital(following):
                    self.places.add(fold(token.text))
            if token.i >= 2 and doc[token.i - 1].norm_ == "of" and doc[token.i - 2].norm_ in SETTLEMENTS:
                end = token.i  # "the German spa town of Bad Reichenhall": a place of several words
                while end < len(doc) and end - token.i < 3 and self._capital(doc[end]):
                    end += 1
                self.places.add(fold(doc[token.i : end].text))

    @property
    def parties(self):
        return list(dict.fromkeys(self.by_name.values()))

    def find(self, doc, mentions, finder, skip=0):
        """Mentions of new parties in ``doc`` (a paragraph) besides the known ``mentions``."""
        from events.extraction.mentions import Mention

        mentions = [m for m in mentions if not (opens_a_name(doc, m) or ends_a_name(doc, m, self.vocab))]
        for person in (m.participant for m in mentions if m.participant.kind == "person"):
            if person.slug not in self.people:
                self.people[person.slug] = person
                self.named[1].add(person, person.names)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        i = skip
        while i < len(doc):
            span = self._name_at(doc, i, taken)
            if span is None:
                i += 1
                continue
            start, end, titled = span
            i = end
            if self._known_acronym_after(doc, end):
                continue  # "the United Nationalities Federal Council (UNFC)": the known UNFC, by its full name
            if any(m.start == end and m.participant.kind == "person" for m in mentions):
                continue  # "Abdel Fattah Burhan": the first names of the catalog's "Burhan"
            party = self._party(doc, start, end, titled)
            if party is None:
                continue
            owner = next((m for m in mentions if m.end == start - 1 and doc[start - 1].norm_ == "'s"), None)
            if owner is not None and owner.participant.kind == "state" and party.kind != "person":
                party = self._owned(party, owner.participant, doc[owner.start : start + (end - start)].text)
            found.append(
                Mention(
                    party,
                    start,
                    end,
                    finder._is_actor(doc, doc[start:end], party.kind),
                    finder._is_titled(doc, doc[start:end]),
                )
            )
            acronym = self._acronym_after(doc, end)
            if acronym is not None:
                self._alias(party, acronym.text)
                found.append(Mention(self.by_name[fold(acronym.text)], acronym.start, acronym.end, True))
                i = acronym.end + 1
        # a body after one holder's office is kept, no actor, for the side it gives its holder ("the leader of X, Y")
        kept = [m for m in found if m.actor or m.titled or finder._office_over(doc, m.start)]
        return sorted(mentions + kept, key=lambda m: m.start)

    def _name_at(self, doc, i, taken):
        """(start, end, titled) of the name starting at or after titles at token ``i``, or None."""
        if i in taken or not self._capital(doc[i]):
            return None
        named_before = i > 0 and self._capital(doc[i - 1]) and not MONTHS_DAYS.fullmatch(doc[i - 1].text)
        if named_before and (i - 1) not in taken:  # "On Thursday President X": a day's name ends no name
            return None  # inside a name already looked at
        j, titled = i, False
        while (
            j < len(doc)
            and j not in taken
            and ((self._capital(doc[j]) and doc[j].norm_ in self.vocab.name_titles) or (titled and doc[j].text == "-"))
        ):
            j += 1
            titled = True
        end = j
        while end < len(doc) and end not in taken:
            token = doc[end]
            if self._capital(token) and not MONTHS_DAYS.fullmatch(token.text):
                end += 1
            elif self._syllable_after(doc, j, end, taken):
                end += 2  # "Ban Ki-moon", "Kim Kye-gwan": a name's lower-case syllable after a hyphen
            elif (token.norm_ in self.vocab.name_inside or (token.text == "-" and not token.whitespace_)) and end > j:
                k = end
                while k < len(doc) and (doc[k].norm_ in self.vocab.name_inside or doc[k].text == "-"):
                    k += 1
                if k == end or k >= len(doc) or not self._capital(doc[k]) or k in taken:
                    break
                # "the Grand Duchy of Fenwick": a state's form, then its name (statenames.py)
                person = token.norm_ in ("of", "from") and state_form(doc, j, end, self.vocab) is None
                if person and self._member_of(doc, j, end, k):
                    break  # "Omar Bakri of the Patriotic Salvation Front": a person, then the body
                if person and self._place_after(doc, j, end, k):
                    break  # "Governor Ruben Costas of Santa Cruz": a person, then the place
                end = k
            elif token.norm_ in ("al", "el") and token.whitespace_ == "" and end + 1 < len(doc):
                end += 1  # al-Muslat
            elif token.norm_ in ("and", "&") and end > j and self._joined(doc, j, end, taken):
                end += 1  # "the Freedom and Justice Party": one name

            else:
                break
        while end > j and (doc[end - 1].norm_ in self.vocab.name_inside or doc[end - 1].text in "-'"):
            end -= 1
        while j < end and doc[j].norm_ in self.vocab.name_noise and not self._opens_org(doc, j, end):
            j += 1
        while end > j and doc[end - 1].norm_ in self.vocab.name_noise and not self._org(doc[j:end]):
            if end - 1 > j and doc[end - 1].text == "Government":
                break  # "Somalia's Transitional Federal Government": a government by its own name
            end -= 1
        if j > 1 and doc[j - 1].norm_ in ("of", "and", "for", ",") and self._capital(doc[j - 2]):
            while j < end - 1 and doc[j].norm_ in self.vocab.portfolios:
                j, titled = j + 1, True  # "Minister of Justice and Human Rights Hamid Awaluddin"
        if j >= end:
            return None
        if self._title_opens_org(doc, i, j, end):
            j, titled = j - 1, False  # "the General National Congress": a title word that opens an organisation's name
        last_title = max((k for k in range(j, end - 1) if doc[k].norm_ in self.vocab.name_titles), default=None)
        # "French Defence Minister Jean-Yves Le Drian", "European Council President X"; not a body's cause ("the
        # Movement for Justice and Equality")
        cause = last_title is not None and doc[last_title - 1].norm_ in self.vocab.name_links
        cause = cause and self._org(doc[j:last_title])
        if last_title is not None and end - last_title > 2 and not self._org(doc[last_title + 1 : end]) and not cause:
            j, titled = last_title + 1, True
        while j < end and doc[j].is_lower:
            j += 1  # "the Foreign Ministers of Ruritania": words a title left, not a name's
        return (j, end, titled) if j < end else None

    def _joined(self, doc, j, end, taken):
        """Whether "and" at ``end`` joins two halves of one body's name: words of a cause before it, no body's
        word among them, and a body's name after it with no "the" ("the National Governance and
        Reconciliation Commission", "the Building and Development Party"; not "Egypt and the Wafd Party")."""
        while j < end and doc[j].norm_ == "the":
            j += 1
        if self._causes_joined(doc, j, end, taken):
            return True
        if not j < end <= j + 3 or self._org(doc[j:end]) or not all(t.norm_.endswith(CAUSE_ENDS) for t in doc[j:end]):
            return False
        last = end + 1
        while last < len(doc) and last - end <= 4 and last not in taken and self._capital(doc[last]):
            last += 1
        return last > end + 1 and doc[last - 1].norm_ in self.vocab.organisation_words

    def _causes_joined(self, doc, j, end, taken):
        """Whether "and" at ``end`` joins two causes of a body: "the Union for Democracy and Social Progress" (up to
        three words of a cause on each side, none a body's nor a known party's; not "… Action and Dragan Čović")."""
        if not (j + 2 < end <= j + 5 and doc[j].is_title and doc[j].norm_ in BODY_ENDS):
            return False
        last = end + 1
        while last < len(doc) and last - end <= 3 and last not in taken and self._capital(doc[last]):
            last += 1
        causes, after = doc[j + 2 : end], doc[end + 1 : last]
        if doc[j + 1].norm_ not in self.vocab.name_links or not all(t.norm_.endswith(CAUSE_ENDS) for t in causes):
            return False
        return bool(after) and all(t.norm_.endswith((*CAUSE_ENDS, "ess")) for t in after) and not self._org(after)

    def _member_of(self, doc, j, end, k):
        """Whether the name ``j``..``end`` is no body's and the capitalised words from ``k`` name a body (a
        plural before "of" is a body's own name: "the Free Lions of the Northern Hills Movement")."""
        last = k
        while last < len(doc) and (
            self._capital(doc[last]) or (doc[last].norm_ == "and" and self._joined(doc, k, last, ()))
        ):
            last += 1
        plural = doc[end - 1].norm_.endswith("s") and not doc[end - 1].norm_.endswith("ss")
        return not plural and not self._org(doc[j:end]) and self._org(doc[k:last])

    def _place_after(self, doc, j, end, k):
        """Whether the name ``j``..``end`` is no body's and the capitalised words from ``k`` name a city or a
        state (GeoNames, the gazetteer, or a place the article names after "in")."""
        last = k
        while last < len(doc) and self._capital(doc[last]):
            last += 1
        place = fold(doc[k:last].text)
        known = place in city_names() or place in self.places or place in self.known
        # "Nikola Dimitrov of Macedonia": one word after a person's two is a place, known or not
        if not known and last - k == 1 and doc[k].is_alpha and end - j >= 2 and not self._org(doc[j:last]):
            self.places.add(place)
            return True
        return known and end - j >= 2 and not self._org(doc[j:end])

    def _syllable_after(self, doc, j, end, taken):
        """Whether ``doc[end]`` is a hyphen, with no space around it, before a lower-case syllable of the
        name ``j``..``end`` of two words or more (not "Tripoli-based", "Saudi-led", "Assad-era")."""
        if doc[end].text != "-" or doc[end].whitespace_ or doc[end - 1].whitespace_ or end + 1 >= len(doc):
            return False
        word = doc[end + 1]
        if end + 1 in taken or not (word.is_alpha and word.is_lower) or end - j < 2:
            return False
        return word.norm_ not in self.vocab.place_after and not word.norm_.endswith(("ed", "ing"))

    def _opens_org(self, doc, j, end):
        if opens_state(doc, j, end, self.vocab):  # "the Republic of Fenwick": "Republic" is no noise there
            return True
        if doc[j].is_title and doc[j].norm_ in BODY_ENDS | {"committee"} and j + 2 < end:
            # "the Movement for the Liberation of X", "Front for Democracy", "the Front de Libération du Québec"
            return doc[j + 1].norm_ in self.vocab.name_links
        return doc[j].norm_ in ORG_OPENERS and doc[j].is_title and self._org(doc[j:end])

    def _title_opens_org(self, doc, i, j, end):
        """Whether the one title word before ``j`` belongs to the organisation's name ``j``..``end``."""
        if j - 1 < i or not self._org(doc[j:end]) or doc[j - 1].norm_ not in self.vocab.name_titles:
            return False
        return self._capital(doc[j - 1]) and (j - 2 < i or doc[j - 2].norm_ not in self.vocab.name_titles)

    _capital = staticmethod(capital)

    def _org(self, span):
        return any(fold(t.norm_) in self.vocab.organisation_words | self.vocab.armed_words for t in span)

    def _party(self, doc, start, end, titled):
        span = doc[start:end]
        name = span.text.strip()
        folded = fold(name)
        person = self._person_named(folded, titled) or self._short_form(folded)
        if person is not None:
            return None if person is AMBIGUOUS else person
        if folded in self.by_name:
            return self.by_name[folded]
        if folded in self.known or folded in self.outlets or len(name) < 2 or numbered_meeting(name):
            return None
        if span[-1].norm_ in self.vocab.outlet_words or (
            start > 0 and doc[start - 1].norm_ in ("newspaper", "broadcaster", "daily")
        ):
            return None  # "told Gazeta Express", "the Kathmandu Post": an outlet
        if start == 0 and name.isupper() and end < len(doc) and doc[end].text in (",", "—", "–", "-", "("):
            return None  # "RANGOON —", "MANAGUA, March 8 —": a dateline
        words = [t for t in span if t.is_alpha or ACRONYM.fullmatch(t.text)]
        if end < len(doc) and doc[end].norm_ in self.vocab.event_nouns:
            return None  # "the Lisbon Ministerial talks", "the Astana process"
        if end + 1 < len(doc) and span[-1].norm_ in self.vocab.event_nouns and doc[end].norm_ == "on":
            return (
                None  # "the International Conference on X": an event by its topic, though a Conference may be a body
            )
        if any(MONTHS_DAYS.fullmatch(t.text) for t in words) or not words or beside_event(doc, start, self.vocab):
            return None  # "on the sidelines of the UN General Assembly": an event
        last = words[-1].norm_
        if last in self.vocab.venues or ("for" in {t.norm_ for t in span} and not self._org(span)):
            return None  # "the Pegasus Hotel": a place; "the AU Commissioner for Peace": an office
        if {t.norm_ for t in words} & self.vocab.documents or last in self.vocab.peoples | adjectives():
            return None  # "the Nationwide Ceasefire Agreement": a text; "N. Korean", "Gulf Arab": a people
        if len(words) == 1 and doc[start].is_sent_start and folded in self.lower_words:
            return None  # "Diplomats said": a common noun opening a sentence, written lower-case elsewhere
        if (last in self.vocab.event_nouns and last not in self.vocab.organisation_words) or all(
            w.norm_ in adjectives() for w in words
        ):
            return None  # "the National Consensus Dialogue": an event (a "Conference" may be a body); "Afghan-Iranian"
        single = len(words) == 1
        acronym = single and bool(ACRONYM.fullmatch(name)) and name.upper() == name
        # "the Junts party", "the Wagner group": one word a party's noun follows is that party's name
        grouped = single and party_noun_after(doc, start, end, folded, self.vocab)
        if single and not lone_word_stands(doc, end, titled, acronym, grouped):
            return None  # one capitalised word: a place, a people, an adjective more often than a party
        if folded in self.places or (start > 0 and doc[start - 1].norm_ in ("of", "from") and folded in city_names()):
            return None  # "Bad Reichenhall", named as a town; "Governor Ruben Costas of Santa Cruz"
        kind = self._kind(doc[start : end + 1] if grouped else span, titled, acronym)
        regnal = titled and len(words) == 1 and doc[start - 1].norm_ in self.vocab.regnal_titles  # "King X"
        regnal = (f"{doc[start - 1].text} {name}",) if regnal else ()
        aliases = uninitialled(words) + regnal + short_name(span, self.vocab)  # "Fenwick" of "Duchy of Fenwick"
        party = NewParticipant(slug=f"new-{slugify(name)}"[:100], name=name, kind=kind, aliases=aliases)
        for each in party.names:
            self.by_name.setdefault(fold(each), party)
        if kind == "person":
            self.named[0].add(party, party.names)
        return party

    def _kind(self, span, titled, acronym):
        norms = {fold(t.norm_) for t in span}  # "Liberación", "Armée": compared without accents
        if opens_state(span.doc, span.start, span.end, self.vocab):
            return "state"
        if span[-1].norm_ == "government":
            return "government"
        # The reader's armed words, the curator's rule ("Front" is an armed group's: tester 42, F2), its own words
        if norms & self.vocab.armed_words or (guessed := guess_kind(span.text)) == "armed_group":
            return "armed_group"
        if guessed in ("organization", "government") or norms & self.vocab.organisation_words or acronym:
            return "government" if guessed == "government" else "organization"
        return "person" if titled or 2 <= len(span) <= 4 else "other"

    def _person_named(self, folded, titled=False):
        """The person named in full whose last words are ``folded`` ("Muslat", "De Mistura"): a new one, or
        else the one person of the catalog the article names in full ("Lavrov" after "Sergei Lavrov"). After
        a title, any word of the name will do ("Chairman Murad" after "Al Haj Murad Ebrahim"). ``AMBIGUOUS``
        when two people answer ("Ali" after "Ahmed Ali" and "Hassan Ali"): no party of its own either."""
        found = self.named[0].find(folded, titled, lambda name, slug: self.by_name[name])
        return found or self.named[1].find(folded, titled, lambda name, slug: self.people[slug])

    def _short_form(self, folded):
        """The organisation or armed group named in full whose words hold every word of ``folded``
        ("Tamil Tiger", "the Tigers" of the "Liberation Tigers of Tamil Eelam"), if exactly one does."""
        words = stems(folded)
        generic = self.vocab.organisation_words | self.vocab.armed_words | self.vocab.name_inside
        if not words or words <= {w.removesuffix("s") for w in generic}:
            return None  # "the Movement", "the Council": any of them
        longer = len(folded.split())
        holding = (self.by_name[name] for name in self.by_name.holding(words) if len(name.split()) > longer)
        found = {party for party in holding if party.kind in ("organization", "armed_group")}
        return found.pop() if len(found) == 1 else None

    def _known_acronym_after(self, doc, end):
        bracketed = end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")"
        return bracketed and fold(doc[end + 1].text) in self.known

    def _acronym_after(self, doc, end):
        """ "High Negotiations Committee (HNC)": the acronym in brackets after a name."""
        if end + 2 >= len(doc) or doc[end].text != "(" or not ACRONYM.fullmatch(doc[end + 1].text):
            return None
        words = 1 if doc[end + 2].text == ")" else 2  # "(DEM Party)": the acronym and its body's word
        if words == 2 and not (end + 3 < len(doc) and doc[end + 3].text == ")" and self._org(doc[end + 2 : end + 3])):
            return None
        return doc[end + 1 : end + 1 + words] if fold(doc[end + 1 : end + 1 + words].text) not in self.known else None

    def _owned(self, party, state, spelled):
        """The party of a name after a state's possessive ("Somalia's Transitional Federal Government"): of
        that state's country, the possessive its alias."""
        if party.country:
            return party
        affiliation = state.slug if party.kind == "government" else None  # its government's side is the state
        updated = NewParticipant(party.slug, party.name, party.kind, state.country, party.aliases, affiliation)
        for key, value in list(self.by_name.items()):
            if value is party:
                self.by_name[key] = updated
        self._alias(updated, spelled)
        return self.by_name[fold(party.name)]

    def _alias(self, party, alias):
        folded = fold(alias)
        if folded in self.by_name:
            return
        updated = NewParticipant(
            party.slug, party.name, party.kind, party.country, (*party.aliases, alias), party.affiliation
        )
        for key, value in list(self.by_name.items()):
            if value is party:
                self.by_name[key] = updated
        self.by_name[folded] = updated
        if updated.kind == "person":
            self.named[0].add(updated, [alias])
