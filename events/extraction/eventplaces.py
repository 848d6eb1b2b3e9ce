"""Where an event is: the city a clause names for it ("in Geneva", "the Doha meeting"), and what may be a city."""

from events.extraction.gazetteer import adjectives, capitals, city_country, city_names, city_states
from events.extraction.text import fold
from events.extraction.words import MONTHS_DAYS


class EventPlaces:
    """The places half of ``EventLinker``: it needs ``vocab``."""

    def _place(self, doc, clause, mentions, noun):
        """(first, end, city, country) of the place the clause names: "in Geneva", "the Doha meeting"."""
        by_start = {m.start: m for m in mentions}
        if noun is not None:
            start = noun[0]
            j = start - 1
            while j >= clause[0] and doc[j].is_title and not doc[j].is_sent_start:
                j -= 1
            # "the Reconciliation Talks", "a Special Meeting": a capitalised noun makes a name, whose words are a
            # city only where they name a known place ("the Doha Talks")
            named = doc[start].is_title and (j + 1) not in by_start
            if (
                j + 1 < start
                and not named
                and doc[j + 1].norm_ not in {"peace", "direct"}
                and self.is_city(doc, j + 1, start, by_start)
                and self._known_place(doc[j + 1 : start].text, by_start.get(j + 1))
            ):
                mention = by_start.get(j + 1)
                country = mention.participant.country if mention is not None else ""
                return (j + 1, start, _city(doc[j + 1 : start].text, mention), country)
        venue = None
        for i in range(clause[0], clause[1]):
            journey = (
                doc[i].norm_ == "to" and i > clause[0] and doc[i - 1].norm_ in self.vocab.journeys
            )  # "a visit to"
            if doc[i].norm_ not in ("in", "at", "outside", "near") and not journey:
                continue
            seat = _capital(doc, i + 1, clause[1])
            if seat is not None:
                return (i, seat[0], *seat[1])  # "in the Qatari capital": Doha
            j = _settlement_of(doc, i + 1, clause[1])  # "in the German spa town of Bad Reichenhall"
            while j < clause[1] and doc[j].norm_ in ("the", "city", "capital", "of", "resort", "'s", ","):
                j += 1
            k = j
            names = []
            while k < clause[1] and (doc[k].is_title or doc[k].norm_ in ("'s", ",", "capital", "city", "of")):
                if doc[k].is_title:
                    names.append(k)
                k += 1
            if not names:
                continue
            first = names[0]
            last = first
            while last + 1 < clause[1] and (
                doc[last + 1].is_title
                or (doc[last + 1].text == "-" and not doc[last].whitespace_ and last + 2 < clause[1])
            ):
                last += 1
            if MONTHS_DAYS.fullmatch(doc[first].text):
                continue  # "in March", "came second in the Oct. 9 vote": a date, no place
            if not self.is_city(doc, first, last + 1, by_start):
                continue
            mention = by_start.get(first)
            country = mention.participant.country if mention is not None else ""
            found = (i, last + 1, _city(doc[first : last + 1].text, mention), country)
            if self._building(doc, first, last + 1, mention):
                self.__dict__.setdefault("named_venues", set()).add(fold(found[2]))
            if not self.is_venue(found):
                return found
            venue = venue or found  # "in the Basilica del Voto Nacional, in Quito's historic centre": Quito
        return venue

    def in_dateline_city(self, place):
        """``place`` (first, end, city, country), in the dateline's city when it names only that city's country:
        "GENEVA - Talks opened in Switzerland on Wednesday" are in Geneva."""
        if place is None or place[2] or not place[3] or city_country(self.dateline_city) != place[3]:
            return place
        return (*place[:2], self.dateline_city, place[3])

    def country_named(self, doc, first, end, mentions):
        """(first, end, "", country) of a state named after "in" in tokens ``first``..``end`` ("peace talks in
        South Africa next week": in that country, city untold), or None."""
        for m in mentions:
            if first < m.start < end and m.participant.kind == "state" and doc[m.start - 1].norm_ == "in":
                return (m.start - 1, m.end, "", m.participant.country)
        return None

    def is_venue(self, place):
        """Whether ``place`` (first, end, name, country) names a building, not a city: "Lancaster House"."""
        named = self.__dict__.get("named_venues", ())
        return bool({fold(w) for w in place[2].split()} & self.vocab.venue_words) or fold(place[2]) in named

    def _building(self, doc, first, end, mention):
        """Whether the name of tokens ``first``..``end`` is a building's: "at the Ganabhaban, the prime minister's
        official residence", "at the Kremlin on Monday". A city takes no "the" (but "The Hague"), so a name after
        "the" that the reader knows as no place, and that qualifies no noun after it ("in the Tatar capital"), is
        one."""
        if mention is not None or doc[first - 1].norm_ != "the" or not self.dateline_city:
            return False
        if end < len(doc) and doc[end].is_alpha and not doc[end].is_stop:
            return False  # "the Tatar capital", "the Kremlin talks": a word that qualifies a noun
        return not self._known_place(f"the {doc[first:end].text}", None)

    def _known_place(self, text, mention):
        """Whether ``text`` before an event noun is a place the reader knows: a party's seat ("the Doha talks"), a
        GeoNames city, or a place the article names after "in" ("in Butmir"); not a person ("the Haass talks")."""
        folded = fold(text)
        bare = folded.removeprefix("the ")  # "the Ganabhaban" is no place the article names after "in"
        return mention is not None or folded in city_names() or bare in city_names() or bare in self.learned_places

    def is_city(self, doc, first, end, by_start):
        """Whether tokens ``first``..``end`` may name a city: not a party by its own name, a people, a day or the
        event itself ("to remain in the Dialogue")."""
        words = {t.norm_ for t in doc[first:end]}
        text = doc[first:end].text
        if end - first == 1 and words & self.vocab.event_nouns.keys():
            return False  # "go to the Summit of the Americas": the event's own name, though Summit, N.J. is a town
        known = any(fold(part) in city_names() for part in (text, *text.split("-")))
        if words & self.vocab.not_places and not (known and end - first > 1):
            return False  # "Tuesday's meeting"; but "New Delhi", "New York"
        if by_start.get(first) is None and known:
            return True  # "San Sebastián", "Donostia-San Sebastián": the last word ends as a people's adjective would
        if any(t.norm_.endswith(("ian", "ese", "ish")) for t in doc[first:end]):
            return False  # "the Austrian capital", "Kurdish talks"
        if words & adjectives():
            return False  # "the Saudi port city of Jeddah", "Qatari talks": a people's adjective
        if words & self.vocab.event_nouns.keys():
            return False
        mention = by_start.get(first)
        if mention is None:
            return end - first <= 3
        party = mention.participant
        if party.kind == "person" or getattr(party, "new", False) or mention.end > end:
            return False  # a person; "the Pacific Islands Forum leaders' meeting": a name the noun is part of
        if fold(party.name) in city_states():
            return True  # "Djibouti", "Singapore": a state with a city of its name
        if fold(party.name) != fold(text):
            # a party's seat by its city's name ("Kabul"), not an organisation by another of its names ("an Arab
            # League summit" is the League of Arab States')
            return known or party.kind != "organization"
        return party.kind not in ("state", "organization")


def _city(text, mention):
    """The city ``text`` names: a state's own city by the state's name ("in Kuwait" is Kuwait City)."""
    if mention is not None and mention.participant.kind == "state":
        return city_states().get(fold(text), text)
    return text


def _capital(doc, first, end):
    """(end, (city, country)) of "the Finnish capital" at token ``first``: the state's seat, or None."""
    if first + 2 >= end or doc[first].norm_ != "the" or doc[first + 2].norm_ != "capital":
        return None
    seat = capitals().get(fold(doc[first + 1].text))
    return (first + 3, seat) if seat is not None else None


SETTLEMENTS = {"town", "city", "village", "resort", "port", "spa", "island", "enclave"}


def _settlement_of(doc, first, end):
    """The token after "the Saudi port city of", "the German spa town of" at token ``first`` (where the place's
    name starts), or ``first`` when no such words stand there."""
    i = first + 1 if first < end and doc[first].norm_ == "the" else first
    if i < end and doc[i].is_title:
        i += 1  # the people's adjective: "German", "Saudi"
    for k in range(i, min(end - 1, i + 3)):
        if doc[k].norm_ in SETTLEMENTS and doc[k + 1].norm_ == "of" and all(t.is_lower for t in doc[i : k + 1]):
            return k + 2
    return first
