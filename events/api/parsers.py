"""Request body parsers that answer a hostile body with a 400 saying what is wrong, never a 500.

A JSON document nested deeper than ``MAX_JSON_DEPTH`` is refused (Python's recursion limit would
otherwise make a 500 of a thousand levels); a form with more fields than
``DATA_UPLOAD_MAX_NUMBER_FIELDS`` is a JSON 400; a body whose ``Content-Type`` names a charset that
no codec reads (``charset=bogus``) is a 415 naming Content-Type, where Django read it as UTF-8 without a
word. A form field whose bytes are not text in the body's character set is a 400 naming the field, where
Django stored U+FFFD in their place (tester 39, Q4). (A NUL character in a field is refused by the field,
which the 400 names.)
"""

import codecs
import io
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from rest_framework import parsers
from rest_framework.exceptions import ParseError, UnsupportedMediaType, ValidationError
from rest_framework.utils.mediatypes import _MediaType

from events.rules.values import NO_SURROGATE, SURROGATE_CODE, surrogate_in


def check_charset(media_type):
    """Raises ``UnsupportedMediaType`` if ``media_type`` names a charset that no codec reads."""
    charset = _MediaType(media_type or "").params.get("charset")
    if charset is None:
        return
    try:
        codecs.lookup(charset)
    except LookupError:
        raise UnsupportedMediaType(
            media_type,
            detail=f"Content-Type: “{charset}” is no character set; send UTF-8 (charset=utf-8) or name none.",
        ) from None


def too_deep():
    return ParseError(f"The JSON body is nested deeper than the limit of {settings.MAX_JSON_DEPTH} levels.")


def check_depth(data):
    """Raises ``ParseError`` if ``data``'s arrays and objects nest deeper than the limit."""
    limit = settings.MAX_JSON_DEPTH
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            raise too_deep()
        pending.extend((item, depth + 1) for item in value)


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


def not_text(name, encoding, byte=None):
    """The 400 for a field some of whose bytes are not text in ``encoding``, naming the field."""
    which = f"byte 0x{byte.hex()}" if byte else "a byte"
    message = f"Not text in {encoding.upper()}: {which} cannot be read. Send the text in UTF-8."
    return ValidationError({name: [message]}, code="encoding")


def check_form_text(body, encoding):
    """Raises a ``ValidationError`` naming the field if a field's name or value of the URL-encoded ``body``, once
    its %-escapes are undone, is not text in ``encoding``."""
    for pair in body.split(b"&"):
        name, _, value = (unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"="))
        for part in (name, value):
            try:
                part.decode(encoding)
            except UnicodeDecodeError as error:
                byte = error.object[error.start : error.start + 1]
                raise not_text(name.decode(encoding, "backslashreplace"), encoding, byte) from None


def check_multipart_text(data, body, encoding):
    """Django reads a multipart field's bytes with U+FFFD in place of those it cannot read: a field holding one
    is refused unless the body itself holds the character written out (a text that quotes it)."""
    if "\ufffd".encode(encoding, "ignore") in body:
        return
    for name, values in data.lists():
        for value in [name, *values]:
            if "\ufffd" in value:
                raise not_text(name, encoding)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a limit on nesting; a lone surrogate is refused naming its field."""

    def parse(self, stream, media_type=None, parser_context=None):
        check_charset(media_type)
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep() from None
        check_depth(data)
        check_surrogates(data)
        return data


class FormParser(parsers.FormParser):
    """DRF's form parser: too many fields is a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        check_charset(media_type)
        body = stream.read()
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except (TooManyFieldsSent, RequestDataTooBig) as error:
            raise ParseError(str(error)) from None
        check_form_text(body, charset_of(parser_context))
        return data


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser: too many fields is a 400; so is a field that is not text."""

    def parse(self, stream, media_type=None, parser_context=None):
        check_charset(media_type)
        body = stream.read()  # no larger than the limit (events.api.middleware)
        try:
            parsed = super().parse(io.BytesIO(body), media_type, parser_context)
        except (TooManyFieldsSent, RequestDataTooBig) as error:
            raise ParseError(str(error)) from None
        check_multipart_text(parsed.data, body, charset_of(parser_context))
        return parsed
