"""Who a status cue is about: the subject before it and the object after it (the asides a subject reaches across
are read in clauses.py)."""

from events.extraction.absolutes import absolute_owners
from events.extraction.listshapes import TITLE_MODIFIERS, ListShapes
from events.extraction.principals import KINDS, pair_noun
from events.extraction.sides import Sides
from events.extraction.words import COORDINATION, GROUP_MODIFIERS, LIST_GOES_ON, SUBJECT_HEADS, TRANSPARENT

COPULAS = {"is", "was", "are", "were", "be", "been", "remains", "remained", "became", "becomes"}


class Subjects(Sides, ListShapes):
    """The ``Extractor``'s reading of a cue's participants (a mixin: it uses the extractor's vocabulary)."""

    def _participants(self, doc, sentence, cue, span, mentions, speaker, state):
        if cue.owner == "actors" and any(t.text == "," or t.norm_ in self.vocab.speech for t in span):
            return []  # "a spokesman for the Front, X, said the boycott came": a clause, no side named before its team
        found = []
        if cue.who in ("before", "both"):
            before = self._before(doc, sentence, span.start, mentions, speaker, state)
            found += [p for p in before if not (cue.stand_in and p.kind == "person")]  # "X was represented by"
        if cue.who in ("after", "both") and doc[span.end : span.end + 1].text != "by":  # "invited by X": X invites
            found += [
                p
                for p in self._after(doc, sentence, span.end, mentions)
                if not (cue.represents and p.kind == "person")  # "Y represented President X": X is not there
            ]
        if cue.who in ("before", "both"):
            found += self._as_did(doc, sentence, span.end, mentions)
        if cue.owner or cue.who == "inside":  # "The delegation of Egypt was led by X": Egypt; "with X mediating": X
            low = span.start - (2 if doc[span.start - 1].norm_ in ("'s", "'") else 1)  # "Egypt's delegation"
            owners = [m for m in mentions if low <= m.end - 1 < span.end and m.start < span.end]
            if cue.who == "inside" and span[0].norm_ == "with":  # "with X and Y attending", "with X mediating"
                owners = absolute_owners(doc, span, owners, self.vocab)
            if cue.owner == "actors":  # not a name that only qualifies another ("For the U.S.-backed coalition came")
                owners = [m for m in owners if m.actor]
            people = [m for m in owners if m.participant.kind == "person"]
            # "with US diplomat John Desrocher mediating": the diplomat, not the state his title names
            titled = {
                m.participant
                for m in owners
                for p in people
                if m.participant.kind != "person"
                and 0 <= p.start - m.end <= 2
                and not {t.norm_ for t in doc[m.end : p.start]} & {",", "and"}
            }
            found = [m.participant for m in owners if m.participant not in titled] + found
        if cue.who in ("before", "both"):
            found += self._among_them(doc, sentence, span.end, mentions)
        if cue.who == "invitees":  # "At the invitation of X, Y met", "Y met at the invitation of X": Y
            found = self._invitees(doc, sentence, span, mentions, speaker, state)
        if cue.who in ("before", "after") and not found:
            # "Seven groups were invited: X, Y", "Russia invited four countries: X, Y and Z"
            found = self._after_colon(doc, sentence, span.end, mentions)
        sender = next((t.i for t in span if t.norm_ in self.vocab.senders), None)
        sender = span[-1].i if cue.sends_person else sender  # "X sent Y": the cue's last word
        if sender is not None:
            found = self._sent(doc, sentence, sender + 1, mentions, found, only=cue.sends_person)
        return list(dict.fromkeys(found))  # in order, once each

    def _before(self, doc, sentence, start, mentions, speaker, state):
        """The subject of a cue: the participants just before it, or those a pronoun stands for, and the people
        an aside says lead it ("The Polisario delegation, headed by Khatri Addouh, met ...")."""
        led = []
        found = self._subject_before(doc, sentence, start, mentions, speaker, state, led)
        return found + [p for p in led if p not in found]

    def _subject_before(self, doc, sentence, start, mentions, speaker, state, led):
        vocab = self.vocab
        asides = self._asides(doc, sentence)
        ends = {m.end: m for m in mentions}
        places = {i for m in mentions if not m.actor for i in range(m.start, m.end)}
        pronoun = pronoun_at = None
        who = False  # after ", who"
        apposed = None  # an actor named in an apposition: "The largest bloc, the National Front, said ..."
        first = max(sentence.start, state.dateline, self._introduction_end(doc, sentence, start))
        i = start - 1
        if start > first and doc[start].norm_ in ("and", "but", "yet"):
            i = start  # a cue that opens with its conjunction ("had been invited, but declined")
        if i > first and doc[i].norm_ in ("and", "but", "yet"):
            # "The UWSA received its invitation from the committee and will attend", "... was invited, but did not
            # attend": no subject of its own, so the sentence's, or that of the reported clause it closes ("X said
            # that Iran was reviewing the invitation and would take part": Iran)
            end = i - (doc[i - 1].norm_ == ",")
            reported = [k + 1 for k in range(first, end) if doc[k].norm_ == "that" or doc[k].norm_ in vocab.speech]
            return (reported and self._opening_subject(doc, reported[-1], end, mentions)) or self._opening_subject(
                doc, first, end, mentions
            )
        while i >= first:
            aside = next((a for a in asides if a[1] == i and a[1] < start), None)
            if aside is not None:
                if apposed is None and doc[aside[0] + 1].norm_ in ("the", "a", "an"):
                    relative = next((k for k in range(*aside) if doc[k].norm_ in vocab.relatives), aside[1])
                    apposed = next((m for m in mentions if aside[0] < m.start < relative and m.actor), None)
                inside = [m for m in mentions if aside[0] < m.start and m.end <= aside[1] and m.actor]
                if self._led_by(doc, aside):
                    # "The Polisario delegation, headed by X, met": X goes with it; "The council, headed by X,
                    # turned down its invitation": a body's head is not said to do what the body does
                    if doc[aside[0] - 1].norm_ in vocab.led_heads:
                        led.extend(m.participant for m in inside if m.participant.kind == "person")
                elif self._opens_with(doc, aside[0] + 1, vocab.alongside):
                    led.extend(m.participant for m in inside)  # ", along with Kenya,": Kenya does it too
                # ", headed by X, the speaker of Y, met": the aside before is passed over too
                chained = any(a[1] == aside[0] and self._led_by(doc, a) for a in asides)
                i = aside[0] if chained else aside[0] - 1
                continue
            pair = pair_noun(doc, i, first, vocab.pairs) if pronoun is None else None
            if pair is not None:
                return state.principals.two(KINDS[pair])  # "the two sides met": the article's two parties
            mention = ends.get(i + 1)
            owner = i + 1 == start and doc[start].norm_ in ("'s", "'")  # "Egypt's boycott of": the cue opens with 's
            if mention is not None and (mention.actor or owner):
                person = mention.participant.kind == "person"
                alone = pronoun == "they" and person and len(self._group_left(doc, mention, mentions)) == 1
                if who and not person:
                    # "Lacroix, the head of UN peacekeeping, who met": the person the apposition describes
                    comma = next((k for k in range(mention.start - 1, first, -1) if doc[k].text == ","), None)
                    head = ends.get(comma) if comma is not None else None
                    if head is not None and head.actor and head.participant.kind == "person":
                        return [head.participant]
                if (pronoun in ("he", "she") and not person) or (pronoun == "it" and person) or alone:
                    i = mention.start - 1  # "Kiribati would not sign the deal X brokered, and it ...": Kiribati
                    continue
                if who and person and not any(t.norm_ in ("and", "&") for t in doc[first : mention.start]):
                    return [mention.participant]  # "X, envoy of the President, Y, who could not attend": Y
                return self._group_left(doc, mention, mentions)
            norm = doc[i].norm_
            if apposed is None and pronoun in (None, "it") and self._described(doc, i, first, vocab.state_nouns):
                # "Ethiopia's ministry said the country would not attend": the speaker's; "a day after the
                # communist state agreed to return to the talks": the state named last
                speaking = self._speaking_state(doc, sentence, i, mentions)
                return [speaking or state.last_state] if speaking or state.last_state else []
            described = apposed is None and pronoun in (None, "it", "they") and self._described(doc, i, first)
            if described and (state.last_group is not None or norm not in vocab.own_side):
                # "the coalition will not attend", "The coalition said it would not attend"; with no group
                # named yet, "the movement" of a speaker is the speaker's side (below)
                return [state.last_group] if state.last_group is not None else []
            if pronoun is None:
                if norm in ("country", "government") and i > sentence.start and doc[i - 1].norm_ in ("his", "her"):
                    side = self._side_of(speaker, state) if speaker is not None else None
                    return [side] if side is not None and side.kind == "state" else []
                if norm in vocab.first_person:
                    return [self._side_of(speaker, state)] if speaker is not None else []
                named = ends.get(i) or (ends.get(i - 1) if doc[i - 1].norm_ in GROUP_MODIFIERS else None)
                if norm in SUBJECT_HEADS and named is not None:  # "Hamas leaders", "the ELN rebel group"
                    return self._group_left(doc, named, mentions)
                if norm in vocab.own_side:
                    side = self._own_side(doc, sentence, i, ends, speaker, state)
                    if side is not None:
                        return side
                owner = self._possessor(doc, i, first, ends)
                if owner is not None:
                    return [owner]  # "Egypt's foreign minister headed the delegation": Egypt
                singled = self._singled_out(doc, i, first)
                if singled is not None:
                    i = singled  # "Qatar was the only country to skip the talks": Qatar
                    continue
                if norm in vocab.pronouns:
                    pronoun, pronoun_at = norm, i
                    i -= 1
                    continue
                if norm in vocab.relatives and i > sentence.start and doc[i - 1].norm_ == ",":
                    who = norm == "who"
                    i -= 2
                    continue
                if norm in vocab.boundaries or norm in vocab.speech or norm in ("that", "whether"):
                    break
                if (
                    i in places
                    or norm in TRANSPARENT
                    or norm in vocab.fillers
                    or doc[i].like_num
                    or doc[i].is_title
                    or doc[i].is_punct
                    or (norm in vocab.kin and doc[i + 1].norm_ == "of")  # "X, the wife of Y,": X, not her kinsman
                ):
                    i -= 1
                    continue
                if norm in vocab.journeys or (start - i <= 2 and norm in vocab.intentions | vocab.negations):
                    i -= 1  # "flew from Kabul to Doha to take part", "its decision not to go": the subject is before
                    continue
                others = self._others_end(doc, i, first)
                if others is not None:
                    i = others  # "The UWSA and three other alliance members received": the named one at least
                    continue
                if not (norm.endswith("ed") or norm.endswith("ing")):
                    break  # a noun of its own is the subject: "More than 90 countries will take part"
            elif norm in vocab.relatives and i > first and doc[i - 1].norm_ == ",":
                # "the opposition, which said it would reconsider": the name before the comma, or no one known
                mention = ends.get(i - 1)
                if mention is not None and mention.actor:
                    return self._group_left(doc, mention, mentions)
                break
            elif norm in vocab.boundaries:
                # "The Houthis had issued an ultimatum: they would not travel until ...": the sentence's subject
                opener = next((m for m in mentions if first <= m.start <= first + 1 and m.end <= i), None)
                person = opener is not None and opener.participant.kind == "person"
                if norm in (":", ";") and pronoun and opener and opener.actor and person == (pronoun in ("he", "she")):
                    return self._group_left(doc, opener, mentions)
                break
            i -= 1
        if apposed is not None:
            return [apposed.participant]
        if pronoun in ("he", "she"):
            # the sentence's first person before it ("The invitation went to Chan Aye, but she did not join"),
            # else the person named last before the sentence
            people = [m.participant for m in mentions if m.end <= start and m.participant.kind == "person"]
            person = people[0] if people else state.last_person
            return [person] if person is not None else []
        if pronoun == "it" and pronoun_at is not None and doc[pronoun_at - 1].norm_ in ("but", "yet"):
            # "Egypt was ready, but it will not attend": the body that opens the sentence
            opening = self._opening_subject(doc, first, pronoun_at, mentions)
            return [p for p in opening if p.kind != "person"]
        if pronoun == "it" and speaker is not None and speaker.kind != "person" and self._said_it(doc, first, start):
            return [speaker]  # "It said it would not attend": the body the speaker's "it" stands for
        return []

    def _said_it(self, doc, first, start):
        """Whether the clause before token ``start`` is "It said (that) it", "It has told X it": a body's own word."""
        words = [t.norm_ for t in doc[first:start]]
        return len(words) >= 3 and words[0] == "it" and words[-1] == "it" and bool(set(words[1:4]) & self.vocab.speech)

    def _possessor(self, doc, i, first, ends):
        """The body whose office holder token ``i`` is ("Egypt's foreign minister", "Iran's envoy"), else None."""
        if doc[i].norm_ not in self.vocab.office_holders or not doc[i].is_lower:
            return None
        j = i - 1
        while j > first and doc[j].is_lower and doc[j].is_alpha and i - j <= 2:
            if doc[j].norm_ in self.vocab.heads:
                return None  # "Haiti's prime minister": a person of his own
            j -= 1  # "foreign", "top nuclear"
        owner = ends.get(j) if doc[j].norm_ in ("'s", "'") else None
        return owner.participant if owner is not None and owner.participant.kind != "person" else None

    def _singled_out(self, doc, i, first):
        """Before "was the only country", "was among the countries that" at ``i``: the token before its verb."""
        i = i - 1 if doc[i].norm_ in ("that", "who") and i > first else i
        if doc[i].norm_ not in self.vocab.singled_nouns:
            return None
        counted = i - 1 if i - 1 > first and doc[i - 1].like_num else i  # "among the 12 countries that"
        # "the only Gulf state to attend", "the only Arab country that": a capitalised word before the noun
        counted = counted - 1 if counted - 1 > first and doc[counted - 1].is_title else counted
        for words in self.vocab.singled_out:
            begin = counted - len(words)
            verb = begin - 1
            if verb >= first and [t.norm_ for t in doc[begin:counted]] == words and doc[verb].norm_ in COPULAS:
                return verb - 1
        return None

    def _led_by(self, doc, aside):
        return [t.norm_ for t in doc[aside[0] + 1 : aside[0] + 3]] in self.vocab.led_by

    def _opening_subject(self, doc, first, end, mentions):
        """The participants that open a clause (``first``..``end``) as its subject, or none."""
        if doc[first].norm_ in ("on", "in", "at", "last", "earlier", "later", "by"):
            # "On December 13, Sirleaf, Buhari and Mahama flew to Banjul and met ...": past the opening time
            comma = next((t.i for t in doc[first : min(end, first + 6)] if t.text == ","), None)
            first = comma + 1 if comma is not None else first
        actors = sorted((m for m in mentions if first <= m.start and m.end <= end and m.actor), key=lambda m: m.start)
        if not actors:
            return []
        if actors[0].start - first > 1 and not self._titles_only(doc, first, actors[0].start, mentions):
            return []
        last = actors[0]
        for other in actors[1:]:
            if any(t.norm_ not in COORDINATION for t in doc[last.end : other.start]):
                break
            last = other
        return self._group_left(doc, last, mentions)

    def _described(self, doc, i, first, nouns=None):
        """Whether token ``i`` is a description noun (``nouns``, else ``[clauses] descriptions``) after "the"
        ("the coalition", "the armed group")."""
        nouns = self.vocab.descriptions if nouns is None else nouns
        if i < first or doc[i].norm_ not in nouns or not doc[i].is_lower:
            return False
        j = i - 1
        while j >= first and doc[j].is_lower and doc[j].norm_ not in ("the", "a", "an") and i - j <= 2:
            j -= 1  # "the armed group", "the rebel movement"
        if j < first or doc[j].norm_ != "the":
            return False
        # the subject itself, not "the groups in the alliance"; "said (that) the committee viewed ..." too
        openers = {"and", "yet", "so", "that"} | self.vocab.boundaries | self.vocab.speech
        return j == first or doc[j - 1].is_punct or doc[j - 1].norm_ in openers

    def _group_left(self, doc, mention, mentions):
        """A subject and the participants joined to it: "Cuba and Norway", "between the Taliban and ... the US"."""
        group = [mention]
        opening = self._introduction_end(doc, doc[mention.start].sent, mention.start)
        titling = self._titling(doc, mentions, opening, mention.start)  # "AU peace chief Piet Moller"
        earlier = sorted(
            (
                m
                for m in mentions
                if opening <= m.start and m.end <= mention.start and m.actor and m.start not in titling
            ),
            key=lambda m: -m.start,
        )
        current = mention
        modifiers = {i for m in mentions if not m.actor for i in range(m.start, m.end)} | titling
        modifiers |= self._describing(doc, mentions, opening, mention.start)  # "the ruling Freedom Party"
        for other in earlier:
            # "Mustafa Akinci, the Greek Cypriot leader Nicos Anastasiades": the titles before a name are its own
            gap = self._list_gap(doc, other.end, current.start, modifiers)
            if not gap:
                break
            others = [w for w in gap if w not in COORDINATION]
            joined = any(a in gap and "by" in gap for a in self.vocab.accompaniments) and "," in gap
            if joined and len(others) <= 3:
                group.append(other)  # "Egypt, joined by neighbouring Jordan, met": both
                current = other
                continue
            if len(others) > 1 or (others and not {",", "and", "&"} & set(gap)):
                break
            if others and not self._modifier(others[0]):
                break
            group.append(other)
            current = other
        between = next((t.i for t in doc[max(0, current.start - 12) : current.start] if t.norm_ == "between"), None)
        if between is not None:
            first = next((m for m in earlier if m.start in (between + 1, between + 2)), None)
            if first is not None and first not in group:
                group.append(first)
        return [m.participant for m in reversed(group)]

    def _appositions(self, doc, first, last, mentions):
        """Tokens of the appositions of a list: ", head of the U.N.-backed Government of National Accord,"; not
        a member named with its article (", the African Union," in "Russia, the African Union, the UN and X")."""
        inside = set()
        spans = {(m.start, m.end) for m in mentions if m.actor}
        for i in range(first, last - 1):
            opener = doc[i + 1].norm_ not in ("and", "or", "as", "including", "among")  # ", among them X, Y"
            if doc[i].text == "," and doc[i + 1].is_lower and opener:
                close = next((t.i for t in doc[i + 1 : min(last, i + 22)] if t.text == ","), None)
                named = (i + 1, close) in spans or (doc[i + 1].norm_ == "the" and (i + 2, close) in spans)
                inner = [m for m in mentions if m.actor and close is not None and i + 1 <= m.start and m.end <= close]
                # ", the Arab League and the World Bank, as well as ...": the list's last members, no apposition
                named = named or (close is not None and _only_members(doc, i + 1, close, inner))
                # ", former Irish Taoiseach Bertie Ahern,": a member with its titles, no apposition
                person = inner[0] if inner and inner[0].participant.kind == "person" else None
                named = named or (person and self._titles_only(doc, i + 1, person.start, mentions, TITLE_MODIFIERS))
                if close is not None and not named:
                    inside.update(range(i + 1, close))
        return inside

    def _after(self, doc, sentence, end, mentions):
        """The object of a cue: the participants after it, up to the end of its clause."""
        if self._sides_of_an_event(doc, end, mentions, sentence.end):
            return []  # "an invitation to the talks between X and Y": the talks' sides, not the invitation's object
        vocab = self.vocab
        limit = sentence.end
        for i in range(end, sentence.end):
            norm = doc[i].norm_
            if norm in vocab.boundaries | vocab.speech | vocab.relatives | vocab.topic_verbs or norm == ";":
                limit = i
                break
            if any([t.norm_ for t in doc[i : i + len(words)]] == words for words in vocab.exceptions):
                limit = i  # "every party except the Northern Front": not the invited
                break
        group, current = [], None
        modifiers = {i for m in mentions if not m.actor for i in range(m.start, m.end)}
        modifiers |= self._appositions(doc, end, limit, mentions) | self._describing(doc, mentions, end - 1, limit)
        for mention in sorted((m for m in mentions if m.start >= end and m.actor), key=lambda m: m.start):
            if mention.start >= limit:
                break
            if mention.start in modifiers:
                continue
            if current is not None:
                of = current.participant.kind == "person" and doc[current.end].norm_ in ("of", "from")
                if of and not {",", "and", "&"} & {t.norm_ for t in doc[current.end : mention.start]}:
                    current = mention  # "Sulejman Tihic of the Party of Democratic Action": his party, no member
                    continue
                gap = self._list_gap(doc, current.end, mention.start, modifiers)
                if (
                    mention.participant.kind == "person"
                    and len(gap) <= 2
                    and not {",", "and", "&", "with", "by", "to", "from"} & set(gap)
                ):
                    group[-1] = mention.participant  # "US diplomat John Desrocher" is the diplomat
                    current = mention
                    continue
                gap = [w for k, w in enumerate(gap) if not (w == "of" and gap[k - 1 : k] == ["and"])]  # "and of Y"
                if any(w not in COORDINATION and w not in LIST_GOES_ON for w in gap):
                    break
            group.append(mention.participant)
            current = mention
        return group

    # --------------------------------------------------------------------------
    # who said it, through whom
    # --------------------------------------------------------------------------


def _only_members(doc, first, last, inner):
    """Whether tokens ``first``..``last`` are only the participants ``inner`` joined by "the" and "and"."""
    covered = {i for m in inner for i in range(m.start, m.end)}
    joined = all(i in covered or doc[i].norm_ in ("the", "and", "or", "&") for i in range(first, last))
    return bool(inner) and joined
