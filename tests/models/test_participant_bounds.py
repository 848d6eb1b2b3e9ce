"""A participant's ``description`` and ``aliases`` are bounded by the model's rule, so every entry point (the API,
fixtures, ``import_records``, the admin's forms) refuses the same value with the same words, naming the field."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from events.models import Participant
from events.models.participant import ALIASES_MAX_COUNT, DESCRIPTION_MAX_LENGTH
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

LONG_DESCRIPTION = "x" * (DESCRIPTION_MAX_LENGTH + 1)
TOO_MANY_ALIASES = [f"Name {number}" for number in range(ALIASES_MAX_COUNT + 1)]
MESSAGES = {
    "description": f"Ensure this value has at most {DESCRIPTION_MAX_LENGTH} characters"
    f" (it has {len(LONG_DESCRIPTION)}).",
    "aliases": f"Ensure this field has no more than {ALIASES_MAX_COUNT} elements.",
}
TOO_BIG = [("description", LONG_DESCRIPTION), ("aliases", TOO_MANY_ALIASES)]


def norway(**fields):
    return {"slug": "norway", "name": "Norway", "kind": "state", **fields}


def test_at_the_bounds_a_participant_is_written(token_client):
    fields = norway(description="x" * DESCRIPTION_MAX_LENGTH, aliases=TOO_MANY_ALIASES[:-1])

    answer = token_client.post("/api/participants/", fields, format="json")

    assert answer.status_code == 201, answer.content[:300]


@pytest.mark.parametrize(("field", "value"), TOO_BIG)
def test_the_api_refuses_past_the_bound_naming_the_field(token_client, field, value):
    answer = token_client.post("/api/participants/", norway(**{field: value}), format="json")

    assert answer.status_code == 400
    assert answer.json() == {field: [MESSAGES[field]]}
    assert not Participant.objects.exists()


@pytest.mark.parametrize(("field", "value"), TOO_BIG)
def test_the_model_rule_refuses_it(field, value):
    participant = ParticipantFactory.build(**{field: value})

    with pytest.raises(ValidationError) as refused:
        participant.full_clean()

    assert refused.value.message_dict[field] == [MESSAGES[field]]


@pytest.mark.parametrize(("field", "value"), TOO_BIG)
def test_a_fixture_is_refused_by_line_and_field(tmp_path, field, value):
    path = tmp_path / "people.jsonl"
    path.write_text(json.dumps({"model": "events.participant", "fields": norway(**{field: value})}) + "\n")

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)

    assert str(refused.value) == f"{path}, line 1 (events.participant norway): {field}: {MESSAGES[field]}"
    assert not Participant.objects.exists()


@pytest.mark.parametrize(("field", "value"), TOO_BIG)
def test_an_import_is_refused_by_line_and_field(tmp_path, capsys, field, value):
    path = tmp_path / "people.ndjson"
    path.write_text(json.dumps({"model": "events.participant", "fields": norway(**{field: value})}) + "\n")

    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_records", str(path), no_progress=True)

    assert f"people.ndjson line 1: {field}: {MESSAGES[field]}" in capsys.readouterr().err
    assert not Participant.objects.exists()
