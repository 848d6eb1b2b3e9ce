"""``dumpdata --format json`` that keeps every microsecond: Django's JSON cuts times to milliseconds.

A dump loaded back (``loaddata``) must give the very rows that were dumped, history dates
included; with Django's encoder a time of ``12:00:00.000123`` comes back as ``12:00:00``.
Registered for the ``json`` format in ``SERIALIZATION_MODULES`` (eventsapi/settings/base.py);
reading is Django's own, but for a text given as something else and a value its field cannot read, which are
kept for the field to refuse.
"""

import datetime
import functools
import json as json_text

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers import json
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from events.models.versioning import is_day
from events.rules.jsontext import TooDeep, check_depth
from events.rules.values import GIVEN_TWICE, NotText, is_plain_date, is_plain_number, repeated_name


@functools.cache
def text_fields(label):
    """The names of the text fields of the model ``label`` names (none for a label that names no model)."""
    try:
        model = apps.get_model(label)
    except (LookupError, TypeError, ValueError):
        return frozenset()
    return frozenset(
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.is_relation
    )


class TextsAsGiven:
    """A text given as a list, an object, a number or a boolean reaches the record as ``NotText``: Django's
    reader would make it a text (``"['x']"``), which the rules cannot tell from one given so."""

    def _handle_object(self, obj):
        fields = obj.get("fields") if isinstance(obj, dict) else None
        if isinstance(fields, dict):
            texts = text_fields(obj.get("model"))
            kept = {name: NotText(repr(value)) for name, value in fields.items() if name in texts and not_text(value)}
            obj = {**obj, "fields": {**fields, **kept}} if kept else obj
        return super()._handle_object(obj)


def not_text(value):
    return value is not None and not isinstance(value, str)


# The records whose fixture rows the raw-save hook checks field by field (events.models.signals).
CHECKED_RECORDS = frozenset(
    {"events.participant", "events.event", "events.article", "events.attendance", "events.report"}
)


@functools.cache
def value_fields(label):
    """The fields of the record ``label`` names that are neither texts nor relations nor its id, by name."""
    if not isinstance(label, str) or label.lower() not in CHECKED_RECORDS:
        return {}
    model = apps.get_model(label)
    return {
        field.name: field
        for field in model._meta.concrete_fields
        if not (field.is_relation or field.primary_key or field.name in text_fields(label))
    }


class UnreadableAsGiven:
    """A value its field cannot read (a date, a number, a boolean: ``awaiting_review: "maybe"``) reaches the
    record as given, for the raw-save hook's ``clean_fields()`` to refuse under the field's name, in the file,
    line and field form of every refusal of a fixture (the ``loaddata`` command). Django's reader would stop at
    it with its own message, which names neither the line nor the field."""

    def _handle_object(self, obj):
        fields = obj.get("fields") if isinstance(obj, dict) else None
        checked = value_fields(obj.get("model")) if isinstance(fields, dict) else {}
        unread = {
            name: value
            for name, value in (fields or {}).items()
            if name in checked and unreadable(checked[name], value)
        }
        if unread:
            obj = {**obj, "fields": {name: value for name, value in fields.items() if name not in unread}}
        for deserialized in super()._handle_object(obj):
            for name, value in unread.items():
                setattr(deserialized.object, checked[name].attname, value)
            yield deserialized


def unreadable(field, value):
    """Whether ``field`` cannot read ``value``, which ``clean_fields()`` then refuses (not an empty value it skips)."""
    if field.blank and value in field.empty_values:
        return False
    if isinstance(field, models.FloatField) and (isinstance(value, bool) or not is_plain_number(value)):
        return True  # read as 1.0, 0.0 or 10.0 ("1_0"); clean_fields() refuses it as no number (events.rules.values)
    if is_day(field) and not is_plain_date(value):
        return True  # "20260201", "2026-W05-1": read as a day; clean_fields() refuses the spelling
    if isinstance(field, models.DateField) and not isinstance(value, str | datetime.date):
        return True  # a number, a boolean or a list for a date: Django's parser fails on it with a TypeError
    if is_day(field) and isinstance(value, datetime.datetime):
        return True  # a YAML time for a day: read as its day; clean_fields() refuses it, as the text would be
    try:
        field.to_python(value)
    except ValidationError:
        return True
    return False


@functools.cache
def model_of(label):
    """The model ``label`` names, or ``None`` (Django's reader then says it names none)."""
    try:
        return apps.get_model(label)
    except (LookupError, TypeError, ValueError):
        return None


def unknown_fields(label, names):
    """The names of ``names`` that the record ``label`` names has no field of (by name or column)."""
    model = model_of(label) if isinstance(label, str) else None
    if model is None:
        return []
    unknown = []
    for name in names:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            unknown.append(name)
    return unknown


class UnknownFieldsTold:
    """A field the record does not have (``colour``) is left out of it and noted on the deserialized object
    (``unknown_fields``), for the ``loaddata`` command to refuse in the file, line, record and field form of
    every refusal of a fixture. Django's reader stopped at it with a message that named no line; with
    ``--ignorenonexistent`` it is skipped, as Django skips it."""

    def _handle_object(self, obj):
        fields = obj.get("fields") if isinstance(obj, dict) else None
        told = isinstance(fields, dict) and not self.ignorenonexistent
        unknown = unknown_fields(obj.get("model"), fields) if told else []
        if unknown:
            obj = {**obj, "fields": {name: value for name, value in fields.items() if name not in unknown}}
        for deserialized in super()._handle_object(obj):
            deserialized.unknown_fields = unknown
            # the fields it names: a stored row keeps the timestamps it leaves out (VersionedModel.settle_raw_save)
            deserialized.object.fixture_fields = frozenset(fields) if isinstance(fields, dict) else None
            yield deserialized


@functools.cache
def slug_keyed_relations(label):
    """The names of the relations of the record ``label`` names to a model with a natural key of one part (a slug,
    a username)."""
    if not isinstance(label, str) or label.lower() not in CHECKED_RECORDS:
        return frozenset()
    return frozenset(
        field.name
        for field in apps.get_model(label)._meta.concrete_fields
        if field.many_to_one and len(getattr(field.related_model._default_manager, "natural_key_lookups", ())) == 1
    )


class SlugsAsKeys:
    """A relation written as a bare slug (``"host": "russia"``) is its natural key (``["russia"]``), as
    ``import_records`` reads it, its records being "exactly as one object of a natural-key fixture". Django's
    reader took it for an id and stopped at it: "“russia” value must be an integer.", naming no line nor field
    (tester 37, N3)."""

    def _handle_object(self, obj):
        fields = obj.get("fields") if isinstance(obj, dict) else None
        relations = slug_keyed_relations(obj.get("model")) if isinstance(fields, dict) else ()
        keyed = {name: [fields[name]] for name in relations if type(fields.get(name)) is str}
        return super()._handle_object({**obj, "fields": {**fields, **keyed}} if keyed else obj)


class Utf8Text:
    """A fixture is UTF-8 text, a byte order mark dropped (as ``import_records`` reads a file); other bytes are
    refused saying where, not with a traceback."""

    def __init__(self, stream_or_string, **options):
        if not isinstance(stream_or_string, bytes | str):
            stream_or_string = stream_or_string.read()
        if isinstance(stream_or_string, bytes):
            try:
                stream_or_string = stream_or_string.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                line = error.object.count(b"\n", 0, error.start) + 1
                byte = error.object[error.start]
                message = f"line {line}: byte 0x{byte:02x} is not UTF-8: save the file as UTF-8."
                raise DeserializationError(message) from None
        super().__init__(stream_or_string.removeprefix("\ufeff"), **options)


def records_with_lines(text):
    """``(line, record)`` for each record of a JSON fixture's text (one array), ``line`` the one its ``{`` opens on,
    and the record's own text read as ``record``; it stops at the first text that is not JSON."""
    decoder, position = json_text.JSONDecoder(), text.find("[") + 1
    line, counted = 1, 0  # the lines before ``counted``, counted once: a file is read through once
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        try:
            record, end = decoder.raw_decode(text, position)
        except ValueError:
            return
        line, counted = line + text.count("\n", counted, position), position
        yield line, (text[position:end], record)
        position = end


class NestingKept:
    """A fixture nested deeper than the limit of every JSON text (``events.rules.jsontext``) is refused naming its
    line, as ``import_records`` refuses such a line: Python's reader ended in a ``RecursionError`` (tester 47, 1).
    A JSON Lines fixture is counted a line at a time (``texts``)."""

    def __init__(self, stream_or_string, **options):
        if isinstance(stream_or_string, str):
            for first_line, text in self.texts(stream_or_string):
                try:
                    check_depth(text)
                except TooDeep as error:
                    line = first_line + error.lineno - 1
                    raise DeserializationError(f"line {line}: {error.msg} (column {error.colno}).") from None
        super().__init__(stream_or_string, **options)

    @staticmethod
    def texts(text):
        """``(line, text)`` for each JSON text of the fixture and the line it starts on: a JSON fixture is one."""
        return [(1, text)]


class NamesOnce:
    """A name given twice in a record (``{"name": "X", "name": "Y"}``) is refused, naming its line, as the API and
    ``import_records`` refuse it: Django's reader keeps the last, unseen."""

    def __init__(self, stream_or_string, **options):
        if isinstance(stream_or_string, str):
            for line, (text, record) in self.records_with_lines(stream_or_string):
                repeated = repeated_name(text, record)
                if repeated is not None:
                    raise DeserializationError(f"line {line}: {repeated}: {GIVEN_TWICE}")
        super().__init__(stream_or_string, **options)

    @staticmethod
    def records_with_lines(text):
        try:
            whole = json_text.loads(text)
        except ValueError:
            return ()  # not JSON: Django's reader says why
        return records_with_lines(text) if repeated_name(text, whole) is not None else ()


class Deserializer(
    Utf8Text,
    NestingKept,
    NamesOnce,
    UnknownFieldsTold,
    SlugsAsKeys,
    UnreadableAsGiven,
    TextsAsGiven,
    json.Deserializer,
):
    pass


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, with times to the microsecond (ISO 8601, ``Z`` for UTC)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class RelationsOfThePast:
    """A historical row's relation to a record deleted since is written as its id: its natural key would need
    the record (``dumpdata --natural-foreign`` failed on "Event matching query does not exist" once any event
    was deleted). A loader takes an id where it would take a natural key."""

    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            self._current[field.name] = self._value_from_field(obj, field)


class Serializer(RelationsOfThePast, json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()
