"""JSON text and its one limit on nesting, ``MAX_JSON_DEPTH`` (100 levels), kept by every reader of JSON: the API's
bodies (``events.api.parsers``), ``import_records``'s NDJSON lines and CSV cells, ``loaddata``'s JSON and JSON Lines
fixtures, ``ingest_article``'s metadata and ``mirror``'s answers.

Python's ``json`` reader descends once a level: a document thousands of levels deep ended in a ``RecursionError``,
a traceback in every command (tester 47, 1). The depth is counted on the text, before it is decoded, so no reader
descends that far; a text past the limit is a ``TooDeep``, a ``json.JSONDecodeError``, so that each reader tells it
where it tells any text that is not JSON, with the line and column of the bracket that passes the limit.
"""

import json
import re

from django.conf import settings

# A string (its brackets are text: skipped whole, escapes included; one left open runs to the end), or a bracket.
TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)
OPENING = frozenset("[{")


def depth_limit():
    return settings.MAX_JSON_DEPTH


class TooDeep(json.JSONDecodeError):
    """A JSON text whose arrays and objects nest deeper than ``limit``, at ``pos``: the bracket that passes it."""

    def __init__(self, doc, pos, limit):
        super().__init__(too_deep_message(limit), doc, pos)
        self.limit = limit

    def __reduce__(self):
        return self.__class__, (self.doc, self.pos, self.limit)


def too_deep_message(limit=None):
    return f"Nested deeper than the limit of {depth_limit() if limit is None else limit} levels"


def check_depth(text, limit=None):
    """Raises ``TooDeep`` if the arrays and objects of the JSON ``text`` nest deeper than ``limit`` (the setting's
    when ``None``): a top-level array or object is level 1.

    A text with no more opening brackets than the limit cannot pass it (two counts in C, the common case); any
    other is scanned, a string at a time, for its brackets.
    """
    limit = depth_limit() if limit is None else limit
    if text.count("[") + text.count("{") <= limit:
        return
    depth = 0
    for token in TOKENS.finditer(text):
        character = text[token.start()]
        if character in OPENING:
            depth += 1
            if depth > limit:
                raise TooDeep(text, token.start(), limit)
        elif character != '"':
            depth -= 1


def loads(text, **options):
    """``json.loads(text, **options)`` for a ``text`` (or bytes, decoded as ``json`` decodes them) within the limit;
    else ``TooDeep``."""
    if isinstance(text, bytes | bytearray):
        text = text.decode(json.detect_encoding(text), "surrogatepass")
    check_depth(text)
    return json.loads(text, **options)


def not_json(error, lower=False):
    """What a ``json.JSONDecodeError`` says of a text, without its place: ``Not JSON: …``, or the limit it passes;
    ``lower``: in lower case, after a colon."""
    said = error.msg if isinstance(error, TooDeep) else f"Not JSON: {error.msg}"
    return said[0].lower() + said[1:] if lower else said
