"""The one limit on the nesting of a JSON text (events.rules.jsontext), counted before the text is decoded."""

import json
import pickle

import pytest

from events.rules.jsontext import TooDeep, check_depth, loads, not_json


def nested(depth, inner="1"):
    return "[" * depth + inner + "]" * depth


def test_a_text_at_the_limit_is_read_and_one_past_it_is_too_deep():
    assert loads(nested(100)) == json.loads(nested(100))
    with pytest.raises(TooDeep) as refused:
        loads(nested(101))
    assert (refused.value.lineno, refused.value.colno) == (1, 101)  # the bracket that passes the limit
    assert not_json(refused.value) == "Nested deeper than the limit of 100 levels"


def test_thousands_of_levels_are_too_deep_not_a_recursion_error():
    with pytest.raises(TooDeep):
        loads('{"fields": {"aliases": ' + nested(50_000) + "}}")


def test_objects_count_as_arrays_do():
    with pytest.raises(TooDeep):
        check_depth('{"a": ' * 101 + "1" + "}" * 101)
    check_depth('{"a": ' * 100 + "1" + "}" * 100)


def test_brackets_in_a_string_are_text():
    text = json.dumps({"quote": "[" * 500 + '"{' * 300 + "\\"}, indent=1)
    assert loads(text) == json.loads(text)


def test_the_line_and_column_of_the_bracket_are_told():
    with pytest.raises(TooDeep) as refused:
        check_depth('{\n "a": 1,\n "b": ' + nested(200) + "\n}", limit=10)
    assert (refused.value.lineno, refused.value.colno) == (3, 16)  # the braces count: its tenth bracket


def test_bytes_are_read_as_json_reads_them():
    assert loads(b'\xef\xbb\xbf{"a": [1]}') == {"a": [1]}
    with pytest.raises(TooDeep):
        loads(nested(101).encode())


def test_too_deep_is_a_json_error_that_survives_a_process_boundary():
    with pytest.raises(json.JSONDecodeError) as refused:
        loads(nested(101))
    again = pickle.loads(pickle.dumps(refused.value))
    assert (type(again), again.msg, again.pos) == (TooDeep, refused.value.msg, refused.value.pos)
