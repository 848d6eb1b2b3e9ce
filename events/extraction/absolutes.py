"""The parties of an absolute clause: "Talks opened in Oslo, with delegations from X and Y attending", "with X in
attendance", "with X present.", "with Norway mediating" (the cues ``with ...+ attending`` and the like, ``who =
"inside"``).

The cue's wildcard may reach back to an earlier "with" ("met with Jordan on Monday, with Qatar attending") or across
another absolute's participle ("with Norway mediating and Egypt taking part"): its parties are the actors after the
last of those, and none where a clause's boundary or an infinitive stands between ("met with Jordan's king before
attending the talks" is no presence of Jordan's).
"""


def absolute_owners(doc, span, owners, vocab):
    """The mentions of ``owners`` (those inside ``span``) that the absolute clause ``span`` is about."""
    start = span.start
    for i in range(span.start, span.end - 2):
        if doc[i].norm_ == "with" or (doc[i].norm_.endswith("ing") and doc[i + 1].norm_ in ("and", ",")):
            start = i
    if any(t.norm_ in vocab.boundaries | {"to"} for t in doc[start : span.end]):
        return []
    return [m for m in owners if m.start > start and m.actor]


def absolutes_apart(kept, span):
    """Whether ``span``, inside the longer cue ``kept`` from the same "with", is an absolute clause of another cue
    that ``kept`` runs on past ("with Norway mediating" in "with Norway mediating and Egypt taking part"): both
    stand."""
    return kept.start == span.start and span[0].norm_ == "with" and kept.label_ != span.label_
