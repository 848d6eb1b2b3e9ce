"""The columns of a serializer: what each of its fields reads, as a ``values()`` lookup.

Lean reads (``events.api.reads``) and exports (``events.api.exports``) read rows without the
serializers, but their columns come from here, so a field added to a serializer reaches them all.
"""

from rest_framework import serializers


def columns_of(serializer):
    """``(name, lookup)`` for each plain field of ``serializer`` (a class or an instance), in its order.

    A slug relation reads the related slug, an id relation the id, a dotted ``source`` the related
    field; ``Meta.read_lookups`` names the lookup of a field that reads through a property (a report's
    event, read through its attendance). Nested serializers and method fields are no columns.
    """
    if isinstance(serializer, type):
        serializer = serializer()
    meta = serializer.Meta
    lookups = getattr(meta, "read_lookups", {})
    columns = []
    for name, field in serializer.fields.items():
        if field.write_only or isinstance(field, serializers.BaseSerializer | serializers.SerializerMethodField):
            continue
        if name in lookups:
            lookup = lookups[name]
        elif isinstance(field, serializers.SlugRelatedField):
            lookup = f"{field.source.replace('.', '__')}__{field.slug_field}"
        elif isinstance(field, serializers.PrimaryKeyRelatedField):
            lookup = meta.model._meta.get_field(field.source).attname
        else:
            lookup = field.source.replace(".", "__")
        columns.append((name, lookup))
    return columns
