"""The change log: one row for every create, update and delete of every record, in commit order.

Every change that reaches a record's history (``events.models.history``: saves, deletes and their
cascades, services' bulk changes, fixtures, imports) is logged here in the same transaction, so the
change feed (``/api/changes/``) and the lists' ETags see every write, whatever its entry point.

Commit order: ``position`` is assigned when the writing transaction commits, never before, so a
reader that has seen position ``n`` will never later find a committed change below ``n``:

- PostgreSQL: a deferred constraint trigger (migration ``0007``) takes a transaction-scoped
  advisory lock at commit time, then numbers the transaction's rows from a sequence. The lock is
  held until the commit ends, so the next transaction numbers its rows only after this one's
  are visible: positions are handed out in commit order and no smaller one can appear later.
  Until its transaction commits, a row's ``position`` is null and no reader returns it.
- SQLite: writers are serialised by the database's write lock, held from a transaction's first
  write to its commit, so the autoincrement ``id`` is already commit order; a trigger copies it
  into ``position`` as the row is written.
"""

import contextvars
import datetime
import json
import uuid
from contextlib import contextmanager

from django.db import connections, models, router

CREATED, UPDATED, DELETED = "created", "updated", "deleted"
ACTIONS = {"+": CREATED, "~": UPDATED, "-": DELETED}

# The records whose rows only some readers may see, and what makes a row visible to everyone: a report is
# public once verified, an event or an attendance once it is on the public record (events.models.review);
# events.api.audience says who sees the others.
PUBLIC_WHEN = {
    "report": ("review", "verified"),
    "event": ("awaiting_review", False),
    "attendance": ("awaiting_review", False),
}


class Change(models.Model):
    """One create, update or delete of one record: which, how, its version after it, and when."""

    position = models.BigIntegerField(
        null=True, unique=True, editable=False, help_text="Commit order; set when the transaction commits."
    )
    resource = models.CharField(max_length=20, help_text="The record's model name: event, participant, ...")
    record_id = models.BigIntegerField(help_text="The record's id.")
    key = models.CharField(max_length=255, help_text="Its key in the API at the time: the slug, or the id.")
    action = models.CharField(max_length=10, choices=[(action, action) for action in ACTIONS.values()])
    version = models.PositiveIntegerField()
    time = models.DateTimeField(help_text="When the change was made (its history's date).")
    public = models.BooleanField(help_text="Whether readers who may not see drafts see the record after it.")
    public_action = models.CharField(
        max_length=10,
        blank=True,
        help_text="The change as those readers see it (a report verified is created); empty: unseen.",
    )

    class Meta:
        indexes = [models.Index(fields=["resource", "record_id", "id"], name="change_record")]

    def __str__(self):
        return f"{self.action} {self.resource} {self.key} (version {self.version})"


def key_field(model):
    """The field a record is addressed by in the API: its slug, else its id."""
    return "slug" if any(field.name == "slug" for field in model._meta.concrete_fields) else "id"


def public_action(action, was_public, is_public):
    """The change as a reader who sees only public rows sees it, or ``None`` when it sees nothing."""
    if is_public:
        return action if was_public else CREATED
    return DELETED if was_public else None


def log_changes(model, rows, history_type, time, using=None):
    """Log the changes of ``rows`` of ``model`` (instances or historical rows, as they are after the change)."""
    if not rows:
        return
    model = model._meta.concrete_model  # a proxy (the admin's DraftReport) is its record's resource
    resource, key = model._meta.model_name, key_field(model)
    action = ACTIONS[history_type]
    visible_when = PUBLIC_WHEN.get(resource)
    # A deleted row is as it was before: it tells itself whether readers saw it. An updated one, the log.
    was_public = previous_publicity(resource, [row.id for row in rows], using) if action == UPDATED else {}
    changes = []
    for row in rows:
        record_id = row.id
        shown = visible_when is None or getattr(row, visible_when[0]) == visible_when[1]
        is_public = shown and action != DELETED
        # Before a creation nothing; a record always public was public; the others as their last change left them.
        if action == DELETED:
            before = shown
        else:
            before = action != CREATED and (visible_when is None or was_public.get(record_id, False))
        changes.append(
            Change(
                resource=resource,
                record_id=record_id,
                key=str(getattr(row, key)),
                action=action,
                version=row.version,
                time=getattr(row, "history_date", None) or time,
                public=is_public,
                public_action=public_action(action, before, is_public) or "",
            )
        )
    Change.objects.using(using).bulk_create(changes)


def previous_publicity(resource, record_ids, using=None):
    """Whether each record was public after its last logged change (only for records not always public)."""
    if resource not in PUBLIC_WHEN or not record_ids:
        return {}
    latest = {}
    rows = Change.objects.using(using).filter(resource=resource, record_id__in=record_ids).order_by("id")
    for record_id, public in rows.values_list("record_id", "public"):
        latest[record_id] = public
    return latest


def log_stored(model, pks, history_type, time, using=None):
    """Log the changes of the stored rows with these ids as they are now, in one ``INSERT ... SELECT`` (bulk
    writes: the importer). A record always public, or a creation, needs nothing but the row itself."""
    resource, action = model._meta.model_name, ACTIONS[history_type]
    using = using or router.db_for_write(model)
    if resource in PUBLIC_WHEN and action != CREATED:  # what the reader saw before: the log, row by row
        rows = model._base_manager.using(using).filter(pk__in=list(pks)).order_by("pk")
        fields = ["id", key_field(model), "version", PUBLIC_WHEN[resource][0]]
        log_changes(model, [StoredRow(row) for row in rows.values(*fields)], history_type, time, using)
        return
    connection = connections[using]
    quote = connection.ops.quote_name
    if resource in PUBLIC_WHEN:
        column, value = PUBLIC_WHEN[resource]
        public = f"{quote(model._meta.get_field(column).column)} = %s"
        public_params = [value]
    else:
        public, public_params = "%s", [True]
    key = quote(model._meta.get_field(key_field(model)).column)
    pk, table = quote(model._meta.pk.column), quote(model._meta.db_table)
    among, ids = among_ids(connection, pks)
    columns = ["resource", "record_id", "key", "action", "version", "time", "public", "public_action"]
    sql = (
        f"SELECT %s, {pk}, CAST({key} AS VARCHAR(255)), %s, {quote('version')}, %s, {public}, "
        f"CASE WHEN {public} THEN %s ELSE '' END "
        f"FROM {table} WHERE {table}.{pk} {among} ORDER BY {table}.{pk}"
    )
    numbering = connection.vendor == "postgresql" and numbering_now.get()
    if numbering:  # numbered in the order of the ids, as the trigger would number them at the commit
        columns.append("position")
        sql = f"SELECT rows.*, nextval('events_change_position_seq') FROM ({sql}) rows"
    time = Change._meta.get_field("time").get_db_prep_save(time, connection)
    params = [resource, action, time, *public_params, *public_params, action, *ids]
    with connection.cursor() as cursor:
        if numbering:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [COMMIT_ORDER_LOCK])
        cursor.execute(f"INSERT INTO {quote(Change._meta.db_table)} ({', '.join(map(quote, columns))}) {sql}", params)


def among_ids(connection, pks):
    """SQL that follows an id column to keep the rows with these ids, and its parameters: the ids as one
    parameter, an array (PostgreSQL) or a JSON list (SQLite), not one placeholder each, which the database
    parses and the driver binds one by one (and Django's SQL log under ``DEBUG`` quotes one by one)."""
    pks = list(pks)
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [array_parameter(pks)]
    if connection.vendor == "sqlite" and all(type(pk) is int for pk in pks):
        return "IN (SELECT value FROM json_each(%s))", [json.dumps(pks)]
    return f"IN ({', '.join(['%s'] * len(pks))})", pks


def array_parameter(values):
    """PostgreSQL: ``values`` as one array parameter, for SQL that says its type (``%s::bigint[]``) or takes the
    column's (``= ANY(%s)``). Ids, texts, UUIDs and dates go as the array's text (``{1,2}``, ``{"a","b"}``), which the
    server reads as it reads a list: psycopg writes a list value by value in Python (1–2.5 µs a value, twice
    under ``DEBUG``, whose SQL log writes it again), the largest cost of a batch's lookups. Any other values as
    they are, for psycopg."""
    values = list(values)
    kinds = set(map(type, values))
    if kinds == {int}:
        return "{" + ",".join(map(str, values)) + "}"
    if kinds and kinds <= {str, uuid.UUID, datetime.date}:
        return "{" + ",".join(['"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values]) + "}"
    return values


# The advisory lock that orders the commits of the transactions that log changes (migration 0009).
COMMIT_ORDER_LOCK = 7_468_521_001
numbering_now = contextvars.ContextVar("numbering_now", default=False)


@contextmanager
def numbered_now():
    """Inside, ``log_stored`` numbers the rows it logs as it writes them (PostgreSQL), not at the commit.

    For a bulk write that logs millions of rows shortly before it commits (``generate_dataset``): the
    commit-time trigger would number them one ``UPDATE`` at a time. The commit-order lock is taken at the
    first row so numbered, and held, as the trigger holds it, until the transaction ends: no other
    transaction numbers rows in between, so positions still follow the order of the commits.
    """
    token = numbering_now.set(True)
    try:
        yield
    finally:
        numbering_now.reset(token)


class StoredRow:
    """A ``values()`` row read like an instance."""

    def __init__(self, values):
        self.__dict__.update(values)


class NameChange(models.Model):
    """A change of what answers show that no record's write logs: a user renamed (or deleted), whose
    username answers show (a report's ``reviewed_by``, a history's ``history_user``).

    Not a change of a record, so not in the change feed; its highest id joins the change log's state,
    which keys the lists' ETags, the details' kept ETags and every kept answer (events.api.conditional),
    so a rename moves them all, in every process, as a record's write does.
    """

    time = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=300, help_text="What changed: “user 3 renamed”.")

    def __str__(self):
        return self.reason


class FeedCursor(models.Model):
    """Where a mirror (``manage.py mirror``) stands in a source's change feed: the last page's ``next``."""

    source = models.CharField(max_length=500, unique=True, help_text="The API root of the source.")
    cursor = models.CharField(max_length=40, help_text="The `next` cursor of the last page applied.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.source} at {self.cursor}"


def resume_numbering(using="default"):
    """After a dump is loaded with its change log (which keeps its numbers): number new rows after the last.

    On PostgreSQL the numbers come from a sequence, set here past the highest loaded; on SQLite a row's
    number is its id, which the load's sequence reset already moved past the loaded rows.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval('events_change_position_seq', "
            "GREATEST((SELECT max(position) FROM events_change), 1), "
            "(SELECT max(position) FROM events_change) IS NOT NULL)"
        )
