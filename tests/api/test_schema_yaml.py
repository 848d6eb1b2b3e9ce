"""The schema's YAML reads back as its JSON, in a YAML 1.2 reader as in PyYAML's 1.1."""

import pytest
import yaml
from ruamel.yaml import YAML

from events.api.schema_yaml import PortableDumper


def read_12(text):
    return YAML(typ="safe", pure=True).load(text)


@pytest.mark.parametrize("accept", ["application/vnd.oai.openapi", "application/yaml"])
def test_the_yaml_schema_is_the_json_schema_in_either_yaml(api_client, accept):
    json_schema = api_client.get("/api/schema/", {"format": "json"}).json()
    response = api_client.get("/api/schema/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(accept)
    text = response.content.decode()
    # The CAMEO code of a ceasefire is text: a 1.2 reader took the plain 0871 for the integer 871.
    assert "- '0871'" in text
    assert read_12(text) == json_schema
    assert yaml.safe_load(text) == json_schema


LOOK_LIKE_NUMBERS = ["0871", "007", "+12", "-3", "1e3", ".5", "0x1F", "0o17", ".inf", "3.", "true", "null"]


@pytest.mark.parametrize("value", LOOK_LIKE_NUMBERS)
def test_strings_that_look_like_numbers_are_quoted(value):
    text = yaml.dump({"v": value}, Dumper=PortableDumper)
    assert text != f"v: {value}\n"
    assert read_12(text) == {"v": value} == yaml.safe_load(text)


def test_words_stay_plain_and_lines_make_a_block():
    assert yaml.dump({"v": "peace talks"}, Dumper=PortableDumper) == "v: peace talks\n"
    text = yaml.dump({"v": "one\ntwo"}, Dumper=PortableDumper)
    assert text == "v: |-\n  one\n  two\n"
    assert read_12(text) == {"v": "one\ntwo"}
