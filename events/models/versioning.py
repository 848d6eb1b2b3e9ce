"""What every record is built on: timestamps, a version that every write raises, and natural keys."""

import copy
import datetime
import functools

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django_countries.fields import CountryField

from events.models.history import FIXTURE_REASON, deletions_recorded_together
from events.rules.choices import in_the_apis_words
from events.rules.places import stored_country
from events.rules.values import (
    NOT_A_NUMBER,
    NOT_TEXT,
    NotText,
    as_stored,
    composed,
    holds_nul,
    is_plain_date,
    is_plain_number,
    trimmed,
    unstorable,
)

TEXTS = models.CharField | models.TextField


def trims(field):
    """Whether a field's text is stored trimmed (``events.rules.values.trimmed``): a text, not a choice."""
    return isinstance(field, TEXTS) and field.choices is None


def is_day(field):
    """Whether ``field`` holds a day (a ``DateField``, not a ``DateTimeField``, which is one too in Python)."""
    return isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)


def bad_date(field, value):
    """The field's own refusal of a date that is not written ``YYYY-MM-DD`` (``events.rules.values``)."""
    return ValidationError(field.error_messages["invalid"], code="invalid", params={"value": value})


class TimeStampedModel(models.Model):
    """Adds ``created_at`` and ``updated_at``.

    Both use ``default`` rather than ``auto_now*`` so that fixtures, which save
    raw and skip ``Field.pre_save``, load without them and keep them when given.
    """

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    # Loaded from a dump (``loading_as_dumped()``): a stored state, whose rules of new input (a new slug's case, a
    # text trimmed) it was written before.
    as_dumped = False

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        self.updated_at = timezone.now()
        if update_fields is not None:
            update_fields = {*update_fields, "updated_at"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def clean_fields(self, exclude=None):
        """Django's checks of each field, and the rules of values that the model fields do not carry.

        As the API and the admin take them: a country given by name or three-letter code is stored as its
        alpha-2 code (``events.rules.places``); a text is a string and holds no NUL, a number is finite
        (``events.rules.values``). Fixtures and every other ``full_clean()`` go through here.
        """
        exclude = set(exclude or ())
        errors = {}
        for field in self._meta.concrete_fields:
            if field.name in exclude:
                continue
            if (
                isinstance(field, CountryField)
                and not field.multiple
                and not holds_nul(self.__dict__.get(field.attname))
            ):
                setattr(self, field.attname, stored_country(self.__dict__.get(field.attname)))
            # as stored: a country's attribute reads as a Country, its value is the code
            value = self.__dict__.get(field.attname)
            if type(value) is str and isinstance(field, TEXTS) and composed(value) is not value:
                value = composed(value)  # stored composed: "é" as one character (tester 43, L8)
                setattr(self, field.attname, value)
            if type(value) is str and trims(field) and not self.as_dumped and trimmed(value) is not value:
                value = trimmed(value)  # as the API and the admin store it; a dump as dumped (tester 46, D3)
                setattr(self, field.attname, value)
            if isinstance(field, TEXTS) and (isinstance(value, NotText) or not isinstance(value, str | None)):
                errors[field.name] = [ValidationError(NOT_TEXT, code="invalid")]
            elif isinstance(field, TEXTS | models.JSONField) and (refused := unstorable(value)) is not None:
                errors[field.name] = [refused]
            elif isinstance(field, models.FloatField) and not is_plain_number(value):
                errors[field.name] = [ValidationError(NOT_A_NUMBER, code="invalid")]
            elif is_day(field) and not is_plain_date(value):
                errors[field.name] = [bad_date(field, value)]
            elif isinstance(field, models.DateField) and not isinstance(value, str | datetime.date | None):
                errors[field.name] = [bad_date(field, value)]  # 20190101, true or a list (tester 38, P4)
            elif is_day(field) and isinstance(value, datetime.datetime):
                errors[field.name] = [bad_date(field, value.isoformat())]  # a time for a day (a YAML time: P5)
        try:
            super().clean_fields(exclude=exclude | errors.keys())
        except ValidationError as error:
            for name, refused in error.error_dict.items():
                field = self._meta.get_field(name)
                value = self.__dict__.get(field.attname)
                errors[name] = in_the_apis_words(field, value, ValidationError(refused)).error_list
        if errors:
            raise ValidationError(errors)


class RecordChanged(Exception):
    """A write that expected a version of a record that is no longer the stored one."""

    def __init__(self, record, expected):
        self.record, self.expected = record, expected
        name = record._meta.verbose_name
        super().__init__(
            f"This {name} was changed or deleted by someone else since version {expected} was read: "
            "nothing was written. Read it again and redo your change on the current version."
        )


class RecordQuerySet(models.QuerySet):
    # The relations a row of this record is read with, declared once: the API's lists and details,
    # the admin and the history endpoints all select them.
    listed_with = ()

    def for_listing(self):
        """The records as a list row reads them: with the relations of ``listed_with``."""
        return self.select_related(*self.listed_with) if self.listed_with else self

    def visible(self, everything):
        """The rows a reader sees: all for one who may review (``everything``); records with no review, all."""
        return self

    def update_each(self, reason, **changes):
        """``update()`` whose every row gets a new version and a historical row saying ``reason``.

        For the services that change many records at once (reviews, merges): their changes are kept
        like any other write. One UPDATE and one history insert per row; returns how many rows.
        """
        rows = list(self.order_by("pk"))
        for row in rows:
            row.write_derived(reason, **changes)
        return len(rows)

    def delete(self):
        # The history of every row a cascade deletes is written in one insert per model.
        with deletions_recorded_together(self.db):
            return super().delete()


# What a save that changes nothing else would change anyway: no reason to write.
NOT_COMPARED = frozenset({"version", "updated_at"})


@functools.cache
def holds_json(model):
    """Whether ``model`` has a field whose value may be edited in place (a JSON list or object)."""
    return any(isinstance(field, models.JSONField) for field in model._meta.concrete_fields)


class VersionedModel(TimeStampedModel):
    """A record with a ``version`` that every write raises by one, and a history of every change.

    A save of a record read earlier is one conditional ``UPDATE ... WHERE version =
    <the version read>``: when another write came first, nothing is written and
    ``RecordChanged`` is raised, so of two writers racing from the same version
    exactly one wins. ``delete()`` claims the version the same way first. Every
    entry point (API, admin, services, commands) goes through here.

    A save that changes no stored field (its derived ones, set by the record's ``save()`` before this one, as
    computed) writes nothing: no version, no ``updated_at``, no history, no change-feed entry, so nobody's ETag
    goes stale for nothing. It still checks the version read: ``RecordChanged`` when another write came first.
    """

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised by one on every write; the API's ETag carries it."
    )

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if self._state.adding:
            super().save(*args, update_fields=update_fields, **kwargs)
            self.note_stored()
            return
        expected = self.version
        if self.changes_nothing(update_fields):
            if not type(self)._base_manager.filter(pk=self.pk, version=expected).exists():
                raise RecordChanged(self, expected)
            return
        if update_fields is not None:
            update_fields = {*update_fields, "version"}
        self.version, self.expected_version = expected + 1, expected
        try:
            super().save(*args, update_fields=update_fields, **kwargs)
        except BaseException:
            self.version = expected
            raise
        finally:
            del self.expected_version
        self.note_stored(update_fields)

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update, *args, **kwargs):
        # The one place the version is checked: the UPDATE itself (Model._save_table calls this).
        expected = getattr(self, "expected_version", None)
        if expected is not None:
            base_qs = base_qs.filter(version=expected)
        updated = super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update, *args, **kwargs)
        if expected is not None and not updated:
            raise RecordChanged(self, expected)
        return updated

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        if holds_json(cls):  # a copy that an edit in place (an alias appended) does not reach
            values = [copy.deepcopy(value) if isinstance(value, list | dict) else value for value in values]
        record.stored_values = dict(zip(field_names, values, strict=True))  # the hot path of every read: no loop
        return record

    def note_stored(self, names=None):
        """Keep the values of the fields ``names`` (names or attnames; ``None``: every field loaded) as stored now,
        beside the ones kept before: a later save compares with them (``changes_nothing``)."""
        stored = getattr(self, "stored_values", None) if names is not None else None
        stored = {} if stored is None else stored
        for field in self._meta.concrete_fields:
            name = field.attname
            if name in NOT_COMPARED or name not in self.__dict__:
                continue
            if names is None or name in names or field.name in names:
                value = self.__dict__[name]
                stored[name] = copy.deepcopy(value) if isinstance(value, list | dict) else value  # a JSON field
        self.stored_values = stored

    def changes_nothing(self, update_fields=None):
        """Whether a save would write only what is stored (a record read with ``from_db``, its loaded fields)."""
        stored = getattr(self, "stored_values", None)
        if stored is None:
            return False
        for field in self._meta.concrete_fields:
            name = field.attname
            if name in NOT_COMPARED or name not in self.__dict__:  # deferred: not saved either
                continue
            if update_fields is not None and field.name not in update_fields and name not in update_fields:
                continue
            if name not in stored or stored[name] != self.__dict__[name]:
                return False
        return True

    def delete(self, using=None, keep_parents=False):
        # Model.delete(), with the version claimed between collecting (which raises ProtectedError
        # before anything is written) and deleting.
        if self.pk is None:
            raise ValueError(f"{self._meta.object_name} object can't be deleted because its id is None.")
        using = using or router.db_for_write(type(self), instance=self)
        collector = Collector(using=using, origin=self)
        collector.collect([self], keep_parents=keep_parents)
        with deletions_recorded_together(using):
            self.claim_version(using)
            return collector.delete()

    def claim_version(self, using=None):
        """Raise the stored version if it is still the one read, or raise ``RecordChanged``."""
        claimed = (
            type(self)
            ._base_manager.using(using)
            .filter(pk=self.pk, version=self.version)
            .update(version=models.F("version") + 1)
        )
        if not claimed:
            raise RecordChanged(self, self.version)
        self.version += 1
        self.version_claimed = True

    def write_derived(self, reason, *, touch=True, **changes):
        """Write fields derived from other records (not anybody's edit): one conditional UPDATE, a new
        version and a historical row saying why."""
        if touch:
            changes["updated_at"] = timezone.now()
        with transaction.atomic(using=router.db_for_write(type(self), instance=self), savepoint=False):
            updated = (
                type(self)
                ._base_manager.filter(pk=self.pk, version=self.version)
                .update(**changes, version=self.version + 1)
            )
            if not updated:
                raise RecordChanged(self, self.version)
            for name, value in changes.items():
                setattr(self, name, value)
            self.note_stored(changes)
            self.version += 1
            self._change_reason = reason
            try:
                type(self).history_recorder.record(self, "~")
            finally:
                del self._change_reason

    def settle_raw_save(self):
        """Before ``loaddata`` writes this row as given: keep the stored version when nothing changes,
        raise it when something does, and say what the history should record.

        A record the fixture gives without its timestamps (a file written by hand) keeps the stored row's
        ``created_at``, and its ``updated_at`` unless something changes: loaded again, it changes nothing.
        """
        given = getattr(self, "fixture_fields", None)  # the fields the fixture's record names; None: all of them
        stored = type(self)._base_manager.filter(pk=self.pk).first() if self.pk is not None and given else None
        for name in ("created_at", "updated_at"):
            if stored is not None and name not in given:
                setattr(self, name, getattr(stored, name))
        stored, unchanged = self.compared_with_stored()
        if stored is not None and not unchanged and given is not None and "updated_at" not in given:
            self.updated_at = timezone.now()
        self._change_reason = FIXTURE_REASON
        if stored is None:
            self.fixture_change = "+"
            return
        self.version = stored.version if unchanged else stored.version + 1
        self.fixture_change = None if unchanged else "~"

    def settle_dumped_save(self):
        """Before ``loaddata`` writes this row as ``dumpdata`` wrote it (``loading_as_dumped()``).

        A new row keeps its dumped version; a stored row that changes gets a version above both
        the dumped and the stored one, so an ETag read before the load never matches it again.
        Its history is settled when the load ends, so none is recorded now.
        """
        stored, unchanged = self.compared_with_stored()
        self.fixture_change = None
        if stored is None:
            self.dumped_change = "+"
            return
        self.version = stored.version if unchanged else max(self.version, stored.version + 1)
        self.dumped_change = None if unchanged else "~"

    def compared_with_stored(self):
        """The stored row of this record (``None`` when there is none) and whether only its version differs."""
        stored = type(self)._base_manager.filter(pk=self.pk).first() if self.pk is not None else None
        if stored is None:
            return None, False
        fields = [field.attname for field in self._meta.concrete_fields if field.attname != "version"]
        return stored, all(getattr(stored, name) == getattr(self, name) for name in fields)


class NaturalKeyManager(models.Manager):
    """A manager whose records are found by the lookups in ``natural_key_lookups``, in natural key order."""

    natural_key_lookups = ()

    def get_by_natural_key(self, *key):
        if any(unstorable(part) is not None for part in key):
            # no record has one, and PostgreSQL's driver cannot even send it (tester 37, N1: a fixture's traceback)
            raise self.model.DoesNotExist(f"No {self.model._meta.verbose_name} has the natural key {key!r}.")
        try:
            return self.get(**dict(zip(self.natural_key_lookups, key, strict=True)))
        except self.model.DoesNotExist:
            if as_stored(key) == key:
                raise
        # a key written otherwise than its record stores it: " kabul " for "kabul" (events.rules.values.as_stored)
        return self.get(**dict(zip(self.natural_key_lookups, as_stored(key), strict=True)))
