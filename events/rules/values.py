"""What every stored value obeys, whatever wrote it: a text is a string with no NUL character, a number is finite.

Django's and DRF's form and serializer fields check these; the model fields do not, so the writes that do not
pass through a form or a serializer (fixtures, ``full_clean()``, the import) check them here, with the API's
messages.
"""

import json
import math
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator

from events.rules.names import shows_nothing

# PostgreSQL's text and jsonb cannot store a NUL; its message, "Null characters are not allowed.", is the API's.
NO_NUL = ProhibitNullCharactersValidator()
NOT_TEXT = "Not a valid string."  # the API's, for a list, an object, a number or a boolean given as a text
NOT_A_NUMBER = "A valid number is required."  # the API's, for NaN and the infinities (JSON has none of them)
# A text's bound, in the words of Django's own rule for a CharField's max_length, which tell the length given: said
# alike by the API (events.api.fields), the admin, fixtures and the import, for every text field (tester 35, L11:
# the API said DRF's "no more than N characters"). Every text has one: a file that export_records writes (a CSV
# cell, an NDJSON line) must read back, and a cell is read only so long.
TOO_LONG = "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d)."
NOTE_MAX_LENGTH = 10_000  # a few paragraphs of description or notes, not an article (Article.body)
# A form's field or a query parameter given twice (``name=X&name=Y``), where one would silently win: said alike by the
# API (its parameters and its form bodies) and the admin's forms (tester 41, F3). A list's field takes each.
GIVEN_TWICE = "Given more than once: give one value."
# A query parameter's value of white space only (``?country=%20``): no value, and not the empty one that means no
# filter. Said alike by the API's filters and the public index's form (tester 35, L10; tester 45, D4: the index
# showed every event, and linked to data that answered this 400).
ONLY_WHITE_SPACE = "Only white space: give a value, or leave the parameter empty for no filter."


def given_as_white_space(data, names):
    """The names of ``names`` that the query ``data`` (a ``QueryDict``, or a dict of one value a name) gives a value
    of white space only, each once; the form refuses them with ``ONLY_WHITE_SPACE``."""
    found = []
    for name in names:
        if name not in data:
            continue
        values = data.getlist(name) if hasattr(data, "getlist") else [data[name]]
        if any(isinstance(value, str) and value.isspace() for value in values):
            found.append(name)
    return found


# Each name of a JSON object is followed by a quote mark, maybe white space, and a colon; in a JSON text these occur
# only there, or inside a text after an escaped quote mark (``"say \\": this"``).
NAME_ENDS = re.compile(r'"\s*:')
# A quote mark followed by white space: where there is none (what ``json.dumps`` and ``export_records`` write: ``"a":
# 1, "b": 2``), every name end is a quote mark and a colon side by side, which ``str.count`` counts.
QUOTE_THEN_SPACE = re.compile(r'"\s')


def name_ends(text):
    """How many times ``NAME_ENDS`` occurs in ``text``: by ``str.count`` when no quote mark is followed by white space
    (the pattern's matches are then all ``":``, which never overlap), else by the pattern."""
    if QUOTE_THEN_SPACE.search(text) is None:
        return text.count('":')
    return len(NAME_ENDS.findall(text))


def names_in(value):
    """How many names the objects of a JSON value hold, nested ones included (only objects and lists are visited)."""
    if type(value) is dict:
        count, values = len(value), value.values()
    elif type(value) is list:
        count, values = 0, value
    else:
        return 0
    for inner in values:
        kind = type(inner)
        if kind is dict or kind is list:
            count += names_in(inner)
    return count


def repeated_name(text, value):
    """The first name that an object of the JSON ``text`` (read as ``value``) gives twice, of which a reader keeps the
    last without a word; None if none does. What the API refuses in a body (``events.api.parsers``), said alike by
    the readers of files (``import_records``, ``loaddata``).

    When the text holds no more name ends than ``value`` holds names, no name is repeated (a repeated one would be
    one more end), and the text is not read again: the common case costs two scans in C (``name_ends``).
    """
    if name_ends(text) <= names_in(value):
        return None
    found = []

    def pairs(items):
        names = [name for name, _value in items]
        if not found and len(set(names)) < len(names):
            seen = set()
            found.append(next(name for name in names if name in seen or seen.add(name)))
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)
    return found[0] if found else None


# A required text of white space only ("   "), which the API's and the admin's forms strip to nothing and refuse as
# blank: refused as blank by the writes with no form too (the import, fixtures, full_clean()), in the words they
# give an empty one (Django's). Tester 35, L4.
BLANK = "This field cannot be blank."


def unseen(character):
    """Whether ``character`` shows nothing in a text: white space, a control character, or one that shows nothing
    by itself (``events.rules.names.shows_nothing``: Unicode's Default_Ignorable_Code_Point, the braille blank)."""
    return character.isspace() or shows_nothing(character) or unicodedata.category(character) == "Cc"


def blank_text(value):
    """Whether a text shows nothing: white space only, or with characters that show nothing (a title of U+200B
    alone, tester 36, M7; of a soft hyphen, a Hangul filler or a tag character, tester 44, D1). Not the empty text,
    which the fields' own blank rule refuses. A text is read only up to its first character that shows."""
    if not isinstance(value, str) or not value:
        return False
    return value.isspace() or all(map(unseen, value))


def not_white_space_only(value):
    """A required text's validator: not ``blank_text``."""
    if blank_text(value):
        raise ValidationError(BLANK, code="blank")


def at_most(limit):
    """A text field's validator: at most ``limit`` characters. An exact ``MaxLengthValidator``, so the API's
    schema gives it as ``maxLength`` and ``import_records`` checks it on its short road (events.transfer.columns)."""
    return MaxLengthValidator(limit, message=TOO_LONG)


# UTF-8 cannot encode a lone surrogate (JSON's "\ud800" escape gives one), so no database stores it: DRF's text fields
# refuse it in these words, and so every other entry point does (tester 37, N1: a traceback from the import).
NO_SURROGATE = "Surrogate characters are not allowed: U+{code_point:X}."
SURROGATE_CODE = "surrogate_characters_not_allowed"  # DRF's code for it
SURROGATE = re.compile("[\ud800-\udfff]")


def unstorable(value):
    """Why a text, or a text anywhere in a JSON value (a key too), cannot be stored: the ``ValidationError`` of its NUL
    or its first lone surrogate, in the API's words; None if it can."""
    if holds_nul(value):
        return ValidationError(NO_NUL.message, code=NO_NUL.code)
    found = surrogate_in(value)
    if found is None:
        return None
    return ValidationError(NO_SURROGATE.format(code_point=ord(found)), code=SURROGATE_CODE)


def surrogate_in(value):
    """The first lone surrogate of a text, or of a text anywhere in a JSON value (a key too), or None."""
    if type(value) is str:
        found = SURROGATE.search(value)
        return found and found.group()
    if isinstance(value, list):
        items = value
    elif isinstance(value, dict):
        items = [part for pair in value.items() for part in pair]
    else:
        return None
    return next(filter(None, map(surrogate_in, items)), None)


def holds_nul(value):
    """Whether a text, or a text anywhere in a JSON value (a key too), holds a NUL."""
    if type(value) is str:
        return "\x00" in value
    if isinstance(value, list):
        return any(map(holds_nul, value))
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    return False


def plain_numeral(text):
    """Whether a number or a date given as text is written as ISO 8601 and JSON write them: ASCII digits, no ``_``.

    Python reads any Unicode digit (full-width ``２``, Arabic-Indic ``٢``) in ``int()``, ``float()`` and dates,
    and ``_`` between digits (``float("1_0")`` is 10.0): each would be a second spelling of one value.
    """
    return text.isascii() and "_" not in text


def is_plain_integer(text):
    """Whether a whole number given as text (a page, a record's id) is ASCII digits and nothing else: ``int()``
    also reads a sign, surrounding whitespace, ``_`` and other scripts' digits, each a second spelling."""
    return isinstance(text, str) and text.isascii() and text.isdigit()


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_plain_date(value):
    """Whether a date given as text is written as ISO 8601's calendar date and JSON's APIs write it, ``YYYY-MM-DD``
    and nothing else: Python reads ``20260201``, the week date ``2026-W05-1`` and ``2026-2-1`` too, each a second
    spelling of a day (the week date another day than it looks). What is no text is left to the field."""
    return not isinstance(value, str) or ISO_DATE.fullmatch(value) is not None


ISO_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?"
)


def is_plain_date_time(value):
    """Whether a date-time given as text is written as ISO 8601's extended form: ``2018-08-22T12:00:00Z``, the
    seconds, fraction and offset optional, or the day alone. A fraction of a second has any number of digits, as
    RFC 3339 allows (JavaScript's and Go's clients write nine; tester 44): it is read to the microsecond, the rest
    dropped. Python also reads the week date, the basic form
    (``20181207T000000Z``), an hour alone and trailing whitespace; each a second spelling. What is no text is left
    to the field."""
    return not isinstance(value, str) or ISO_DATE_TIME.fullmatch(value) is not None


def is_plain_number(value):
    """Whether a value given for a number may be one: not NaN, not an infinity, and not ``true`` or ``false``,
    which Python counts as 1 and 0 (a latitude of ``true`` was stored as 1.0), nor a whole number too large for a
    float (JSON's ``1`` and 400 zeros, which Python reads as an ``int``: ``float()`` raises an ``OverflowError``
    that Django's fields do not catch; tester 45, D1). What is no number and no boolean is left to its field. A
    number given as text is in ASCII digits with no ``_`` (``plain_numeral``: "1_0" is no 10.0, "１" no 1.0)."""
    if isinstance(value, str):
        return plain_numeral(value)
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return fits_a_float(value)
    return not isinstance(value, float) or math.isfinite(value)


def fits_a_float(whole):
    """Whether a whole number has a float (``float()`` rounds it to one no larger than the largest finite)."""
    try:
        float(whole)
    except OverflowError:
        return False
    return True


class NotText(str):
    """A value read for a text that is no string (a list, a number), kept as read so that the field refuses it.

    Django's fixture reader makes any value a text (``str(["x"])``); the one stored is then ``"['x']"``.
    """


def trimmed(text):
    """``text`` without the white space around it (``str.strip()``), the same object when it has none.

    The API's text fields trim a value (DRF's ``trim_whitespace``) and so do the admin's (Django forms' ``strip``):
    every text a record stores is trimmed, by whichever entry point it comes (``TimeStampedModel.clean_fields``, the
    import's columns), so that " Kyiv " is the city ``?city=Kyiv`` finds and a record read and written back through
    the API writes nothing (tester 46, D3). A choice is not trimmed: " summit " is no choice, there as in the API.
    """
    return text.strip() if untrimmed(text) else text


def as_stored(key):
    """A natural key (a tuple of texts) as its record stores it: each text composed and trimmed.

    A file may name a record by a key written otherwise (" kabul " for the participant stored as "kabul"): those
    who look a key up try it as given first, so that a record stored before this rule (or loaded from a dump) is
    still found as it is, then as stored (review of stop 39).
    """
    return tuple(trimmed(composed(part)) if type(part) is str else part for part in key)


def untrimmed(text):
    """Whether a text has white space around it (``trimmed`` changes it)."""
    return text[:1].isspace() or text[-1:].isspace()


def composed(text):
    """``text`` in Unicode's composed form (NFC): "é" one character, not "e" and a combining acute accent.

    Two texts that show alike are then one: a name typed on a keyboard that composes and the same name pasted from
    one that does not (macOS file names, some PDFs) are one name to a search, to the rule that no two participants
    share a name, and to a reader's eye. Every text a record stores is composed (``TimeStampedModel.clean_fields``,
    the import's columns) and so is every text a list's filter is given (``events.api.filtering``). ASCII is
    composed already: most texts cost one test.
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
