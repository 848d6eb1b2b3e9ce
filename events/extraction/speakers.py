"""Who said it and through whom: speech verbs, quoted speech, and the outlet an article relays."""

import functools
import re
import tomllib
from pathlib import Path

from events.extraction.carried import CarriedSpeakers
from events.extraction.speakernames import SpeakerNames
from events.extraction.text import fold
from events.extraction.words import SUBJECT_HEADS, TRANSPARENT

SPEAKERS_FILE = Path(__file__).with_name("data") / "speakers.toml"
# Statuses a party states of itself: a lead that gives one with no speech word is the party's, when the next
# sentence has the party speak ("The Front will not attend the talks. In a statement, the Front said ...").
OWN_DECISIONS = {"confirmed", "declined", "considering", "withdrawn"}


@functools.cache
def speaker_words():
    """``data/speakers.toml``: each list folded into a set."""
    with open(SPEAKERS_FILE, "rb") as handle:
        return {name: {fold(w) for w in words} for name, words in tomllib.load(handle).items()}


class Speakers(CarriedSpeakers, SpeakerNames):
    """The ``Extractor``'s reading of a statement's speaker and relayed source (a mixin)."""

    def _speeches(self, doc, sentence, mentions, state=None):
        """(token index, speaker) for each speech word of the sentence; the speaker is ``None`` when it is no
        participant ("officials said", "both sides signalled"): such a word still says whose words follow.

        "he said", "she told reporters": the person named last before it, in the sentence or (``state``'s
        ``last_person``) before it; "the movement said", "it said": the group or state named last."""
        last_person = state.last_person if state is not None else None
        vocab = self.vocab
        ends = {m.end: m for m in mentions}
        starts = {m.start: m for m in mentions}
        asides = self._asides(doc, sentence)
        found = []
        for token in sentence:
            norm = token.norm_
            if norm not in vocab.speech and not self._speech_phrase(doc, sentence, token):
                continue
            following = doc[token.i + 1].norm_ if token.i + 1 < sentence.end else ""
            if norm in ("confirmed", "confirms") and following in ("its", "their", "the", "a", "an"):
                continue
            speaker = None
            if norm == "according" and following == "to":  # "according to Foreign Ministry spokesman X"
                speaker = self._named_after_titles(doc, sentence, token.i + 2, starts)
            elif norm == "quoted" and following not in ("as", "by"):  # "media quoted Minister X as confirming"
                speaker = self._named_after_titles(doc, sentence, token.i + 1, starts)
            else:
                speaker = self._speaker_before(doc, sentence, token.i, ends, asides)
                inverted = token.i == sentence.start or doc[token.i - 1].is_punct
                if speaker is None and inverted:  # "..., said Sibghat Ahmadi", not "..., said Egypt would attend"
                    j = token.i + 1
                    while j < sentence.end and doc[j].norm_ in ("on", "by", "in", "a", "statement"):
                        j += 1
                    speaker = starts.get(j) or self._named_after_office(doc, sentence, j, starts)
                    speaker = speaker or self._body_spoken_for(doc, sentence, j, starts)
                    if speaker is not None and speaker.end < sentence.end and not doc[speaker.end].is_punct:
                        speaker = None
            said_by = speaker.participant if speaker is not None else None
            if said_by is None and token.i > sentence.start and doc[token.i - 1].norm_ in ("he", "she"):
                said_by = self._person_before(mentions, token.i, last_person)
            if said_by is None and self._office_before(doc, sentence, token.i) == "the":
                said_by = self._person_before(mentions, token.i, last_person)  # "the Spanish diplomat told"
            if said_by is None and state is not None:
                said_by = self._body_before(doc, sentence, token.i, mentions, state)
            if said_by is None and found and (norm in ("saying", "adding") or token.i - found[-1][0] <= 3):
                said_by = found[-1][1]  # "was quoted as saying", "told reporters, adding": the same speaker
            found.append((token.i, said_by))
        return found

    def _speech_phrase(self, doc, sentence, token):
        """Whether a speech phrase of more than one word ("made it clear") starts at ``token``."""
        for rest in self.vocab.speech_phrases.get(token.norm_, ()):
            if [t.norm_ for t in doc[token.i + 1 : min(sentence.end, token.i + 1 + len(rest))]] == rest:
                return True
        return False

    def _office_before(self, doc, sentence, index):
        """How an office right before the speech word at ``index`` names its holder: "the" for one the text
        named before ("the Spanish diplomat told reporters"), "unnamed" for one it may name next ("a spokesman
        said", "the prime minister's security adviser said"), else ``None``."""
        words = speaker_words()
        i = index - 1
        while i > sentence.start and doc[i].norm_ in ("has", "had", "have", "also", "later", "then"):
            i -= 1
        if i <= sentence.start or not doc[i].is_lower:
            return None
        j = i - 1
        while j > sentence.start and i - j <= 3 and doc[j].is_alpha and doc[j].norm_ not in ("the", "a", "an"):
            j -= 1
        opener = doc[j].norm_
        if opener == "the" and doc[i].norm_ in words["anaphors"] and (j == sentence.start or doc[j - 1].is_punct):
            return "the"
        if opener in ("a", "an", "'s", "'") and doc[i].norm_ in words["unnamed"]:
            return "unnamed"
        return None

    def _body_before(self, doc, sentence, index, mentions, state):
        """The body that "the movement", "the coalition" (``[clauses] descriptions``) or "it" right before the
        speech word at ``index`` stands for: the sentence's last body named before it, else the group or the state
        the text named last."""
        i = index - 1
        while i > sentence.start and doc[i].norm_ in ("has", "had", "have", "also", "later", "then"):
            i -= 1
        k = i - 1
        while k > sentence.start and i - k <= 3 and doc[k].is_lower and doc[k].is_alpha:
            k -= 1
        if k < i and doc[k].norm_ in ("'s", "'") and doc[i].norm_ in self.vocab.speaker_titles:
            i = k - 1  # "the group's chief spokesman said": the group's
        # "its foreign ministry said", "its spokesman said": its own
        owned = k + 1 < i and doc[k + 1].norm_ == "its" and doc[i].norm_ in self.vocab.speaker_titles | {"ministry"}
        pronoun = doc[i].norm_ == "it" or owned
        i = k + 1 if owned else i
        if not (pronoun or self._described(doc, i, sentence.start)):
            return None
        kinds = {"person"} if pronoun else {"person", "state", "government"}  # "the movement" is a group's
        bodies = [m.participant for m in mentions if m.end <= i and m.actor and m.participant.kind not in kinds]
        if bodies:  # the statement's subject: "The Taliban will not attend talks hosted by the UN, the group said"
            return bodies[0]
        return (state.last_group or state.last_state) if pronoun else state.last_group

    def _person_before(self, mentions, index, last_person):
        people = [m.participant for m in mentions if m.end <= index and m.participant.kind == "person"]
        return people[-1] if people else last_person

    def _speaker_before(self, doc, sentence, index, ends, asides):
        if index - 1 > sentence.start and doc[index - 1].norm_ == "and":  # "X welcomed the invitation and said"
            mentions = list(ends.values())
            opening = min(
                (m for m in mentions if m.actor and sentence.start <= m.start < index),
                key=lambda m: m.start,
                default=None,
            )
            if opening is not None and self._titles_only(doc, sentence.start, opening.start, mentions, {","}):
                return opening
        apposed = self._apposed_person(doc, sentence, index, ends)
        if apposed is not None:
            return apposed
        i, office = index - 1, False
        while i >= sentence.start:
            aside = next((a for a in asides if a[1] == i), None)
            if aside is not None:
                named = ends.get(i)  # "The largest party, the National Front, says": the name in apposition
                if named is not None and named.actor and named.start - aside[0] <= 2 and office is False:
                    return named
                i = aside[0] - 1
                continue
            mention = ends.get(i + 1)
            if mention is not None and (mention.actor or mention.titled):
                return self._member_of(doc, sentence, mention, ends) or mention
            norm = doc[i].norm_
            if norm == "," and office:
                return None  # "Egypt has invited Jordan, officials said": not Jordan's officials
            office = office or norm in self.vocab.speaker_titles
            if norm in self.vocab.speaker_titles or norm in TRANSPARENT or norm in ("senior", "deputy", "chief"):
                i -= 1
                continue
            if norm in self.vocab.own_side:  # "the government side has said", "the Houthi delegation said"
                if self._described(doc, i, sentence.start):
                    return None  # "the group's spokesman said": a body by description (``_body_before``)
                i -= 1
                continue
            if doc[i].is_title and not doc[i].is_sent_start:
                i -= 1
                continue
            participle = self._participle_before(doc, sentence, i)
            if participle is not None:
                i = participle  # "Lena Varga, speaking in Geneva on Monday, said"
                continue
            return None
        return None

    def _participle_before(self, doc, sentence, i):
        """Before a participle's aside that holds token ``i`` (", speaking in Geneva on Monday,"): the index of the
        token before its comma, else None."""
        for c in range(i, max(sentence.start, i - 10), -1):
            if doc[c].norm_ == ",":
                opener = doc[c + 1]
                participle = opener.is_lower and opener.norm_.endswith("ing") and opener.norm_ not in self.vocab.speech
                return c - 1 if participle else None
        return None

    def _speakers_of(self, doc, sentence, span, speeches, speaker, participants, mentions):
        """Each participant's speaker: its own where it speaks of itself ("China said it would send",
        "India and South Africa said they will be represented", "The coalition said it would not attend")."""
        if len(participants) > 1 and speaker in participants:
            return {p: p for p in participants}
        before = [i for i, _ in speeches if i < span.start]
        if speaker is None and participants and before:
            between = {t.norm_ for t in doc[before[-1] + 1 : span.start]}
            stops = self.vocab.boundaries | self.vocab.speech | {";", ","}
            pronoun = between & (self.vocab.pronouns | {"we"})
            if pronoun and not between & stops and self._subject_is(doc, sentence, before[-1], participants, mentions):
                return {p: p for p in participants}
        return {p: speaker for p in participants}

    def _subject_is(self, doc, sentence, index, participants, mentions):
        """Whether the subject just before the speech word at ``index`` is the ``participants``: one of them
        ("Sri Lanka's Tamil Tiger rebels said"), their officials ("TPLF officials said") or a description of
        them ("The coalition said")."""
        ends = {m.end: m for m in mentions}
        i = index - 1
        while i > sentence.start and doc[i].norm_ in TRANSPARENT and doc[i].norm_ not in (",", '"'):
            i -= 1
        if i < sentence.start:
            return False
        if doc[i].norm_ in SUBJECT_HEADS | self.vocab.descriptions | self.vocab.own_side | {"authorities"}:
            if ends.get(i) is not None:
                return ends[i].participant in participants
            return self._described(doc, i, sentence.start)  # "The armed group said it would"
        mention = ends.get(i + 1)
        return mention is not None and mention.participant in participants

    def _speaker_for(self, doc, sentence, span, speeches):
        """Who states a cue: the speech word of its own clause, the closing one ("..., X said.") first.

        A cue in a relative clause (", who had invited ...,") answers only to speech inside that clause.
        """
        aside = next((a for a in self._asides(doc, sentence) if a[0] < span.start < a[1]), None)
        if aside is not None and doc[aside[0] + 1].norm_ == "that":
            # "X told reporters that A, that B, and that C": each ", that" clause is X's, no relative clause
            aside = None if any(i < aside[0] and self._reports_on(doc, sentence, i) for i, _ in speeches) else aside
        first, last = aside if aside is not None else (sentence.start, sentence.end)
        stops = self.vocab.boundaries | {";"}
        quoted = self._quoted(doc, sentence, span)

        def governs(index):
            between = range(index + 1, span.start) if index < span.start else range(span.end, index)
            # reported speech runs on across "while", "but" ...: "X told reporters that A, while B", "A, X said,
            # while B"; a semicolon still ends it
            through = index < span.start and self._reports_on(doc, sentence, index)
            ends = stops - speaker_words()["reported_through"] if through else stops
            return first <= index < last and not any(
                doc[i].norm_ in ends and i not in quoted and not (i - index <= 6 and doc[i].norm_ == ":")
                for i in between
            )  # "he said: the Tigers would travel only after ...", "issued an ultimatum from X: ..." is his

        # a speech word after the cue that opens its own reported clause ("..., X had announced that ...") is not
        # the cue's
        after = [
            (i, s)
            for i, s in speeches
            if i >= span.end and governs(i) and s is not None and not self._introduces(doc, sentence, i)
        ]
        # the nearest speech word before the cue introduces it, even when it names no participant
        before = [(i, s) for i, s in speeches if i < span.start and governs(i)]
        # a speech word after the cue closes the sentence ("..., X said on Monday."); one that opens a clause
        # of its own ("..., the date X had announced for ...", "while Y said Z was ...") yields to the speech
        # word that introduces the cue ("X has said he will not ...")
        closing = [(i, s) for i, s in after if sentence.end - i <= 8]
        if closing or (after and not before):
            return min(closing or after, key=lambda s: s[0])[1]
        if before:
            index, speaker = max(before, key=lambda s: s[0])
            # "X said ten states had confirmed that they would come": the nearer speech word is inside X's
            # reported speech, so X speaks (not "X announced the date, and both sides signalled that ...")
            outer = [
                s
                for i, s in before
                if i < index and s is not None and not any(doc[k].norm_ in (",", "and") for k in range(i + 1, index))
            ]
            return outer[-1] if speaker is None and outer else speaker
        return None

    def _speaker_after_quote(self, doc, sentence, span, mentions):
        """The speaker of a quotation that runs on into the paragraph's next sentences and closes with a speech
        word there: '"We will not attend. The talks are a sham," X said.'"""
        quoted = self._quoted(doc, sentence, span)
        if not quoted or sentence.end - 1 not in quoted or doc[sentence.end - 1].norm_ == '"':
            return None
        following = doc[sentence.end :].sents if sentence.end < len(doc) else []
        for _, later in zip(range(3), following, strict=False):
            close = next((t.i for t in later if t.norm_ == '"'), None)
            if close is None:
                continue
            inside = [m for m in mentions if later.start <= m.start and m.end <= later.end]
            speeches = [(i, s) for i, s in self._speeches(doc, later, inside) if close < i <= close + 3]
            return speeches[0][1] if speeches else None
        return None

    def _reports_on(self, doc, sentence, index):
        """Whether the speech word at ``index`` reports the rest of the sentence: "told reporters on Thursday
        that ...", or an attribution between commas (", Tar Phone Kyaw said, while ...")."""
        following = doc[index + 1 : min(sentence.end, index + 6)]
        for token in following:
            if token.norm_ == "that":
                return True
            if token.is_punct:
                break
        comma_before = next((t.i for t in reversed(doc[max(sentence.start, index - 6) : index]) if t.is_punct), None)
        comma_after = next((t.i for t in following if t.is_punct), None)
        return (
            comma_before is not None
            and comma_after is not None
            and doc[comma_before].norm_ == ","
            and doc[comma_after].norm_ == ","
        )

    def _statement_dates(self, doc, sentence, dates):
        """The dates that say when something was said ("said on Wednesday", "statements on Wednesday")."""
        said = self.vocab.speech | {"statement", "statements", "comments", "remarks", "interview", "briefing"}
        found = []
        for d in dates:
            token = next((t for t in sentence if t.idx >= d.begin - sentence.start_char + sentence[0].idx), None)
            if token is None:
                continue
            before = [t.norm_ for t in doc[max(sentence.start, token.i - 3) : token.i]]
            after = [t.norm_ for t in doc[token.i + 1 : min(sentence.end, token.i + 4)]]
            if set(before) & said or (after[:1] and after[0] in said) or (after[1:2] and after[1] in said):
                found.append(d)
        return found

    def _introduces(self, doc, sentence, index):
        """Whether the speech word at ``index`` introduces the words after it: "announced that", "said it"."""
        following = [t.norm_ for t in doc[index + 1 : min(sentence.end, index + 3)]]
        return bool(following) and (following[0] == "that" or following[0] in ("he", "she", "they", "it", "we"))

    def _quoted(self, doc, sentence, span):
        """The token indices of the quotation a cue stands in (none if it stands in none)."""
        marks = [t.i for t in sentence if t.norm_ == '"']
        opened = None
        for i in marks:
            if opened is None and ((i + 1 < sentence.end and not doc[i + 1].is_punct) or i == sentence.start):
                opened = i
            elif opened is not None:
                if opened < span.start and span.end <= i:
                    return set(range(opened, i + 1))
                opened = None
        if opened is not None and opened < span.start:
            return set(range(opened, sentence.end))
        if marks and marks[0] > span.end and doc[marks[0]].text in ("”", '"'):
            return set(range(sentence.start, marks[0] + 1))  # the quotation opened in the sentence before
        return set()

    def _via(self, sentence, publisher):
        """The outlet the sentence relays ("told Reuters", "TOLOnews reported"), unless it is the publisher."""
        text = sentence.text
        folded = fold(text)
        found = ""
        for outlet in self.vocab.outlets:
            name = fold(outlet)
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", folded):
                before = folded[: match.start()].rstrip()
                after = folded[match.end() :].lstrip()
                if (
                    re.search(r"(told|to|by|from|via|in)$", before)
                    or re.match(r"(reported|reports|said|says|quoted|news|'s report)", after)
                    or any(before.endswith(" ".join(marker)) for marker in self.vocab.media_markers)
                ):
                    found = outlet
                    break
            if found:
                break
        if not found:
            match = re.search(r"\b([A-Z][\w-]*(?: [A-Z][\w-]*)*) (?:news agency|news website|reported)\b", text)
            if match:
                found = match.group(1)
        return "" if fold(found) == fold(publisher or "") else found
