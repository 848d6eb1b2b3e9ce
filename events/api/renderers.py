"""CSV for every list: the rows of the JSON page as flat columns under a header row."""

import csv
import datetime
import io
import json

import orjson
from rest_framework import renderers
from rest_framework.exceptions import NotAcceptable, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.utils.mediatypes import _MediaType

from events.models.participant import LIST_SEPARATOR
from events.transfer.cells import neutralised


def flat(value):
    """One cell: a list of names or codes joined with ``|`` (which none holds), nested records (an event's
    attendances) as their JSON (tester 35, L8: joined with ``|`` too, they could not be split back), nothing as an
    empty cell, a time as the JSON writes it (ISO 8601, ``Z``)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        text = value.isoformat()
        return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dict) or (isinstance(value, list | tuple) and any(isinstance(v, dict | list) for v in value)):
        return orjson.dumps(value, default=str, option=orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS).decode()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(flat(item)) for item in value)
    return value


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON, written by orjson: the same document, several times faster on long pages.

    Datetimes that reach it unserialised (the lean reads' rows) are written as the
    serializers write them, ISO 8601 with ``Z`` for UTC; anything orjson does not
    know (lazy strings, decimals) goes through DRF's encoder. An indented answer
    (``Accept: application/json; indent=4``) is left to DRF.
    """

    options = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None or self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            return orjson.dumps(data, default=self.encoder_class().default, option=self.options)
        except orjson.JSONEncodeError:
            # A lone surrogate, which orjson cannot write and JSON writes as "\\ud800": what an answer quotes back
            # is written whatever it holds (the parser refuses a body that holds one: events.api.parsers).
            return json.dumps(data, cls=self.encoder_class, ensure_ascii=True, separators=(",", ":")).encode()


class CSVRenderer(renderers.BaseRenderer):
    """Renders a page (``results``) or a list of flat records; nested records become columns.

    A cell a spreadsheet would read as a formula is neutralised (events.transfer.cells).

    The header comes from the serializer's fields, so every page of a list has
    the same columns, even an empty one.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:  # a 204, say
            return b""
        renderer_context = renderer_context or {}
        rows = data.get("results", data) if isinstance(data, dict) else data
        rows = [rows] if isinstance(rows, dict) else rows
        header = self.header(renderer_context) or list(dict.fromkeys(key for row in rows for key in row))
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow([neutralised(flat(row.get(column))) for column in header])
        return buffer.getvalue().encode(self.charset)

    def header(self, renderer_context):
        view = renderer_context.get("view")
        if view is None or not hasattr(view, "get_serializer"):
            return None
        return list(view.get_serializer().fields)


class FormatFirstContentNegotiation(DefaultContentNegotiation):
    """``?format=csv`` (or any known format) wins over the ``Accept`` header, which DRF would answer 406.

    A request that accepts anything (no ``Accept``, or ``*/*``: most API clients) or JSON alone gets
    the first renderer, or JSON, as DRF's negotiation would give them, without parsing the header.
    A format this address does not answer (``?format=xml``, ``?format=CSV``) is a 400 naming ``format``
    and listing the valid ones, as every other bad parameter is (DRF's would be a bare 404).
    """

    def filter_renderers(self, renderers, format):
        found = [renderer for renderer in renderers if renderer.format == format]
        if not found:
            valid = ", ".join(dict.fromkeys(renderer.format for renderer in renderers if renderer.format))
            param = self.settings.URL_FORMAT_OVERRIDE or "format"
            raise ValidationError({param: [f"No format “{format}” here. Valid formats: {valid}."]})
        return found

    def select_renderer(self, request, renderers, format_suffix=None):
        format = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if format:
            renderer = self.filter_renderers(renderers, format)[0]
            return renderer, renderer.media_type
        accept = request.META.get("HTTP_ACCEPT", "*/*")
        first = renderers[0] if renderers else None
        if first is not None and first.media_type != "*/*" and accept in ("*/*", first.media_type):
            return first, first.media_type
        accepts = self._get_parsed_accept_list(request)
        if any("q" in accepted.params for accepted in accepts):
            return self.select_by_quality(renderers, accepts)
        return super().select_renderer(request, renderers, format_suffix)

    def select_by_quality(self, renderers, accepts):
        """The renderer of the highest quality the ``Accept`` header gives it (``q``, RFC 9110, 12.5.1: that of
        the most specific range it matches; ``q=0``: not acceptable), of several of one quality the one of the
        most specific range, then the first. DRF orders by how specific a range is alone (tester 42, F6:
        ``application/json;q=0,text/csv`` was answered in JSON)."""
        best, best_key = None, None
        for position, renderer in enumerate(renderers):
            own = _MediaType(renderer.media_type)
            matching = [accepted for accepted in accepts if own.match(accepted)]
            if not matching:
                continue
            nearest = max(matching, key=lambda accepted: accepted.precedence)
            key = (quality(nearest), nearest.precedence, -position)
            if key[0] > 0 and (best_key is None or key > best_key):
                best, best_key = (renderer, nearest), key
        if best is None:
            raise NotAcceptable(available_renderers=renderers)
        renderer, accepted = best
        params = "".join(f"; {key}={value}" for key, value in accepted.params.items() if key != "q")
        return renderer, renderer.media_type + params


def quality(media_type):
    """A range's ``q`` of the ``Accept`` header, 1 if not given; a ``q`` that is no number between 0 and 1 is 1, as
    the range without it."""
    try:
        value = float(media_type.params.get("q", 1))
    except ValueError:
        return 1.0
    return value if 0 <= value <= 1 else 1.0
