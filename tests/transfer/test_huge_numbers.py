"""A whole number too large for a float (JSON's ``1`` and 400 zeros) in a number field is refused by every entry
point under the field's name, in the API's words (tester 45, D1).

Python reads such a number as an ``int``, and ``float()`` of it raises an ``OverflowError``, which Django's
``FloatField.to_python()`` does not catch: ``import_records`` (NDJSON) and ``loaddata`` (JSON, JSON Lines, YAML)
stopped with a traceback, the API said DRF's "Integer value too large to convert to float". One rule,
``events.rules.values.is_plain_number``, as for NaN and the infinities.
"""

import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import models

from events.models import Event
from events.models.versioning import TimeStampedModel
from events.rules.values import NOT_A_NUMBER, is_plain_number
from tests.admin.test_invalid_ids import event_data
from tests.transfer.test_importer import event, import_fails

pytestmark = pytest.mark.django_db

HUGE = [10**400, -(10**400) + 1]  # "1" and 400 zeros; "-" and 400 nines
huge = pytest.mark.parametrize("value", HUGE, ids=["1e400", "-1e400"])
RECORDS = [model for model in apps.get_app_config("events").get_models() if issubclass(model, TimeStampedModel)]
NUMBER_FIELDS = [
    (model, field)
    for model in RECORDS
    for field in model._meta.concrete_fields
    if isinstance(field, models.FloatField | models.DecimalField)
]
NUMBER_IDS = [f"{model.__name__}.{field.name}" for model, field in NUMBER_FIELDS]


def test_the_number_fields_are_the_coordinates_which_the_entry_points_below_are_tested_with():
    """A new number field fails here until the entry points are tested with it too."""
    assert NUMBER_IDS == ["Event.latitude", "Event.longitude"]


@huge
def test_a_whole_number_too_large_for_a_float_is_no_number(value):
    assert not is_plain_number(value)
    assert is_plain_number(10**308)  # a float still: 1e308
    assert is_plain_number(-(10**308))


@huge
@pytest.mark.parametrize(("model", "field"), NUMBER_FIELDS, ids=NUMBER_IDS)
def test_full_clean_refuses_it_naming_the_field(model, field, value):
    """What fixtures (the raw-save hook) and every other ``full_clean()`` go through."""
    record = model()
    setattr(record, field.attname, value)
    others = [other.name for other in model._meta.concrete_fields if other.name != field.name]

    with pytest.raises(ValidationError) as refused:
        record.clean_fields(exclude=others)

    assert refused.value.message_dict == {field.name: [NOT_A_NUMBER]}


def coordinates(field, value):
    return {"latitude": 1, "longitude": 1, field: value}


@huge
@pytest.mark.parametrize("field", ["latitude", "longitude"])
def test_the_api_refuses_it_naming_the_field(token_client, field, value):
    body = {"slug": "talks", "title": "Talks", "kind": "meeting", "start_date": "2027-01-01"}
    answer = token_client.post(
        "/api/events/", json.dumps(body | coordinates(field, value)), content_type="application/json"
    )

    assert (answer.status_code, answer.json()) == (400, {field: [NOT_A_NUMBER]})
    assert not Event.objects.exists()


@huge
@pytest.mark.parametrize("field", ["latitude", "longitude"])
def test_the_admin_refuses_it_naming_the_field(admin_client, field, value):
    answer = admin_client.post("/admin/events/event/add/", event_data(**coordinates(field, str(value))))

    errors = answer.context["adminform"].form.errors
    assert answer.status_code == 200
    assert (list(errors), errors[field][0]) == ([field], NOT_A_NUMBER)
    assert not Event.objects.exists()


@huge
@pytest.mark.parametrize("field", ["latitude", "longitude"])
def test_import_records_refuses_it_by_line_and_field(ndjson, capsys, field, value):
    records = [event("a"), event("bigfix", **coordinates(field, value))]

    err = import_fails(ndjson(records), capsys)

    assert f"records.ndjson line 2: {field}: {NOT_A_NUMBER}" in err
    assert not Event.objects.exists()


@huge
def test_a_csv_import_refuses_it_by_line_and_field(tmp_path, capsys, value):
    path = tmp_path / "events.csv"
    path.write_text(
        f"model,slug,title,kind,start_date,latitude,longitude\nevent,talks,Talks,meeting,2027-01-01,1,{value}\n",
        encoding="utf-8",
    )

    assert f"events.csv line 2: longitude: {NOT_A_NUMBER}" in import_fails(path, capsys)


def fixture_text(name, fields):
    if name.endswith(".yaml"):
        written = ", ".join(f"{key}: {value}" for key, value in fields.items())
        return f"- model: events.event\n  fields: {{{written}}}\n"
    record = {"model": "events.event", "fields": fields}
    return json.dumps(record) + "\n" if name.endswith(".jsonl") else json.dumps([record])


@huge
@pytest.mark.parametrize("field", ["latitude", "longitude"])
@pytest.mark.parametrize(("name", "where"), [("f.json", "line 1"), ("f.jsonl", "line 1"), ("f.yaml", "record 1")])
def test_loaddata_refuses_it_by_line_and_field(tmp_path, name, where, field, value):
    path = tmp_path / name
    fields = {"slug": "bigfix", "title": "T", "kind": "meeting", "start_date": "2027-01-01"}
    path.write_text(fixture_text(name, fields | coordinates(field, value)), encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)

    assert str(refused.value) == f"{path}, {where} (events.event bigfix): {field}: {NOT_A_NUMBER}"
    assert not Event.objects.exists()
