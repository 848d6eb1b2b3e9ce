"""Every field of every record given a value of another kind: written, or refused by line and field, never a crash.

A number for a date once raised a TypeError from Django's date parsing, and a null for a field that holds none an
IntegrityError at the write: both tracebacks, where the importer's promise is an error naming the line.
"""

import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from events.models import Participant
from tests.transfer.test_importer import participant, talks

pytestmark = pytest.mark.django_db

OTHER_KINDS = [None, "", 12345, -1, 1.5, True, 10**30, [], [1], ["a", "b", "c", "d"], {"a": 1}, "x" * 3000]
STAMPS = ["created_at", "updated_at", "uid", "version"]  # the import's own fields a record may give


def test_a_value_of_any_kind_in_any_field_is_written_or_refused_by_its_line(tmp_path, capsys):
    base = talks()
    path = tmp_path / "records.ndjson"
    crashes, unnamed = [], []
    for line, record in enumerate(base, start=1):
        for field in [*record["fields"], *STAMPS]:
            for value in OTHER_KINDS:
                records = json.loads(json.dumps(base))
                records[line - 1]["fields"][field] = value
                path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
                savepoint = transaction.savepoint()
                try:
                    call_command("import_records", str(path), no_progress=True)
                except CommandError:
                    # its own line, or (a key changed: "12345" is a good slug) the lines that name it
                    if not re.search(r" line \d+: \w+: ", capsys.readouterr().err):
                        unnamed.append((record["model"], field, value))
                except Exception as error:  # a crash: what this test is for
                    crashes.append((record["model"], field, repr(value)[:20], f"{type(error).__name__}: {error}"))
                finally:
                    transaction.savepoint_rollback(savepoint)
                    capsys.readouterr()
    assert crashes == []
    assert unnamed == []


def test_a_null_where_the_database_holds_none_names_the_field(tmp_path, capsys):
    records = talks()
    records[4]["fields"]["event"] = None  # an attendance's event
    records[3]["fields"]["body"] = None  # an article's text
    path = tmp_path / "records.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)
    err = capsys.readouterr().err
    assert "line 5: event: This field cannot be null." in err
    assert "line 4: body: This field cannot be null." in err


@pytest.mark.parametrize(
    ("line", "left_out"),
    [(5, "event"), (5, "participant"), (7, "attendance"), (7, "article")],
)
def test_a_required_relation_left_out_names_the_field(ndjson, capsys, line, left_out):
    """It was written as null, and the write failed with an IntegrityError traceback (NOT NULL constraint failed)."""
    records = talks()
    del records[line - 1]["fields"][left_out]
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(ndjson(records)), no_progress=True)
    err = capsys.readouterr().err
    assert f"records.ndjson line {line}: {left_out}: This field is required." in err
    assert not Participant.objects.exists()


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_number_that_is_none_is_refused_naming_the_field(tmp_path, capsys, number):
    """Python's JSON reader takes NaN and the infinities: NaN was written as a null latitude beside a longitude."""
    path = tmp_path / "records.ndjson"
    lines = [json.dumps(record) for record in talks()]
    lines[2] = lines[2].replace('"fields": {', f'"fields": {{"latitude": {number}, "longitude": 3, ', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)
    assert "records.ndjson line 3: latitude: A valid number is required." in capsys.readouterr().err
    assert not Participant.objects.exists()


@pytest.mark.parametrize("cell", ["nan", "inf", "-Infinity", "1e999"])
def test_a_csv_number_that_is_none_is_refused_naming_the_field(tmp_path, capsys, cell):
    path = tmp_path / "events.csv"
    path.write_text(
        f"model,slug,title,kind,start_date,city,latitude,longitude\nevent,talks,Talks,peace_talks,2018-09-04,Moscow,{cell},3\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)
    assert "events.csv line 2: latitude: A valid number is required." in capsys.readouterr().err


@pytest.mark.parametrize("value", [["x"], {"a": 1}, True, False, 5, 1.5, []])
@pytest.mark.parametrize(("line", "field"), [(1, "name"), (3, "description"), (7, "via")])
def test_a_text_given_as_another_kind_of_value_is_refused_naming_the_field(ndjson, capsys, value, line, field):
    """As the API refuses it: it was stored as its Python repr ("['x']", "True", "5")."""
    records = talks()
    records[line - 1]["fields"][field] = value
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(ndjson(records)), no_progress=True)
    assert f"records.ndjson line {line}: {field}: Not a valid string." in capsys.readouterr().err
    assert not Participant.objects.exists()


def test_a_text_given_as_another_kind_is_refused_among_good_texts(ndjson, capsys):
    """The column is cleaned value by value when its values are of several kinds."""
    records = talks(*(participant(f"p{number}", name=f"P {number}") for number in range(5)))
    records[9]["fields"]["name"] = 7
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(ndjson(records)), no_progress=True)
    err = capsys.readouterr().err
    assert "records.ndjson line 10: name: Not a valid string." in err
    assert err.count("Not a valid string.") == 1
