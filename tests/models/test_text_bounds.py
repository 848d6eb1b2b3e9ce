"""Every free text is bounded by its model field's validator: an event's ``description``, an attendance's ``notes``
(10,000 characters, as a participant's description) and a report's ``quote`` (an article's text, 500,000). The API,
fixtures and ``import_records`` refuse the same value with the same words, naming the field; what is taken round
trips through the CSV files ``export_records`` writes (tests/transfer/test_reading.py)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from events.models import Article, Attendance, Event, Report
from events.models.attendance import NOTES_MAX_LENGTH
from events.models.event import DESCRIPTION_MAX_LENGTH
from events.models.report import QUOTE_MAX_LENGTH
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

BOUNDS = {
    "events.event": ("description", DESCRIPTION_MAX_LENGTH),
    "events.attendance": ("notes", NOTES_MAX_LENGTH),
    "events.report": ("quote", QUOTE_MAX_LENGTH),
}
LABELS = list(BOUNDS)


def message(label, given=None):
    """The bound's message for a text of ``given`` characters (one past it unless told): every entry point's, which
    tells the length given (tester 35, L11: the API said DRF's "no more than N characters" without it)."""
    limit = BOUNDS[label][1]
    return f"Ensure this value has at most {limit} characters (it has {given or limit + 1})."


def records(label, text):
    """NDJSON records for a fixture or an import, ending with one of ``label`` whose bounded text is ``text``."""
    field = BOUNDS[label][0]
    russia = {"model": "events.participant", "fields": {"slug": "russia", "name": "Russia", "kind": "state"}}
    talks = {"slug": "talks", "title": "Talks", "kind": "meeting", "start_date": "2018-09-04"}
    article = {"title": "Bare", "publisher": "AP", "published_on": "2018-08-22", "body": ""}
    attendance = {"event": ["talks"], "participant": ["russia"]}
    report = {
        "attendance": ["talks", "russia"],
        "status": "invited",
        "reported_on": "2018-08-22",
        "article": ["AP", "2018-08-22", "Bare"],
        "quote": "Invited.",
    }
    rows = [
        russia,
        {"model": "events.event", "fields": talks},
        {"model": "events.article", "fields": article},
        {"model": "events.attendance", "fields": attendance},
        {"model": "events.report", "fields": report},
    ]
    rows = rows[: [row["model"] for row in rows].index(label) + 1]
    rows[-1]["fields"][field] = text
    return "".join(json.dumps(row) + "\n" for row in rows)


def made(label, **fields):
    if label == "events.event":
        return EventFactory.build(**fields)
    if label == "events.attendance":
        return AttendanceFactory.build(event=EventFactory(), participant=ParticipantFactory(), **fields)
    return ReportFactory.build(attendance=AttendanceFactory(), article=ArticleFactory(body=""), **fields)


@pytest.mark.parametrize("label", LABELS)
def test_the_model_rule_takes_the_bound_and_refuses_past_it(label):
    field, limit = BOUNDS[label]
    made(label, **{field: "x" * limit}).full_clean()

    with pytest.raises(ValidationError) as refused:
        made(label, **{field: "x" * (limit + 1)}).full_clean()

    assert refused.value.message_dict[field] == [message(label)]


def test_the_api_takes_the_bound_and_refuses_past_it_naming_the_field(token_client):
    talks = {"slug": "talks", "title": "Talks", "kind": "meeting", "start_date": "2018-09-04"}
    long = "x" * (DESCRIPTION_MAX_LENGTH + 1)
    assert token_client.post("/api/events/", {**talks, "description": long}, format="json").json() == {
        "description": [message("events.event")]
    }
    answer = token_client.post("/api/events/", {**talks, "description": long[1:]}, format="json")
    assert answer.status_code == 201, answer.content[:300]

    ParticipantFactory(slug="russia")
    attendance = {"event": "talks", "participant": "russia", "notes": "x" * (NOTES_MAX_LENGTH + 1)}
    answer = token_client.post("/api/attendances/", attendance, format="json")
    assert (answer.status_code, answer.json()) == (400, {"notes": [message("events.attendance")]})

    article = ArticleFactory(body="")  # no text: the quote is checked against nothing but its bound
    report = {"event": "talks", "participant": "russia", "status": "invited", "reported_on": "2018-08-22"}
    report |= {"article": article.pk, "quote": "x" * (QUOTE_MAX_LENGTH + 1)}
    answer = token_client.post("/api/reports/", report, format="json")
    assert (answer.status_code, answer.json()) == (400, {"quote": [message("events.report")]})
    assert not Attendance.objects.exists() and not Report.objects.exists()


@pytest.mark.parametrize("label", LABELS)
def test_a_fixture_is_refused_by_line_and_field(tmp_path, label):
    field, limit = BOUNDS[label]
    path = tmp_path / "records.jsonl"
    path.write_text(records(label, "x" * (limit + 1)))

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)

    line = len(path.read_text().splitlines())
    assert str(refused.value).startswith(f"{path}, line {line} ")
    assert str(refused.value).endswith(f": {field}: {message(label)}")
    assert not Event.objects.exists() and not Article.objects.exists()


@pytest.mark.parametrize("label", LABELS)
def test_an_import_is_refused_by_line_and_field(tmp_path, capsys, label):
    """The tester's case: an NDJSON import took a description of 9,000,000 characters, which CSV could not carry."""
    field, limit = BOUNDS[label]
    path = tmp_path / "records.ndjson"
    path.write_text(records(label, "x" * (9_000_000 if label == "events.event" else limit + 1)))

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)

    line = len(path.read_text().splitlines())
    given = 9_000_000 if label == "events.event" else None
    assert f"records.ndjson line {line}: {field}: {message(label, given)}" in capsys.readouterr().err
    assert not Event.objects.exists() and not Article.objects.exists()
