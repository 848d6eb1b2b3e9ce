"""Bulk writes of records, checked by the models' own rules in batches.

A record is one object of a natural-key fixture (``dumpdata --natural-foreign
--natural-primary``): the model's label and its fields, relations given as the
related record's natural key. The importer builds model instances from records,
runs the validation the API runs (``clean_fields()``, column by column for a batch,
see ``events.transfer.columns``, then each record's ``clean()``), checks uniqueness
with one query per batch instead of one per record, writes with ``executemany`` or
``COPY`` (``events.transfer.writing``), then applies the status rule to the attendances it touched in one
UPDATE. It records history as the other writes do, but in bulk: one ``INSERT ... SELECT`` per batch copies
the rows written into their historical table, right after the batch is written (attendances at the end,
once the status rule has given them their status).
Into empty tables it writes without their indexes but the unique ones and the one it reads, and makes
them once every row is in (``events.transfer.indexes``).
The caller holds the transaction (``import_records`` does).

Records may refer to records already in the database or earlier in the input (a participant's affiliation: any
participant of the same run); a report's reviewer missing here is made (``events.transfer.reviewers``).
"""

import contextlib
from collections import Counter, defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, transaction
from django.utils import timezone

from events.models import Attendance, Participant, Report
from events.models.history import STATUS_REASON, acting
from events.rules.values import as_stored
from events.transfer.indexes import (
    analyze_statement,
    drop_indexes_of_empty_tables,
    index_on,
    make_indexes,
    one_bulk_write_at_a_time,
    record_tables,
)
from events.transfer.keyed import (
    MODELS_BY_LABEL,
    RECORD_MODELS,
    Rejection,
    describe_key,
    unique_checks,
)
from events.transfer.lookups import filter_in, filter_rows_in
from events.transfer.preparing import PROBLEM, can_fork, prepared_here, prepared_in_worker
from events.transfer.recording import ImportHistory
from events.transfer.repeats import check_repeats
from events.transfer.reviewers import TO_MAKE, Reviewers
from events.transfer.writing import BATCH_SIZE, bulk_write, chunked, larger_page_cache, no_cycle_collection
from events.transfer.written import WrittenKeys

# The index the import reads while it writes that is not unique: a batch of reports looks up the stored reports
# of its attendances (``events.transfer.repeats``), the status rule each attendance's reports
# (``events.rules.status``). Without it each batch would read every report written before it.
READ_WHILE_WRITING = [index_on(Report, "attendance", "reported_on")]


class Importer:
    """Validates records by the models' rules and writes the good ones in batches.

    ``on_reject(rejection)`` is called for every bad record; ``written`` counts the
    rows written per model label. Call ``finish()`` after the last record.
    """

    def __init__(self, *, on_reject=None, batch_size=BATCH_SIZE, user=None, new_reviewers=True, read_ahead=None):
        self.on_reject = on_reject or (lambda rejection: None)
        self.reviewers = Reviewers(make=new_reviewers)  # finds related records; a missing reviewer is made
        self.batch_size = batch_size
        # Records read, built and their fields cleaned by a worker process: by default on PostgreSQL only, where
        # this process waits for the server at each statement (``reads_ahead``).
        self.read_ahead = read_ahead
        # Who made every historical row of the import: if not given, whom recorded_as() names.
        self.user = user if user is not None else acting.get()[1]
        self.written = Counter()
        self.rejected = 0
        self.created = defaultdict(list)  # by model: the ids of the rows written, to record at the end
        self.reported_attendances = set()
        self._unique_checks = {model: unique_checks(model) for model in RECORD_MODELS}
        self.written_keys = WrittenKeys()  # of the rows written, for the records that follow
        self.date = timezone.now()  # the import's: of its history, and of the timestamps its records leave out
        self.connection = connections[Report.objects.db]
        self.dropped_indexes = []  # the statements that make them again
        self.analyzed = {}  # by model: the rows written when its table was last analyzed (PostgreSQL)
        self.history = ImportHistory(self.connection, user=self.user, date=self.date)

    def run(self, records):
        """Import an iterable of ``Record``; consecutive records of one model go in batches.

        Where it ``reads_ahead()``, a worker process reads the records, builds them and
        cleans their fields (``events.transfer.preparing``) while this one checks and writes the batch before.
        """
        one_bulk_write_at_a_time(self.connection)
        self.dropped_indexes = drop_indexes_of_empty_tables(
            self.connection, record_tables(RECORD_MODELS), keep=READ_WHILE_WRITING
        )
        prepare = prepared_in_worker if self.reads_ahead() else prepared_here
        with contextlib.closing(prepare(records, self.batch_size, self.date)) as prepared:
            for kind, item in prepared:
                if kind == PROBLEM:
                    self.reject(item, {NON_FIELD_ERRORS: [item.problem]})
                else:
                    self.flush(item)
        self.finish()

    def reads_ahead(self):
        """Whether a worker process prepares the batches: as asked, else on PostgreSQL (where processes fork).

        On PostgreSQL this process spends about half an import waiting for the server, and the worker's work fits
        in it; on SQLite every write is this process's own work, and the worker is faster only with a core to
        itself (bench/RESULTS.md, "Import at 20,000 events: a worker process reads ahead").
        """
        wanted = self.connection.vendor == "postgresql" if self.read_ahead is None else self.read_ahead
        return wanted and can_fork()

    def reject(self, record, errors):
        self.rejected += 1
        self.on_reject(Rejection(record, errors))

    # --------------------------------------------------------------------------
    # One batch of one model
    # --------------------------------------------------------------------------
    def flush(self, prepared):
        """Check a batch made ready (``events.transfer.preparing.Prepared``) against the database, write its good
        records."""
        model, records = prepared.model, prepared.records
        if model is None:
            labels = ", ".join(MODELS_BY_LABEL)
            for record in records:
                self.reject(record, {"model": [f"Unknown model “{record.model}”: give one of {labels}."]})
            return
        errors, instances, links = prepared.errors, prepared.instances, prepared.links
        to_make = {}  # {index: (field, key)}: a reviewer this database has none of, made if the record is written
        in_batch = self.resolve(model, instances, links, errors, prepared.own_keys, to_make)
        prepared.errors_after(errors)  # the fields' messages, after the relations'
        self.validate(model, instances, errors, prepared.curated)
        self.check_unique(model, records, instances, errors)
        if model is Report:
            check_repeats(records, instances, errors)
        if in_batch:
            self.check_links_in_batch(model, records, instances, in_batch, errors)
        good = {index for index in range(len(instances)) if not errors[index]}
        for index, record in enumerate(records):
            if errors[index]:
                self.reject(record, errors[index])
        self.reviewers.make_for([(instances[index], *to_make[index]) for index in sorted(good & to_make.keys())])
        self.write(model, instances, good, in_batch)
        self.written_keys.remember(model, instances, links, good)

    def resolve(self, model, instances, links, errors, own_keys, to_make):
        """Set each relation from its natural key; return the links to records of this same batch.

        ``own_keys``: each record's natural key as given, when the batch refers to its own model. A reviewer to
        make (``events.transfer.reviewers``) goes in ``to_make``, made once the record is found good."""
        wanted = defaultdict(set)
        for record_links in links:
            for field, key in record_links.items():
                wanted[field.related_model].add(key)
        batch_keys = {}
        if model in wanted:
            # by the key as stored: a record may name another of its batch by a key written otherwise
            batch_keys = {as_stored(key): index for index, key in enumerate(own_keys)}
            wanted[model] = {key for key in wanted[model] if as_stored(key) not in batch_keys}
        found = {}
        for related, keys in wanted.items():
            found[related] = self.written_keys.found(related, keys)
            found[related].update(self.reviewers.find(related, keys - found[related].keys()))
        in_batch = {}
        for index, (instance, record_links) in enumerate(zip(instances, links, strict=True)):
            for field, key in record_links.items():
                related = found[field.related_model].get(key)
                if field.related_model is model and as_stored(key) in batch_keys:
                    in_batch[index] = (field, batch_keys[as_stored(key)])
                elif related is TO_MAKE:
                    to_make[index] = (field, key)
                elif type(related) is int:  # a row this import wrote, kept by its id (``WrittenKeys``)
                    instance.__dict__[field.attname] = related
                elif related is not None:
                    # As setting ``instance.<relation>`` does, without the descriptor's checks: the id and
                    # the related record, which the rules read (an event's host, an article's text).
                    instance.__dict__[field.attname] = related.pk
                    field.set_cached_value(instance, related)
                else:
                    errors[index][field.name] = [describe_key(field.related_model, key)]
        return in_batch

    def validate(self, model, instances, errors, curated):
        """The model rules, as ``full_clean()`` runs them but for uniqueness: the fields were cleaned column by
        column (``events.transfer.preparing``), each good record's ``clean()`` runs here. Relations were found
        in batches, so their one-query-each existence check is skipped. ``curated``: the attendances that give
        their status."""
        for index in validation_order(model, instances):
            if errors[index]:
                continue  # clean() reads values and relations that must first be valid
            instance = instances[index]
            if model is Attendance and index not in curated:
                # As for a fixture: the status a record gives is the curator's; its reports then take over.
                instance.apply_status_rule()
            try:
                instance.clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    errors[index].setdefault(field, messages)

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
        attnames = check.attnames
        queryset = model._default_manager.order_by()
        if check.condition is not None:
            queryset = queryset.filter(check.condition)
        existing = set()
        for chunk in chunked(candidates, BATCH_SIZE):
            if len(attnames) == 1:
                rows = filter_in(queryset, attnames[0], [value[0] for value in chunk])
            else:
                rows = filter_rows_in(queryset, attnames, chunk)
            existing.update(row for row in rows.values_list(*attnames) if row in candidates)
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
        if model is not Attendance:  # recorded now, while its pages are in the cache; attendances at the end
            self.history.record(model, [row.pk for row in rows], "+")
        if model is Report:
            self.reported_attendances.update(row.attendance_id for row in rows)
            self.keep_statistics(model)

    def keep_statistics(self, model):
        """PostgreSQL: ``ANALYZE`` (which counts the transaction's own rows) each time the rows written doubled.

        Without statistics the planner found each batch's stored reports (the repeated-report rule) by hashing
        the whole table, a cost growing with the square of the import; with them it probes the index."""
        written = self.written[model._meta.label_lower]
        if self.connection.vendor == "postgresql" and written >= 2 * self.analyzed.get(model, self.batch_size):
            self.analyzed[model] = written
            self.analyze([model])

    def finish(self):
        """Apply the status rule to the attendances this import wrote or reported on, then record their history.

        Every row written is recorded as created, as the import leaves it: a participant, event, article
        or report as soon as its batch is written (nothing changes it afterwards), a new attendance here,
        with the status its reports gave it; an existing attendance as changed, saying why, if its status
        did change (its version went up). All at one date, the import's; then ``settle_review()``.

        First the indexes ``run()`` dropped are made again, now that every row is in: before the status rule's
        UPDATE, which then keeps them. Made after it, PostgreSQL would find the attendances it changed in place
        (HOT updates, no indexed column changed) and, until the import's transaction is over, plan nothing with
        the new indexes of their table (``pg_index.indcheckxmin``).
        """
        self.history.log_changes()  # the indexes of the log are made once its lines are in
        make_indexes(self.connection, self.dropped_indexes)
        self.analyze(RECORD_MODELS)
        new_attendances = set(self.created[Attendance])
        for chunk in chunked(sorted(new_attendances), BATCH_SIZE):
            # New attendances keep the timestamps of their records.
            filter_in(Attendance.objects.all(), "id", chunk).refresh_status_in_bulk(touch=False)
        changed = []
        for chunk in chunked(sorted(self.reported_attendances - new_attendances), BATCH_SIZE):
            attendances = filter_in(Attendance.objects.all(), "id", chunk)
            versions = dict(attendances.values_list("pk", "version"))
            attendances.refresh_status_in_bulk(touch=True)
            changed += [pk for pk, version in attendances.values_list("pk", "version") if version != versions[pk]]
        self.history.record(Attendance, self.created[Attendance], "+")
        self.history.record(Attendance, changed, "~", reason=STATUS_REASON)
        self.history.log_changes()
        for chunk in chunked(sorted(new_attendances | self.reported_attendances), BATCH_SIZE):
            filter_in(Attendance.objects.all(), "id", chunk).settle_review()
        if self.reported_attendances:
            self.analyze([Attendance])  # the statuses the rule just gave them: the status filter's estimates

    def analyze(self, models):
        """Fresh planner statistics for the tables this import wrote to.

        PostgreSQL: an import is one transaction, which autovacuum cannot see into. Without
        statistics the planner may find an attendance's latest report, for the status rule, by
        walking every report in date order: millions of rows, for each attendance. SQLite keeps
        no statistics unless asked: without them it reads a million attendances and sorts them
        all for a page in their default order, where walking the events' date index takes a
        millisecond (docs/performance.md). Both read every index whole: seconds, at a million rows.
        On PostgreSQL the articles' index expressions (their full-text vectors) are left out (``COLUMNS_ONLY``).
        """
        models = [model for model in models if self.created[model]]
        if not models or self.connection.vendor not in ("postgresql", "sqlite"):
            return
        with self.connection.cursor() as cursor:
            for model in models:
                columns = [field.column for field in model._meta.concrete_fields]
                cursor.execute(analyze_statement(self.connection, model._meta.db_table, columns))


def validation_order(model, instances):
    """The order to check a batch in: reports article by article, so that the quote rule's memo of normalised
    texts (``events.rules.quotes.normalize``) holds each article's text while its reports are checked."""
    if model is not Report:
        return range(len(instances))
    return sorted(range(len(instances)), key=lambda index: instances[index].article_id or 0)


def import_records(records, *, skip_invalid=False, on_reject=None, user=None, new_reviewers=True, read_ahead=False):
    """Validate and write ``records`` in one transaction; return the ``Importer``.

    Nothing is written when a record is bad, unless ``skip_invalid``, which writes the good ones.
    Every row written is recorded in its history, by ``user`` (none from the command line).
    ``read_ahead``: the records are read, built and their fields cleaned by a worker process, which
    inherits ``records`` (``Importer.run``); give it records no other process reads. None: on PostgreSQL
    only (``Importer.reads_ahead``).
    """
    with no_cycle_collection(), larger_page_cache(), transaction.atomic():
        importer = Importer(on_reject=on_reject, user=user, new_reviewers=new_reviewers, read_ahead=read_ahead)
        importer.run(records)
        if importer.rejected and not skip_invalid:
            transaction.set_rollback(True)
            importer.written.clear()
    return importer
