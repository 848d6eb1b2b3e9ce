"""Every command that reads JSON from a file keeps the API's limit on nesting (``MAX_JSON_DEPTH``): a text nested
deeper is refused naming the file and the line, and nothing is written. Python's reader ended in a
``RecursionError`` traceback (tester 47, 1)."""

import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from events.models import Article, Participant

pytestmark = pytest.mark.django_db

TOO_DEEP = f"ested deeper than the limit of {settings.MAX_JSON_DEPTH} levels"  # N or n, as the sentence has it


def nested(depth):
    return "[" * depth + '"x"' + "]" * depth


def record(slug, aliases='["x"]'):
    fields = '{"slug": "' + slug + '", "name": "P", "kind": "state", "aliases": ' + aliases + "}"
    return '{"model": "events.participant", "fields": ' + fields + "}"


def cell(depth):
    return '"' + nested(depth).replace('"', '""') + '"'


@pytest.mark.parametrize("depth", [5_000, settings.MAX_JSON_DEPTH - 1])  # the record itself is two levels
def test_import_records_refuses_an_ndjson_line_nested_too_deep(tmp_path, capsys, depth):
    path = tmp_path / "deep.ndjson"
    path.write_text(record("ok") + "\n" + record("deep", nested(depth)) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match="1 bad record; nothing was written"):
        call_command("import_records", str(path), no_progress=True)

    assert f"{path} line 2: N{TOO_DEEP} (column " in capsys.readouterr().err
    assert not Participant.objects.exists()


def test_import_records_refuses_a_csv_cell_nested_too_deep(tmp_path, capsys):
    path = tmp_path / "deep.csv"
    path.write_text(f"model,slug,name,kind,aliases\nparticipant,ok,P,state,\nparticipant,deep,P,state,{cell(5_000)}\n")

    with pytest.raises(CommandError, match="1 bad record; nothing was written"):
        call_command("import_records", str(path), no_progress=True)

    limit = settings.MAX_JSON_DEPTH
    assert f"{path} line 3: aliases: n{TOO_DEEP} (at column {limit + 1})." in capsys.readouterr().err
    assert not Participant.objects.exists()


def test_a_cell_at_the_limit_is_read(tmp_path):
    """The limit is the API's: 100 levels are JSON the field then judges (a list of names, which this is not)."""
    path = tmp_path / "at.csv"
    path.write_text(f"model,slug,name,kind,aliases\nparticipant,p,P,state,{cell(settings.MAX_JSON_DEPTH)}\n")
    with pytest.raises(CommandError) as refused:
        call_command("import_records", str(path), no_progress=True)
    assert TOO_DEEP not in str(refused.value)


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_loaddata_refuses_a_fixture_nested_too_deep_naming_its_line(tmp_path, name):
    path = tmp_path / name
    records = [record("ok"), record("deep", nested(5_000))]
    path.write_text("\n".join(records) + "\n" if name.endswith("l") else "[\n" + ",\n".join(records) + "\n]\n")

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)

    line = 2 if name.endswith("l") else 3
    assert f"'{path}': line {line}: N{TOO_DEEP} (column " in str(refused.value)
    assert not Participant.objects.exists()


def test_ingest_article_refuses_metadata_nested_too_deep(tmp_path):
    text, meta = tmp_path / "article.txt", tmp_path / "deep.json"
    text.write_text("Russia declined to attend the summit.\n", encoding="utf-8")
    meta.write_text('{"title": "T", "publisher": "P",\n "published_on": ' + nested(5_000) + "}", encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        call_command("ingest_article", str(text), "--meta", str(meta), "--dry-run")

    assert str(refused.value) == f"{meta}: line 2: n{TOO_DEEP}"
    assert not Article.objects.exists()


def test_the_api_and_the_files_say_the_same_limit(token_client):
    response = token_client.post("/api/participants/", nested(5_000), content_type="application/json")
    assert response.status_code == 400
    assert json.loads(response.content)["detail"] == f"The JSON body is n{TOO_DEEP}."
