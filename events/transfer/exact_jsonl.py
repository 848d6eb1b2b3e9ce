"""``dumpdata --format jsonl`` that keeps every microsecond (see ``events.transfer.exact_json``)."""

import json

from django.core.serializers import jsonl
from django.core.serializers.base import DeserializationError

from events.transfer.exact_json import (
    ExactJSONEncoder,
    NamesOnce,
    NestingKept,
    RelationsOfThePast,
    SlugsAsKeys,
    TextsAsGiven,
    UnknownFieldsTold,
    UnreadableAsGiven,
    Utf8Text,
)


class NestingKeptALine(NestingKept):
    @staticmethod
    def texts(text):
        """Each line, with its number: a JSON Lines fixture is a JSON text a line."""
        return enumerate(text.splitlines(), 1)


class NamesOnceALine(NamesOnce):
    @staticmethod
    def records_with_lines(text):
        """``(line, record)`` for each record's line; a line that is not JSON is refused naming it, where Django's
        reader, which reads each line alone, called every such line "line 1"."""
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield number, (line, json.loads(line))
                except json.JSONDecodeError as error:
                    raise DeserializationError(f"line {number}: {error.msg} (column {error.colno}).") from None


class Deserializer(
    Utf8Text,
    NestingKeptALine,
    NamesOnceALine,
    UnknownFieldsTold,
    SlugsAsKeys,
    UnreadableAsGiven,
    TextsAsGiven,
    jsonl.Deserializer,
):
    pass


class Serializer(RelationsOfThePast, jsonl.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()
