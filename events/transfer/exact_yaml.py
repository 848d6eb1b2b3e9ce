"""``dumpdata --format yaml`` whose history may refer to a record deleted since (``RelationsOfThePast``); read back
by the rules a JSON fixture is read by: a value its field cannot read, a text given as something else, or a field
the record does not have, is refused naming the field (``UnreadableAsGiven``, ``TextsAsGiven``,
``UnknownFieldsTold``); a key a mapping gives twice is refused naming its line, as a JSON fixture's name given twice
(``DatesAsTextLoader.construct_mapping``).

YAML reads ``2019-01-01`` as a date and ``2019-01-01 10:00:00`` as a time before any rule sees them, and stops
at ``2019-02-30`` in its own words, naming no record nor field: here a date is read as the text it is written as,
for the fields to read as they read JSON's (tester 38, P5).
"""

import re

import yaml
from django.core.serializers import pyyaml
from django.core.serializers.python import Deserializer as PythonDeserializer

from events.rules.values import GIVEN_TWICE
from events.transfer.exact_json import (
    RelationsOfThePast,
    SlugsAsKeys,
    TextsAsGiven,
    UnknownFieldsTold,
    UnreadableAsGiven,
    Utf8Text,
)

TIMESTAMP, INT, FLOAT = (f"tag:yaml.org,2002:{name}" for name in ("timestamp", "int", "float"))
# The numbers JSON writes. YAML 1.1 also reads 0x1F, 1_0, 0o17 and 1:30 (sexagesimal, 90) as numbers: here they are
# texts, which a number field refuses as JSON's "1_0" is refused (tester 39, Q3).
JSON_INT = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")
JSON_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z")
MERGE = "tag:yaml.org,2002:merge"  # ``<<: *defaults``: its keys are the mapping's unless it gives them itself


class DatesAsTextLoader(pyyaml.SafeLoader):
    """YAML's safe loader with no implicit timestamps, and numbers as JSON writes them only: a date or time, or a
    number in another spelling, is the text it is written as. A key a mapping gives twice is refused."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag not in (TIMESTAMP, INT, FLOAT)]
        for first, resolvers in pyyaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
        """A mapping that gives a key twice (``name: X`` then ``name: Y`` in a record's ``fields``) is refused,
        naming the line of the second and the key: YAML's reader kept the last, unseen, where a JSON fixture, the
        import and the API refuse a name given twice (``events.rules.values.repeated_name``). A key a merged
        mapping (``<<``) gives too is the mapping's own, as YAML says, not given twice."""
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, _value in node.value:
                if key_node.tag == MERGE:
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    repeated = key in seen
                    seen.add(key)
                except TypeError:  # a list or a mapping as a key: the constructor tells it
                    continue
                if repeated:
                    raise pyyaml.DeserializationError(f"line {key_node.start_mark.line + 1}: {key}: {GIVEN_TWICE}")
        return super().construct_mapping(node, deep=deep)


DatesAsTextLoader.add_implicit_resolver(INT, JSON_INT, list("-0123456789"))
DatesAsTextLoader.add_implicit_resolver(FLOAT, JSON_FLOAT, list("-0123456789"))


class DatesAsText(pyyaml.Deserializer):
    def __init__(self, stream_or_string, **options):
        try:
            objects = yaml.load(stream_or_string, Loader=DatesAsTextLoader)
        except yaml.YAMLError as error:
            raise pyyaml.DeserializationError(str(error).replace('"<unicode string>", ', "")) from None
        PythonDeserializer.__init__(self, objects, **options)


class Serializer(RelationsOfThePast, pyyaml.Serializer):
    pass


class Deserializer(Utf8Text, UnknownFieldsTold, SlugsAsKeys, UnreadableAsGiven, TextsAsGiven, DatesAsText):
    pass
