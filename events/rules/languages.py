"""An article's language: a BCP 47 tag (RFC 5646), stored in the case the standard recommends.

A tag is taken when it is well-formed by RFC 5646's grammar (its section 2.1, ``LANGUAGE_TAG``): a language of two
or three letters (the longer ones the grammar reserves are registered for none) with its extended languages,
script, region, variants, extensions and private use (``en``, ``zh-Hant-TW``,
``de-CH-1901``, ``en-US-u-ca-gregory``, ``en-US-x-twain``), a private use tag alone (``x-private``), or one of the
grandfathered tags (``i-klingon``, ``zh-min-nan``). Whether each subtag is in IANA's registry is not checked: a
tag well-formed today is one a later registry may hold (tester 44, D9: ``xx-invalid-tag-toolong`` was stored,
``en-US-u-ca-gregory``, ``x-private`` and ``i-klingon`` refused).

A tag's case tells nothing (RFC 5646, 2.1.1): ``EN``, ``en-us`` and ``pt-br`` are ``en``, ``en-US`` and ``pt-BR``.
So every entry point takes a tag in any case and stores it in the recommended one (the language in lower case, a
region in upper case, a script in title case), as a country is taken by any code or name and stored as its
alpha-2 code: one language is one value to filter and group by (tester 41, F9: ``EN`` was refused and ``en-us``
stored as typed, beside ``en-US``).
"""

import re

from django.core.validators import RegexValidator

# RFC 5646's ABNF, in any case (written out, not a flag, so that the API's schema gives it as its pattern).
_ALPHA, _ALNUM = "[A-Za-z]", "[A-Za-z0-9]"
# The grammar's language is also four letters (reserved for future use) or five to eight (for a language IANA
# registers so): none is, and "english" or "klingon" typed for a code is a mistake, so the language is two or
# three letters, with up to three extended languages (RFC 5646, 2.2.1).
_LANGUAGE = rf"{_ALPHA}{{2,3}}(?:-{_ALPHA}{{3}}){{0,3}}"
_SCRIPT = rf"{_ALPHA}{{4}}"
_REGION = rf"(?:{_ALPHA}{{2}}|[0-9]{{3}})"
_VARIANT = rf"(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}})"
_EXTENSION = rf"[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+"  # a singleton, any but x
_PRIVATE_USE = rf"[Xx](?:-{_ALNUM}{{1,8}})+"
_LANGTAG = rf"{_LANGUAGE}(?:-{_SCRIPT})?(?:-{_REGION})?(?:-{_VARIANT})*(?:-{_EXTENSION})*(?:-{_PRIVATE_USE})?"
# The grandfathered tags, irregular then regular, taken whole.
GRANDFATHERED = (
    *("en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo"),
    *("i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE"),
    *("art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang"),
)
_GRANDFATHERED = "|".join(
    "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in tag) for tag in GRANDFATHERED
)
LANGUAGE_TAG = rf"^(?:{_LANGTAG}|{_PRIVATE_USE}|{_GRANDFATHERED})\Z"
_WELL_FORMED = re.compile(LANGUAGE_TAG)

validate_language_tag = RegexValidator(
    LANGUAGE_TAG, "Enter a language code such as en, ru, ps or pt-BR (BCP 47).", code="invalid"
)


def is_language_tag(value):
    """Whether ``value`` is a well-formed BCP 47 tag, in any case."""
    return isinstance(value, str) and _WELL_FORMED.match(value) is not None


def recommended_case(tag):
    """``tag`` in the case RFC 5646 recommends: lower case, but a region (two letters) in upper case and a script
    (four letters) in title case, where they stand after the language and before any single-letter subtag (an
    extension, a private use, the ``i-`` of a grandfathered tag: lower case to the end)."""
    subtags = tag.lower().split("-")
    for position, subtag in enumerate(subtags[1:], start=1):
        if len(subtags[0]) == 1 or len(subtag) == 1:
            break
        if len(subtag) == 2:
            subtags[position] = subtag.upper()
        elif len(subtag) == 4:
            subtags[position] = subtag.title()
    return "-".join(subtags)
