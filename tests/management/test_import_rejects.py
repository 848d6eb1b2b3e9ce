"""``import_records --skip-invalid``: every bad record is kept in a reject file, and no input is written over."""

import json

import pytest
from django.core.management import CommandError, call_command

from events.models import Event, Participant

pytestmark = pytest.mark.django_db


def lines(*records):
    return "".join(json.dumps({"model": model, "fields": fields}) + "\n" for model, fields in records)


def participant(slug, kind="state"):
    return ("events.participant", {"slug": slug, "name": slug.title(), "kind": kind})


def event(slug, kind="meeting"):
    return ("events.event", {"slug": slug, "title": slug.title(), "kind": kind, "start_date": "2020-01-01"})


def skip_invalid(*paths, **options):
    call_command("import_records", *map(str, paths), skip_invalid=True, no_progress=True, **options)


def test_one_reject_file_for_several_ndjson_files_keeps_every_bad_line(tmp_path, capsys):
    """Tester 37, N5: the second file's bad lines were lost (two handles on one file wrote over each other)."""
    first, second = tmp_path / "r1.ndjson", tmp_path / "r2.ndjson"
    first.write_text(lines(participant("ok1"), participant("bad1", kind="zzz")))
    second.write_text(lines(event("ok2"), event("bad2", kind="qqq")))
    rejects = tmp_path / "all.ndjson"

    skip_invalid(first, second, rejects=str(rejects))

    bad = [first.read_text().splitlines()[1], second.read_text().splitlines()[1]]
    assert sorted(rejects.read_text().splitlines()) == sorted(bad)
    assert (Participant.objects.get().slug, Event.objects.get().slug) == ("ok1", "ok2")
    assert f"Skipped 2 bad records: see {rejects}." in capsys.readouterr().out


def test_one_reject_file_for_several_files_of_which_one_is_csv_is_refused_before_anything_is_read(tmp_path):
    """Tester 37, N5: CSV rows come under their file's header; one file held a garble of several files' rejects."""
    csv = tmp_path / "participants.csv"
    csv.write_text("slug,name,kind\nn1,N1,zzz\n")
    ndjson = tmp_path / "events.ndjson"
    ndjson.write_text(lines(event("e1")))
    rejects = tmp_path / "all.csv"

    with pytest.raises(CommandError, match=r"--rejects .*all\.csv: one file cannot hold .*nothing was written"):
        skip_invalid(csv, ndjson, rejects=str(rejects), model="participant")

    assert not rejects.exists() and not Event.objects.exists()


@pytest.mark.parametrize("which", ["the given --rejects", "the default beside another input"])
def test_a_reject_file_that_is_an_input_is_refused_and_the_input_kept(tmp_path, which):
    """Tester 37, N6: `--rejects rej.csv ... rej.csv` replaced the user's file with its two bad rows."""
    source = tmp_path / "rej.csv"
    source.write_text("slug,name,kind\np1,P1,state\np2,P2,bogus\n")
    given = source.read_text()
    if which == "the given --rejects":
        paths, options = [source], {"rejects": str(source)}
    else:
        other = tmp_path / "rej.rejected.csv"  # where rej.csv's bad rows would go by default
        other.write_text("slug,name,kind\np3,P3,state\n")
        paths, options = [source, other], {}

    with pytest.raises(CommandError, match=r"rej(\.rejected)?\.csv is an input and where the bad records"):
        skip_invalid(*paths, model="participant", **options)

    assert source.read_text() == given and not Participant.objects.exists()


def test_without_rejects_each_input_has_its_own_reject_file(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.ndjson"
    first.write_text("slug,name,kind\nn1,N1,zzz\nn2,N2,state\n")
    second.write_text(lines(event("bad", kind="qqq"), event("good")))

    skip_invalid(first, second, model="participant")

    assert (tmp_path / "a.rejected.csv").read_text().splitlines() == ["slug,name,kind", "n1,N1,zzz"]
    assert (tmp_path / "b.rejected.ndjson").read_text().splitlines() == [second.read_text().splitlines()[0]]


@pytest.mark.parametrize("end", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_a_csv_files_bad_rows_are_copied_with_its_line_ends(tmp_path, end):
    """Tester 38, P6: the bad rows of a file of LF lines came back with CRLF, csv's own line end."""
    source = tmp_path / "people.csv"
    source.write_bytes(end.join(["slug,name,kind", "n1,N1,zzz", 'n2,"N2",state', ""]).encode())

    skip_invalid(source, model="participant")

    assert (tmp_path / "people.rejected.csv").read_bytes() == end.join(["slug,name,kind", "n1,N1,zzz", ""]).encode()


def test_bad_records_are_told_in_the_file_s_order(tmp_path, capsys):
    """Tester 43, L2: they were told in the order of the checks (a line that is no JSON before a bad record above)."""
    path = tmp_path / "odd.ndjson"
    path.write_text(lines(participant("a", kind="alien")) + "{not json\n")

    with pytest.raises(CommandError, match="2 bad records; nothing was written"):
        call_command("import_records", str(path), no_progress=True)

    told = [line.split(": ")[0] for line in capsys.readouterr().err.splitlines() if " line " in line]
    assert told == [f"{path} line 1", f"{path} line 2"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            '{"model": "events.participant", "fields": {"slug": "b", "name": "B", "kind": "state", "name": "C"}}',
            "name",
        ),
        ('{"model": "events.participant", "model": "events.event", "fields": {"slug": "b"}}', "model"),
        # a text that holds what ends a name ('": ') does not hide the repeated name, nor make one
        (
            '{"model": "events.participant", "fields": {"slug": "b", "name": "x\\": y", "kind": "x", "kind": "x"}}',
            "kind",
        ),
    ],
)
def test_a_name_given_twice_in_a_record_is_refused_naming_it(tmp_path, capsys, text, name):
    """JSON keeps the last of a name given twice, unseen; the API refuses it in a body (tester 42, F3)."""
    path = tmp_path / "twice.ndjson"
    path.write_text(lines(participant("a")) + text + "\n")

    with pytest.raises(CommandError, match="1 bad record; nothing was written"):
        call_command("import_records", str(path), no_progress=True)

    assert f"{path} line 2: {name}: Given more than once: give one value." in capsys.readouterr().err
    assert not Participant.objects.exists()


def test_a_text_holding_what_ends_a_name_is_no_repeated_name(tmp_path):
    path = tmp_path / "marks.ndjson"
    path.write_text(lines(("events.participant", {"slug": "b", "name": 'The "B": Front', "kind": "state"})))
    call_command("import_records", str(path), no_progress=True)
    assert Participant.objects.get().name == 'The "B": Front'
