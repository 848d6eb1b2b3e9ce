"""The history and change log of the rows an import writes: recorded in bulk, from the stored rows."""

from events.models.changes import log_stored, numbered_now
from events.models.history import IMPORT_REASON
from events.transfer.writing import BATCH_SIZE, chunked


class ImportHistory:
    """Records the stored rows an import wrote or changed, as created or changed, each one as it is stored now,
    all at the import's ``date`` and by its ``user``: one ``INSERT ... SELECT`` per model and batch of ids.

    On SQLite each batch's change-log lines are written with its historical rows. On PostgreSQL they wait for
    ``log_changes()``, which writes them numbered as the import ends: left to the commit, the log's trigger
    would number each line with an ``UPDATE`` of its own (a dead row and a second entry in the position's
    index a line, a fifth of the server's work of an import).
    """

    def __init__(self, connection, *, user, date):
        self.connection, self.user, self.date = connection, user, date
        self.unlogged = [] if connection.vendor == "postgresql" else None

    def record(self, model, pks, history_type, reason=IMPORT_REASON):
        log = self.unlogged is None
        for chunk in chunked(pks, BATCH_SIZE):
            model.history_recorder.record_stored(
                chunk, history_type, reason=reason, user=self.user, date=self.date, log=log
            )
            if not log:
                self.unlogged.append((model, chunk, history_type))

    def log_changes(self):
        """The change-log lines of the rows recorded so far, in the order they were recorded, numbered now.

        Numbering takes the commit-order lock (``numbered_now``), held until the import's transaction ends, as
        the trigger takes it when the deferred checks run (``events.transfer.indexes.make_indexes``) or at the
        commit: call this as the import ends, so that other writers' commits wait no longer than they did.
        """
        if not self.unlogged:
            return
        with numbered_now():
            for model, pks, history_type in self.unlogged:
                log_stored(model, pks, history_type, self.date, using=self.connection.alias)
        self.unlogged.clear()
