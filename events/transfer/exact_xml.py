"""``loaddata`` of an XML fixture as Django reads it, and, as a JSON fixture's record does
(``events.transfer.exact_json.UnknownFieldsTold``), each record notes the fields it names (``fixture_fields``):
a record written by hand without ``created_at`` and ``updated_at`` keeps a stored row's timestamps
(``VersionedModel.settle_raw_save``). Writing XML is Django's own.
"""

from django.core.serializers.xml_serializer import Deserializer as XMLDeserializer
from django.core.serializers.xml_serializer import Serializer  # noqa: F401  (a serialization module names both)


class Deserializer(XMLDeserializer):
    def _handle_object(self, node):
        deserialized = super()._handle_object(node)
        names = frozenset(field.getAttribute("name") for field in node.getElementsByTagName("field"))
        deserialized.object.fixture_fields = names
        return deserialized
