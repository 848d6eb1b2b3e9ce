"""Whether an event that a statement points at by its date alone fits what the statement says of it.

A date is weak evidence: any event near the article's date may share it. An event that shares no title word, city
or host with a statement is taken on its date only when nothing the statement says contradicts it: it names no city
other than the event's (an event with no city has none to contradict), and no event noun only of other kinds ("peace
talks on Yemen scheduled to open in Geneva on March 25" are not a catalog's meeting "Race" of March 25: tester 44,
D7). An event the article itself proposed is not held to this: the article's own words made it.
"""

from events.extraction.text import fold

# What a date within a known event's days tells of it, by how long it lasts: much for a summit, a little for a
# year-long process, nothing for ages (tester 42, F1: an event of 1000 to 2999 took every dated statement).
DATE_WEIGHTS = ((31, 3.0), (366, 1.0))


def date_weight(event, stretch, *, known, alone):
    """What a date of ``stretch`` within ``event``'s days adds to its score. ``alone``: nothing else of the stretch
    points at it; then a known event (of the catalog, not one the article proposed) must fit the stretch."""
    if known and alone and contradicts(event, stretch.place, stretch.kinds):
        return 0.0
    days = (event.last_date - event.start_date).days
    return next((weight for longest, weight in DATE_WEIGHTS if days <= longest), 0.0)


def stretch_place(linker, doc, first, last, mentions, ignore=()):
    """The folded city tokens ``first``..``last`` name for their event ("in Geneva", "the Doha talks"), or "";
    not one of tokens ``ignore`` (an aside's: "X, who met Y in Cairo last month, will attend")."""
    place = linker._place(doc, (first, last), mentions, linker.event_noun(doc, (first, last)))
    if place is None or not place[2] or place[0] in ignore or linker.is_venue(place):
        return ""
    return fold(place[2])


def contradicts(event, place, kinds):
    """Whether a stretch naming the folded city ``place`` (or "") and event kinds ``kinds`` speaks of another event
    than ``event``: in a city other than the event's, or only of kinds of event that ``event`` is not (an event of
    kind "other" is of any)."""
    if place and event.city and place != fold(event.city):
        return True
    return bool(kinds) and event.kind not in kinds and event.kind != "other"
