"""The bulk file formats: records as NDJSON or CSV, read for ``import_records`` and written by ``export_records``.

NDJSON has one record a line, as one object of a natural-key fixture
(``{"model": "events.report", "fields": {...}}``), which is also what
``dumpdata --format jsonl --natural-foreign --natural-primary`` writes. CSV has
one model a file: a header row of field names, then one record a row; the model
is named by a ``model`` column or, failing that, by ``--model``. In a CSV cell a
relation whose natural key has one part (a slug) is that part; one with several
parts (an article, an attendance) is a JSON array, as is a JSON field (aliases);
an empty cell is null where the field may be null, and the field's default where it has
one and is no text (``awaiting_review``, ``aliases``), as if not given. A text cell that starts
like a spreadsheet formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) or
with ``'`` is written after a ``'``, which reading takes off again.
"""

import contextlib
import csv
import datetime
import json
from pathlib import Path

import orjson
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from events.models.article import BODY_MAX_LENGTH
from events.rules import jsontext
from events.rules.jsontext import check_depth, not_json
from events.rules.values import GIVEN_TWICE, repeated_name
from events.transfer.cells import escaped, unescaped
from events.transfer.keyed import MODELS_BY_LABEL, RECORD_MODELS, Record, natural_key_lookups

FORMATS = ("ndjson", "csv")


def format_of(path, given=None):
    """The format named by ``given``, else by the file's extension (``.csv``; anything else is NDJSON)."""
    if given:
        return given
    return "csv" if str(path).lower().endswith(".csv") else "ndjson"


# ------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------
class UnreadableFile(Exception):
    """A file that cannot be read from ``line`` on (a CSV cell longer than any field takes, bytes that are not
    UTF-8): the whole import fails, naming the file and the line."""

    def __init__(self, line, problem, path=""):
        super().__init__(line, problem, path)
        self.line, self.problem, self.path = line, problem, path

    def __str__(self):
        return f"{self.path} line {self.line}: {self.problem}".lstrip()


def read_ndjson(lines):
    """Records from NDJSON lines; a line that is not a record becomes one with its ``problem``."""
    for number, line in enumerate(lines, start=1):
        if not line or line.isspace():  # as ``not line.strip()``, without copying the line
            continue
        record = Record(line=number, model="", fields={}, raw=line)
        try:
            data = loads(line)
        except json.JSONDecodeError as error:  # TooDeep too: nested past the API's limit on a body
            record.problem = f"{not_json(error)} (column {error.colno})."  # "... starting at (column 44)"
            yield record
            continue
        repeated = repeated_name(line, data)
        if repeated is not None:  # json keeps the last of a name given twice, unseen
            record.problem = f"{repeated}: {GIVEN_TWICE}"
        elif not isinstance(data, dict) or not isinstance(data.get("model"), str) or "fields" not in data:
            record.problem = 'A record is a JSON object {"model": "events.<name>", "fields": {...}}.'
        elif len(data) > 2:  # keys besides those two
            extra = ", ".join(sorted(set(data) - {"model", "fields"}))
            record.problem = f"Unknown keys: {extra}. Records are matched by their natural keys, so give no pk."
        else:
            record.model, record.fields = data["model"].lower(), data["fields"]
        yield record


def loads(line):
    """``json.loads(line)``, by orjson (a tenth of the time); anything orjson refuses goes to ``json``, which
    reads what it accepts beyond orjson (NaN, integers past 64 bits, lone surrogates) or says why not, as ever.
    A line nested deeper than the limit of every JSON text is ``TooDeep`` (``events.rules.jsontext``)."""
    check_depth(line)
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)


# The csv module's own limit is C's long; past it, field_size_limit() refuses.
CSV_LIMIT_CEILING = 2**31 - 1


def csv_cell_limit():
    """The most characters a CSV cell is read with: what the longest field takes.

    An article's text holds at most ``BODY_MAX_LENGTH`` characters (and its cell one more, the ``'`` before
    a text that starts like a formula), the longest text of any field (every text has a bound: a quote the
    same, a description or notes ``NOTE_MAX_LENGTH``). The limit is the largest request the API reads,
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes, when that is more: a cell past it is no record the API would take.
    """
    upload = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or CSV_LIMIT_CEILING
    return min(max(BODY_MAX_LENGTH + 1, upload), CSV_LIMIT_CEILING)


def csv_rows(reader, limit):
    """The rows of a ``csv.reader``, read with the cell limit ``limit``.

    The limit is the csv module's, one for the whole process: it is set for each row read and given back
    after, so no other reader sees it. A row the csv module cannot read (a cell over the limit, a NUL) is an
    ``UnreadableFile`` at the line it starts on: past it, the csv module no longer knows where a row begins.
    """
    while True:
        start = reader.line_num + 1
        previous = csv.field_size_limit(limit)
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if str(error).startswith("field larger than field limit"):
                problem = f"A cell holds more than {limit:,} characters, more than any field takes."
            elif str(error) == "unexpected end of data":  # strict: a quote opened in this row is never closed
                problem = "A quoted cell is not closed: its row would run to the end of the file."
            else:
                problem = f"Not CSV: {error}."
            raise UnreadableFile(start, f"{problem} The file is not read past it.") from None
        finally:
            csv.field_size_limit(previous)
        yield row


def read_csv(lines, model=None):
    """Records from CSV lines (a header row, then one record a row), as typed values.

    The line of a record is the line its row starts on, counting the header as line 1.
    """
    # strict: a quoted cell left open is an error, where the csv module would read the rest of the file into it
    reader = csv.reader(lines, strict=True)
    rows = csv_rows(reader, csv_cell_limit())
    try:
        header = next(rows)
    except StopIteration:
        return
    if twice := next((name for name in header if header.count(name) > 1), None):
        raise UnreadableFile(1, f"The header names the column “{twice}” twice: name each field once.")
    label = full_label(model) if model else None
    for row in rows:
        if not any(row):  # a blank line, or a row of empty cells (",,,,": a spreadsheet's empty row): no record
            continue
        number = reader.line_num - sum(cell.count("\n") for cell in row)
        record = Record(line=number, model=label or "", fields={}, raw=row, header=header)
        if len(row) != len(header):
            record.problem = f"The row has {len(row)} cells and the header {len(header)}."
            yield record
            continue
        cells = dict(zip(header, [unescaped(cell) for cell in row], strict=True))
        record.model = full_label(cells.pop("model", label or ""))
        if not record.model:
            record.problem = "Name the model: a `model` column, or --model."
            yield record
            continue
        try:
            record.fields = typed_cells(MODELS_BY_LABEL.get(record.model), cells)
        except ValueError as error:
            record.problem = str(error)
        yield record


def full_label(name):
    """``events.event`` for ``event`` or ``Events.Event``."""
    name = name.strip().lower()
    return name if "." in name or not name else f"events.{name}"


def typed_cells(model, cells):
    """A CSV row's cells as the values an NDJSON record would hold."""
    if model is None:
        return cells
    fields = {}
    for name, cell in cells.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            fields[name] = cell
            continue
        if cell == "" and (field.null or field.many_to_one):
            fields[name] = None
        elif cell == "" and field.has_default() and not isinstance(field, models.CharField | models.TextField):
            continue  # no value, as a record that does not give the field: its default (awaiting_review: false)
        elif field.get_internal_type() == "JSONField" or (
            field.many_to_one and len(natural_key_lookups(field.related_model)) > 1
        ):
            fields[name] = json_cell(name, cell)
        else:
            fields[name] = cell
    return fields


def json_cell(name, cell):
    try:
        return jsontext.loads(cell)
    except jsontext.TooDeep as error:
        raise ValueError(f"{name}: {not_json(error, lower=True)} (at column {error.colno}).") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{name}: not JSON ({error.msg} at column {error.colno}).") from None


def read(path, *, format=None, model=None):
    """The records of a file, which stays open while they are read.

    The file is UTF-8, with or without a byte-order mark (which spreadsheets write). Raises ``UnreadableFile``
    naming the file and the line it cannot be read from.
    """
    with open(path, encoding="utf-8-sig", newline="") as lines:
        try:
            if format_of(path, format) == "csv":
                yield from read_csv(lines, model)
            else:
                yield from read_ndjson(lines)
        except UnreadableFile as error:
            error.path = str(path)
            raise
        except UnicodeDecodeError:
            raise not_utf8(path) from None


# The files of a folder that import_records reads: what export_records writes, not the reject files it leaves.
READ_SUFFIXES = (".csv", ".ndjson", ".jsonl")


def files_of(paths):
    """The files named, a folder's files (``READ_SUFFIXES``, not ``*.rejected.*``) in its place."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(
                each
                for each in path.iterdir()
                if each.is_file() and each.suffix.lower() in READ_SUFFIXES and ".rejected." not in each.name
            )
        else:
            files.append(path)
    return files


def in_dependency_order(paths, *, format=None, model=None):
    """The files in the order their records may refer to each other: by the model of each file's first record
    (participants, events, articles, attendances, reports), files of one model, or none known, as given."""
    rank = {label: position for position, label in enumerate(MODELS_BY_LABEL)}

    def first_model(path):
        try:
            with contextlib.closing(read(path, format=format, model=model)) as records:
                return rank.get(next(records).model, len(rank))
        except (StopIteration, UnreadableFile, OSError):
            return len(rank)  # empty, or unreadable: read last, where its error is told

    return sorted(paths, key=first_model)


def not_utf8(path):
    """The ``UnreadableFile`` of a file that is not UTF-8, at its first line that is not.

    The text reader decodes blocks, not lines, so the file is read again, as bytes, to find the line.
    """
    with open(path, "rb") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                column = len(line[: error.start].decode("utf-8-sig", errors="replace")) + 1
                byte = line[error.start]
                problem = f"Not UTF-8 (the byte 0x{byte:02x} at column {column}): the file must be UTF-8."
                return UnreadableFile(number, problem, str(path))
    return UnreadableFile(number, "Not UTF-8: the file must be UTF-8.", str(path))  # cut short in a character


# ------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------
PLAIN_TYPES = (str, int, type(None), bool, float, list, dict)


def plain(value):
    """A value as a record holds it: dates and times in ISO 8601 (UTC as ``Z``), ids as text."""
    if isinstance(value, PLAIN_TYPES):
        return value
    if isinstance(value, datetime.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def record_columns(model):
    """The fields of ``model``'s records and, for each, the lookups that read it (several for a natural key)."""
    columns = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.many_to_one:
            lookups = [f"{field.name}__{lookup}" for lookup in natural_key_lookups(field.related_model)]
        else:
            lookups = [field.attname]
        columns.append((field, lookups))
    return columns


def iter_records(model, chunk_size=2000):
    """``(label, fields)`` for every row of ``model``, in the order of entry, in constant memory."""
    columns = record_columns(model)
    lookups = [lookup for _field, field_lookups in columns for lookup in field_lookups]
    label = model._meta.label_lower
    rows = model._default_manager.order_by("pk").values_list(*lookups).iterator(chunk_size=chunk_size)
    for row in rows:
        fields, position = {}, 0
        for field, field_lookups in columns:
            values = row[position : position + len(field_lookups)]
            position += len(field_lookups)
            if not field.many_to_one:
                fields[field.name] = plain(values[0])
            elif values[0] is None:
                fields[field.name] = None
            else:
                fields[field.name] = [plain(value) for value in values]
        yield label, fields


def ndjson_lines(model):
    for label, fields in iter_records(model):
        yield json.dumps({"model": label, "fields": fields}, ensure_ascii=False) + "\n"


class Echo:
    """A file-like object that hands back what is written to it, for a csv.writer that yields lines."""

    def write(self, value):
        return value


def csv_lines(model, *, with_model_column=True):
    """A header row, then a row for each record of ``model``."""
    writer = csv.writer(Echo())
    columns = [(field.name, len(lookups) == 1 and field.many_to_one) for field, lookups in record_columns(model)]
    names = [name for name, _slug in columns]
    yield writer.writerow(["model", *names] if with_model_column else names)
    for label, fields in iter_records(model):
        cells = [csv_cell(fields[name], slug) for name, slug in columns]
        yield writer.writerow([label, *cells] if with_model_column else cells)


def csv_cell(value, slug=False):
    """A value as its cell: nothing empty, a natural key of one part (``slug``) as itself, lists as JSON;
    text that starts like a spreadsheet formula (or with ``'``) after a ``'`` (events.transfer.cells)."""
    if value is None:
        return ""
    if slug:
        return escaped(value[0])
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return escaped(value)


def models_named(labels):
    """The record models named by ``labels`` (``events.event`` or ``event``), in dependency order; all of them
    when there are none. Raises ``ValueError`` naming an unknown one."""
    if not labels:
        return list(RECORD_MODELS)
    wanted = set()
    for label in labels:
        label = label.lower()
        model = MODELS_BY_LABEL.get(label) or MODELS_BY_LABEL.get(f"events.{label}")
        if model is None:
            raise ValueError(f"Unknown model “{label}”: give one of {', '.join(MODELS_BY_LABEL)}.")
        wanted.add(model)
    return [model for model in RECORD_MODELS if model in wanted]
