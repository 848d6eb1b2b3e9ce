"""A fixture ``loaddata`` refuses is told by file, line (JSON) or record, record and field, with the message the
API gives for the same value; nothing of the fixture is written. Its values are taken as the API takes them."""

import json

import pytest
from django.core.management import CommandError, call_command

from events.models import Event, Participant
from events.rules.places import no_country
from events.rules.values import NO_NUL, NOT_A_NUMBER, NOT_TEXT

pytestmark = pytest.mark.django_db


def participant(slug, **fields):
    return {"model": "events.participant", "fields": {"slug": slug, "name": slug.title(), "kind": "state", **fields}}


def write(tmp_path, records, name="records.json"):
    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_text("".join(json.dumps(record) + "\n\n" for record in records), encoding="utf-8")
    else:
        path.write_text(json.dumps(records, indent=1), encoding="utf-8")
    return path


def refusal(path):
    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)
    return str(refused.value)


def opening_line(path, slug):
    """The line of the JSON file on which the record of ``slug`` opens (its ``{``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    slug_line = next(number for number, line in enumerate(lines, 1) if f'"slug": "{slug}"' in line)
    return max(number for number, line in enumerate(lines[:slug_line], 1) if line.strip() == "{")


def test_a_country_that_names_none_is_refused_by_line_and_field_as_the_api_says_it(tmp_path, token_client):
    path = write(tmp_path, [participant("a", country="RU"), participant("narnia", country="Narnia")])

    message = refusal(path)

    assert message == (
        f"{path}, line {opening_line(path, 'narnia')} (events.participant narnia): country: {no_country('Narnia')}"
    )
    assert not Participant.objects.exists()
    answer = token_client.post("/api/participants/", {"slug": "n", "name": "N", "kind": "state", "country": "Narnia"})
    assert answer.json()["country"] == [no_country("Narnia")]


@pytest.mark.parametrize(("field", "value"), [("name", "Kab\x00ul"), ("aliases", ["Kabul", "Ka\x00bul"])])
def test_a_nul_in_a_text_is_refused_naming_the_field(tmp_path, field, value):
    path = write(tmp_path, [participant("a"), participant("b", **{field: value})], name="records.jsonl")

    assert refusal(path) == f"{path}, line 3 (events.participant b): {field}: {NO_NUL.message}"
    assert not Participant.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("name", "Kab\ud800ul"), ("aliases", ["Kabul", "Ka\ud800bul"])])
def test_a_lone_surrogate_in_a_text_is_refused_naming_the_field(tmp_path, field, value):
    """Tester 37, N1: Python's codec message ("'utf-8' codec can't encode character ...") named no field."""
    path = write(tmp_path, [participant("a"), participant("b", **{field: value})], name="records.jsonl")

    message = "Surrogate characters are not allowed: U+D800."
    assert refusal(path) == f"{path}, line 3 (events.participant b): {field}: {message}"
    assert not Participant.objects.exists()


def test_a_key_with_a_lone_surrogate_names_no_record(tmp_path):
    path = write(tmp_path, [participant("a"), event("talks", host=["a\udc00"])], name="records.jsonl")

    assert refusal(path).endswith(r'host: No participant has the key ["a\udc00"].')  # escaped, as JSON writes it
    assert not Participant.objects.exists()


def test_a_country_is_taken_in_any_form_the_api_takes(tmp_path):
    given = {"a": "Kazakhstan", "b": "rus", "c": "ch", "d": ""}
    path = write(tmp_path, [participant(slug, country=country) for slug, country in given.items()])

    call_command("loaddata", str(path), verbosity=0)

    assert dict(Participant.objects.values_list("slug", "country")) == {"a": "KZ", "b": "RU", "c": "CH", "d": ""}


def test_a_record_of_a_yaml_fixture_is_told_by_its_number(tmp_path):
    path = tmp_path / "records.yaml"
    path.write_text("- model: events.participant\n  fields: {slug: a, name: A, kind: planet}\n", encoding="utf-8")

    assert refusal(path).startswith(f"{path}, record 1 (events.participant a): kind: ")


@pytest.mark.parametrize("pk", ["abc", "\u00b2"])
def test_an_xml_record_whose_id_is_no_number_is_told_by_its_number(tmp_path, pk):
    """Django's XML reader converts a record's id itself and let the ValidationError out: a traceback."""
    record = (
        '<object model="events.participant" pk="{}"><field name="slug" type="SlugField">{}</field>'
        '<field name="name" type="CharField">P</field><field name="kind" type="CharField">state</field></object>'
    )
    path = tmp_path / "records.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><django-objects version="1.0">{record.format(9001, "a")}'
        f"{record.format(pk, 'b')}</django-objects>",
        encoding="utf-8",
    )

    assert refusal(path) == f"{path}, record 2: “{pk}” value must be an integer."
    assert not Participant.objects.exists()


@pytest.mark.parametrize("text", ['[{"model": ', "[1, 2]", '[{"model": "events.nothing", "fields": {}}]'])
def test_a_file_that_is_no_fixture_is_refused_naming_it(tmp_path, text):
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")

    assert f"'{path}'" in refusal(path)
    assert not Participant.objects.exists()


def test_a_line_of_a_json_lines_fixture_that_is_not_json_is_named_by_its_number(tmp_path):
    """Django's reader reads each line alone and called every bad one "line 1" (tester 47's fixer's note)."""
    path = tmp_path / "records.jsonl"
    good = json.dumps(participant("a"))
    path.write_text(f"{good}\n\n{good[:-1]}\n", encoding="utf-8")

    assert refusal(path).endswith(f"line 3: Expecting ',' delimiter (column {len(good)}).")
    assert not Participant.objects.exists()


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True, False, "1_0", "\uff11"])
def test_a_coordinate_that_is_no_number_is_refused(tmp_path, value):
    """JSON has no NaN, but Python's reader takes one: it would have slipped past "both or neither". Nor is
    ``true`` a number, which Python's ``float()`` makes 1.0 (tester 31, G2)."""
    event = {
        "model": "events.event",
        "fields": {"slug": "ev", "title": "E", "kind": "peace_talks", "start_date": "2020-05-10"},
    }
    event["fields"] |= {"latitude": value, "longitude": 3}
    path = tmp_path / "event.json"
    path.write_text(json.dumps([event]), encoding="utf-8")

    assert refusal(path) == f"{path}, line 1 (events.event ev): latitude: {NOT_A_NUMBER}"
    assert not Event.objects.exists()


@pytest.mark.parametrize("value", [["x"], {"a": 1}, True, 5])
@pytest.mark.parametrize("name", ["records.json", "records.jsonl"])
def test_a_text_given_as_no_string_is_refused_not_stored_as_its_repr(tmp_path, value, name):
    """Django's reader would store ``["x"]`` as ``"['x']"``; the API refuses it, and so does a fixture."""
    path = write(tmp_path, [participant("a", name=value)], name=name)

    assert refusal(path).endswith(f"(events.participant a): name: {NOT_TEXT}")
    assert not Participant.objects.exists()


def test_an_alias_longer_than_the_apis_limit_is_refused_naming_the_field(tmp_path):
    path = write(tmp_path, [participant("a"), participant("b", aliases=["Kabul", "a" * 201])], name="records.jsonl")

    assert refusal(path) == (
        f"{path}, line 3 (events.participant b): aliases: Ensure this value has at most 200 characters (it has 201)."
    )
    assert not Participant.objects.exists()


def event(slug, **fields):
    return {
        "model": "events.event",
        "fields": {"slug": slug, "title": slug.title(), "kind": "meeting", "start_date": "2018-09-04", **fields},
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("awaiting_review", "maybe", "“maybe” value must be either True or False."),
        ("awaiting_review", None, "“None” value must be either True or False."),
        (
            "start_date",
            "2018-13-45",
            "“2018-13-45” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
        ),
        ("latitude", "north", "“north” value must be a float."),
    ],
)
@pytest.mark.parametrize("name", ["records.json", "records.jsonl"])
def test_a_value_its_field_cannot_read_is_refused_by_line_and_field(tmp_path, field, value, message, name):
    """Django's reader stopped at it with its own message ("Problem installing fixture …: field_value was …"),
    which named neither the line nor the field."""
    path = write(tmp_path, [event("a"), event("b", **{field: value})], name=name)

    line = opening_line(path, "b") if name.endswith(".json") else 3
    assert refusal(path) == f"{path}, line {line} (events.event b): {field}: {message}"
    assert not Event.objects.exists()


def test_a_value_its_field_cannot_read_in_a_yaml_fixture_is_told_by_its_number(tmp_path):
    path = tmp_path / "records.yaml"
    path.write_text(
        "- model: events.event\n  fields: {slug: a, title: A, kind: meeting, start_date: 2018-09-04, "
        "awaiting_review: maybe}\n",
        encoding="utf-8",
    )

    assert (
        refusal(path)
        == f"{path}, record 1 (events.event a): awaiting_review: “maybe” value must be either True or False."
    )


@pytest.mark.parametrize(
    ("records", "told"),
    [
        ([participant("p1", affiliation=["p1"])], "p1): affiliation: This would make the participant its own"),
        (
            [participant("p1", affiliation=["p2"]), participant("p2", affiliation=["p1"])],
            "p1): affiliation: This would make",
        ),
        ([participant("p0"), participant("p1", affiliation=["nope"])], "p1): affiliation: No participant has the key"),
    ],
)
def test_a_relation_to_a_record_read_later_is_told_by_line_and_field(tmp_path, records, told):
    """Django saves such a record again once every record is read: its refusal then is told like any other."""
    path = write(tmp_path, records)
    message = refusal(path)
    slug = told.split(")")[0]
    assert message.startswith(f"{path}, line {opening_line(path, slug)} (events.participant {slug}")
    assert told in message
    assert not Participant.objects.filter(slug__in=["p0", "p1", "p2"]).exists()


RECORD = '{"model": "events.participant", "fields": {"slug": "bogota", "name": "Bogotá", "kind": "state"}}'
# The file, and the line of its é.
UTF8_FIXTURES = {
    "records.json": (f"[{RECORD}]", 1),
    "records.jsonl": (f"{RECORD}\n", 1),
    "records.yaml": ("- model: events.participant\n  fields: {slug: bogota, name: Bogotá, kind: state}\n", 2),
}


@pytest.mark.parametrize("name", UTF8_FIXTURES)
def test_a_fixture_is_utf8_its_byte_order_mark_dropped_other_bytes_told(tmp_path, name):
    path, (text, line) = tmp_path / name, UTF8_FIXTURES[name]
    path.write_bytes(text.encode("utf-8-sig"))
    call_command("loaddata", str(path), verbosity=0)
    assert Participant.objects.get(slug="bogota").name == "Bogotá"

    Participant.objects.all().delete()
    path.write_bytes(text.encode("latin-1"))
    assert refusal(path).endswith(f"'{path}': line {line}: byte 0xe1 is not UTF-8: save the file as UTF-8.")
    assert not Participant.objects.exists()


def test_two_records_with_one_natural_key_are_refused_naming_both(tmp_path):
    """As import_records refuses them: Django would save the second over the first."""
    path = write(tmp_path, [participant("p6"), participant("p5"), participant("p6", name="Again")])
    message = refusal(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    first, last = opening_line(path, "p6"), max(number for number, line in enumerate(lines, 1) if line.strip() == "{")
    assert message == (
        f"{path}, line {last} (events.participant p6): repeats the record of {path}, line {first} "
        "(the same natural key)."
    )
    assert not Participant.objects.filter(slug__in=["p5", "p6"]).exists()


@pytest.mark.parametrize("name", ["records.json", "records.jsonl"])
def test_an_unknown_field_is_told_by_line_and_field(tmp_path, name):
    """Django's reader told it by the file alone ("Participant has no field named 'colour'"), twice over."""
    path = write(tmp_path, [participant("a"), participant("b", colour="red", flag="x")], name=name)
    line = opening_line(path, "b") if name.endswith(".json") else 3

    assert refusal(path) == f"{path}, line {line} (events.participant b): colour: Unknown field.; flag: Unknown field."
    assert not Participant.objects.exists()


def test_an_unknown_field_in_a_yaml_fixture_is_told_by_its_number(tmp_path):
    path = tmp_path / "records.yaml"
    path.write_text("- model: events.participant\n  fields: {slug: a, name: A, kind: state, colour: red}\n")

    assert refusal(path) == f"{path}, record 1 (events.participant a): colour: Unknown field."


def test_an_unknown_field_is_skipped_when_told_to_ignore_it(tmp_path):
    path = write(tmp_path, [participant("a", colour="red")])

    call_command("loaddata", str(path), ignorenonexistent=True, verbosity=0)

    assert Participant.objects.get().slug == "a"


@pytest.mark.parametrize("name", ["records.json", "records.jsonl"])
def test_a_relation_written_as_a_bare_slug_is_its_natural_key_as_the_import_reads_it(tmp_path, name):
    """Tester 37, N3: ``"host": "a"`` was read by Django as an id ("“a” value must be an integer.", no line, no
    field), where ``import_records`` reads it as the slug its records are documented to take."""
    path = write(tmp_path, [participant("a"), event("talks", host="a")], name=name)
    call_command("loaddata", str(path), verbosity=0)
    assert Event.objects.get().host.slug == "a"


def test_a_bare_slug_of_no_record_is_told_by_line_and_field(tmp_path):
    path = write(tmp_path, [participant("a"), event("talks", host="ghost")], name="records.jsonl")

    assert refusal(path).endswith('(events.event talks): host: No participant has the key ["ghost"].')
    assert not Event.objects.exists()


@pytest.mark.parametrize("value", [20190101, True, ["2019-01-01"]], ids=["number", "boolean", "list"])
@pytest.mark.parametrize("name", ["records.json", "records.jsonl"])
def test_a_date_that_is_no_text_is_refused_by_line_and_field(tmp_path, value, name):
    """Tester 38, P4: a traceback ("fromisoformat: argument must be str"), naming no line, record nor field."""
    path = write(tmp_path, [event("talks", start_date=value)], name=name)

    assert refusal(path).startswith(f"{path}, line ")
    assert "(events.event talks): start_date: " in refusal(path)
    assert not Event.objects.exists()


def test_a_time_that_is_no_text_is_refused_by_line_and_field(tmp_path):
    path = write(tmp_path, [participant("a", created_at=1234)], name="records.jsonl")

    assert "(events.participant a): created_at: “1234” value has an invalid format." in refusal(path)


YAML_REFUSALS = [
    ("name: [a, b]", "name: Not a valid string."),  # YAML's list: stored as the text "['a', 'b']"
    ("name: 31", "name: Not a valid string."),  # YAML's number: stored as "31"
    ("start_date: 2019-01-01 10:00:00", "start_date: “2019-01-01 10:00:00” value has an invalid date format."),
    ("start_date: 2019-02-30", "start_date: “2019-02-30” value has the correct format (YYYY-MM-DD) but it is an"),
    ("start_date: 20190101", "start_date: “20190101” value has an invalid date format."),
]


@pytest.mark.parametrize(
    ("line", "told"), YAML_REFUSALS, ids=["list", "number", "time for a day", "no such day", "day as a number"]
)
def test_a_yaml_fixture_is_read_by_the_rules_of_a_json_one(tmp_path, line, told):
    """Tester 38, P5: YAML's own types (lists, numbers, times) reached the records unchecked, and an impossible day
    stopped the load in Python's words ("day is out of range for month"), naming no record nor field."""
    model = "events.participant" if line.startswith("name") else "events.event"
    if model == "events.participant":
        fields = {"slug": "talks", "name": "Talks", "kind": "state"}
    else:
        fields = {"slug": "talks", "title": "Talks", "kind": "summit", "start_date": "2019-01-01"}
    key = line.split(":")[0]
    written = "\n".join(f"    {name}: {value}" for name, value in fields.items() if name != key)
    path = tmp_path / "records.yaml"
    path.write_text(f"- model: {model}\n  fields:\n{written}\n    {line}\n", encoding="utf-8")

    assert refusal(path).startswith(f"{path}, record 1 ({model} talks): {told}")
    assert not Event.objects.exists() and not Participant.objects.exists()


def test_a_yaml_fixture_of_dates_and_times_written_as_yaml_writes_them_loads(tmp_path):
    path = tmp_path / "records.yaml"
    path.write_text(
        "- model: events.event\n  fields:\n    slug: talks\n    title: Talks\n    kind: summit\n"
        "    start_date: 2019-01-01\n    end_date: 2019-01-02\n    created_at: 2019-01-01 10:00:00.123456+00:00\n"
    )
    call_command("loaddata", str(path), verbosity=0)

    talks = Event.objects.get()
    assert (str(talks.start_date), str(talks.end_date), talks.created_at.microsecond) == (
        "2019-01-01",
        "2019-01-02",
        123456,
    )


def test_a_bad_choice_is_told_in_the_apis_words_listing_the_choices(tmp_path, token_client):
    """Tester 38, P6: "Value 'zzz' is not a valid choice." where the API lists the valid ones."""
    path = write(tmp_path, [participant("a", kind="zzz")], name="records.jsonl")
    answer = token_client.post("/api/participants/", {"slug": "a", "name": "A", "kind": "zzz"}, format="json")

    assert refusal(path) == f"{path}, line 1 (events.participant a): kind: {answer.json()['kind'][0]}"
    assert answer.json()["kind"][0].startswith("“zzz” is not a valid choice. Valid choices: state, government")


@pytest.mark.parametrize(
    ("written", "told"),
    [("1:30", "“1:30” value must be a float."), ("0x1F", "“0x1F” value must be a float."), ("1_0", NOT_A_NUMBER)],
    ids=["sexagesimal", "hexadecimal", "underscore"],
)
def test_a_yaml_number_in_a_spelling_json_has_not_is_refused(tmp_path, written, told):
    """Tester 39, Q3: YAML 1.1 read ``1:30`` as 90.0 and ``0x1F`` as 31.0, where a JSON fixture refuses "1_0"."""
    path = tmp_path / "records.yaml"
    path.write_text(
        "- model: events.event\n  fields: {slug: talks, title: Talks, kind: summit, start_date: 2019-01-01, "
        f"city: Geneva, latitude: {written}, longitude: 6.5}}\n"
    )

    assert refusal(path) == f"{path}, record 1 (events.event talks): latitude: {told}"
    assert not Event.objects.exists()


def test_a_record_given_the_id_of_another_record_is_refused_not_written_over_it(tmp_path):
    """A dump made without --natural-primary, loaded into a database with records of its own: Django would write
    each record over the one that holds its id here (tester 43, L9)."""
    here = Participant.objects.create(slug="zed-front", name="Zed Front", kind="armed_group")
    path = write(tmp_path, [participant("p5"), {**participant("russia"), "pk": here.pk}])
    assert refusal(path) == (
        f"{path}, line {opening_line(path, 'russia')} (events.participant russia): the id {here.pk} is the "
        "participant “zed-front” in this database, which loading would overwrite. Load a dump made with "
        "--natural-primary (its records are matched by their natural keys), or load into an empty database."
    )
    assert list(Participant.objects.values_list("slug", flat=True)) == ["zed-front"]

    # The record that holds its own id is written over, as loading a dump again does.
    call_command("loaddata", str(write(tmp_path, [{**participant("zed-front"), "pk": here.pk}])), verbosity=0)
    assert Participant.objects.get(pk=here.pk).name == "Zed-Front"


@pytest.mark.parametrize("name", ["records.json", "records.jsonl"])
def test_a_name_given_twice_in_a_record_is_refused_naming_its_line(tmp_path, name):
    """Django's reader kept the last of a name given twice, unseen; the API refuses it (tester 42, F3)."""
    path = write(tmp_path, [participant("a", description='says "x": y'), participant("b")], name=name)
    text = path.read_text(encoding="utf-8").replace('"name": "B"', '"name": "B", "name": "C"')
    path.write_text(text, encoding="utf-8")
    line = opening_line(path, "b") if name.endswith(".json") else 3

    assert refusal(path).endswith(f"'{path}': line {line}: name: Given more than once: give one value.")
    assert not Participant.objects.exists()


YAML_GIVEN_TWICE = [
    # (the fixture, the line and key told)
    (
        "- model: events.participant\n  fields: {slug: a, name: A, kind: state}\n"
        "- model: events.participant\n  fields:\n    slug: b\n    name: B\n    kind: state\n    name: C\n",
        "line 8: name",
    ),
    (  # in a flow mapping, on one line
        "- model: events.participant\n  fields: {slug: b, name: B, kind: state, name: C}\n",
        "line 2: name",
    ),
    (  # a record's own keys
        "- model: events.participant\n  fields: {slug: b, name: B, kind: state}\n  model: events.event\n",
        "line 3: model",
    ),
]


@pytest.mark.parametrize(("text", "told"), YAML_GIVEN_TWICE, ids=["block", "flow", "record"])
def test_a_key_given_twice_in_a_yaml_record_is_refused_naming_its_line_and_key(tmp_path, text, told):
    """YAML's reader kept the last of a key given twice, unseen, where a JSON fixture, the import and the API refuse
    a name given twice."""
    path = tmp_path / "records.yaml"
    path.write_text(text, encoding="utf-8")

    assert refusal(path).endswith(f"'{path}': {told}: Given more than once: give one value.")
    assert not Participant.objects.exists() and not Event.objects.exists()


def test_a_yaml_merge_key_is_no_key_given_twice(tmp_path):
    """``<<`` brings another mapping's keys; the record's own key given again overrides it, as YAML says."""
    path = tmp_path / "records.yaml"
    path.write_text(
        "- model: events.participant\n  fields: &state {slug: a, name: A, kind: state}\n"
        "- model: events.participant\n  fields: {<<: *state, slug: b, name: B}\n",
        encoding="utf-8",
    )
    call_command("loaddata", str(path), verbosity=0)
    loaded = sorted(Participant.objects.values_list("slug", "name", "kind"))
    assert loaded == [("a", "A", "state"), ("b", "B", "state")]


def test_two_records_of_one_load_given_one_id_are_refused(tmp_path):
    """Review 37: into an empty table, the second was written over the first, "Installed 2 object(s)"."""
    first = write(tmp_path, [{**participant("kenya"), "pk": 1}], name="first.json")
    second = write(tmp_path, [{**participant("uganda"), "pk": 1}], name="second.json")
    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(first), str(second), verbosity=0)
    assert str(refused.value) == (
        f"{second}, line 2 (events.participant uganda): the id 1 is the participant “kenya” in this database, which "
        "loading would overwrite. Load a dump made with --natural-primary (its records are matched by their natural "
        "keys), or load into an empty database."
    )
    assert not Participant.objects.exists()


@pytest.mark.parametrize("published_on", [None, "2018-13-45"])
def test_an_unreadable_date_of_a_natural_key_is_told_as_the_field_s(tmp_path, published_on):
    """Review 37: the checks of a load read a record's natural key, which holds an article's date, before its fields
    were checked: a traceback ('NoneType' object has no attribute 'isoformat')."""
    fields = {"title": "T", "publisher": "P", "published_on": published_on, "body": "B"}
    path = write(tmp_path, [{"model": "events.article", "pk": 7, "fields": fields}])
    message = refusal(path)
    assert "published_on: " in message and "Traceback" not in message
