"""The bulk CSV (``export_records --format csv``) neutralises spreadsheet formulas and still reads back exactly."""

import csv
import io

import pytest
from django.core.management import call_command

from events.models import Participant
from events.transfer.cells import escaped, neutralised, unescaped
from events.transfer.formats import read_csv
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

NAMES = [f"{start}SUM(A1:A9)" for start in ["=", "+", "-", "@", "\t", "\r"]] + [
    "'=already quoted",
    "'t Hooft",
    "Plain",
]


@pytest.mark.parametrize("value", NAMES)
def test_a_cell_reads_back_as_its_value(value):
    assert unescaped(escaped(value)) == value


@pytest.mark.parametrize(("value", "cell"), [("=1+1", "'=1+1"), ("-3", "'-3"), ("'x", "'x"), ("x=1", "x=1"), (-3, -3)])
def test_neutralised_puts_a_quote_before_a_formula_only(value, cell):
    assert neutralised(value) == cell


def export_csv(tmp_path):
    path = tmp_path / "participants.csv"
    call_command("export_records", model=["participant"], format="csv", output=str(path))
    return path


def test_export_records_csv_neutralises_and_import_restores(tmp_path):
    for number, name in enumerate(NAMES):
        ParticipantFactory(slug=f"p-{number}")
        Participant.objects.filter(slug=f"p-{number}").update(name=name)

    path = export_csv(tmp_path)
    with open(path, newline="", encoding="utf-8") as lines:
        written = {row["slug"]: row["name"] for row in csv.DictReader(lines)}
        lines.seek(0)
        read = {record.fields["slug"]: record.fields["name"] for record in read_csv(lines, model="participant")}

    for number, name in enumerate(NAMES):
        starts_like_a_formula = name[0] in "=+-@\t\r'"
        assert written[f"p-{number}"] == ("'" + name if starts_like_a_formula else name)
        assert read[f"p-{number}"] == name


# serialized_rollback: the flush after a transactional test would make the content types again under new ids, which
# a later test with serialized_rollback (tests/management) could not restore over.
@pytest.mark.django_db(transaction=True, reset_sequences=True, serialized_rollback=True)
def test_export_import_export_gives_the_same_bytes(tmp_path):
    """Round trip through an emptied database: the CSV bytes are the same. (A name that starts with a tab or a
    carriage return, stored before texts were stored trimmed, is imported trimmed: tests/transfer/
    test_trimmed_texts.py.)"""
    names = [name for name in NAMES if name == name.strip()]
    for number, name in enumerate(names):
        ParticipantFactory(slug=f"p-{number}")
        Participant.objects.filter(slug=f"p-{number}").update(name=name)
    first = export_csv(tmp_path).read_bytes()
    Participant.objects.all().delete()
    (tmp_path / "in.csv").write_bytes(first)
    call_command("import_records", str(tmp_path / "in.csv"), model="events.participant", no_progress=True)
    assert export_csv(tmp_path).read_bytes() == first
    assert sorted(Participant.objects.values_list("name", flat=True)) == sorted(names)


def test_read_csv_takes_off_one_quote(tmp_path):
    body = "slug,name,kind\nx,'=1+1,state\ny,''quoted,state\n"
    records = list(read_csv(io.StringIO(body, newline=""), model="participant"))
    assert [record.fields["name"] for record in records] == ["=1+1", "'quoted"]


def test_blank_lines_are_no_records_and_lines_keep_their_numbers():
    """A blank line (a trailing one, as spreadsheets save) is skipped, as in NDJSON; the next row keeps its line."""
    body = "slug,name,kind\nx,X,state\n\ny,Y,state\n\n"
    records = list(read_csv(io.StringIO(body, newline=""), model="participant"))
    assert [(record.line, record.fields["slug"], record.problem) for record in records] == [
        (2, "x", ""),
        (4, "y", ""),
    ]


def test_a_row_of_empty_cells_is_no_record():
    """Tester 35, L7: a spreadsheet's empty row (``,,,,``) stopped an import with "Name the model", though the file
    had a `model` column."""
    body = "model,slug,name,kind\nparticipant,x,X,state\n,,,\n\nparticipant,y,Y,state\n"
    records = list(read_csv(io.StringIO(body, newline="")))
    assert [(record.line, record.fields["slug"], record.problem) for record in records] == [
        (2, "x", ""),
        (5, "y", ""),
    ]
