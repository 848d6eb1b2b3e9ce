"""``manage.py loaddata``: Django's, with a dump (``dumpdata``'s output) loaded exactly as it was dumped.

A fixture written by hand (the seed, a curator's file) goes through every rule as it loads: each
record is validated, an attendance's status follows its reports as they come, and each record
created or changed gets a historical row "Loaded from a fixture". A dump is a database's stored
state: its rows are validated the same way, then written as they are, derived fields (an
attendance's curated status), versions and history included (``events.models.signals``).
"""

import io
import json
import os
import sys

from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management import CommandError
from django.core.management.commands import loaddata
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError
from django.utils.functional import cached_property

from events.models.signals import loading_as_dumped
from events.rules.values import as_stored
from events.transfer.dumps import read_dump
from events.transfer.exact_json import records_with_lines


class Command(loaddata.Command):
    help = (
        "Installs the named fixture(s) in the database. A fixture written by dumpdata (its records carry "
        "their version) is loaded exactly as it was dumped, with its history; any other fixture goes through "
        "the rules of every write (docs/operations.md, Backups and restore)."
    )

    def loaddata(self, fixture_labels):
        """Load, or fail with a message naming the file, the record and the field; nothing is written then
        (``handle()`` runs this in one transaction)."""
        self.serialization_formats = serializers.get_public_serializer_formats()  # what find_fixtures() reads
        self.objects_seen, self.fixture_file = 0, None
        self.keys_seen = {}  # (model, natural key): where the record that has it was read
        self.ids_seen = {}  # model: the ids of its records loaded, or None if its table had rows before
        dumps = [self.read_dump(label) for label in fixture_labels]
        try:
            if all(ids is None for ids in dumps):
                super().loaddata(fixture_labels)
                return
            with loading_as_dumped({key: pk for ids in dumps if ids for key, pk in ids.items()}):
                super().loaddata(fixture_labels)
        except (DeserializationError, DatabaseError) as error:
            # Django's own message names the file (a file it cannot read), or the record (a broken reference)
            cause = error.__cause__  # Django's reader raises its DeserializationError from the parser's error
            message = str(error).rstrip(": ") if cause is None else f"{str(error).rstrip(': ')}: {cause}"
            raise CommandError(message) from error
        except ValidationError as error:
            # A value Django's XML reader converts itself (a record's id, a relation's) that it cannot convert:
            # the record being read is the one after the last passed on.
            raise CommandError(f"{self.place(self.fixture_file, self.index() + 1)}: {describe(error)}") from error

    def save_obj(self, obj):
        self.objects_seen += 1
        unknown = getattr(obj, "unknown_fields", ())  # left out by the reader (events.transfer.exact_json)
        if unknown:
            raise CommandError(f"{self.where(obj)}: {'; '.join(f'{name}: Unknown field.' for name in unknown)}")
        self.refuse_repeat(obj)
        self.refuse_overwrite(obj)
        try:
            saved = super().save_obj(obj)
        except ValidationError as error:
            raise CommandError(f"{self.where(obj)}: {describe(error)}") from error
        except (DatabaseError, ValueError) as error:
            raise CommandError(f"{self.where(obj)}: {error}") from error
        if obj.deferred_fields:
            self.tell_deferred(obj)
        return saved

    def refuse_repeat(self, obj):
        """Two records of the load with one natural key are a mistake, as in ``import_records``: Django would save
        the second over the first."""
        record = obj.object
        natural = natural_key_of(record)
        if natural is None:
            return  # none to compare: a field it is made of is refused when the record is saved
        key = (record._meta.label_lower, natural)
        if key in self.keys_seen:
            first = self.keys_seen[key]()
            raise CommandError(f"{self.where(obj)}: repeats the record of {first} (the same natural key).")
        file, index = self.fixture_file, self.index()
        self.keys_seen[key] = lambda: self.place(file, index)  # told only if repeated: finding a line reads the file

    def refuse_overwrite(self, obj):
        """A record given with an id that another record holds (a dump made without ``--natural-primary`` loaded into
        a database that has records, or two records of the load with one id) is refused: Django would write it over
        that record, unseen (tester 43, L9). Only an id met before in the load, or in a table that had rows when the
        load first met it, is looked up."""
        record = obj.object
        given = natural_key_of(record)
        if record.pk is None or given is None:
            return
        model = type(record)
        rows = model._base_manager.db_manager(self.using)
        if model not in self.ids_seen:
            self.ids_seen[model] = set() if not rows.exists() else None  # None: look every id up
        seen = self.ids_seen[model]
        if seen is not None and record.pk not in seen:
            seen.add(record.pk)
            return
        stored = rows.filter(pk=record.pk).first()
        held = natural_key_of(stored) if stored is not None else None
        if held is not None and held not in (given, as_stored(given)):  # " kabul " names "kabul" (as_stored)
            raise CommandError(
                f"{self.where(obj)}: the id {record.pk} is the {record._meta.verbose_name} “{'/'.join(held)}” in "
                "this database, which loading would overwrite. Load a dump made with --natural-primary (its "
                "records are matched by their natural keys), or load into an empty database."
            )

    def tell_deferred(self, obj):
        """A record naming a record not loaded yet (later in the files, itself) is saved again once all are read:
        a refusal then, or a key that names no record, is told by its place too."""
        # Told only if refused: finding a line reads the file.
        file, index, label, save = self.fixture_file, self.index(), self.label(obj), obj.save_deferred_fields

        def save_deferred_fields(using=None):
            try:
                save(using=using)
            except ValidationError as error:
                raise CommandError(f"{self.place(file, index)} ({label}): {describe(error)}") from error
            except DeserializationError as error:
                where = f"{self.place(file, index)} ({label})"
                raise CommandError(f"{where}: {'; '.join(unresolved(obj, using))}") from error

        obj.save_deferred_fields = save_deferred_fields

    def where(self, obj):
        """The file, the line (a JSON file) or the number of a record, and the record, for a message."""
        return f"{self.place(self.fixture_file, self.index())} ({self.label(obj)})"

    def index(self):
        """The number of the record being loaded in its file (from 1)."""
        return self.objects_seen - self.fixture_object_count  # Django counts a file's records when it ends

    @staticmethod
    def label(obj):
        record = obj.object
        key = natural_key_of(record) or (record.pk,)
        return f"{record._meta.label_lower} {'/'.join(map(str, key))}"

    @staticmethod
    def place(file, index):
        if file in (None, loaddata.READ_STDIN):
            return f"standard input, record {index}"
        line = record_line(file, index)
        return f"{file}, {'record' if line is None else 'line'} {index if line is None else line}"

    def read_dump(self, label):
        """``None`` when no file of ``label`` is a dump, else the ids the dumps' history gives their records."""
        found = None
        for fixture_file, _, _ in self.find_fixtures(label):
            _, serialization_format, compression = self.parse_name(os.path.basename(fixture_file))
            open_method, mode = self.compression_formats[compression]
            fixture = open_method(fixture_file, mode)
            try:
                ids = read_dump(fixture, serialization_format)
            except Exception:  # not readable: Django's deserializer, next, says where and why
                ids = None
            finally:
                fixture.close()
            if ids is not None:
                found = {**(found or {}), **ids}
        return found

    @cached_property
    def compression_formats(self):
        # Standard input is read once and kept, so that it can be looked at before it is loaded; the file
        # opened last is the one being loaded, for the messages.
        formats = {**super().compression_formats, "stdin": (lambda *args: io.StringIO(self.standard_input), None)}
        return {name: (self.noting_the_file(open_method), mode) for name, (open_method, mode) in formats.items()}

    def noting_the_file(self, open_method):
        def open_noted(path, *args):
            self.fixture_file = path
            return open_method(path, *args)

        return open_noted

    @cached_property
    def standard_input(self):
        return sys.stdin.read()


def natural_key_of(record):
    """``record``'s natural key as texts, or None: it has none, or a field it is made of cannot give it yet (a date
    not read, a relation not loaded), which the record is refused for when it is saved."""
    if not hasattr(record, "natural_key"):
        return None
    try:
        return tuple(map(str, record.natural_key()))
    except (ObjectDoesNotExist, AttributeError, TypeError, ValueError):
        return None


def unresolved(obj, using):
    """``field: why`` for each relation of a deferred record whose natural key names no record."""
    for field, key in obj.deferred_fields.items():
        model = field.related_model
        try:
            model._default_manager.db_manager(using).get_by_natural_key(*key)
        except (model.DoesNotExist, TypeError, ValueError):
            yield f"{field.name}: No {model._meta.verbose_name} has the key {json.dumps(key)}."


def describe(error):
    """A ``ValidationError`` as one line: ``field: message`` for each field's message."""
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)


def record_line(path, index):
    """The line on which the ``index``-th record (from 1) of a JSON or JSON Lines fixture opens, else ``None``."""
    if not str(path).endswith((".json", ".jsonl")):
        return None
    try:
        with open(path, encoding="utf-8-sig") as file:
            text = file.read()
    except (OSError, UnicodeError):
        return None
    if str(path).endswith(".jsonl"):
        lines = (number for number, line in enumerate(text.splitlines(), 1) if line.strip())
        return next((number for seen, number in enumerate(lines, 1) if seen == index), None)
    return next((line for seen, (line, _record) in enumerate(records_with_lines(text), 1) if seen == index), None)
