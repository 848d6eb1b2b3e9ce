"""``dumpdata --format yaml`` whose history may refer to a record deleted since (``RelationsOfThePast``); a value
its field cannot read, or a field the record does not have, is refused naming the field (``UnreadableAsGiven``,
``UnknownFieldsTold``)."""

from django.core.serializers import pyyaml

from events.transfer.exact_json import RelationsOfThePast, SlugsAsKeys, UnknownFieldsTold, UnreadableAsGiven, Utf8Text


class Serializer(RelationsOfThePast, pyyaml.Serializer):
    pass


class Deserializer(Utf8Text, UnknownFieldsTold, SlugsAsKeys, UnreadableAsGiven, pyyaml.Deserializer):
    pass
