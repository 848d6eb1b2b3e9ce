"""Records as the importer reads them: a model label and fields, found by natural key, checked in batches."""

import dataclasses
import functools
import itertools
import json
import operator

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, models
from django.db.models.base import ModelState
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone

from events.models import Article, Attendance, Event, Participant, Report
from events.models.constraints import UniqueTogether
from events.rules.values import as_stored, unstorable
from events.transfer.lookups import filter_in, filter_rows_in
from events.transfer.writing import BATCH_SIZE, chunked

# In dependency order: each model refers only to those before it (and a participant to participants).
RECORD_MODELS = [Participant, Event, Article, Attendance, Report]
MODELS_BY_LABEL = {model._meta.label_lower: model for model in RECORD_MODELS}
# The models a record may refer to (not reports): only their rows are remembered by natural key.
REFERRED_TO = {
    link.related_model for model in RECORD_MODELS for link in model._meta.concrete_fields if link.many_to_one
}


@dataclasses.dataclass(slots=True)  # one per line read: slots make it cheaper to make and to read
class Record:
    """One record as read: where it is (``line``), its model's label, its fields, and its text as read.

    A reader that cannot make a record of a line says why in ``problem``.
    """

    line: int
    model: str
    fields: dict
    raw: object = None
    source: str = ""
    problem: str = ""
    header: list | None = None  # a CSV record's header row


@dataclasses.dataclass
class Rejection:
    """A record that breaks a rule, with its messages by field."""

    record: Record
    errors: dict

    def __str__(self):
        where = f"{self.record.source} line {self.record.line}".lstrip()
        return "\n".join(
            f"{where}: {message}" if field == NON_FIELD_ERRORS else f"{where}: {field}: {message}"
            for field, messages in self.errors.items()
            for message in messages
        )


@dataclasses.dataclass
class UniqueCheck:
    """A set of fields that must be unique together, among the rows where ``condition`` holds."""

    fields: tuple
    attnames: tuple
    condition: models.Q | None
    message: str | None  # None: the model's own "... with this ... already exists."
    named: str | None = None  # the field a clash is told under (UniqueTogether's); None: the fields

    def applies_to(self, instance):
        return self.condition is None or q_holds(self.condition, instance)

    def value(self, instance):
        return self.values_of(instance) if len(self.attnames) > 1 else (self.values_of(instance),)

    @functools.cached_property
    def values_of(self):
        return operator.attrgetter(*self.attnames)

    def error(self, instance):
        message = self.message or instance.unique_error_message(type(instance), self.fields)
        return ValidationError(message).messages[0]

    @property
    def field(self):
        return self.named or (self.fields[0] if len(self.fields) == 1 else ", ".join(self.fields))


def q_holds(condition, instance):
    """Whether an instance meets a constraint's condition (equality and ``isnull`` lookups, ANDs, ORs, NOTs)."""
    results = []
    for child in condition.children:
        if isinstance(child, models.Q):
            results.append(q_holds(child, instance))
            continue
        lookup, expected = child
        name, _, operator = lookup.partition("__")
        actual = getattr(instance, instance._meta.get_field(name).attname)
        if operator in ("", "exact"):
            results.append(actual == expected)
        elif operator == "isnull":
            results.append((actual is None) == expected)
        else:
            raise NotImplementedError(f"Cannot evaluate the lookup {lookup} of a constraint in Python.")
    held = all(results) if condition.connector == models.Q.AND else any(results)
    return held != condition.negated


def unique_checks(model):
    """The model's uniqueness rules: unique fields, unique together, and unique constraints."""
    meta = model._meta

    def check(fields, condition=None, message=None, named=None):
        attnames = tuple(meta.get_field(name).attname for name in fields)
        return UniqueCheck(tuple(fields), attnames, condition, message, named)

    checks = [check([field.name]) for field in meta.local_fields if field.unique and not field.primary_key]
    checks += [check(fields) for fields in meta.unique_together]
    for constraint in meta.constraints:
        if isinstance(constraint, UniqueTogether):  # told under its field, as full_clean() tells it
            message = constraint.get_violation_error_message()
            checks.append(check(constraint.fields, constraint.condition, message, constraint.field))
        elif isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            message = constraint.get_violation_error_message() if constraint.condition is not None else None
            checks.append(check(constraint.fields, constraint.condition, message))
    return checks


class RecordPlan:
    """How the importer makes an unsaved instance of ``model`` from a record giving these field names, in their
    order: worked out once per header (``record_plan``).

    The instance is built as ``Model.__init__`` builds it but without its per-field work: a value given goes
    straight into the instance, a value not given is the field's default; a field whose class attribute
    converts what is set (a country) is set through it. (No ``pre_init`` and ``post_init`` signals: nothing
    here listens to them.) A relation's natural key is kept aside, to be looked up for the whole batch.
    """

    def __init__(self, model, names):
        self.model = model
        self.plan = field_plan(model, names)
        self.converting = [  # set through the model's attribute, which converts what is set
            field.attname
            for field in model._meta.concrete_fields
            if not field.generated and not isinstance(getattr(model, field.attname, None), DeferredAttribute)
        ]
        given = {field.attname for _name, field, kind, _size in self.plan if kind in (PLAIN, LINK)}
        self.constants, self.computed = {}, []  # defaults: the same every time, or made for each instance
        self.stamped = []  # defaults of the time now (created, updated): the import's time, as its history's
        for field in model._meta.concrete_fields:
            if field.generated:
                continue
            if field.attname in given and not field.many_to_one:
                self.constants[field.attname] = None  # its place, in the model's order of fields
                continue
            if field.default is timezone.now:
                self.stamped.append(field.attname)
            elif field.has_default():
                self.computed.append((field.attname, field.get_default))
            else:
                self.constants[field.attname] = field.get_default()
        self.plain = [(position, entry[1].attname) for position, entry in enumerate(self.plan) if entry[2] is PLAIN]
        self.links = [(position, entry) for position, entry in enumerate(self.plan) if entry[2] is LINK]
        # A relation that must be given and is not: refused as the API refuses it, not written as null.
        self.missing = [
            field.name
            for field in model._meta.concrete_fields
            if field.many_to_one and not field.null and not field.has_default() and field.attname not in given
        ]
        self.refuses = bool(self.missing) or any(kind not in (PLAIN, LINK) for _name, _field, kind, _size in self.plan)
        self.now, self.start = NOT_YET, None  # the constants and the import's time, made by ``build``

    def build(self, fields, errors, now):
        """An unsaved instance with the record's plain fields set, and its relations' natural keys by field.

        A timestamp the record does not give is ``now``, the import's time.
        """
        values = list(fields.values())
        if now is not self.now:  # the same for every record of an import
            self.now, self.start = now, {**self.constants, **dict.fromkeys(self.stamped, now)}
        stored = self.start.copy()
        for attname, default in self.computed:
            stored[attname] = default()
        for position, attname in self.plain:
            stored[attname] = values[position]
        links, refused = {}, {}
        for position, (name, field, _kind, size) in self.links:
            value = values[position]
            if value is None:
                stored[field.attname] = None
                if not field.null:
                    refused[name] = [str(field.error_messages["null"])]  # "event": null
            elif type(value) is str and size == 1:
                links[field] = (value,)
            elif type(value) is list and len(value) == size and all(map(isinstance, value, STRINGS)):
                links[field] = tuple(value)
            else:
                key = [value] if isinstance(value, str) else value
                if not isinstance(key, list) or len(key) != size or not all(isinstance(part, str) for part in key):
                    lookups = natural_key_lookups(field.related_model)
                    refused[name] = [f"Give the natural key: a list of {size} strings ({', '.join(lookups)})."]
                else:
                    links[field] = tuple(key)
        if refused or self.refuses:  # the messages in the header's order
            for name, _field, kind, _size in self.plan:
                if name in refused:
                    errors[name] = refused[name]
                elif kind not in (PLAIN, LINK):
                    errors[name] = [kind]
            for name in self.missing:
                errors[name] = [REQUIRED]
        instance = self.model.__new__(self.model)
        stored["_state"] = ModelState()
        instance.__dict__.update(stored)
        for attname in self.converting:
            setattr(instance, attname, stored[attname])
        return instance, links


REQUIRED = "This field is required."  # the API's, for a field a record must give and leaves out
STRINGS = itertools.repeat(str)  # isinstance(part, str) for each part, by map()
NOT_YET = object()


@functools.lru_cache(maxsize=256)
def record_plan(model, names):
    return RecordPlan(model, names)


@functools.cache
def natural_key_lookups(model):
    if model is get_user_model():  # a report's reviewer, named by its username as dumpdata names it
        return (model.USERNAME_FIELD,)
    return model._default_manager.natural_key_lookups


def describe_key(model, key):
    refused = next(filter(None, map(unstorable, key)), None)
    if refused is not None:
        return refused.message  # never looked up: no text of a database holds a NUL or a lone surrogate
    name = model._meta.verbose_name
    lookups = natural_key_lookups(model)
    if len(lookups) == 1:
        return f"No {name} has the {lookups[0].replace('_', ' ')} “{key[0]}”."
    return f"No {name} has the natural key {json.dumps(list(key), ensure_ascii=False)}."


# What the model rules read from a related record besides its id (the rest is left deferred):
# an attendance checks its event's host, a report its article's text.
RELATED_FIELDS_READ = {Event: ["host_id"], Article: ["body"]}


def find_by_natural_keys(model, keys):
    """The records of ``model`` with these natural keys (tuples of strings), by key, in a few queries.

    A key is found as given or, failing that, as its record stores it (``events.rules.values.as_stored``).
    """
    written_otherwise = {key: stored for key in keys if (stored := as_stored(key)) != key}
    found = find_exactly(model, {*keys, *written_otherwise.values()})
    for key, stored in written_otherwise.items():
        if key not in found and stored in found:
            found[key] = found[stored]
    return found


def find_exactly(model, keys):
    """The records of ``model`` with exactly these natural keys, by key.

    The records come with their id and the fields the rules read (``RELATED_FIELDS_READ``), no more.
    A key of several parts is looked up as a row of the model's own columns (``key_rows``): one probe of
    the unique index a key, however many rows share one part of it.
    """
    keys = {key for key in keys if not any(map(unstorable, key))}  # no record has one (describe_key)
    if not keys:
        return {}
    lookups = natural_key_lookups(model)
    extra = RELATED_FIELDS_READ.get(model, [])
    queryset = model._default_manager.order_by()
    if extra and connections[queryset.db].in_atomic_block:
        # What the rules read of them holds until the import commits: an article's text edited meanwhile would
        # leave the import's reports quoting words it no longer has (PostgreSQL; SQLite's write lock does it).
        queryset = queryset.select_for_update()
    if len(lookups) == 1:
        chunks = chunked({key[0] for key in keys}, BATCH_SIZE)
        filtered = (filter_in(queryset, lookups[0], chunk) for chunk in chunks)
    else:
        attnames, rows = key_rows(model, lookups, keys)
        filtered = (filter_rows_in(queryset, attnames, chunk) for chunk in chunked(rows, BATCH_SIZE))
    found = {}
    for rows in filtered:
        for row in rows.values_list(*lookups, "pk", *extra):
            key = tuple(str(part) for part in row[: len(lookups)])
            if key in keys:
                found[key] = model.from_db(queryset.db, ["id", *extra], row[len(lookups) :])
    return found


def key_rows(model, lookups, keys):
    """Natural keys as values of the model's own columns: the column names, and the rows.

    A part naming a related record by its natural key (an attendance's ``event__slug``) becomes that
    record's id. A key no record can have (its related record not found, a part its column cannot hold)
    has no row.
    """
    attnames, values_of = [], []
    for position, lookup in enumerate(lookups):
        name, _, rest = lookup.partition("__")
        field = model._meta.get_field(name)
        attnames.append(field.attname)
        if not rest:
            values_of.append(functools.partial(column_value, field))
            continue
        if natural_key_lookups(field.related_model) != (rest,):
            raise NotImplementedError(f"{lookup}: a part of a natural key is a related record's whole natural key.")
        related = find_by_natural_keys(field.related_model, {(key[position],) for key in keys})
        values_of.append({key[0]: record.pk for key, record in related.items()}.get)
    rows = {tuple(value_of(part) for value_of, part in zip(values_of, key, strict=True)) for key in keys}
    return attnames, [row for row in rows if None not in row]


def column_value(field, text):
    """What a column holds for a natural key's part, or None where it cannot hold it (a date that is none)."""
    try:
        return field.to_python(text)
    except ValidationError:
        return None


PLAIN, LINK = "plain", "link"  # what the importer does with a field a record gives


@functools.lru_cache(maxsize=256)
def field_plan(model, names):
    """What the importer does with each of these field names, in their order: worked out once per header.

    Each is ``(name, field, kind, size)``: kind ``PLAIN`` (a value), ``LINK`` (a natural key of ``size``
    parts), or the error message for a name that cannot be given.
    """
    by_name, plan = fields_by_name(model), []
    for name in names:
        field = by_name.get(name)
        if field is None:
            plan.append((name, None, "Unknown field.", 0))
        elif not field.concrete or field.primary_key:
            plan.append((name, field, "Cannot be given: records are matched by their natural keys.", 0))
        elif field.many_to_one:
            plan.append((name, field, LINK, len(natural_key_lookups(field.related_model))))
        else:
            plan.append((name, field, PLAIN, 0))
    return plan


@functools.cache
def fields_by_name(model):
    """What ``model._meta.get_field(name)`` finds, for every name a record may give."""
    fields = {}
    for field in model._meta.get_fields():
        fields[field.name] = field
        if getattr(field, "attname", None):
            fields.setdefault(field.attname, field)
    return fields
