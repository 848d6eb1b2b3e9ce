"""``dumpdata --format json`` that keeps every microsecond: Django's JSON cuts times to milliseconds.

A dump loaded back (``loaddata``) must give the very rows that were dumped, history dates
included; with Django's encoder a time of ``12:00:00.000123`` comes back as ``12:00:00``.
Registered for the ``json`` format in ``SERIALIZATION_MODULES`` (eventsapi/settings/base.py);
reading is Django's own, but for a text given as something else, which is kept for the field to refuse.
"""

import datetime
import functools

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from events.rules.values import NotText


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


class Deserializer(TextsAsGiven, json.Deserializer):
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
