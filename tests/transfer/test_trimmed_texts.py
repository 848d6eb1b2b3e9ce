"""A text is stored trimmed whichever entry point it comes by: the API (DRF's ``trim_whitespace``), the admin (Django
forms' ``strip``), ``import_records`` (NDJSON and CSV) and a fixture written by hand (tester 46, D3); a dump is loaded
exactly as dumped. A choice is not trimmed: " summit " is refused as the API refuses it."""

import json

import pytest
from django.core.management import call_command

from events.models import Article, Attendance, Event, Participant, Report
from tests.transfer.test_importer import BODY, article, attendance, event, import_fails, participant, report, run

pytestmark = pytest.mark.django_db

QUOTE = "Kabul said it will not attend the talks"
PADDED = {
    "participant": {"name": "  Padded Name  ", "description": "\tWho they are.\n", "wikidata_id": " Q42 "},
    "event": {"title": " Spaced ", "city": " Kyiv ", "description": " What it is. "},
    "article": {"url": " https://example.org/talks ", "body": f"  {BODY}\n"},
    "attendance": {"notes": " noted "},
    "report": {"quote": f" {QUOTE} ", "via": " Reuters "},
}
TRIMMED = {model: {name: value.strip() for name, value in fields.items()} for model, fields in PADDED.items()}
MODELS = {"participant": Participant, "event": Event, "article": Article, "attendance": Attendance, "report": Report}


def records():
    """A participant, an event, an article, an attendance and a report, each with its texts padded."""
    return [
        participant("padded", **PADDED["participant"]),
        event("spaced", **PADDED["event"]),
        article(**PADDED["article"]),
        attendance("spaced", "padded", **PADDED["attendance"]),
        report("spaced", "padded", "declined", "2018-08-22", PADDED["report"]["quote"], via=PADDED["report"]["via"]),
    ]


def stored():
    return {
        model: dict(zip(fields, MODELS[model].objects.values_list(*fields).get(), strict=True))
        for model, fields in TRIMMED.items()
    }


def through_the_api(client, _tmp_path):
    for record in records()[:3]:
        model, fields = record["model"].split(".")[1], record["fields"]
        answer = client.post(f"/api/{model}s/", fields, format="json")
        assert answer.status_code == 201, answer.json()
    fields = records()[4]["fields"]
    written = {**fields, "event": "spaced", "participant": "padded", "article": Article.objects.get().pk}
    del written["attendance"]
    answer = client.post("/api/reports/", written, format="json")
    assert answer.status_code == 201, answer.json()
    attendance_row = Attendance.objects.get()
    answer = client.patch(f"/api/attendances/{attendance_row.pk}/", PADDED["attendance"], format="json")
    assert answer.status_code == 200, answer.json()


def through_ndjson(_client, tmp_path):
    path = tmp_path / "records.ndjson"
    path.write_text("".join(json.dumps(record) + "\n" for record in records()), encoding="utf-8")
    run(path)


def through_a_fixture(_client, tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records()), encoding="utf-8")
    call_command("loaddata", str(path), verbosity=0)


@pytest.mark.parametrize("write", [through_the_api, through_ndjson, through_a_fixture])
def test_one_padded_text_is_stored_trimmed_by_every_entry_point(token_client, tmp_path, write):
    write(token_client, tmp_path)
    assert stored() == TRIMMED


def test_a_csv_import_stores_texts_trimmed_and_the_filters_find_them(tmp_path, token_client):
    """The tester's file: ``?city=Kyiv`` (whole match) missed the imported event, stored " Kyiv "."""
    path = tmp_path / "events.csv"
    path.write_text(
        "slug,title,kind,start_date,city,country,description\n"
        'ws-ev2, Spaced ,summit,2026-08-02, Kyiv ,UA,"  What it is.\n"\n',
        encoding="utf-8",
    )
    call_command("import_records", str(path), model="event", no_progress=True)
    assert Event.objects.values_list("title", "city", "description").get() == ("Spaced", "Kyiv", "What it is.")
    found = token_client.get("/api/events/", {"city": "Kyiv", "fields": "slug"}).json()
    assert [row["slug"] for row in found["results"]] == ["ws-ev2"]


def test_a_record_imported_padded_is_written_back_as_read_with_no_new_version(ndjson, token_client):
    """A PUT of the values as read writes nothing (api.md): the name the import stored is the one the API stores."""
    run(ndjson([participant("nm2-p", name="  padded name  ")]))
    read = token_client.get("/api/participants/nm2-p/")
    record = read.json()
    writable = {name: record[name] for name in ["slug", "name", "kind", "country", "aliases", "description"]}

    answer = token_client.put("/api/participants/nm2-p/", writable, format="json", HTTP_IF_MATCH=read["ETag"])

    assert answer.status_code == 200, answer.json()
    assert (answer.json()["name"], answer.json()["version"]) == ("padded name", 1)


def test_a_padded_choice_is_refused_as_the_api_refuses_it(ndjson, capsys, token_client):
    err = import_fails(ndjson([event("spaced", kind=" summit ")]), capsys)
    assert "line 1: kind: “ summit ” is not a valid choice." in err
    answer = token_client.post("/api/events/", {**event("spaced", kind=" summit ")["fields"]}, format="json")
    assert answer.status_code == 400
    assert answer.json()["kind"][0].startswith("“ summit ” is not a valid choice.")


def test_a_dump_is_loaded_exactly_as_dumped(tmp_path):
    """A dump is a stored state, not a curator's input: its texts are kept as they were (``loading_as_dumped``)."""
    run_path = tmp_path / "hand.json"
    run_path.write_text(json.dumps([participant("kept", name="Kept")]), encoding="utf-8")
    call_command("loaddata", str(run_path), verbosity=0)
    Participant.objects.filter(slug="kept").update(name=" Kept as stored ")  # stored before the rule
    dump = tmp_path / "dump.json"
    call_command("dumpdata", "events.participant", output=str(dump), verbosity=0)
    Participant.objects.all().delete()

    call_command("loaddata", str(dump), verbosity=0)

    assert Participant.objects.get().name == " Kept as stored "
