"""An article's language: a BCP 47 tag (RFC 5646), stored in the case the standard recommends.

A tag's case tells nothing (RFC 5646, 2.1.1): ``EN``, ``en-us`` and ``pt-br`` are ``en``, ``en-US`` and ``pt-BR``.
So every entry point takes a tag in any case and stores it in the recommended one (the language in lower case, a
region in upper case, a script in title case), as a country is taken by any code or name and stored as its
alpha-2 code: one language is one value to filter and group by (tester 41, F9: ``EN`` was refused and ``en-us``
stored as typed, beside ``en-US``).
"""

from django.core.validators import RegexValidator

# A language of two or three letters, then subtags of two to eight letters or digits, in any case.
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z"

validate_language_tag = RegexValidator(
    LANGUAGE_TAG, "Enter a language code such as en, ru, ps or pt-BR (BCP 47).", code="invalid"
)


def recommended_case(tag):
    """``tag`` in the case RFC 5646 recommends: lower case, but a region (two letters) in upper case and a script
    (four letters) in title case, where they stand after the language and before any single-letter subtag."""
    subtags = tag.lower().split("-")
    for position, subtag in enumerate(subtags[1:], start=1):
        if len(subtag) == 1:
            break  # an extension or a private use: lower case to the end
        if len(subtag) == 2:
            subtags[position] = subtag.upper()
        elif len(subtag) == 4:
            subtags[position] = subtag.title()
    return "-".join(subtags)
