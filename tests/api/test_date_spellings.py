"""A day is written YYYY-MM-DD, and only so, at every entry point (tester 31, G13): ``2026-W05-1`` was stored as
26 January, ``20260201`` and ``2026-2-1`` as 1 February, while the message said YYYY-MM-DD and the filters
refused some of them (``events.rules.values.is_plain_date``)."""

import json

import pytest
from django.core.management import CommandError, call_command

from events.models import Event

pytestmark = pytest.mark.django_db

OTHER_SPELLINGS = ["2026-W05-1", "20260201", "2026-2-1", "2026-02-01\n", "2026-02-1"]
EVENT = {"slug": "talks", "title": "Talks", "kind": "meeting"}


@pytest.mark.parametrize("day", OTHER_SPELLINGS)
def test_a_write_refuses_another_spelling_of_a_day(token_client, day):
    answer = token_client.post("/api/events/", {**EVENT, "start_date": day}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {"start_date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]}
    assert token_client.post("/api/events/", {**EVENT, "start_date": "2026-02-01"}, format="json").status_code == 201


@pytest.mark.parametrize("day", OTHER_SPELLINGS)
def test_a_filter_refuses_another_spelling_of_a_day(api_client, day):
    answer = api_client.get("/api/events/", {"date_after": day})

    assert answer.status_code == 400
    assert list(answer.json()) == ["date_after"]


def event_line(day):
    return json.dumps({"model": "events.event", "fields": {**EVENT, "start_date": day}}) + "\n"


@pytest.mark.parametrize("day", OTHER_SPELLINGS[:3])
def test_an_import_refuses_it_by_line_and_field(tmp_path, capsys, day):
    path = tmp_path / "records.ndjson"
    path.write_text(event_line(day))

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)

    assert f"records.ndjson line 1: start_date: “{day}” value has an invalid date format." in capsys.readouterr().err
    assert not Event.objects.exists()


@pytest.mark.parametrize("day", OTHER_SPELLINGS[:3])
def test_a_fixture_refuses_it_by_line_and_field(tmp_path, day):
    path = tmp_path / "records.jsonl"
    path.write_text(event_line(day))

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)

    assert f", line 1 (events.event talks): start_date: “{day}” value has an invalid date format." in str(
        refused.value
    )
    assert not Event.objects.exists()
