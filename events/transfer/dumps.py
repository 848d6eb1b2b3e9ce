"""Whether a fixture is a dump: records as ``dumpdata`` wrote them from a database, not written by hand.

``dumpdata`` writes every field of a row, so each versioned record carries its ``version``; a
fixture written by hand (the seed, a curator's file) leaves that field out, since every write
raises it. The project's ``loaddata`` loads a dump exactly as it was dumped.

A dump written with ``--natural-primary`` leaves out the records' ids, but its historical rows
name their record by id: ``read_dump()`` finds each record's id in its history, so that the
record gets it back and its history stays its own.
"""

import datetime
from xml.dom import pulldom

from django.apps import apps
from django.core.serializers.xml_serializer import DefusedExpatParser
from django.utils.dateparse import parse_datetime

from events.models.versioning import VersionedModel
from events.rules import jsontext


def model_of(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError, TypeError):
        return None


def is_versioned(label):
    model = model_of(label)
    return model is not None and issubclass(model, VersionedModel)


def read_dump(stream, serialization_format):
    """``None`` when the fixture is not a dump; else the ids its history gives its records:
    ``{(record class, natural key): id}``."""
    objects = iter(records(stream, serialization_format))
    for record in objects:
        if isinstance(record, dict) and is_versioned(record.get("model", "")):
            if "version" not in (record.get("fields") or {}):
                return None
            return original_ids([record, *objects])
    return None


def records(stream, serialization_format):
    """The fixture's objects as plain data, as Django's deserializers read them."""
    if serialization_format == "json":
        data = jsontext.loads(stream.read())
        return data if isinstance(data, list) else []
    if serialization_format == "jsonl":
        return (jsontext.loads(line) for line in stream if line.strip())
    if serialization_format == "yaml":
        import yaml

        data = yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return data if isinstance(data, list) else []
    if serialization_format == "xml":
        return xml_records(stream)
    return []


def original_ids(objects):
    """``{(record class, natural key): id}`` from the latest historical row of each record that is not deleted."""
    latest = {}
    for record in objects:
        historical = model_of(record.get("model", "")) if isinstance(record, dict) else None
        tracked = getattr(historical, "instance_type", None)
        if tracked is None or not issubclass(tracked, VersionedModel):
            continue
        fields = record.get("fields") or {}
        stamp = (moment(fields.get("history_date")), record.get("pk") or 0)
        if (tracked, fields.get("id")) not in latest or stamp > latest[tracked, fields.get("id")][0]:
            latest[tracked, fields.get("id")] = (stamp, fields)
    ids = {}
    for (tracked, pk), (_, fields) in latest.items():
        key = natural_key(tracked, fields)
        if fields.get("history_type") != "-" and key is not None and isinstance(pk, int):
            ids[tracked, key] = pk
    return ids


def moment(value):
    """A historical row's ``history_date`` as a number to order by (YAML gives datetimes, JSON strings)."""
    when = value if isinstance(value, datetime.datetime) else parse_datetime(str(value or ""))
    return when.timestamp() if when is not None else 0.0


def natural_key(model, fields):
    """The natural key (as strings) of a record whose fields are given as a dump writes them, or ``None``."""
    key, related = [], set()
    for lookup in getattr(model._default_manager, "natural_key_lookups", ()):
        name = lookup.split("__")[0]
        if "__" not in lookup:
            key.append(fields.get(name))
        elif name not in related:  # a relation by its own natural key, a list
            related.add(name)
            if not isinstance(fields.get(name), list):
                return None
            key.extend(fields[name])
    return tuple(map(str, key)) or None


def xml_records(stream):
    """The objects of an XML fixture as plain data: a relation as its natural key (a list) or its id."""
    nodes = pulldom.parse(stream, DefusedExpatParser())
    for event, node in nodes:
        if event != pulldom.START_ELEMENT or node.nodeName != "object":
            continue
        nodes.expandNode(node)
        fields = {}
        for field in node.getElementsByTagName("field"):
            natural = field.getElementsByTagName("natural")
            if natural:
                fields[field.getAttribute("name")] = [text(part) for part in natural]
            elif not field.getElementsByTagName("None"):
                value = text(field)
                fields[field.getAttribute("name")] = int(value) if value.isdigit() else value
        pk = node.getAttribute("pk")
        yield {"model": node.getAttribute("model"), "pk": int(pk) if pk.isdigit() else pk or None, "fields": fields}


def text(node):
    return "".join(child.data for child in node.childNodes if child.nodeType == child.TEXT_NODE)
