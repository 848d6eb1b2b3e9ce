"""NaN and the infinities in a JSON body (``NaN``, ``Infinity``, ``-Infinity``, which JSON has not but Python's
reader takes, and ``1e400``, which it reads as an infinity) are refused by the field they are given for, naming it:
"A valid number is required." for a number, as docs/rules.md says (tester 47, 5: a "JSON parse error" naming no
field). Never a 500, whatever the field."""

import pytest

from tests.factories import RESOURCES, EventFactory

pytestmark = pytest.mark.django_db

CONSTANTS = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400"]


@pytest.mark.parametrize("constant", CONSTANTS)
@pytest.mark.parametrize("field", ["latitude", "longitude"])
def test_a_number_given_nan_or_an_infinity_is_refused_naming_it(token_client, constant, field):
    event = EventFactory(slug="talks")
    before = (event.latitude, event.longitude)
    other = "longitude" if field == "latitude" else "latitude"
    body = f'{{"{other}": 10, "{field}": {constant}}}'

    answer = token_client.patch("/api/events/talks/", body, content_type="application/json")

    assert (answer.status_code, answer.json()) == (400, {field: ["A valid number is required."]})
    event.refresh_from_db()
    assert (event.latitude, event.longitude) == before


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "[NaN]", '{"a": -Infinity}'])
@pytest.mark.parametrize("resource", list(RESOURCES.values()), ids=list(RESOURCES))
def test_every_writable_field_given_nan_or_an_infinity_is_a_400_naming_it(token_client, resource, constant):
    record = resource.factory()
    serializer = resource.serializer()
    writable = [name for name, field in serializer.fields.items() if not field.read_only]
    address = f"/api/{resource.name}/{getattr(record, resource.lookup)}/"

    for name in writable:
        answer = token_client.patch(address, f'{{"{name}": {constant}}}', content_type="application/json")

        assert answer.status_code == 400, (name, answer.content)
        assert list(answer.json()) in ([name], ["non_field_errors"]), (name, answer.content)
