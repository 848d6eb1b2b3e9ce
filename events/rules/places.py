"""Places: a country is stored as its ISO 3166-1 alpha-2 code, and given as a code in any case or an English name."""

from django_countries import countries


def country_code(value):
    """The alpha-2 code of ``value`` (``kz``, ``KAZ``, ``Kazakhstan``), or ``""`` when it names no country."""
    value = value.strip()
    if not value:
        return ""
    return countries.alpha2(value) or countries.by_name(value)
