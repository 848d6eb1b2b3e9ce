"""Form bodies read as text only when they are text: a field whose bytes are not text in the body's character set
is refused naming the field, where Django stored U+FFFD in their place (tester 39, Q4; tester 41, F5: the admin),
and a multipart part Django would drop without a word (a name not in that character set, no name at all, a body
cut off before its closing boundary: tester 41, F1) is refused too.

Used by the API's parsers (``events.api.parsers``: a 400 naming the field, in JSON; a JSON body that is not text
the same words) and, for every other
form (the admin's, the sign-in's), by ``FormTextMiddleware`` (``events.api.middleware``)."""

import codecs
import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict
from django.http.multipartparser import MultiPartParser
from django.utils.http import parse_header_parameters

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
NAME = re.compile(rb'(?:^|;)\s*name=(?:"([^"]*)"|([^";\s]+))', re.IGNORECASE)  # quoted, or a bare token


CHARSET = re.compile(r";\s*charset\s*=", re.IGNORECASE)
# What a form is read in: UTF-8, as Django reads a URL-encoded one (and HTML sends both kinds); ASCII is part of it.
FORM_CHARSETS = frozenset({"utf-8", "ascii"})


class NotReadable(Exception):
    """A body whose Content-Type names no character set it can be read in: a 415, ``message`` saying why."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


def check_charset(content_type):
    """Raises ``NotReadable`` if ``content_type`` names its charset twice, names one no codec reads
    (``charset=bogus``), or names one other than UTF-8 for a form: a form's field names read in UTF-16 came out
    garbled, and Django refuses a URL-encoded form in any other (tester 41, F8)."""
    content_type = content_type or ""
    if len(CHARSET.findall(content_type)) > 1:
        raise NotReadable("Content-Type names a charset more than once: name one, utf-8, or none.")
    media, parameters = parse_header_parameters(content_type)
    charset = parameters.get("charset")
    if charset is None:
        return
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        codec = None
    # Not a codec of text either: "zlib", "base64", "rot13" (a body "decoded" with zlib grew a thousandfold past the
    # size limit; rot13 was a 500)
    if codec is None or not getattr(codec, "_is_text_encoding", True):
        message = f"Content-Type: “{charset}” is no character set; send UTF-8 (charset=utf-8) or name none."
        raise NotReadable(message)
    codec = codec.name
    if media.lower() in (FORM, MULTIPART) and codec not in FORM_CHARSETS:
        raise NotReadable(
            f"Content-Type: a form is read in UTF-8, not “{charset}”; send it in UTF-8 (charset=utf-8) or name none."
        )


class NotText(Exception):
    """A field (``name``, as text), or a whole body (``name`` ``None``: a JSON one), whose bytes are not text in
    ``encoding``: ``byte`` is the first one that is not. Its ``message`` is what every client is told of it."""

    def __init__(self, name, encoding, byte):
        self.name = name
        where = f": byte 0x{byte.hex()} cannot be read" if byte else ""  # no byte: a codec's own refusal (punycode)
        self.message = f"Not text in {encoding.upper()}{where}. Send the text in UTF-8."
        super().__init__(f"{name}: {self.message}" if name is not None else self.message)


class Unreadable(Exception):
    """A multipart body that cannot be read whole (no boundary, a part with no name, no closing boundary), or a
    form or query of more fields than a request may send: a 400 saying so."""


def decoded(name, data, encoding):
    """``data`` as text, or ``NotText`` naming ``name`` (bytes, shown with the bytes it cannot read escaped; ``None``
    for a whole body)."""
    try:
        return data.decode(encoding)
    except UnicodeError as error:  # a UnicodeDecodeError names its byte; punycode's and idna's refusals do not
        shown = name.decode("utf-8", "backslashreplace") if name is not None else None
        byte = error.object[error.start : error.start + 1] if isinstance(error, UnicodeDecodeError) else b""
        raise NotText(shown, encoding, byte) from None


def body_text(body, encoding):
    """A whole body (a JSON one) as text, its byte order mark dropped, as ``import_records``, the fixtures and
    ``ingest_article`` read a file; ``NotText`` (no name) at its first byte that is not text in ``encoding``."""
    return decoded(None, body, encoding).removeprefix("\ufeff")


def check_urlencoded(body, encoding):
    """Raises ``NotText`` for the first field whose name or value, once its %-escapes are undone, is not text."""
    for pair in body.split(b"&"):
        name, _, value = (unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"="))
        decoded(name, name, encoding)
        decoded(name, value, encoding)


def too_many_fields(query=False):
    """What a form with more fields than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``, or a query with more parameters, is told:
    the limit, read from the setting, where Django's words named the setting (tester, stop 41)."""
    limit, said = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS, ("query", "parameters") if query else ("form", "fields")
    return f"The {said[0]} has more than {limit:,} {said[1]}, the most a request may send: send fewer."


def too_many_files():
    """What a multipart form of more files than ``DATA_UPLOAD_MAX_NUMBER_FILES`` is told, as ``too_many_fields``."""
    return f"The form has more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES:,} files, the most a request may send."


def check_query_size(query):
    """Raises ``Unreadable`` if the query string ``query`` holds more parameters than a request may send (counted
    as Django counts them, which would refuse it, a 400 naming its setting, when a view reads it)."""
    try:
        QueryDict(query)
    except TooManyFieldsSent:
        raise Unreadable(too_many_fields(query=True)) from None


def multipart_boundary(content_type):
    """The boundary a multipart ``content_type`` names, as bytes; ``Unreadable`` if it names none, or one Django's
    parser refuses, where the answer was "Invalid boundary in multipart: None" (tester, stop 41)."""
    boundary = parse_header_parameters(content_type)[1].get("boundary")
    if not boundary:
        raise Unreadable(
            "Content-Type: multipart/form-data names no boundary: name the line that separates its parts, "
            "multipart/form-data; boundary=…"
        )
    if not MultiPartParser.boundary_re.fullmatch(boundary):
        raise Unreadable(
            f"Content-Type: “{boundary}” is no multipart boundary: give printable ASCII characters, at most 201, "
            "the last not a space."
        )
    return boundary.encode("ascii")


def multipart_parts(body, boundary):
    """(number, headers, content) of each part of a multipart ``body``; ``Unreadable`` if it has no closing
    boundary."""
    chunks = body.split(b"--" + boundary)
    closed = False
    for number, chunk in enumerate(chunks[1:], start=1):
        if chunk.startswith(b"--"):
            closed = True
            break
        headers, _, content = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        yield number, headers, content.removesuffix(b"\r\n")
    if not closed:
        raise Unreadable("The multipart body ends before its closing boundary: it was cut off, and is not read.")


def check_multipart(body, content_type, encoding):
    """Raises ``Unreadable`` for a boundary missing or not one, a part with no name or a body cut off, ``NotText``
    for a part whose name or text (not a file's content) is not text in ``encoding``."""
    boundary = multipart_boundary(content_type)
    for number, headers, content in multipart_parts(body, boundary):
        if number > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:
            raise Unreadable(too_many_fields())  # counted as Django would, which told its setting (tester 50)
        disposition = next((h for h in headers.split(b"\r\n") if h.lower().startswith(b"content-disposition:")), b"")
        names = [quoted or bare for quoted, bare in NAME.findall(disposition.partition(b":")[2])]
        if len(names) != 1:
            said = "no name" if not names else "two names"
            raise Unreadable(f"Part {number} of the multipart body has {said}: give each part one name.")
        name = names[0]
        decoded(name, name, encoding)
        if b"filename=" not in disposition.lower():
            decoded(name, content, encoding)


def check_form_body(body, content_type, encoding):
    """The check of a body of ``content_type``, if it is a form's."""
    media = parse_header_parameters(content_type)[0].lower()
    if media == FORM:
        try:  # too many fields, counted as Django counts them: the admin's answer was its debug page (tester 50)
            QueryDict(body.decode("iso-8859-1"))
        except TooManyFieldsSent:
            raise Unreadable(too_many_fields()) from None
        check_urlencoded(body, encoding)
    elif media == MULTIPART:
        check_multipart(body, content_type, encoding)
