"""``manage.py loaddata``: Django's, with a dump (``dumpdata``'s output) loaded exactly as it was dumped.

A fixture written by hand (the seed, a curator's file) goes through every rule as it loads: each
record is validated, an attendance's status follows its reports as they come, and each record
created or changed gets a historical row "Loaded from a fixture". A dump is a database's stored
state: its rows are validated the same way, then written as they are, derived fields (an
attendance's curated status), versions and history included (``events.models.signals``).
"""

import io
import os
import sys

from django.core import serializers
from django.core.management.commands import loaddata
from django.utils.functional import cached_property

from events.models.signals import loading_as_dumped
from events.transfer.dumps import read_dump


class Command(loaddata.Command):
    help = (
        "Installs the named fixture(s) in the database. A fixture written by dumpdata (its records carry "
        "their version) is loaded exactly as it was dumped, with its history; any other fixture goes through "
        "the rules of every write (docs/operations.md, Backups and restore)."
    )

    def loaddata(self, fixture_labels):
        self.serialization_formats = serializers.get_public_serializer_formats()  # what find_fixtures() reads
        dumps = [self.read_dump(label) for label in fixture_labels]
        if all(ids is None for ids in dumps):
            super().loaddata(fixture_labels)
            return
        with loading_as_dumped({key: pk for ids in dumps if ids for key, pk in ids.items()}):
            super().loaddata(fixture_labels)

    def read_dump(self, label):
        """``None`` when no file of ``label`` is a dump, else the ids the dumps' history gives their records."""
        found = None
        for fixture_file, _, _ in self.find_fixtures(label):
            _, serialization_format, compression = self.parse_name(os.path.basename(fixture_file))
            open_method, mode = self.compression_formats[compression]
            fixture = open_method(fixture_file, mode)
            try:
                ids = read_dump(fixture, serialization_format)
            finally:
                fixture.close()
            if ids is not None:
                found = {**(found or {}), **ids}
        return found

    @cached_property
    def compression_formats(self):
        # Standard input is read once and kept, so that it can be looked at before it is loaded.
        return {**super().compression_formats, "stdin": (lambda *args: io.StringIO(self.standard_input), None)}

    @cached_property
    def standard_input(self):
        return sys.stdin.read()
