"""A record's provenance (an event's, a confirmed party's: the extraction assistant's note, for curators) leaves the
database only by the commands that back it up, and comes back by them: export_records and import_records, dumpdata
and loaddata. The API serves it in no format (tests/services/test_proposals.py, tests/services/test_parties.py)."""

import pytest
from django.core.management import call_command

from events.models import Event, Participant
from tests.factories import EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

NOTE = "Proposed by the extraction assistant from “Talks in Doha”."


@pytest.fixture
def noted():
    EventFactory(slug="talks", description="Talks on the port.")
    ParticipantFactory(slug="front", description="An armed group.")
    Event.objects.update(provenance="Proposed by the extraction assistant from article 8.")
    Participant.objects.update(provenance=NOTE)


def stored():
    fields = ("slug", "description", "provenance")
    return sorted([*Event.objects.values_list(*fields), *Participant.objects.values_list(*fields)])


@pytest.mark.parametrize("format", ["ndjson", "csv"])
def test_export_records_keeps_it_and_import_records_restores_it(noted, tmp_path, format):
    before = stored()
    out = tmp_path if format == "csv" else tmp_path / "records.ndjson"
    call_command("export_records", "--model", "participant", "--model", "event", format=format, output=str(out))
    Event.objects.all().delete()
    Participant.objects.all().delete()

    files = [tmp_path / "participant.csv", tmp_path / "event.csv"] if format == "csv" else [out]
    call_command("import_records", *map(str, files), format=format, no_progress=True)

    assert stored() == before
    assert dict(Participant.objects.values_list("slug", "provenance")) == {"front": NOTE}


def test_a_dump_keeps_it_and_loaddata_restores_it(noted, tmp_path):
    before = stored()
    dump = tmp_path / "dump.json"
    call_command("dumpdata", "events.participant", "events.event", output=str(dump), natural_primary=True)
    Event.objects.all().delete()
    Participant.objects.all().delete()

    call_command("loaddata", str(dump), verbosity=0)

    assert stored() == before
