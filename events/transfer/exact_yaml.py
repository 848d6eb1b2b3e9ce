"""``dumpdata --format yaml`` whose history may refer to a record deleted since (``RelationsOfThePast``); a value
its field cannot read is refused naming the field (``UnreadableAsGiven``)."""

from django.core.serializers import pyyaml

from events.transfer.exact_json import RelationsOfThePast, UnreadableAsGiven, Utf8Text


class Serializer(RelationsOfThePast, pyyaml.Serializer):
    pass


class Deserializer(Utf8Text, UnreadableAsGiven, pyyaml.Deserializer):
    pass
