"""Bulk writes of records, checked by the models' own rules in batches.

A record is one object of a natural-key fixture (``dumpdata --natural-foreign
--natural-primary``): the model's label and its fields, relations given as the
related record's natural key. The importer builds model instances from records,
runs the validation the API runs (``clean_fields()`` and ``clean()``), checks
uniqueness with one query per batch instead of one per record, writes with
``bulk_create`` and then applies the status rule to the attendances it touched in
one UPDATE. At the end it records history as the other writes do, but in bulk: one
``INSERT ... SELECT`` per batch copies the rows written into their historical table.
The caller holds the transaction (``import_records`` does).

Records may refer to records already in the database or earlier in the input;
a participant's affiliation may be any participant of the same run of participants.
"""

import contextlib
import dataclasses
import functools
import itertools
import json
from collections import Counter, defaultdict

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import connections, models, transaction
from django.utils import timezone

from events.history import IMPORT_REASON, STATUS_REASON, acting
from events.models import Article, Attendance, Event, Participant, Report

# In dependency order: each model refers only to those before it (and a participant to participants).
RECORD_MODELS = [Participant, Event, Article, Attendance, Report]
MODELS_BY_LABEL = {model._meta.label_lower: model for model in RECORD_MODELS}
BATCH_SIZE = 5000


def bulk_write(model, instances, *, fields=None):
    """Every row the importer writes goes through here: new rows, or ``fields`` of written ones.

    Their history is recorded afterwards, from the stored rows (``Importer.record_history``).
    """
    if fields:
        return model.objects.bulk_update(instances, fields, batch_size=BATCH_SIZE)
    return insert_rows(model, instances)


def insert_rows(model, instances):
    """``bulk_create`` at the database's own bulk speed, giving each instance its id.

    Django's ``bulk_create`` builds its INSERTs value by value in Python and sends
    SQLite 999 parameters at a time; this prepares each value once (the fields'
    ``get_db_prep_save``, as ``bulk_create`` does) and hands the rows to
    ``executemany`` on SQLite and to ``COPY`` on PostgreSQL. Nothing else differs:
    no ``save()`` and no signals in either.
    """
    connection = connections[model.objects.db]
    if connection.vendor not in ("sqlite", "postgresql"):
        return model.objects.bulk_create(instances, batch_size=BATCH_SIZE)
    meta, quote = model._meta, connection.ops.quote_name
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    columns = ", ".join(quote(field.column) for field in fields)
    preparers = [db_value(field, connection) for field in fields]
    with connection.cursor() as cursor:
        for chunk in chunked(instances, BATCH_SIZE):
            rows = [[prepare(obj) for prepare in preparers] for obj in chunk]
            if connection.vendor == "sqlite":
                # Within the transaction this is the only writer, and AUTOINCREMENT counts on from the
                # highest id: the rows get the ids that follow the highest one, in order.
                placeholders = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)
                cursor.execute(f"SELECT MAX({pk}) FROM {table}")
                last = cursor.fetchone()[0]
                ids = range(last - len(rows) + 1, last + 1)
            else:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [meta.db_table, meta.pk.column, len(rows)],
                )
                ids = [row[0] for row in cursor.fetchall()]
                with cursor.copy(f"COPY {table} ({pk}, {columns}) FROM STDIN") as copy:
                    for id_, row in zip(ids, rows, strict=True):
                        copy.write_row([id_, *row])
            for obj, id_ in zip(chunk, ids, strict=True):
                obj.pk = id_
                obj._state.adding, obj._state.db = False, connection.alias
    return instances


# Fields whose cleaned values of these exact types are already what the database takes:
# for them ``get_db_prep_save(pre_save(...))`` changes nothing, and skipping it is most of a row's cost.
PLAIN_DB_TYPES = {
    models.CharField: (str,),
    models.SlugField: (str,),
    models.TextField: (str,),
    models.URLField: (str,),
    models.IntegerField: (int,),
    models.PositiveIntegerField: (int,),
    models.PositiveSmallIntegerField: (int,),
    models.BigIntegerField: (int,),
    models.BooleanField: (bool,),
}
AUTO_KEYS = (models.AutoField, models.BigAutoField, models.SmallAutoField)


def db_value(field, connection):
    """A function of an instance that gives the value ``bulk_create`` would write for ``field``."""
    attname = field.attname
    if type(field) is models.ForeignKey and type(field.target_field) in AUTO_KEYS:
        plain = (int,)
    else:
        plain = PLAIN_DB_TYPES.get(type(field))  # the exact class: a subclass may prepare its values

    def prepare(obj):
        value = obj.__dict__.get(attname)
        if plain and type(value) in plain:
            return value
        return field.get_db_prep_save(field.pre_save(obj, True), connection)

    return prepare


def chunked(iterable, size):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


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
        return tuple(getattr(instance, attname) for attname in self.attnames)

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
    """``model(**values)``, values by attname, built as Django builds the rows it reads: by position, faster."""
    return model(*[values[attname] if attname in values else default() for attname, default in defaults_of(model)])


@functools.cache
def defaults_of(model):
    """Each concrete field's attname and the function giving its default (a generated field is left unset)."""
    return [
        (field.attname, (lambda: models.DEFERRED) if field.generated else field.get_default)
        for field in model._meta.concrete_fields
    ]


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


class Importer:
    """Validates records by the models' rules and writes the good ones in batches.

    ``on_reject(rejection)`` is called for every bad record; ``written`` counts the
    rows written per model label. Call ``finish()`` after the last record.
    """

    def __init__(self, *, on_reject=None, batch_size=BATCH_SIZE, user=None):
        self.on_reject = on_reject or (lambda rejection: None)
        self.batch_size = batch_size
        # Who made every historical row of the import: if not given, whom recorded_as() names.
        self.user = user if user is not None else acting.get()[1]
        self.written = Counter()
        self.rejected = 0
        self.created = defaultdict(list)  # by model: the ids of the rows written, to record at the end
        self.reported_attendances = set()
        self._unique_checks = {model: unique_checks(model) for model in RECORD_MODELS}
        self._plain_fields = {}  # by model: (field, memo of its cleaned values)
        self._written = defaultdict(dict)  # by model: natural key -> instance, for the records that follow

    def run(self, records):
        """Import an iterable of ``Record``; consecutive records of one model go in batches."""
        batch = []
        for record in records:
            if record.problem:
                self.reject(record, {NON_FIELD_ERRORS: [record.problem]})
                continue
            if batch and (record.model != batch[0].model or self.batch_full(batch)):
                self.flush(batch)
                batch = []
            batch.append(record)
        if batch:
            self.flush(batch)
        self.finish()

    def batch_full(self, batch):
        # A participant may be affiliated with any participant of its run, so the run is one batch.
        return len(batch) >= self.batch_size and MODELS_BY_LABEL.get(batch[0].model) is not Participant

    def reject(self, record, errors):
        self.rejected += 1
        self.on_reject(Rejection(record, errors))

    # --------------------------------------------------------------------------
    # One batch of one model
    # --------------------------------------------------------------------------
    def flush(self, records):
        model = MODELS_BY_LABEL.get(records[0].model)
        if model is None:
            labels = ", ".join(MODELS_BY_LABEL)
            for record in records:
                self.reject(record, {"model": [f"Unknown model “{record.model}”: give one of {labels}."]})
            return
        errors = defaultdict(dict)
        instances, links = [], []
        for index, record in enumerate(records):
            instance, record_links = self.build(model, record, errors[index])
            instances.append(instance)
            links.append(record_links)
        in_batch = self.resolve(model, instances, links, errors)
        for index, instance in enumerate(instances):
            if NON_FIELD_ERRORS not in errors[index]:
                self.validate(instance, records[index], errors[index])  # every field's errors, not just the first
        self.check_unique(model, records, instances, errors)
        if in_batch:
            self.check_links_in_batch(model, records, instances, in_batch, errors)
        good = {index for index in range(len(instances)) if not errors[index]}
        for index, record in enumerate(records):
            if errors[index]:
                self.reject(record, errors[index])
        self.write(model, instances, good, in_batch)
        self.remember(model, instances, links, good)

    def build(self, model, record, errors):
        """An unsaved instance with the record's plain fields set, and its relations' natural keys."""
        values, record_links = {}, {}
        if not isinstance(record.fields, dict):
            errors[NON_FIELD_ERRORS] = ["A record's fields are a JSON object."]
            return model(), record_links
        for name, value in record.fields.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                errors[name] = ["Unknown field."]
                continue
            if not field.concrete or field.primary_key:
                errors[name] = ["Cannot be given: records are matched by their natural keys."]
            elif field.many_to_one and value is not None:
                key = [value] if isinstance(value, str) else value
                lookups = natural_key_lookups(field.related_model)
                well_formed = isinstance(key, list) and len(key) == len(lookups)
                if not well_formed or not all(isinstance(part, str) for part in key):
                    errors[name] = [f"Give the natural key: a list of {len(lookups)} strings ({', '.join(lookups)})."]
                else:
                    record_links[field] = tuple(key)
            else:
                values[field.attname] = value
        return new_instance(model, values), record_links

    def resolve(self, model, instances, links, errors):
        """Set each relation from its natural key; return the links to records of this same batch."""
        wanted = defaultdict(set)
        for record_links in links:
            for field, key in record_links.items():
                wanted[field.related_model].add(key)
        batch_keys = {}
        if model in wanted:
            batch_keys = {
                tuple(str(part) for part in self.natural_key_of(instance)): index
                for index, instance in enumerate(instances)
            }
            wanted[model] -= batch_keys.keys()
        found = {}
        for related, keys in wanted.items():
            written = self._written[related]
            found[related] = {key: written[key] for key in keys if key in written}
            found[related].update(find_by_natural_keys(related, keys - found[related].keys()))
        in_batch = {}
        for index, (instance, record_links) in enumerate(zip(instances, links, strict=True)):
            for field, key in record_links.items():
                if field.related_model is model and key in batch_keys:
                    in_batch[index] = (field, batch_keys[key])
                elif key in found[field.related_model]:
                    setattr(instance, field.name, found[field.related_model][key])
                else:
                    errors[index][field.name] = [describe_key(field.related_model, key)]
        return in_batch

    def natural_key_of(self, instance):
        # Before clean_fields(), a record's natural key is the text it was given.
        return [getattr(instance, lookup) for lookup in natural_key_lookups(type(instance))]

    def validate(self, instance, record, errors):
        """The model's field and model rules, as ``full_clean()`` runs them but for uniqueness.

        Relations were found in batches, so their one-query-each existence check is skipped.
        """
        field_errors = {}
        for field, memo in self.plain_fields(type(instance)):
            raw = getattr(instance, field.attname)
            # As Model.clean_fields(): a blank field that may be blank is left as it is.
            if field.blank and raw in field.empty_values:
                continue
            try:
                setattr(instance, field.attname, clean_value(field, raw, memo))
            except ValidationError as error:
                field_errors[field.name] = error.messages
        errors.update(field_errors)
        if errors:
            return  # clean() reads values and relations that must first be valid
        if isinstance(instance, Attendance) and not {"curated_status", "curated_status_date"} & record.fields.keys():
            # As for a fixture: the status a record gives is the curator's; its reports then take over.
            instance.apply_status_rule()
        try:
            instance.clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, messages)

    def plain_fields(self, model):
        """The fields ``validate()`` cleans, each with its memo of cleaned values (see ``clean_value``)."""
        if model not in self._plain_fields:
            fields = [field for field in model._meta.concrete_fields if not field.many_to_one and not field.generated]
            self._plain_fields[model] = [(field, {}) for field in fields]
        return self._plain_fields[model]

    def check_unique(self, model, records, instances, errors):
        """Uniqueness within the batch and against the database: one query per rule and batch."""
        for check in self._unique_checks[model]:
            first_line, candidates = {}, defaultdict(list)
            for index, instance in enumerate(instances):
                if errors[index] or not check.applies_to(instance):
                    continue
                value = check.value(instance)
                if None in value:
                    continue
                if value in first_line:
                    errors[index][check.field] = [f"{check.error(instance)} (line {first_line[value]} has it too)"]
                    continue
                first_line[value] = records[index].line
                candidates[value].append(index)
            for value in self.existing_values(model, check, candidates):
                for index in candidates[value]:
                    errors[index][check.field] = [check.error(instances[index])]

    def existing_values(self, model, check, candidates):
        if not candidates:
            return set()
        attnames = [model._meta.get_field(name).attname for name in check.fields]
        position = max(range(len(attnames)), key=lambda i: len({value[i] for value in candidates}))
        queryset = model._default_manager.all()
        if check.condition is not None:
            queryset = queryset.filter(check.condition)
        existing = set()
        for chunk in chunked({value[position] for value in candidates}, BATCH_SIZE):
            rows = queryset.filter(**{f"{attnames[position]}__in": chunk}).values_list(*attnames)
            existing.update(row for row in rows if row in candidates)
        return existing

    def check_links_in_batch(self, model, records, instances, in_batch, errors):
        """Links between records of the batch: to a good record, and, for participants, without a cycle."""
        while True:
            refused = [
                (index, field, target)
                for index, (field, target) in in_batch.items()
                if not errors[index] and errors[target]
            ]
            for index, field, target in refused:
                errors[index][field.name] = [
                    f"The {model._meta.verbose_name} of line {records[target].line} is not valid."
                ]
            if refused:
                continue
            if model is not Participant or not self.refuse_cycles(instances, in_batch, errors):
                return

    def refuse_cycles(self, instances, in_batch, errors):
        """Refuse the participants whose affiliations, across the batch and the database, lead back to them."""
        affiliation_of = dict(
            Participant.objects.filter(affiliation__isnull=False).values_list("pk", "affiliation_id")
        )
        # Stand-in ids for the batch's unsaved participants: negative, so they meet no stored one.
        for index, instance in enumerate(instances):
            instance.pk = -1 - index
        for index, (_field, target) in in_batch.items():
            instances[index].affiliation_id = instances[target].pk
            affiliation_of[instances[index].pk] = instances[target].pk
        refused = False
        for index in in_batch:
            if errors[index]:
                continue
            try:
                instances[index].check_affiliation(affiliation_of=affiliation_of.get)
            except ValidationError as error:
                errors[index].update(error.message_dict)
                refused = True
        for index, instance in enumerate(instances):
            instance.pk = None
            if index in in_batch:
                instance.affiliation_id = None
        return refused

    def write(self, model, instances, good, in_batch):
        """Write the good instances, then the links between them (an affiliation within the batch)."""
        rows = [instances[index] for index in sorted(good)]
        if not rows:
            return
        bulk_write(model, rows)
        self.written[model._meta.label_lower] += len(rows)
        links = defaultdict(list)
        for index, (field, target) in in_batch.items():
            if index in good:  # and so is its target
                setattr(instances[index], field.attname, instances[target].pk)
                links[field].append(instances[index])
        for field, linked in links.items():
            bulk_write(model, linked, fields=[field.name])
        self.created[model].extend(row.pk for row in rows)
        if model is Report:
            self.reported_attendances.update(row.attendance_id for row in rows)

    def remember(self, model, instances, links, good):
        """Keep the natural keys of the rows just written, for the records that refer to them next."""
        written = self._written[model]
        if len(written) > 100_000:
            written.clear()
        related_keys = {link.name: link for link in model._meta.concrete_fields if link.many_to_one}
        for index in good:
            instance, key = instances[index], []
            for lookup in natural_key_lookups(model):
                name, _, rest = lookup.partition("__")
                if rest:  # a part of the related record's natural key, as the record gave it
                    key.append(links[index][related_keys[name]][0])
                else:
                    key.append(str(getattr(instance, name)))
            written[tuple(key)] = instance

    def finish(self):
        """Apply the status rule to the attendances this import wrote or reported on, then record history.

        Every row written is recorded as created, as the import leaves it (an attendance with the
        status its reports gave it); an existing attendance as changed, saying why, if its status
        did change (its version went up). All at one date, the import's, once everything is written.
        """
        self.analyze()
        new_attendances = set(self.created[Attendance])
        for chunk in chunked(sorted(new_attendances), BATCH_SIZE):
            # New attendances keep the timestamps of their records.
            Attendance.objects.filter(pk__in=chunk).refresh_status_in_bulk(touch=False)
        changed = []
        for chunk in chunked(sorted(self.reported_attendances - new_attendances), BATCH_SIZE):
            attendances = Attendance.objects.filter(pk__in=chunk)
            versions = dict(attendances.values_list("pk", "version"))
            attendances.refresh_status_in_bulk(touch=True)
            changed += [pk for pk, version in attendances.values_list("pk", "version") if version != versions[pk]]
        date = timezone.now()
        for model in RECORD_MODELS:
            self.record_history(model, self.created[model], "+", date)
        self.record_history(Attendance, changed, "~", date, reason=STATUS_REASON)

    def analyze(self):
        """Fresh planner statistics for the tables this import wrote to (PostgreSQL).

        An import is one transaction, which autovacuum cannot see into. Without statistics
        the planner may find an attendance's latest report, for the status rule, by walking
        every report in date order: millions of rows, for each attendance.
        """
        connection = connections[Report.objects.db]
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for model in RECORD_MODELS:
                if self.created[model]:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    def record_history(self, model, pks, history_type, date, reason=IMPORT_REASON):
        """Record these stored rows as they are now: one insert per batch of ids."""
        for chunk in chunked(pks, BATCH_SIZE):
            model.history_recorder.record_stored(chunk, history_type, reason=reason, user=self.user, date=date)


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


def import_records(records, *, skip_invalid=False, on_reject=None, user=None):
    """Validate and write ``records`` in one transaction; return the ``Importer``.

    Nothing is written when a record is bad, unless ``skip_invalid``, which writes the good ones.
    Every row written is recorded in its history, by ``user`` (none from the command line).
    """
    with larger_page_cache(), transaction.atomic():
        importer = Importer(on_reject=on_reject, user=user)
        importer.run(records)
        if importer.rejected and not skip_invalid:
            transaction.set_rollback(True)
            importer.written.clear()
    return importer


# SQLite's page cache during an import, in KiB (its default is 2 MiB).
IMPORT_PAGE_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def larger_page_cache():
    """A larger SQLite page cache while an import writes, then the connection's own again.

    A large import inserts into indexes far bigger than SQLite's default cache of 2 MiB,
    and with it spends as long re-reading and re-writing pages as inserting rows.
    """
    connection = connections[Report.objects.db]
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{IMPORT_PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")
