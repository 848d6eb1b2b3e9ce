"""Records as the importer reads them: a model label and fields, found by natural key, checked in batches."""

import dataclasses
import functools
import json
import operator

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models.base import ModelState
from django.db.models.query_utils import DeferredAttribute

from events.models import Article, Attendance, Event, Participant, Report
from events.transfer.writing import BATCH_SIZE, chunked

# In dependency order: each model refers only to those before it (and a participant to participants).
RECORD_MODELS = [Participant, Event, Article, Attendance, Report]
MODELS_BY_LABEL = {model._meta.label_lower: model for model in RECORD_MODELS}


@dataclasses.dataclass
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
        return self.fields[0] if len(self.fields) == 1 else ", ".join(self.fields)


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

    def check(fields, condition=None, message=None):
        return UniqueCheck(tuple(fields), tuple(meta.get_field(name).attname for name in fields), condition, message)

    checks = [check([field.name]) for field in meta.local_fields if field.unique and not field.primary_key]
    checks += [check(fields) for fields in meta.unique_together]
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            message = constraint.get_violation_error_message() if constraint.condition is not None else None
            checks.append(check(constraint.fields, constraint.condition, message))
    return checks


def new_instance(model, values):
    """``model(**values)``, values by attname, built as ``Model.__init__`` builds it but without its per-field work.

    A field whose class attribute converts what is set (a country) is set through it; every other
    value goes straight into the instance, as ``__init__`` would leave it. (No ``pre_init`` and
    ``post_init`` signals: nothing here listens to them.)
    """
    instance = model.__new__(model)
    instance._state = ModelState()
    stored = instance.__dict__
    for attname, default, converts in defaults_of(model):
        value = values[attname] if attname in values else default()
        if value is models.DEFERRED:
            continue
        if converts:
            setattr(instance, attname, value)
        else:
            stored[attname] = value
    return instance


@functools.cache
def defaults_of(model):
    """Each concrete field's attname, the function giving its default (a generated field is left unset), and
    whether the model's attribute for it converts what is set."""
    return [
        (
            field.attname,
            default_of(field),
            not isinstance(getattr(model, field.attname, None), DeferredAttribute),
        )
        for field in model._meta.concrete_fields
    ]


def default_of(field):
    if field.generated:
        return lambda: models.DEFERRED
    if field.has_default():
        return field.get_default
    # No default: None or "", the same every time (asking the field each time costs more than the rest).
    constant = field.get_default()
    return lambda: constant


@functools.cache
def natural_key_lookups(model):
    if model is get_user_model():  # a report's reviewer, named by its username as dumpdata names it
        return (model.USERNAME_FIELD,)
    return model._default_manager.natural_key_lookups


def describe_key(model, key):
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

    The records come with their id and the fields the rules read (``RELATED_FIELDS_READ``), no more.
    """
    keys = set(keys)
    if not keys:
        return {}
    lookups = natural_key_lookups(model)
    extra = RELATED_FIELDS_READ.get(model, [])
    # Filter on the part of the key that tells the keys apart best (an article's title, not its publisher).
    position = max(range(len(lookups)), key=lambda i: len({key[i] for key in keys}))
    queryset = model._default_manager.order_by()
    found = {}
    for chunk in chunked({key[position] for key in keys}, BATCH_SIZE):
        rows = queryset.filter(**{f"{lookups[position]}__in": chunk}).values_list(*lookups, "pk", *extra)
        for row in rows:
            key = tuple(str(part) for part in row[: len(lookups)])
            if key in keys:
                found[key] = model.from_db(queryset.db, ["id", *extra], row[len(lookups) :])
    return found


def clean_value(field, value, memo):
    """``field.clean(value)``, remembered in ``memo`` for short values: dates, choices and timestamps repeat."""
    if isinstance(value, list | dict) or (isinstance(value, str) and len(value) > 40):
        return field.clean(value, None)
    try:
        cleaned = memo[value]
    except KeyError:
        if len(memo) > 50_000:
            memo.clear()
        try:
            cleaned = memo[value] = field.clean(value, None)
        except ValidationError as error:
            cleaned = memo[value] = error
    if isinstance(cleaned, ValidationError):
        raise cleaned
    return cleaned


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
