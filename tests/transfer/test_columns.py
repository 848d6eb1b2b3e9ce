"""The importer's column-wise cleaning gives what each field's own ``clean()`` gives, value for value."""

import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import models

from events.models import Article, Event, Participant, Report
from events.models.versioning import bad_date, is_day, trims
from events.rules.choices import in_the_apis_words
from events.rules.values import NOT_A_NUMBER, NOT_TEXT, is_plain_date, is_plain_number, trimmed
from events.transfer.columns import plain_columns
from events.transfer.keyed import RECORD_MODELS

pytestmark = pytest.mark.django_db

# Values that do not repeat take the short road; each good one must come back as the field cleans it,
# each bad one with the field's own messages.
VALUES = {
    (Report, "uid"): [str(uuid.uuid4()), "not-a-uuid", "", None, 12],
    (Report, "quote"): ["Kabul said it will not attend the talks", "", None, 7],
    (Report, "created_at"): [
        "2018-08-22T09:30:01Z",
        "2018-08-22T09:30:01+04:30",
        "2018-08-22T09:30:01.25",
        "2018-08-22 09:30",
        "2018-08-22",
        "20180822T093001Z",
        "2018-02-30T00:00:00Z",
        "2018-08-22T9:30:01Z",
        "",
        None,
    ],
    (Report, "reported_on"): [
        "2018-08-22",
        "20180822",
        "2018-W34-3",
        "2018-8-22",
        "2018-02-30",
        "2018-08-22T09:30",
    ],
    (Event, "title"): ["Moscow talks on Afghanistan " * 3, "x" * 301, "", None],
    (Event, "slug"): ["moscow-talks-on-afghanistan-2018-no-1-1", "not a slug at all, not at all", "x" * 101, ""],
    (Event, "description"): ["Talks. " * 20, ""],
    (Article, "url"): ["https://news.example/2018/moscow-talks/1", "not a url, not a url, not a url, not one", ""],
    (Article, "body"): ["A text. " * 20, "x" * 500_001, ""],
    (Participant, "name"): ["The Islamic Emirate of Afghanistan (Taliban)", "x" * 201, "", ["x"], {"a": 1}, True],
    (Event, "latitude"): [
        12.5,
        12,
        "12.5",
        float("nan"),
        float("inf"),
        float("-inf"),
        "nan",
        "-inf",
        "1e999",
        91.0,
        True,
        "1_0",  # read as 10.0 by float(), a second spelling (tester 32, H14)
        "\uff11",  # a full-width 1
    ],
}


def column_of(model, name):
    return next(column for column in plain_columns(model) if column.name == name)


def null_refused(field, value):
    """Where the importer refuses what ``Model.clean_fields()`` passes over: a null for a field that holds none
    (the database would refuse it at the write)."""
    return value is None and not field.null and not field.primary_key


def values_rule(field, value):
    """The messages of the rules of values that the model fields do not carry (``events.rules.values``), which
    ``TimeStampedModel.clean_fields()`` checks before the field's ``clean()``; None if the value keeps them."""
    if isinstance(field, models.CharField | models.TextField) and value is not None and not isinstance(value, str):
        return [NOT_TEXT]
    if isinstance(field, models.FloatField) and not (
        is_plain_number(value) and is_plain_number(value if not isinstance(value, str) else float(value))
    ):
        return [NOT_A_NUMBER]
    if is_day(field) and not is_plain_date(value):
        return bad_date(field, value).messages
    return None


def as_stored(field, value):
    """A text as ``Model.clean_fields()`` gives it to its field: trimmed, as the API stores it (tester 46, D3)."""
    return trimmed(value) if type(value) is str and trims(field) else value


def field_answer(field, value):
    """What ``Model.clean_fields()`` answers: a value's messages, or its cleaned value."""
    if refused := values_rule(field, value):
        return refused
    try:
        return field.clean(as_stored(field, value), None)
    except ValidationError as error:
        return error.messages


@pytest.mark.parametrize(
    ("model", "name", "value"),
    [(model, name, value) for (model, name), values in VALUES.items() for value in values],
    ids=lambda value: str(value)[:30] if not isinstance(value, type) else value.__name__,
)
def test_a_column_cleans_each_value_as_its_field_does(model, name, value):
    column = column_of(model, name)
    instance = model()
    instance.__dict__[column.attname] = value
    errors = {0: {}}
    column.clean([instance], [0], errors)
    field = column.field
    if null_refused(field, value):
        assert errors[0] == {name: ["This field cannot be null."]}
        return
    if field.blank and value in field.empty_values:
        assert errors[0] == {} and instance.__dict__[column.attname] == value  # left as it is
        return
    expected = field_answer(field, value)
    if isinstance(expected, list):
        assert errors[0] == {name: expected}
    else:
        assert errors[0] == {}
        assert instance.__dict__[column.attname] == expected


def test_remembered_values_and_shared_memos_give_the_same_answers_the_second_time():
    columns = {column.name: column for column in plain_columns(Report)}
    column = columns["updated_at"]
    assert column.memo is columns["created_at"].memo  # a record's two timestamps are most often one
    for value in ["2018-08-22T09:30:01Z", "2018-13-01T00:00:00Z"] * 2:
        instance = Report()
        instance.__dict__["updated_at"] = value
        errors = {0: {}}
        column.clean([instance], [0], errors)
        expected = field_answer(column.field, value)
        assert errors[0] == ({"updated_at": expected} if isinstance(expected, list) else {})


def test_values_equal_to_a_dict_but_not_to_the_field_are_remembered_apart():
    # 1, 1.0 and True are one key to a dict; a text field refuses them ("Not a valid string.") and takes "1".
    column = column_of(Event, "city")
    values = [1, 1.0, True, "1"]
    instances = [Event() for _ in values]
    for instance, value in zip(instances, values, strict=True):
        instance.__dict__["city"] = value
    errors = {index: {} for index in range(len(values))}
    column.clean(instances, range(len(values)), errors)
    assert errors == {0: {"city": [NOT_TEXT]}, 1: {"city": [NOT_TEXT]}, 2: {"city": [NOT_TEXT]}, 3: {}}
    assert instances[3].city == "1"


def test_only_fields_that_clean_alike_share_what_they_remember():
    for model in RECORD_MODELS:
        columns = plain_columns(model)
        for one in columns:
            for other in columns:
                if one is not other and one.memo is other.memo:
                    assert one.remembers and other.remembers
                    assert type(one.field) is type(other.field)
                    assert not one.field.validators and not other.field.validators
                    assert one.field.choices is None


@pytest.mark.parametrize(
    ("line", "fields", "field", "message"),
    [
        (4, {"uid": "not-a-uuid"}, "uid", "“not-a-uuid” is not a valid UUID."),
        (4, {"created_at": "2018-02-30T09:00:00Z"}, "created_at", "but it is an invalid date/time"),
        (4, {"quote": ""}, "quote", "This field cannot be blank."),
        (4, {"via": "x" * 201}, "via", "Ensure this value has at most 200 characters (it has 201)."),
        (2, {"slug": "moscow talks, not a slug"}, "slug", "Enter a valid “slug”"),
        (2, {"title": "x" * 301}, "title", "Ensure this value has at most 300 characters (it has 301)."),
        (1, {"name": ""}, "name", "This field cannot be blank."),
        # Tester 35, L4: white space only was stored, where the API and the admin refuse it as blank.
        (1, {"name": "   "}, "name", "This field cannot be blank."),
        (2, {"title": "\t "}, "title", "This field cannot be blank."),
        (4, {"quote": " "}, "quote", "This field cannot be blank."),
        (2, {"title": "\u200b"}, "title", "This field cannot be blank."),  # tester 36, M7: a zero-width space
        (2, {"title": "\u3164"}, "title", "This field cannot be blank."),  # tester 44, D1: a Hangul filler
        (4, {"quote": "\u00ad\u2800"}, "quote", "This field cannot be blank."),  # a soft hyphen, the braille blank
        (2, {"latitude": True, "longitude": 1.0}, "latitude", "A valid number is required."),  # not 1.0
    ],
)
def test_a_value_the_short_road_refuses_is_refused_through_the_import_with_the_fields_message(
    tmp_path, capsys, line, fields, field, message
):
    records = [
        {"model": "events.participant", "fields": {"slug": "taliban", "name": "Taliban", "kind": "armed_group"}},
        {
            "model": "events.event",
            "fields": {
                "slug": "moscow-talks",
                "title": "Moscow talks",
                "kind": "peace_talks",
                "start_date": "2018-09-04",
            },
        },
        {"model": "events.attendance", "fields": {"event": ["moscow-talks"], "participant": ["taliban"]}},
        {
            "model": "events.report",
            "fields": {
                "attendance": ["moscow-talks", "taliban"],
                "status": "invited",
                "reported_on": "2018-08-20",
                "quote": "they will attend",
            },
        },
    ]
    records[line - 1]["fields"].update(fields)
    path = tmp_path / "records.ndjson"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)
    err = capsys.readouterr().err
    assert f"line {line}: {field}: " in err
    assert message in err
    assert not Report.objects.exists() and not Participant.objects.exists()


BATCHES = {
    (Report, "created_at"): ["2018-08-22T09:30:01Z", "2018-02-30T00:00:00Z", "", None] * 3,
    (Report, "status"): ["invited", "maybe", "", "invited", "maybe", None],
    (Report, "version"): [1, 1, 2, 0, -1, None, True],
    (Report, "uid"): [str(uuid.UUID(int=1)), str(uuid.UUID(int=1)), "not-a-uuid", "not-a-uuid", 12, None],
    (Event, "city"): [1, 1, True, "1", "1"],
    (Event, "latitude"): [0.0, -0.0, 12.5, 12.5, 91.0, None, float("nan"), "inf", "inf", 1, True, 1, False],
    (Participant, "aliases"): [["a"], ["a"], "not a list", None],
    (Article, "title"): ["Talks", "Talks", "x" * 300],  # all taken as they are, at once
    (Event, "title"): ["Talks", "x" * 301, "Talks", ""],
    (Report, "quote"): ["they will attend", "they  will attend ", "x" * 600_000],
    (Participant, "name"): ["Kabul", None, "Kabul"],
    # Texts all in length: a blank one among them is found by its first character (``any_blank``), whichever it is.
    (Article, "publisher"): [
        *("Reuters", " Reuters", "\u200bAP", "\u200b", "AP", "\t ", "\u00ad\u2800", "\u3164", "Reuters"),
    ],
}


@pytest.mark.parametrize(("model", "name"), list(BATCHES), ids=lambda value: getattr(value, "__name__", value))
def test_a_batch_with_repeated_values_is_cleaned_value_for_value_as_the_field_cleans_each(model, name):
    """Equal values are cleaned once for the whole batch: each instance still gets its own value's answer."""
    column = column_of(model, name)
    # Equal texts that are different objects, as a reader gives them.
    values = [json.loads(json.dumps(value)) for value in BATCHES[model, name]]
    instances = [model() for _ in values]
    for instance, value in zip(instances, values, strict=True):
        instance.__dict__[column.attname] = value
    errors = {index: {} for index in range(len(values))}
    column.clean(instances, range(len(values)), errors)
    field = column.field
    for index, value in enumerate(values):
        if null_refused(field, value):
            assert errors[index] == {name: ["This field cannot be null."]}, (index, value)
            continue
        if field.blank and value in field.empty_values:
            assert errors[index] == {} and instances[index].__dict__[column.attname] == value
            continue
        if refused := values_rule(field, value):
            assert errors[index] == {name: refused}, (index, value)
            continue
        try:
            expected = field.clean(as_stored(field, value), None)
        except ValidationError as error:
            # a bad choice in the API's words, as Model.clean_fields() gives it (events.rules.choices)
            assert errors[index] == {name: in_the_apis_words(field, value, error).messages}, (index, value)
            continue
        assert errors[index] == {}, (index, value)
        cleaned = instances[index].__dict__[column.attname]
        assert (type(cleaned), cleaned) == (type(expected), expected), (index, value)
