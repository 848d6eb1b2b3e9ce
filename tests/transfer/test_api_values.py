"""Values as the API takes or refuses them, taken or refused alike by import_records: a country in any of its
forms, a NUL in a text."""

import json

import pytest
from django.core.management import CommandError, call_command

from events.api.fields import CountryCodeField
from events.models import Event, Participant
from events.rules.places import no_country
from tests.transfer.test_importer import event, import_fails, participant, run, talks

pytestmark = pytest.mark.django_db

COUNTRIES = [("af", "AF"), ("RUS", "RU"), ("Kazakhstan", "KZ"), ("Switzerland", "CH"), ("RU", "RU"), ("", "")]


def test_a_country_is_taken_as_the_api_takes_it_and_stored_as_its_code(ndjson):
    """A code in any case or an English name (SPEC v2), by the rule the API's writes follow."""
    api_field = CountryCodeField(allow_blank=True)
    assert [api_field.to_internal_value(given) for given, _code in COUNTRIES] == [code for _given, code in COUNTRIES]
    records = [participant(f"p{n}", country=given) for n, (given, _code) in enumerate(COUNTRIES)]
    records += [event("geneva-talks", city="Geneva", country="switzerland")]

    run(ndjson(records))

    assert list(Participant.objects.order_by("pk").values_list("country", flat=True)) == [c for _g, c in COUNTRIES]
    geneva = Event.objects.get()
    assert (geneva.country.code, round(geneva.latitude), round(geneva.longitude)) == ("CH", 46, 6)


def test_a_country_that_names_none_is_refused_by_its_line(ndjson, capsys):
    err = import_fails(ndjson([participant("a", country="ru"), participant("b", country="Narnia")]), capsys)
    assert f"line 2: country: {no_country('Narnia')}" in err
    assert "line 1" not in err


NUL = "Null characters are not allowed."


def test_the_api_refuses_a_nul_in_a_text(token_client):
    answer = token_client.post("/api/participants/", {"slug": "n", "name": "N\x00", "kind": "state"}, format="json")
    assert (answer.status_code, answer.json()["name"]) == (400, [NUL])


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        (1, "name", "N\x00"),  # the tester's record
        (2, "description", "A long text\x00" * 10),
        (2, "aliases", ["Taleban", "Tali\x00ban"]),
        (3, "title", "Moscow\x00talks"),
        (3, "city", "Moscow\x00"),
        (4, "body", "\x00" + "Kabul said it will not attend the talks."),
        (7, "quote", "Kabul said\x00"),
        (7, "via", "Reuters\x00"),
        (3, "host", ["afghanistan\x00"]),
        (5, "participant", "afghanistan\x00"),
        (7, "attendance", ["moscow-talks", "afghanistan\x00"]),
    ],
)
def test_a_nul_in_a_text_is_refused_by_its_file_line_and_field(ndjson, capsys, line, field, value):
    records = talks()
    records[line - 1]["fields"][field] = value
    path = ndjson(records)
    err = import_fails(path, capsys)
    assert f"{path} line {line}: {field}: {NUL}" in err
    assert not Participant.objects.exists()


def test_a_nul_in_a_csv_cell_is_refused_by_its_line_and_field(tmp_path, capsys):
    path = tmp_path / "participants.csv"
    path.write_bytes(b"model,slug,name,kind\nparticipant,a,A,state\nparticipant,b,B\x00,state\n")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)
    assert f"{path} line 3: name: {NUL}" in capsys.readouterr().err
    assert not Participant.objects.exists()


SURROGATE = "Surrogate characters are not allowed: U+D800."


def test_the_api_refuses_a_lone_surrogate_in_a_text(token_client):
    body = '{"slug": "n", "name": "N\\ud800", "kind": "state"}'  # JSON's escape: no codec writes the character
    answer = token_client.post("/api/participants/", body, content_type="application/json")
    assert (answer.status_code, answer.json()["name"]) == (400, [SURROGATE])


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        (1, "name", "P\ud800x"),  # tester 37's record (N1): a traceback from the write
        (2, "aliases", ["Taleban", "Tali\ud800ban"]),
        (3, "title", "Moscow\ud800talks"),
        (7, "quote", "Kabul said\ud800"),
        (3, "host", ["afghanistan\ud800"]),  # a key: never looked up (PostgreSQL's driver cannot send it)
        (7, "attendance", ["moscow-talks", "afghanistan\ud800"]),
    ],
)
def test_a_lone_surrogate_in_a_text_is_refused_by_its_file_line_and_field(ndjson, capsys, line, field, value):
    """JSON's ``\\ud800`` escape reads as a character UTF-8 cannot encode: refused in the API's words."""
    records = talks()
    records[line - 1]["fields"][field] = value
    path = ndjson(records)
    err = import_fails(path, capsys)
    assert f"{path} line {line}: {field}: {SURROGATE}" in err
    assert "Traceback" not in err
    assert not Participant.objects.exists()


def test_a_lone_surrogate_in_a_csv_cell_of_json_is_refused_by_its_line_and_field(tmp_path, capsys):
    path = tmp_path / "participants.csv"
    path.write_text('slug,name,kind,aliases\np1,P,state,"[""a\\ud800""]"\n')
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), model="participant", no_progress=True)
    assert f"{path} line 2: aliases: {SURROGATE}" in capsys.readouterr().err
    assert not Participant.objects.exists()


@pytest.mark.parametrize("format", ["ndjson", "csv"])
def test_a_bad_choice_is_refused_in_the_apis_words(tmp_path, capsys, token_client, format):
    """Tester 38, P6: the import said Django's "Value 'zzz' is not a valid choice.", listing no valid choice."""
    path = tmp_path / f"people.{format}"
    if format == "csv":
        path.write_text("slug,name,kind\nrd,Bad,zzz\n")
    else:
        path.write_text(
            json.dumps({"model": "events.participant", "fields": {"slug": "rd", "name": "Bad", "kind": "zzz"}})
        )
    answer = token_client.post("/api/participants/", {"slug": "rd", "name": "Bad", "kind": "zzz"}, format="json")

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), model="participant", no_progress=True)

    line = 2 if format == "csv" else 1
    assert f"{path} line {line}: kind: {answer.json()['kind'][0]}" in capsys.readouterr().err
