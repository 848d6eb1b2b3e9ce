"""The generated dataset as table rows, for ``generate_dataset``'s direct write (``events.transfer.direct``).

The generator makes records that keep every rule by construction (``events.transfer.dataset``); what the
import would still add to them is derived here, by the models' own rules, while the rows are made:

- each value as the import stores it: the field's ``to_python()`` and ``get_db_prep_save()`` (remembered
  for the values that repeat), a record's missing fields at their defaults;
- what ``settle_derived()`` sets (an event's codes and coordinates, a report's code), asked of the model
  once for each kind, place and status;
- an attendance's curated status (the record's, as ``apply_status_rule()`` keeps it) and its current status,
  which its reports give by the status rule's Python form (``events.rules.status.current_status``).

A row is a tuple of the model's concrete columns in order, the id first. Participants have their real ids;
the other records are numbered within their chunk (0, 1, ...) and so are the relations between them, for the
writer to shift by the ids it takes for the chunk (``REFERS_IN_CHUNK``). ``tests/transfer/test_direct.py``
checks that these rows are the ones ``import_records`` writes.
"""

import datetime
import functools
import types
import uuid

from django.db import models

from events.models import Article, Attendance, Event, Participant, Report
from events.models.event import DERIVED_FIELDS
from events.rules import status
from events.transfer.writing import direct_conversions, plain_types

# The records of a chunk of events, in the order they are written.
CHUNK_MODELS = [Event, Article, Attendance, Report]
# The columns that hold the number, within the chunk, of a record of the chunk.
REFERS_IN_CHUNK = {Attendance: {"event_id": Event}, Report: {"attendance_id": Attendance, "article_id": Article}}


def columns(model):
    return [field.attname for field in model._meta.concrete_fields]


class RowMaker:
    """Makes the rows of the dataset's records for the database behind ``connection`` (it runs no query)."""

    def __init__(self, connection, participant_ids):
        self.connection = connection
        self.participant_ids = participant_ids  # by slug
        self.plans = {model: self.plan(model) for model in (Participant, *CHUNK_MODELS)}

    def plan(self, model):
        """The columns but the id; for those a value may need converting, ``(position, convert)``; and for
        every column, the function giving its value when the record leaves it out, by position."""
        fields = model._meta.concrete_fields[1:]
        converted = [
            (position, self.converter(field))
            for position, field in enumerate(fields, start=1)
            if not {str, int} & set(plain_types(field))  # a text or an id is written as it is
        ]
        defaults = {position: self.converter(field) for position, field in enumerate(fields, start=1)}
        return [field.attname for field in fields], converted, defaults

    def converter(self, field):
        """A function of a record's value (or ``MISSING``) to the value stored, as ``bulk_create`` stores it."""
        connection = self.connection
        if field.attname == "uid":
            native = connection.features.has_native_uuid_field
            return (lambda value: str(uuid.UUID(value))) if native else (lambda value: uuid.UUID(value).hex)
        default = None if callable(field.default) or field.many_to_one else field.get_default()
        plain = plain_types(field)
        if isinstance(field, models.DateTimeField):
            # Parsed as Django parses it, but by the standard library's C parser: most timestamps differ.
            prepare = direct_conversions(field, connection)[datetime.datetime]
            parse = datetime.datetime.fromisoformat
        else:
            prepare, parse = functools.partial(field.get_db_prep_save, connection=connection), field.to_python
            if field.get_internal_type() not in ("TextField", "JSONField"):  # long and seldom repeated, or unhashable
                prepare = functools.lru_cache(maxsize=65536)(lambda value: field.get_db_prep_save(value, connection))

        def convert(value):
            if value is MISSING:
                value = default
            if type(value) in plain:
                return value
            return prepare(parse(value) if type(value) is str else value)

        return convert

    def row(self, model, number, values):
        """The row of a record whose values are given by attname (``MISSING`` for those left out)."""
        names, converted, defaults = self.plans[model]
        row = [number, *[values.get(name, MISSING) for name in names]]
        for position, convert in converted:
            row[position] = convert(row[position])
        if MISSING in row:
            for position, value in enumerate(row):
                if value is MISSING:
                    row[position] = defaults[position](value)
        return tuple(row)

    # --------------------------------------------------------------------------
    # Records of each model
    # --------------------------------------------------------------------------
    def participant_rows(self, records, ids):
        """The rows of these participant records, given their ids in record order; their ids by slug."""
        by_slug = {record.fields["slug"]: id_ for record, id_ in zip(records, ids, strict=True)}
        rows = []
        for record in records:
            values = dict(record.fields)
            affiliation = values.pop("affiliation")
            values["affiliation_id"] = by_slug[affiliation[0]] if affiliation else None
            rows.append(self.row(Participant, by_slug[values["slug"]], values))
        return rows, by_slug

    def chunk_rows(self, fields):
        """The rows of a chunk of ``(model, fields)`` pairs (``Dataset.chunk_fields``), by model."""
        by_model = {model: [] for model in CHUNK_MODELS}
        for label, values in fields:
            by_model[MODELS[label]].append(values)
        events = {values["slug"]: number for number, values in enumerate(by_model[Event])}
        articles = {
            (values["publisher"], values["published_on"], values["title"]): number
            for number, values in enumerate(by_model[Article])
        }
        attendances = {
            (values["event"][0], values["participant"][0]): number
            for number, values in enumerate(by_model[Attendance])
        }
        reports_of = [[] for _ in attendances]
        for number, values in enumerate(by_model[Report]):
            reports_of[attendances[tuple(values["attendance"])]].append(report_facts(number, values))
        return {
            Event: [self.event_row(number, values) for number, values in enumerate(by_model[Event])],
            Article: [self.row(Article, number, values) for number, values in enumerate(by_model[Article])],
            Attendance: [
                self.attendance_row(number, values, events, reports_of[number])
                for number, values in enumerate(by_model[Attendance])
            ],
            Report: [
                self.report_row(number, values, attendances, articles)
                for number, values in enumerate(by_model[Report])
            ],
        }

    def event_row(self, number, values):
        values = dict(values)
        host = values.pop("host")
        values["host_id"] = self.participant_ids[host[0]] if host else None
        values.update(event_derived(values["kind"], values["city"], values["country"]))
        return self.row(Event, number, values)

    def attendance_row(self, number, values, events, reports):
        values = dict(values)
        values["event_id"] = events[values.pop("event")[0]]
        values["participant_id"] = self.participant_ids[values.pop("participant")[0]]
        # As apply_status_rule() before the first save: the record's status is the curator's...
        curated = (values["status"], values["status_date"])
        values["curated_status"], values["curated_status_date"] = curated
        # ...and its reports then take over, as the import's refresh does once they are written.
        values["status"], values["status_date"] = status.current_status(reports, curated=curated)
        return self.row(Attendance, number, values)

    def report_row(self, number, values, attendances, articles):
        values = dict(values)
        values["attendance_id"] = attendances[tuple(values.pop("attendance"))]
        values["article_id"] = articles[tuple(values.pop("article"))]
        speaker = values.pop("speaker")
        values["speaker_id"] = self.participant_ids[speaker[0]] if speaker else None
        values["cameo_code"] = report_code(values["status"])
        return self.row(Report, number, values)


MISSING = object()
MODELS = {model._meta.model_name: model for model in (Participant, *CHUNK_MODELS)}


def report_facts(number, values):
    """What the status rule reads of a report; its number within the chunk is its order of entry."""
    return types.SimpleNamespace(
        pk=number,
        review=values["review"],
        status=values["status"],
        status_on=values.get("status_on"),
        reported_on=values["reported_on"],  # ISO dates, which compare as the days do
    )


@functools.cache
def event_derived(kind, city, country):
    """What ``Event.settle_derived()`` sets for an event of this kind and place."""
    event = Event(kind=kind, city=city, country=country)
    event.settle_derived()
    return {name: getattr(event, name) for name in DERIVED_FIELDS}


@functools.cache
def report_code(report_status):
    """What ``Report.settle_derived()`` sets for a report of this status."""
    report = Report(status=report_status)
    report.settle_derived()
    return report.cameo_code
