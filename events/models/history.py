"""Who did what: every change to every record is kept as a historical row (django-simple-history).

``RecordHistory`` is simple-history's ``HistoricalRecords`` with three additions:

- fixtures: ``loaddata`` saves raw, which simple-history skips; a raw save that
  creates or changes a row (see ``events.models.signals``) is recorded too;
- deletions: a delete that cascades to many rows records them with one insert
  per model (``deletions_recorded_together``) instead of one per row;
- changes made outside a request (a management command, an import) can name
  who or what made them (``recorded_as``);
- bulk writes, which save no instance, record the stored rows with one
  ``INSERT ... SELECT`` per model and batch (``record_stored``);
- every historical row is also logged in the change log (``events.models.changes``), in the
  same transaction: the change feed and the lists' ETags read it.
"""

import contextvars
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone
from simple_history.manager import HistoryDescriptor
from simple_history.models import HistoricalRecords

from events.models.changes import among_ids, log_changes, log_stored

# The change reasons of the writes nobody edited by hand.
FIXTURE_REASON = "Loaded from a fixture"
IMPORT_REASON = "Imported with import_records"
STATUS_REASON = "The status follows the reports."
REASON_LENGTH = 100  # simple-history's history_change_reason column

pending_deletions = contextvars.ContextVar("pending_deletions", default=None)
acting = contextvars.ContextVar("acting", default=(None, None))


@contextmanager
def recorded_as(reason, user=None):
    """Record the changes made inside with this change reason and user, when no request says who.

    For the command line: ``with recorded_as("import_records data.csv"): ...``.
    """
    token = acting.set((reason, user))
    try:
        yield
    finally:
        acting.reset(token)


@contextmanager
def deletions_recorded_together(using):
    """Inside, each deleted row's history is kept back, then written with one insert per model, atomically."""
    if pending_deletions.get() is not None:
        yield
        return
    rows = []
    with transaction.atomic(using=using, savepoint=False):
        token = pending_deletions.set(rows)
        try:
            yield
        finally:
            pending_deletions.reset(token)
        by_model = defaultdict(list)
        for row in rows:
            by_model[type(row)].append(row)
        for model, model_rows in by_model.items():
            model.objects.using(using).bulk_create(model_rows)
            log_changes(model.instance_type, model_rows, "-", timezone.now(), using=using)


class KeptManagerDescriptor(HistoryDescriptor):
    """simple-history's ``Model.history``, its manager class made once instead of at every read.

    simple-history builds the class anew (``Manager.from_queryset``: a new type) each time the attribute is read,
    and every save reads it to write its historical row: a tenth to a third of a millisecond a save.
    """

    def __init__(self, model, manager, queryset):
        super().__init__(model, manager=manager, queryset=queryset)
        self.kept_class = manager.from_queryset(queryset)

    def __get__(self, instance, owner):
        return self.kept_class(self.model, instance)


class RecordHistory(HistoricalRecords):
    """simple-history's history, for fixtures, cascades and the command line too (see the module)."""

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw"):
            # Set by the raw-save hook in events.models.signals: "+" for a new row, "~" for a changed one.
            change = getattr(instance, "fixture_change", None)
            if change is not None:
                self.record(instance, change, using=using)
            return
        super().post_save(instance, created, using=using, **kwargs)

    def post_delete(self, instance, using=None, **kwargs):
        # A deletion is a change: its entry carries the version after it, one above the last, for a record
        # deleted by itself (``VersionedModel.delete`` claimed it) and for a row its cascade deleted alike.
        if not getattr(instance, "version_claimed", False):
            instance.version += 1
        rows = pending_deletions.get()
        if rows is None:
            super().post_delete(instance, using=using, **kwargs)
        else:
            rows.append(self.historical_row(instance, "-", using=using))

    def record(self, instance, history_type, using=None):
        """Write one historical row of ``instance`` as it is now."""
        self.create_historical_record(instance, history_type, using=using)

    def create_historical_record(self, instance, history_type, using=None):
        # Every historical row is also a line of the change log (events.models.changes), at the same date.
        given = getattr(instance, "_history_date", None)
        date = given or timezone.now()
        instance._history_date = date
        try:
            super().create_historical_record(instance, history_type, using=using)
        finally:
            if given is None:
                del instance._history_date
        log_changes(type(instance), [instance], history_type, date, using=using)

    def historical_row(self, instance, history_type, using=None):
        """The unsaved historical row ``create_historical_record`` would write."""
        manager = getattr(instance, self.manager_name)
        return manager.model(
            history_date=getattr(instance, "_history_date", timezone.now()),
            history_type=history_type,
            history_user=self.get_history_user(instance),
            history_change_reason=self.get_change_reason_for_object(instance, history_type, using),
            **{field.attname: getattr(instance, field.attname) for field in self.fields_included(instance)},
        )

    def record_stored(self, pks, history_type, *, reason, user=None, date=None, using=None, log=True):
        """Record the stored rows with these ids as ``record()`` would, in one ``INSERT ... SELECT``.

        For bulk writes, which have no instance to record, or a stale one (a status refreshed in
        SQL): the database copies each row's tracked columns into the historical table as they
        are stored, so only the ids pass through Python. Give a batch of ids at a time. ``log=False``
        leaves their change-log lines to the caller, who writes them with ``log_stored`` before it commits.
        """
        if not pks or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):  # as simple-history's own signals
            return
        model, history_meta = self.cls, getattr(self.cls, self.manager_name).model._meta
        connection = connections[using or router.db_for_write(model)]
        quote = connection.ops.quote_name
        tracked = self.fields_included(model)
        # The same value in every row: when, what, who and why.
        stamps = [
            (history_meta.get_field(name), value)
            for name, value in [
                ("history_date", date or timezone.now()),
                ("history_type", history_type),
                ("history_user", getattr(user, "pk", None)),
                ("history_change_reason", reason[:REASON_LENGTH] if reason else reason),
            ]
        ]
        columns = [history_meta.get_field(field.name).column for field in tracked] + [f.column for f, _ in stamps]
        pk = quote(model._meta.pk.column)
        among, ids = among_ids(connection, pks)  # one parameter: a quarter of the time of an IN list of thousands
        sql = (
            f"INSERT INTO {quote(history_meta.db_table)} ({', '.join(map(quote, columns))}) "
            f"SELECT {', '.join(quote(field.column) for field in tracked)}, {', '.join(['%s'] * len(stamps))} "
            f"FROM {quote(model._meta.db_table)} WHERE {pk} {among} ORDER BY {pk}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*(field.get_db_prep_save(value, connection) for field, value in stamps), *ids])
        if log:
            log_stored(model, pks, history_type, stamps[0][1], using=connection.alias)

    def get_history_user(self, instance):
        return super().get_history_user(instance) or acting.get()[1]

    def get_change_reason_for_object(self, instance, history_type, using):
        reason = super().get_change_reason_for_object(instance, history_type, using) or acting.get()[0]
        return reason[:REASON_LENGTH] if reason else reason

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            sender.history_recorder = self
            built = sender.__dict__[self.manager_name]
            setattr(
                sender,
                self.manager_name,
                KeptManagerDescriptor(built.model, manager=built.manager_class, queryset=built.queryset_class),
            )
