"""The import's work that needs no database: records read, put in batches, made into instances, their plain
fields cleaned. Done in the importing process, or in a worker process that reads ahead while it writes.

``batches(records)`` gives, in the order of the input, each record a reader could not make (``PROBLEM``) and
each batch of records of one model (``BATCH``). ``Preparer.prepare(records)`` makes a batch a ``Prepared``:
its instances built (``events.transfer.keyed.RecordPlan``), their relations' natural keys kept aside, and
their plain fields cleaned column by column (``events.transfer.columns``), each record's messages kept in
the order ``full_clean()`` would give them once the relations are resolved (``Prepared.errors_after``).

``prepared_in_worker`` runs the same in a forked process: it hands back each batch pickled, its instances
as their values, and its records without their fields (what a rejection reads of a record is where it is
and its text, as read).
"""

import contextlib
import multiprocessing
import pickle
import traceback
from collections import defaultdict

from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models.base import ModelState

from events.models import Attendance, Participant
from events.transfer.columns import plain_columns
from events.transfer.keyed import (
    MODELS_BY_LABEL,
    RECORD_MODELS,
    Record,
    fields_by_name,
    natural_key_lookups,
    record_plan,
)

PROBLEM, BATCH = "problem", "batch"
# An attendance record that gives one of these keeps its status as the curator's (``Importer.validate``).
CURATED = frozenset({"curated_status", "curated_status_date"})


def batches(records, batch_size):
    """``(PROBLEM, record)`` for each record a reader could not make, ``(BATCH, records)`` for each run of
    consecutive records of one model, at most ``batch_size`` of them (a run of participants is one batch: a
    participant may be affiliated with any participant of its run)."""
    batch = []
    for record in records:
        if record.problem:
            yield PROBLEM, record
            continue
        if batch and (record.model != batch[0].model or full(batch, batch_size)):
            yield BATCH, batch
            batch = []
        batch.append(record)
    if batch:
        yield BATCH, batch


def full(batch, batch_size):
    return len(batch) >= batch_size and MODELS_BY_LABEL.get(batch[0].model) is not Participant


class Prepared:
    """A batch made ready for what needs the database (``Importer.flush``).

    ``model`` is None for an unknown model label. For each record: its instance, its relations' natural keys
    by field (``links``), the messages of building it (``errors``, by index) and of its plain fields
    (``column_errors``); ``own_keys`` the natural key of each as given, when the batch refers to itself (a
    participant's affiliation); ``curated`` the indexes of attendances that give their status.
    """

    def __init__(self, model, records, instances=(), links=(), errors=None, column_errors=None):
        self.model, self.records, self.instances, self.links = model, records, list(instances), list(links)
        self.errors = errors if errors is not None else defaultdict(dict)
        self.column_errors = column_errors or {}
        self.own_keys, self.curated = None, set()

    def errors_after(self, errors):
        """Add each record's field messages to ``errors`` (which holds those of building it and of its
        relations): in the order ``full_clean()`` gives them, as when the fields were cleaned after the relations."""
        for index, messages in self.column_errors.items():
            errors[index].update(messages)

    # The form a worker sends: plain values, no model instances or fields.
    def packed(self):
        if self.model is None:
            return (None, self.records)
        # Where each record is and its text as read, by column: a ``Record`` pickles through Python code.
        records = [(record.line, record.raw, record.source, record.header) for record in self.records]
        values = []
        for instance in self.instances:
            stored = instance.__dict__.copy()
            del stored["_state"]
            values.append(stored)
        links = [{field.name: key for field, key in record_links.items()} for record_links in self.links]
        errors = {index: messages for index, messages in self.errors.items() if messages}
        return (
            self.model._meta.label_lower,
            records,
            values,
            links,
            errors,
            self.column_errors,
            self.own_keys,
            self.curated,
        )

    @classmethod
    def unpacked(cls, packed):
        if packed[0] is None:
            return cls(None, packed[1])
        label, records, values, links, errors, column_errors, own_keys, curated = packed
        model = MODELS_BY_LABEL[label]
        records = [Record(line, label, {}, raw, source, "", header) for line, raw, source, header in records]
        instances = []
        new, state = model.__new__, ModelState
        for stored in values:
            instance = new(model)
            stored["_state"] = state()
            instance.__dict__ = stored
            instances.append(instance)
        field = fields_by_name(model)
        links = [{field[name]: key for name, key in record_links.items()} for record_links in links]
        prepared = cls(model, records, instances, links, defaultdict(dict, errors), column_errors)
        prepared.own_keys, prepared.curated = own_keys, curated
        return prepared


class Preparer:
    """Makes batches of records ``Prepared``; ``date`` is the import's, for the timestamps records leave out."""

    def __init__(self, date):
        self.date = date
        self.columns = {model: plain_columns(model) for model in RECORD_MODELS}

    def prepare(self, records):
        model = MODELS_BY_LABEL.get(records[0].model)
        if model is None:
            return Prepared(None, records)
        prepared = Prepared(model, records)
        errors = prepared.errors
        for index, record in enumerate(records):
            instance, record_links = self.build(model, record, errors[index])
            prepared.instances.append(instance)
            prepared.links.append(record_links)
        instances = prepared.instances
        if any(field.related_model is model for record_links in prepared.links for field in record_links):
            # Before the fields are cleaned, a record's natural key is the text it was given.
            lookups = natural_key_lookups(model)
            prepared.own_keys = [tuple(str(getattr(instance, name)) for name in lookups) for instance in instances]
        if model is Attendance:
            prepared.curated = {
                index
                for index, record in enumerate(records)
                if isinstance(record.fields, dict) and CURATED & record.fields.keys()
            }
        # The fields' messages apart, to follow those of the relations.
        column_errors = defaultdict(dict)
        indexes = [index for index in range(len(instances)) if NON_FIELD_ERRORS not in errors[index]]
        for column in self.columns[model]:
            column.clean(instances, indexes, column_errors)
        prepared.column_errors = {index: messages for index, messages in column_errors.items() if messages}
        return prepared

    def build(self, model, record, errors):
        """An unsaved instance with the record's plain fields set, and its relations' natural keys."""
        if not isinstance(record.fields, dict):
            errors[NON_FIELD_ERRORS] = ["A record's fields are a JSON object."]
            return model(), {}
        return record_plan(model, tuple(record.fields)).build(record.fields, errors, self.date)


def prepared_here(records, batch_size, date):
    """What ``prepared_in_worker`` gives, made in this process."""
    preparer = Preparer(date)
    for kind, item in batches(records, batch_size):
        yield (kind, item) if kind is PROBLEM else (BATCH, preparer.prepare(item))


def can_fork():
    return "fork" in multiprocessing.get_all_start_methods()


def prepared_in_worker(records, batch_size, date):
    """``prepared_here(records, ...)``, made by a forked process that reads ``records`` while this one writes.

    The worker inherits the iterable as it is (an open file, a generator) and reads it alone; it uses no
    database connection. It works at most one batch ahead: it waits while the batch it sent is not taken. An
    exception it meets (a file it cannot read) is raised here, in its place among the batches; a worker that
    ends without a word is an error too. Leaving the loop early (an error here) stops the worker.
    """
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    worker = context.Process(target=work, args=(records, batch_size, date, sending), daemon=True)
    worker.start()
    sending.close()
    try:
        while True:
            try:
                kind, item = pickle.loads(receiving.recv_bytes())
            except EOFError:
                raise RuntimeError(f"The import's reading process ended unexpectedly ({worker.exitcode}).") from None
            if kind == "end":
                return
            if kind == "error":
                raise item
            yield (kind, item) if kind == PROBLEM else (BATCH, Prepared.unpacked(item))
    finally:
        receiving.close()
        if worker.is_alive():
            worker.terminate()
        worker.join()


def work(records, batch_size, date, sending):
    """The worker: each item of ``prepared_here`` sent pickled, then ``end``, or the exception met."""
    try:
        for kind, item in prepared_here(records, batch_size, date):
            sending.send_bytes(pickle.dumps((kind, item if kind == PROBLEM else item.packed()), protocol=5))
        sending.send_bytes(pickle.dumps(("end", None), protocol=5))
    except Exception as error:  # any: raised again in the importing process
        with contextlib.suppress(BrokenPipeError):
            sending.send_bytes(pickled_error(error))
    finally:
        sending.close()


def pickled_error(error):
    try:
        return pickle.dumps(("error", error), protocol=5)
    except Exception:  # one that does not pickle: its text
        return pickle.dumps(("error", RuntimeError("".join(traceback.format_exception(error)))), protocol=5)
