"""``dumpdata --format jsonl`` that keeps every microsecond (see ``events.transfer.exact_json``)."""

from django.core.serializers import jsonl

from events.transfer.exact_json import (
    ExactJSONEncoder,
    RelationsOfThePast,
    SlugsAsKeys,
    TextsAsGiven,
    UnknownFieldsTold,
    UnreadableAsGiven,
    Utf8Text,
)


class Deserializer(Utf8Text, UnknownFieldsTold, SlugsAsKeys, UnreadableAsGiven, TextsAsGiven, jsonl.Deserializer):
    pass


class Serializer(RelationsOfThePast, jsonl.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()
