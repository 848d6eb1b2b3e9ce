"""The import's reading, building and cleaning in a worker process (``events.transfer.preparing``): the same
batches, messages, order and rows as in the importing process, and the worker's errors raised in its place."""

import datetime
import json
import multiprocessing
import os

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from events.models import Article, Attendance, Event, Participant, Report
from events.transfer import formats
from events.transfer import importer as importing
from events.transfer.formats import UnreadableFile
from events.transfer.importer import Importer
from events.transfer.keyed import record_plan
from events.transfer.preparing import can_fork
from tests.transfer.test_importer import LATER, LATER_KEY, article, attendance, event, participant, report, talks

NOW = datetime.datetime(2026, 12, 7, 20, 0, tzinfo=datetime.UTC)

pytestmark = [
    pytest.mark.django_db(transaction=False),
    pytest.mark.skipif(not can_fork(), reason="a worker process is forked"),
]


def lines():
    """An NDJSON file's lines: good records and bad ones of every kind, over many batches of two."""
    records = [
        *talks(),
        participant("narnia", country="Narnia"),
        participant("russia", country="ru"),  # stored as RU
        participant("spokesman", kind="person", affiliation=["ministry"]),
        participant("ministry", kind="government", affiliation=["russia"]),
        participant("left", affiliation=["right"]),
        participant("right", affiliation=["left"]),
        participant("taliban"),  # a clash with line 2, in another batch
        participant("ghost", colour="red"),
        event("kabul-meeting", start_date="2018-13-40", host=["nobody"]),
        event("herat-talks", host="russia"),
        {"model": "events.empire", "fields": {}},
        {"model": "events.event", "fields": [1]},
        LATER,
        article("Talks", body="Another text"),  # the same publisher, date and title as line 4
        attendance("herat-talks", "spokesman", curated_status="confirmed", curated_status_date="2018-09-01"),
        attendance("herat-talks", "ministry"),
        attendance("kabul-meeting", "russia"),
        report("moscow-talks", "taliban", "attended", "2018-09-04", "The Taliban confirmed", article=LATER_KEY),
        report("moscow-talks", "taliban", "attended", "2018-09-04", "the taliban confirmed", article=LATER_KEY),
        report("herat-talks", "ministry", "invited", "2018-09-04", "words nobody said", article=LATER_KEY),
        report("herat-talks", "ministry", "invited", "2031-09-04", "Talks", article=LATER_KEY, uid="not-a-uid"),
    ]
    texts = [json.dumps(record) + "\n" for record in records]
    texts[3:3] = ['{"model": "events.participant"\n', "[1, 2]\n", "\n"]
    return texts


def stored():
    """What an import wrote, by natural key: every table's rows the rules decide."""
    return {
        "participants": sorted(Participant.objects.values_list("slug", "country", "affiliation__slug", "kind")),
        "events": sorted(Event.objects.values_list("slug", "host__slug", "start_date")),
        "articles": sorted(Article.objects.values_list("publisher", "published_on", "title")),
        "attendances": sorted(
            Attendance.objects.values_list("event__slug", "participant__slug", "status", "status_date", "role")
        ),
        "reports": sorted(
            Report.objects.values_list("attendance__event__slug", "attendance__participant__slug", "status", "quote")
        ),
    }


def imported(records, *, read_ahead, batch_size=2):
    """The messages of an import with ``--skip-invalid``'s result, in the order given, and what it wrote; then
    all rolled back."""
    messages = []
    with transaction.atomic():
        importer = Importer(
            on_reject=lambda rejection: messages.append((str(rejection), rejection.record.raw)),
            read_ahead=read_ahead,
            batch_size=batch_size,
        )
        importer.run(records)
        rows = stored()
        transaction.set_rollback(True)
    return messages, rows, dict(importer.written)


def test_a_worker_gives_the_same_messages_in_the_same_order_and_the_same_rows():
    here = imported(formats.read_ndjson(lines()), read_ahead=False)
    there = imported(formats.read_ndjson(lines()), read_ahead=True)
    assert there == here
    messages = [message for message, _raw in here[0]]
    assert len(messages) > 12
    assert messages[:2] == [
        "line 4: Not JSON: Expecting ',' delimiter (column 1).",
        'line 5: A record is a JSON object {"model": "events.<name>", "fields": {...}}.',
    ]
    assert "line 17: affiliation: This would make the participant its own affiliation." in messages
    assert "line 19: slug: Participant with this Slug already exists." in messages
    assert "line 24: A record's fields are a JSON object." in messages
    assert here[1]["participants"][-2:] == [
        ("spokesman", "", "ministry", "person"),
        ("taliban", "", None, "armed_group"),
    ]
    assert ("russia", "RU", None, "state") in here[1]["participants"]
    assert ("herat-talks", "spokesman", "confirmed", datetime.date(2018, 9, 1), "participant") in here[1][
        "attendances"
    ]


def test_a_worker_gives_a_record_with_relations_and_fields_wrong_its_messages_in_the_same_order():
    records = [participant("kabul"), event("talks", host=["nobody"], start_date="2018-13-40", kind="war")]
    text = [json.dumps(record) + "\n" for record in records]
    here, there = (imported(formats.read_ndjson(text), read_ahead=ahead)[0] for ahead in (False, True))
    assert here == there
    assert here[0][0].splitlines() == [
        "line 2: host: No participant has the slug “nobody”.",
        "line 2: kind: “war” is not a valid choice. Valid choices: peace_talks, conference, summit, meeting, "
        "negotiation, ceasefire, other.",
        "line 2: start_date: “2018-13-40” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
    ]


def test_the_records_are_read_by_another_process(tmp_path):
    readers = tmp_path / "readers"

    def records():
        for text in lines()[:3]:
            with open(readers, "a") as file:
                file.write(f"{os.getpid()}\n")
            yield from formats.read_ndjson([text])

    messages, _rows, written = imported(records(), read_ahead=True)
    assert messages == []
    assert written == {"events.participant": 2, "events.event": 1}
    pids = readers.read_text().split()
    assert len(pids) == 3 and len(set(pids)) == 1
    assert pids[0] != str(os.getpid())


def test_an_unreadable_file_met_by_the_worker_is_raised_here_after_the_batches_before_it():
    def records():
        yield from formats.read_ndjson(lines()[:3])
        raise UnreadableFile(9, "The file is not read past it.", "records.csv")

    rejected = []
    with pytest.raises(UnreadableFile, match=r"records\.csv line 9") as raised, transaction.atomic():
        Importer(on_reject=rejected.append, read_ahead=True, batch_size=2).run(records())
    assert raised.value.line == 9
    assert multiprocessing.active_children() == []


def test_an_error_here_stops_the_worker():
    def refuse(rejection):
        raise RuntimeError(f"refused: {rejection}")

    with pytest.raises(RuntimeError, match="refused: line 4: Not JSON"), transaction.atomic():
        Importer(on_reject=refuse, read_ahead=True, batch_size=2).run(formats.read_ndjson(lines() * 50))
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("given", [None, True, False])
def test_the_worker_reads_ahead_on_postgresql_unless_told(given):
    expected = connection.vendor == "postgresql" if given is None else given
    assert Importer(read_ahead=given).reads_ahead() is expected


@pytest.mark.parametrize("option", [None, "--read-ahead", "--no-read-ahead"])
def test_import_records_reads_ahead_as_told(ndjson, monkeypatch, option):
    used, real = [], importing.prepared_in_worker

    def spy(*args):
        used.append(True)
        return real(*args)

    monkeypatch.setattr(importing, "prepared_in_worker", spy)
    options = [option] if option else []
    call_command("import_records", str(ndjson(talks())), "--no-progress", *options)
    expected = option == "--read-ahead" or (option is None and connection.vendor == "postgresql")
    assert used == ([True] if expected else [])
    assert Report.objects.count() == 3


@pytest.mark.parametrize(
    "fields",
    [
        {"event": ["talks"], "participant": ["kabul"]},
        {"event": ["talks"], "role": "host", "participant": ["kabul"]},
        {"notes": "by phone", "event": ["talks"], "role": "host", "participant": ["kabul"], "version": 3},
    ],
    ids=["no plain value", "one", "several"],
)
def test_an_instance_is_built_with_each_plain_value_given_and_its_relations_keys(fields):
    """Whatever the number of plain values a record gives, each is set, the others are defaults."""
    errors = {}
    instance, links = record_plan(Attendance, tuple(fields)).build(fields, errors, NOW)
    assert errors == {}
    assert {field.name: key for field, key in links.items()} == {"event": ("talks",), "participant": ("kabul",)}
    plain = {name: value for name, value in fields.items() if name not in ("event", "participant")}
    assert {name: instance.__dict__[name] for name in plain} == plain
    defaults = Attendance()
    for name in {"role", "notes", "version"} - plain.keys():
        assert instance.__dict__[name] == defaults.__dict__[name]
    assert instance.created_at == NOW
