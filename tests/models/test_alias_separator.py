"""An alias holds no "|", which separates a participant's aliases in a CSV cell (the API's CSV, the data package):
"Left|Right" was read back as two aliases (tester 33, J8). Refused alike by the API, the admin and the importer."""

import json

import pytest
from django.core.management import CommandError, call_command

from events.models import Participant
from tests.admin.conftest import admin_url

pytestmark = pytest.mark.django_db

MESSAGE = "“Left|Right”: an alias holds no “|”, which separates a participant's aliases in CSV."


def test_the_api_refuses_it_naming_aliases(token_client):
    body = {"slug": "pipe", "name": "Pipe", "kind": "other", "aliases": ["Left|Right", "Plain"]}

    answer = token_client.post("/api/participants/", body, format="json")

    assert (answer.status_code, answer.json()) == (400, {"aliases": [MESSAGE]})
    assert not Participant.objects.exists()


def test_the_admin_refuses_it_on_the_field(admin_client):
    data = {"slug": "pipe", "name": "Pipe", "kind": "other", "country": "", "aliases": '["Left|Right"]'}
    data.update({"affiliation": "", "wikidata_id": "", "description": "", "_save": "Save"})

    answer = admin_client.post(admin_url(Participant, "add"), data)

    assert answer.status_code == 200
    assert answer.context["adminform"].form.errors == {"aliases": [MESSAGE]}


def test_the_importer_refuses_it_by_line(tmp_path, capsys):
    path = tmp_path / "parties.ndjson"
    record = {"model": "events.participant", "fields": {"slug": "pipe", "name": "Pipe", "kind": "other"}}
    record["fields"]["aliases"] = ["Left|Right"]
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match="1 bad record;"):
        call_command("import_records", str(path), no_progress=True)

    assert f"parties.ndjson line 1: aliases: {MESSAGE}" in capsys.readouterr().err
