"""Request body parsers that answer a hostile body with a 400 saying what is wrong, never a 500.

A JSON document nested deeper than ``MAX_JSON_DEPTH`` is refused before it is decoded, as every JSON text read
(``events.rules.jsontext``: Python's recursion limit would otherwise make a 500 of a thousand levels); a form with
more fields than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` is a JSON 400 naming the limit, and so is a multipart body whose
Content-Type names no boundary; a body whose ``Content-Type`` names a charset that
no codec reads (``charset=bogus``) is a 415 naming Content-Type, where Django read it as UTF-8 without a
word. A form field whose bytes are not text in the body's character set is a 400 naming the field, where
Django stored U+FFFD in their place (tester 39, Q4), and so is a multipart part Django would drop
(``events.api.formtext``). (A NUL character in a field is refused by the field, which the 400 names, and so is
NaN or an infinity, read as the number it names: docs/rules.md, Values.)
"""

import io

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from rest_framework import parsers
from rest_framework.exceptions import ParseError, UnsupportedMediaType, ValidationError

from events.api import formtext
from events.api.formtext import (
    NotText,
    Unreadable,
    body_text,
    check_multipart,
    check_urlencoded,
    multipart_boundary,
    too_many_fields,
    too_many_files,
)
from events.rules import jsontext
from events.rules.values import GIVEN_TWICE, NO_SURROGATE, SURROGATE_CODE, surrogate_in


def check_charset(media_type):
    """Raises ``UnsupportedMediaType`` if ``media_type`` names no charset the body can be read in
    (``events.api.formtext.check_charset``)."""
    try:
        formtext.check_charset(media_type)
    except formtext.NotReadable as error:
        raise UnsupportedMediaType(media_type, detail=error.message) from None


def too_deep():
    return ParseError(f"The JSON body is nested deeper than the limit of {settings.MAX_JSON_DEPTH} levels.")


def check_surrogates(data):
    """Raises a ``ValidationError`` naming the field if a text of ``data`` (a field's name too) holds a lone
    surrogate, JSON's ``"\\ud800"`` escape, which UTF-8 cannot encode: no database stores it, and a message that
    quoted it back (a bad choice, a relation, a country) could not be written either (tester 38, P3: a 500)."""
    fields = data.items() if isinstance(data, dict) else [("non_field_errors", data)]
    for name, value in fields:
        found = surrogate_in(name) or surrogate_in(value)
        if found is not None:
            name = name.encode("utf-8", "backslashreplace").decode()  # as JSON escapes it
            raise ValidationError({name: [NO_SURROGATE.format(code_point=ord(found))]}, code=SURROGATE_CODE)


def charset_of(parser_context):
    """The character set the body is read in: the one its Content-Type names, else UTF-8 (as DRF's parsers)."""
    return (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET


def field_not_text(error):
    """The 400 for ``NotText``, naming the field."""
    return ValidationError({error.name: [error.message]}, code="encoding")


class GivenTwice(Exception):
    """A JSON object that gives the name ``name`` twice."""

    def __init__(self, name):
        self.name = name
        super().__init__(name)


def one_value_a_name(pairs):
    """A JSON object's pairs as a dict, or ``GivenTwice`` for a name given twice (``{"name": "X", "name": "Y"}``),
    of which Python's ``json`` keeps the last without a word (tester 42, F3), where a form given it twice is a 400."""
    data = dict(pairs)
    if len(data) < len(pairs):
        seen = set()
        raise GivenTwice(next(name for name, _value in pairs if name in seen or seen.add(name)))
    return data


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a limit on nesting; a name given twice, or a lone surrogate, is refused naming its
    field. A byte order mark is dropped, as every JSON file read drops it; a body that is not text in its charset
    is told as a form's field is (``events.api.formtext.body_text``)."""

    def parse(self, stream, media_type=None, parser_context=None):
        check_charset(media_type)
        try:
            text = body_text(stream.read(), charset_of(parser_context))  # no larger than the limit (middleware)
        except NotText as error:  # as a form's field is told (tester, stop 41: Python's words "'utf-8' codec …")
            raise ParseError(f"JSON body: {error.message}") from None
        try:
            # NaN and the infinities (``NaN``, ``Infinity``, ``-Infinity``: no JSON, but Python's reader takes them, as
            # it reads 1e400 as an infinity) are read as the numbers they name, for the field to refuse under its
            # name: a number's "A valid number is required.", a text's "Not a valid string." (tester 47, 5: a
            # "JSON parse error" naming no field, as docs/rules.md says they are not).
            data = jsontext.loads(  # nested no deeper than every JSON text read (events.rules.jsontext)
                text, object_pairs_hook=one_value_a_name
            )
        except GivenTwice as error:
            name = error.name.encode("utf-8", "backslashreplace").decode()  # as JSON escapes a lone surrogate
            raise ValidationError({name: [GIVEN_TWICE]}, code="given_twice") from None
        except jsontext.TooDeep:
            raise too_deep() from None
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from None
        check_surrogates(data)
        return data


class FormParser(parsers.FormParser):
    """DRF's form parser: too many fields is a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        check_charset(media_type)
        body = stream.read()
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except TooManyFieldsSent:
            raise ParseError(too_many_fields()) from None
        except RequestDataTooBig as error:
            raise ParseError(str(error)) from None
        try:
            check_urlencoded(body, charset_of(parser_context))
        except NotText as error:
            raise field_not_text(error) from None
        return data


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser: too many fields is a 400; so is a field that is not text."""

    def parse(self, stream, media_type=None, parser_context=None):
        check_charset(media_type)
        body = stream.read()  # no larger than the limit (events.api.middleware)
        try:
            multipart_boundary(media_type)  # before Django's parser, whose words for it named None
            parsed = super().parse(io.BytesIO(body), media_type, parser_context)
        except TooManyFieldsSent:
            raise ParseError(too_many_fields()) from None
        except TooManyFilesSent:
            raise ParseError(too_many_files()) from None
        except Unreadable as error:
            raise ParseError(str(error)) from None
        except RequestDataTooBig as error:
            raise ParseError(str(error)) from None
        try:
            check_multipart(body, media_type, charset_of(parser_context))
        except NotText as error:
            raise field_not_text(error) from None
        except Unreadable as error:
            raise ParseError(str(error)) from None
        return parsed
