"""The rules for the writes that bypass ``Model.save()`` and ``Model.delete()``.

``loaddata`` saves raw (``save_base(raw=True)``), skipping ``save()`` and ``full_clean()``,
and a queryset ``delete()`` skips ``Model.delete()``. A report's ordinary save and delete
refresh its attendance themselves (``Report.save()``, ``Report.delete()``); these receivers
do the same for fixtures and bulk deletes, and validate what a fixture loads.

A fixture that ``dumpdata`` wrote is a stored state, not a curator's input: inside
``loading_as_dumped()`` (the project's ``loaddata`` opens it for such a fixture) every row is
written exactly as dumped, derived fields, version and history included; the status rule and
the history of the records the fixture brings none for are settled once, when the load ends.

A user's username shows in answers (``reviewed_by``, a history's user) though no record is written when
it changes: renaming or deleting a user logs a ``NameChange``, which moves the key of kept answers.
"""

import contextvars
from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.db import router
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from events.models import Article, Attendance, Event, Participant, Report
from events.models.changes import Change, NameChange, resume_numbering
from events.models.history import FIXTURE_REASON, acting

RECORDS = (Participant, Event, Attendance, Article, Report)
HISTORIES = {record.history.model: record for record in RECORDS}
BATCH = 500  # ids per INSERT ... SELECT, well under SQLite's limit of query parameters


class DumpLoad:
    """What a load of dumped records wrote, for what is settled when it ends."""

    def __init__(self, original_ids=None):
        # {(record class, natural key): id} for records dumped without their id (dumpdata --natural-primary).
        self.original_ids = original_ids or {}
        self.changes = defaultdict(dict)  # record class -> {pk: "+" created or "~" changed}
        self.histories = defaultdict(set)  # record class -> pks whose historical rows the fixture brought
        self.attendances = set()  # the attendances whose reports were loaded

    def restore_id(self, instance):
        """Give a record dumped without its id the id its history names, when no stored row has it."""
        if instance.pk is not None:
            return
        pk = self.original_ids.get((type(instance), tuple(map(str, instance.natural_key()))))
        if pk is not None and not type(instance)._base_manager.filter(pk=pk).exists():
            instance.pk = pk

    def finish(self):
        """Record the history the fixture did not bring, then apply the status rule once to each attendance.

        Run after the load has reset the database's sequences, so new historical rows get fresh ids; the
        change log's numbering goes on after the highest number the dump brought.
        """
        resume_numbering(router.db_for_write(Change))
        for record, changes in self.changes.items():
            by_change = defaultdict(list)
            for pk, change in changes.items():
                if pk not in self.histories[record]:
                    by_change[change].append(pk)
            for change, pks in by_change.items():
                for start in range(0, len(pks), BATCH):
                    record.history_recorder.record_stored(pks[start : start + BATCH], change, reason=FIXTURE_REASON)
        # A consistent dump changes nothing here: its statuses are already the ones its reports give, so only
        # the attendances that do not follow them (found in SQL, a batch at a time) are refreshed.
        attendances = sorted(self.attendances)
        for start in range(0, len(attendances), BATCH):
            batch = Attendance.objects.filter(pk__in=attendances[start : start + BATCH])
            stale = list(batch.not_following_reports().values_list("pk", flat=True))
            Attendance.objects.filter(pk__in=stale).refresh_status(touch=False)
            batch.settle_review()


dump_load = contextvars.ContextVar("dump_load", default=None)


@contextmanager
def loading_as_dumped(original_ids=None):
    """Inside, raw saves keep every field of a row exactly as the fixture gives it (see the module).

    The rules still check each row as it comes (fields, ``clean()``, repeated reports); when the
    block ends without an error, ``DumpLoad.finish()`` settles the history and the statuses.
    """
    load = DumpLoad(original_ids)
    token = dump_load.set(load)
    try:
        yield load
    finally:
        dump_load.reset(token)
    load.finish()


@receiver(pre_save, sender=Participant)
@receiver(pre_save, sender=Event)
@receiver(pre_save, sender=Article)
@receiver(pre_save, sender=Report)
@receiver(pre_save, sender=Attendance)
def validate_fixture_record(sender, instance, raw, **kwargs):
    """Fixtures obey the same field and model rules as the API and the admin."""
    if not raw:
        return
    load = dump_load.get()
    if load is not None:
        load.restore_id(instance)
        instance.as_dumped = True
    instance.clean_fields()
    if isinstance(instance, Attendance):
        if load is None:
            # Its reports may not be loaded yet: they refresh the status as they come.
            instance.apply_status_rule()
        else:
            # As dumped: the curated status stays the fixture's, whatever the status now is.
            instance.follow_reports()
    instance.clean()
    if isinstance(instance, Report):
        instance.check_not_repeated()
    if isinstance(instance, Event | Attendance) and load is None:
        instance.keep_on_record()  # as a save: only the status rule takes it off (events.models.review)
    # loaddata writes the row as given: settle its version and what its history records.
    if load is None:
        instance.settle_raw_save()
    else:
        instance.settle_dumped_save()
    if isinstance(instance, Report):
        # The attendance a changed report had, so that moving it refreshes both.
        instance.attendance_left_id = (
            None
            if instance.pk is None
            else Report.objects.filter(pk=instance.pk).values_list("attendance_id", flat=True).first()
        )


@receiver(post_save, sender=Report)
def refresh_status_after_raw_save(sender, instance, raw, **kwargs):
    if not raw:
        return  # Report.save() did it.
    affected = {instance.attendance_id, getattr(instance, "attendance_left_id", None)} - {None}
    load = dump_load.get()
    if load is None:
        Attendance.objects.filter(pk__in=affected).refresh_status(touch=False)
    else:
        load.attendances |= affected


@receiver(post_save)
def note_dumped_save(sender, instance, raw, **kwargs):
    """In a load of dumped records: note each row written, and each record whose history came with it."""
    load = dump_load.get()
    if not raw or load is None:
        return
    if sender in HISTORIES:
        load.histories[HISTORIES[sender]].add(instance.id)
    elif sender in RECORDS:
        if instance.dumped_change is not None:
            load.changes[sender].setdefault(instance.pk, instance.dumped_change)
        if sender is Attendance:
            load.attendances.add(instance.pk)


@receiver(post_save, sender=Attendance)
def settle_review_after_raw_save(sender, instance, raw, **kwargs):
    """A fixture's attendance with a verified report goes on the public record, and one on it puts its event
    there, as saves do (a dump's rows are settled when its load ends)."""
    if raw and dump_load.get() is None:
        Attendance.objects.filter(pk=instance.pk).settle_review()


@receiver(post_delete, sender=Report)
def refresh_status_after_bulk_delete(sender, instance, origin=None, **kwargs):
    # Report.delete() refreshes for itself; when the report goes because its attendance or event
    # is deleted, there is nothing to refresh.
    if isinstance(origin, QuerySet) and origin.model is Report:
        Attendance.objects.filter(pk=instance.attendance_id).refresh_status()


@receiver(pre_delete, sender=Participant)
def release_affiliates(sender, instance, **kwargs):
    """The participants that belong to one being deleted lose their affiliation as a write of theirs: a new
    version, a historical row saying why, a change in the feed. (The delete's own ``SET_NULL`` is one UPDATE that
    records none of them: tester 43, M1.) Every delete fires it, a queryset's and a cascade's too."""
    reason = acting.get()[0] or f"Its body “{instance.name}” was deleted."  # a merge's deletion: the merge's
    Participant.objects.using(kwargs.get("using")).filter(affiliation=instance.pk).update_each(
        reason, affiliation=None
    )


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def note_username_before(sender, instance, update_fields=None, **kwargs):
    """The username as stored, before a save that may change it (not read for a sign-in's ``last_login``)."""
    field = sender.USERNAME_FIELD
    instance._username_before = None
    if instance.pk is None or (update_fields is not None and field not in update_fields):
        return
    stored = sender._base_manager.using(kwargs.get("using")).filter(pk=instance.pk).values_list(field, flat=True)
    instance._username_before = stored.first()


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def log_renamed_user(sender, instance, created, **kwargs):
    before = getattr(instance, "_username_before", None)
    if not created and before is not None and before != instance.get_username():
        NameChange.objects.using(kwargs.get("using")).create(reason=f"user {instance.pk} renamed")


@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def log_deleted_user(sender, instance, **kwargs):
    NameChange.objects.using(kwargs.get("using")).create(reason=f"user {instance.pk} deleted")
