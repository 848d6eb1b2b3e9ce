"""``dumpdata --format yaml`` whose history may refer to a record deleted since (``RelationsOfThePast``)."""

from django.core.serializers import pyyaml

from events.transfer.exact_json import RelationsOfThePast


class Serializer(RelationsOfThePast, pyyaml.Serializer):
    pass


Deserializer = pyyaml.Deserializer
