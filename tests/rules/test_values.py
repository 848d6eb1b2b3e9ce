"""How a JSON text's names are counted to find one given twice (``events.rules.values.repeated_name``)."""

import json

import pytest

from events.rules.values import NAME_ENDS, name_ends, names_in, repeated_name

TEXTS = [
    '{"model": "events.participant", "fields": {"slug": "a", "aliases": ["A"]}}',
    '{"a" : 1, "b":\t2, "c"\n: 3}',
    '{"a":\u00a01, "b"\u2003: 2}',  # white space outside ASCII, which the pattern's \\s takes
    '{"name": "The \\"B\\": Front", "kind": "state"}',
    '{"name": "say \\" : this", "kind": "state"}',
    '{"name": "a quote \\" then a space", "x": "y"}',
    "[]",
    '""',
]


@pytest.mark.parametrize("text", TEXTS)
def test_name_ends_counts_what_the_pattern_finds(text):
    assert name_ends(text) == len(NAME_ENDS.findall(text))


def test_names_in_counts_the_names_of_nested_objects_in_objects_and_lists():
    value = {"a": [{"b": 1, "c": {"d": 2}}, 3, [{"e": None}]], "f": "x", "g": {}}
    assert names_in(value) == 7


@pytest.mark.parametrize(
    ("text", "repeated"),
    [
        ('{"a": 1, "a": 2}', "a"),
        ('{"a" : 1, "a" : 2}', "a"),  # white space before the colons: no quote mark and colon side by side
        ('{"a":\t1, "b": {"c"\n: 1, "c": 2}}', "c"),
        ('{"f": {"x": [{"k": 1, "k": 2}]}}', "k"),
        ('{"name": "say \\" : this", "kind": "state"}', None),
        ('{"name": "The \\"B\\": Front", "kind": "state"}', None),
        ('{"a" : 1, "b" : [{"c" : 2}]}', None),
    ],
)
def test_a_name_given_twice_is_found_however_the_text_is_spaced(text, repeated):
    assert repeated_name(text, json.loads(text)) == repeated
