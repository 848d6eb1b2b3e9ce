"""The closed word lists the reader leans on, beside the vocabulary of ``cues.toml``."""

import re

# A month or a weekday, in full or cut short ("Oct."): never a name nor a place.
MONTHS_DAYS = re.compile(
    r"(?i)(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|"
    r"apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?"
)

# Words that stand between a subject and its verb without being the subject themselves.
TRANSPARENT = {
    "has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "will", "would", "also", "still", "now",
    "and", "in", "on", "at", "to", "of", "for", "with", "from", "by", "the", "a", "an", "this", "last", "next", "week",
    "month", "months", "year", "recent", "earlier", "later", "meanwhile", "then", "however", "reportedly",
    "'s", "'", "(", ")", '"', ",", "-", "day", "days", "ago", "morning", "evening", "night", "weekend", " ",
    "only", "just",
}  # fmt: skip
# Words after which a participant's name still leads the subject ("TPLF officials attended").
SUBJECT_HEADS = {"officials", "official", "leaders", "leader", "negotiators", "envoys", "envoy", "representatives",
                 "forces", "fighters", "commanders", "diplomats", "ministers", "team", "delegates", "member",
                 "members", "authorities", "rulers", "government", "regime", "leadership", "administration",
                 "junta", "group", "militia", "rebels", "faction", "movement", "party", "alliance", "coalition",
                 "bloc"}  # fmt: skip
# Words between a party's name and a head above: "the ELN rebel group", "the M23 armed group".
GROUP_MODIFIERS = {"rebel", "armed", "militant", "guerrilla", "insurgent", "separatist", "jihadist", "islamist"}
COORDINATION = {",", "and", "or", "nor", "&", "as", "well", "including", "the", "(", ")", "-", "both", "also", "plus",
                " "}  # fmt: skip
# Words that carry an object's list on: "was led by X and included Y and Z".
LIST_GOES_ON = {"included", "includes", "include", "comprised", "comprises", "comprising", "support", "with", "from",
                "by"}  # fmt: skip
FUTURE_WORDS = {"will", "would", "wo", "'ll", "shall", "next", "due", "planned", "plans", "plan", "scheduled",
                "upcoming", "set", "rescheduled", "postponed", "expected"}  # fmt: skip
CONDITIONS_BEFORE = {"unless", "if", "until", "provided", "whether"}
# Auxiliaries of a sentence told in the past: its weekday is the nearest, not the coming one ("had failed to
# appear for the regular Monday session").
PAST_AUXILIARIES = {"had", "was", "were", "did"}
# Irregular simple pasts that are no participle ("the Monday session ran late", "broke up"): a sentence told with one
# is told in the past, as with an auxiliary above (a blank pipeline tags no verb).
PAST_FORMS = {"ran", "went", "came", "began", "took", "broke", "spoke", "gave", "drew", "flew", "rose", "fell",
              "saw", "wrote", "chose", "knew", "grew", "threw", "forgot", "ate", "drove", "rode"}  # fmt: skip
# Words of a verb group before its main verb, besides ``FUTURE_WORDS`` and the negations and fillers of ``cues.toml``:
# auxiliaries, modals and the "to" of "is going to attend", "plans to attend".
VERB_GROUP = PAST_AUXILIARIES | {"is", "are", "am", "'s", "be", "been", "being", "has", "have", "'ve", "do", "does",
                                 "can", "could", "may", "might", "must", "should", "going", "to"}  # fmt: skip
