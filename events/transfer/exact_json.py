"""``dumpdata --format json`` that keeps every microsecond: Django's JSON cuts times to milliseconds.

A dump loaded back (``loaddata``) must give the very rows that were dumped, history dates
included; with Django's encoder a time of ``12:00:00.000123`` comes back as ``12:00:00``.
Registered for the ``json`` format in ``SERIALIZATION_MODULES`` (eventsapi/settings/base.py);
reading is Django's own.
"""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder

Deserializer = json.Deserializer


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, with times to the microsecond (ISO 8601, ``Z`` for UTC)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()
