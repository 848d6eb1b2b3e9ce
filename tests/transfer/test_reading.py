"""Files import_records reads: cells as long as the fields take, and files it cannot read named by file and line."""

import csv

import pytest
from django.core.management import CommandError, call_command

from events.models import Article, Attendance, Event, Participant, Report
from events.models.article import BODY_MAX_LENGTH
from events.rules.values import NOTE_MAX_LENGTH
from tests.factories import ArticleFactory, ReportFactory

pytestmark = pytest.mark.django_db

MODELS = ["participant", "event", "article", "attendance", "report"]


def empty_the_database():
    for model in (Report, Attendance, Event, Article, Participant):
        model.objects.all().delete()


def run(*paths, **options):
    return call_command("import_records", *map(str, paths), no_progress=True, **options)


def test_csv_round_trips_the_longest_text_of_every_bounded_field(tmp_path):
    """An article's text of 500,000 characters quoted whole (the csv module stops at 131,072), and an event's
    description, an attendance's notes and a participant's description at their bounds, over many lines each.

    (An NDJSON import once took a description of 9,000,000 characters, which its CSV export could not carry back:
    every text has a bound now, tests/models/test_text_bounds.py.)"""
    body = "Talks. " * (BODY_MAX_LENGTH // 7) + "x" * (BODY_MAX_LENGTH % 7)
    report = ReportFactory(article=ArticleFactory(body=body), quote=body, status="invited")
    longest = "=A long text.\n" * (NOTE_MAX_LENGTH // 14) + "y" * (NOTE_MAX_LENGTH % 14)
    Event.objects.filter(pk=report.attendance.event_id).update(description=longest)
    Attendance.objects.filter(pk=report.attendance_id).update(notes=longest)
    Participant.objects.filter(pk=report.attendance.participant_id).update(description=longest)
    limit = csv.field_size_limit()  # 131,072, unless a library set its own (frictionless sets 2**31 - 2)
    call_command("export_records", format="csv", output=str(tmp_path / "first"))
    empty_the_database()

    run(*(tmp_path / "first" / f"{name}.csv" for name in MODELS))
    call_command("export_records", format="csv", output=str(tmp_path / "second"))

    assert len(Report.objects.get().quote) == len(Article.objects.get().body) == BODY_MAX_LENGTH
    assert len(Event.objects.get().description) == len(Attendance.objects.get().notes) == NOTE_MAX_LENGTH
    assert len(Participant.objects.get().description) == NOTE_MAX_LENGTH
    for name in MODELS:
        assert (tmp_path / "second" / f"{name}.csv").read_bytes() == (tmp_path / "first" / f"{name}.csv").read_bytes()
    assert csv.field_size_limit() == limit  # set while reading, and given back


def test_a_text_over_its_fields_limit_is_refused_by_its_line(tmp_path, capsys):
    path = tmp_path / "articles.csv"
    path.write_text(
        "model,title,publisher,published_on,body\n"
        f"article,Short,AP,2018-08-22,Short.\narticle,Long,AP,2018-08-22,{'x' * (BODY_MAX_LENGTH + 1)}\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="nothing was written"):
        run(path)
    assert f"articles.csv line 3: body: An article's text holds at most {BODY_MAX_LENGTH:,} characters" in (
        capsys.readouterr().err
    )
    assert not Article.objects.exists()


def test_a_cell_over_the_csv_limit_fails_the_import_by_its_file_and_line(tmp_path, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000  # the limit is then the article's text: 500,001 characters
    limit = csv.field_size_limit()
    path = tmp_path / "participants.csv"
    path.write_text(
        "model,slug,name,kind,description\n"
        "participant,a,A,state,\n"
        f'participant,b,B,state,"two\nlines {"x" * BODY_MAX_LENGTH}"\n'
        "participant,c,C,state,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as raised:
        run(path, skip_invalid=True)
    assert str(raised.value) == (
        f"{path} line 3: A cell holds more than 500,001 characters, more than any field takes. "
        "The file is not read past it. Nothing was written."
    )
    assert not Participant.objects.exists()
    assert not (tmp_path / "participants.rejected.csv").exists()
    assert csv.field_size_limit() == limit


@pytest.mark.parametrize("name", ["participants.csv", "participants.ndjson"])
def test_a_file_that_is_not_utf8_fails_the_import_by_its_file_and_line(tmp_path, name):
    path = tmp_path / name
    if name.endswith(".csv"):
        text = "model,slug,name,kind\nparticipant,a,A,state\nparticipant,cafe,Café,state\n"
    else:
        text = '{"model": "events.participant", "fields": {"slug": "a", "name": "A", "kind": "state"}}\n' * 2
        text += '{"model": "events.participant", "fields": {"slug": "cafe", "name": "Café", "kind": "state"}}\n'
    path.write_bytes(text.encode("latin-1"))
    column = text.splitlines()[2].index("é") + 1
    with pytest.raises(CommandError) as raised:
        run(path, skip_invalid=True)
    assert str(raised.value) == (
        f"{path} line 3: Not UTF-8 (the byte 0xe9 at column {column}): the file must be UTF-8. Nothing was written."
    )
    assert not Participant.objects.exists()


@pytest.mark.parametrize("name", ["participants.csv", "participants.ndjson"])
def test_a_byte_order_mark_is_read_as_nothing(tmp_path, name):
    """Spreadsheets write UTF-8 with a byte-order mark before the header."""
    path = tmp_path / name
    if name.endswith(".csv"):
        text = "model,slug,name,kind\nparticipant,bom,Bom,state\n"
    else:
        text = '{"model": "events.participant", "fields": {"slug": "bom", "name": "Bom", "kind": "state"}}\n'
    path.write_bytes(text.encode("utf-8-sig"))
    run(path)
    assert list(Participant.objects.values_list("slug", "name")) == [("bom", "Bom")]


def test_a_quoted_cell_left_open_fails_the_import_by_its_file_and_line(tmp_path):
    """The csv module read to the end of the file into the open cell: the rows after it were swallowed."""
    path = tmp_path / "participants.csv"
    path.write_text(
        'model,slug,name,kind,description\nparticipant,a,A,state,\nparticipant,b,B,state,"open\n'
        "participant,c,C,state,\nparticipant,d,D,state,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as raised:
        run(path, skip_invalid=True)
    assert str(raised.value).startswith(f"{path} line 3: A quoted cell is not closed")
    assert str(raised.value).endswith("Nothing was written.")
    assert not Participant.objects.exists()


def test_a_column_named_twice_fails_the_import_by_its_file_and_line(tmp_path):
    path = tmp_path / "participants.csv"
    path.write_text("model,slug,name,name,kind\nparticipant,a,A,B,state\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        run(path, skip_invalid=True)
    assert str(raised.value) == (
        f"{path} line 1: The header names the column “name” twice: name each field once. Nothing was written."
    )
    assert not Participant.objects.exists()


def test_an_empty_cell_of_a_field_with_a_default_is_the_default(tmp_path):
    """As a record that does not give the field: ``awaiting_review`` false, no aliases; a text's empty cell is
    still a text, which a field that may not be blank refuses."""
    participants, events = tmp_path / "participants.csv", tmp_path / "events.csv"
    participants.write_text("model,slug,name,kind,aliases\nparticipant,norway,Norway,state,\n", encoding="utf-8")
    events.write_text(
        "model,slug,title,kind,start_date,awaiting_review\nevent,talks,Talks,meeting,2018-09-04,\n", encoding="utf-8"
    )

    run(participants, events)

    assert Event.objects.get().awaiting_review is False
    assert Participant.objects.get().aliases == []


def test_an_awaiting_review_cell_that_is_no_boolean_is_refused_by_its_line(tmp_path, capsys):
    path = tmp_path / "events.csv"
    path.write_text(
        "model,slug,title,kind,start_date,awaiting_review\nevent,talks,Talks,meeting,2018-09-04,maybe\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError, match="nothing was written"):
        run(path)
    assert "events.csv line 2: awaiting_review: “maybe” value must be either True or False." in capsys.readouterr().err
    assert not Event.objects.exists()
