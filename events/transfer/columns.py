"""A batch's plain field values, cleaned column by column as ``Model.clean_fields()`` cleans them one by one.

Each field is one ``Column``. Most of a column's values repeat (dates, choices, timestamps, versions): a
value is cleaned by its field once and remembered. A value that does not repeat (a quote, a title, a
report's uid) takes a shorter road that gives the same answer for a good value: a text field's value
is its own cleaned value when the field's validators accept it, a field without validators or
choices cleans a value with ``to_python()`` alone. A value the short road does not accept goes
through ``field.clean()`` itself, so a bad value is refused with the message Django gives
(``tests/transfer/test_columns.py`` compares the two roads).
"""

import datetime
import math

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django_countries.fields import CountryField

from events.models.versioning import bad_date, is_day, trims
from events.rules.choices import in_the_apis_words
from events.rules.places import stored_country
from events.rules.values import (
    NOT_A_NUMBER,
    NOT_TEXT,
    SURROGATE,
    blank_text,
    composed,
    is_plain_date,
    is_plain_number,
    not_white_space_only,
    trimmed,
    unseen,
    unstorable,
    untrimmed,
)

# Fields whose ``to_python()`` leaves a string as it is (the exact classes: a subclass may convert).
TEXT_FIELDS = (models.CharField, models.TextField, models.SlugField, models.URLField, models.EmailField)
# Values longer than this are not remembered: a text that long rarely repeats.
LONGEST_REMEMBERED = 40
MEMO_SIZE = 50_000


class Column:
    """One plain field of a model, and the values of it already cleaned."""

    def __init__(self, model, field):
        self.field, self.name, self.attname = field, field.name, field.attname
        self.skips_blank = field.blank
        self.empty_values = field.empty_values
        # A field whose model attribute converts what is set (a country) is set through it.
        self.converts = not isinstance(getattr(model, field.attname, None), DeferredAttribute)
        # A unique field's values never repeat: nothing to remember.
        self.remembers, self.memo = not field.unique, {}
        self.short_road = short_road(field)
        self.longest = longest_own_text(field)
        # A required text not of white space only (events.rules.values), checked on the column's fast road too.
        self.refuses_white_space = not_white_space_only in field.validators
        self.stored_form = stored_form(field)
        self.refuses_nul = isinstance(field, models.CharField | models.TextField | models.JSONField)
        # The rules of values the model fields do not carry (events.rules.values): a text is a string (to_python()
        # would store a list as its repr), a number is finite (to_python() takes NaN and "inf"), a day is written
        # YYYY-MM-DD (to_python() takes "20260201" and the week date "2026-W05-1").
        self.text = isinstance(field, models.CharField | models.TextField)
        self.trims = trims(field)  # stored trimmed, as the API and the admin store it (events.rules.values.trimmed)
        self.number = isinstance(field, models.FloatField)
        self.day = is_day(field)

    def clean(self, instances, indexes, errors):
        """Clean this field of ``instances[index]`` for each index; a bad value's messages go in ``errors[index]``.

        When the values are all of one plain type (or null), equal values are one value to the field: each
        distinct one is cleaned once, and only the instances whose value the field changes (or refuses) are
        visited again. Anything else (lists, dicts, floats, or 1 beside true, which are one to a set but not to a
        text field) is cleaned value by value.
        """
        attname = self.attname
        stored = [instances[index].__dict__ for index in indexes]
        raws = [values[attname] for values in stored]
        kinds = set(map(type, raws))
        if (
            kinds == TEXT
            and self.longest is not None
            and 0 < min(map(len, raws)) <= max(map(len, raws)) <= self.longest
            and storable(joined := "".join(raws))
            and composed(joined) is joined  # composed already (events.rules.values): each text as it is
            and not (self.refuses_white_space and any_blank(raws))
            and not (self.trims and any(map(untrimmed, raws)))
        ):
            return None  # texts, none empty or too long, of a field with no other rule: each is its own cleaned value
        kinds.discard(NONE)
        if len(kinds) > 1 or not kinds <= SCALARS:
            return self.clean_each(instances, indexes, raws, errors)
        memo, changed = self.memo, {}
        for raw in set(raws):
            cleaned = memo.get(memo_key(raw), MISSING)
            if cleaned is MISSING:
                cleaned = self.cleaned(raw)
            if cleaned is not raw and cleaned is not LEFT:
                changed[raw] = cleaned
        if not changed:
            return None
        name, converts, changed_of = self.name, self.converts, changed.get
        for index, values, raw in zip(indexes, stored, raws, strict=True):
            cleaned = changed_of(raw, raw)
            if cleaned is raw:
                continue
            if type(cleaned) is ValidationError:
                errors[index][name] = cleaned.messages
            elif converts:
                setattr(instances[index], attname, cleaned)
            else:
                values[attname] = cleaned
        return None

    def clean_each(self, instances, indexes, raws, errors):
        attname, memo, name, converts, cleaned_of = self.attname, self.memo, self.name, self.converts, self.cleaned
        for index, raw in zip(indexes, raws, strict=True):
            try:
                cleaned = memo.get(memo_key(raw), MISSING)
            except TypeError:  # not hashable: a list or a dict
                cleaned = MISSING
            if cleaned is MISSING:
                cleaned = cleaned_of(raw)
            if cleaned is raw or cleaned is LEFT:
                continue
            instance = instances[index]
            if type(cleaned) is ValidationError:
                errors[index][name] = cleaned.messages
            elif converts:
                setattr(instance, attname, cleaned)
            else:
                instance.__dict__[attname] = cleaned

    def cleaned(self, raw):
        """``field.clean(raw)``, the ``ValidationError`` it raises, or ``LEFT``; remembered when worth it."""
        remember = self.remembers and not isinstance(raw, list | dict)
        if remember and isinstance(raw, str) and len(raw) > LONGEST_REMEMBERED:
            remember = False
        value = raw if self.stored_form is None else self.stored_form(raw)
        if self.text and type(value) is str:
            value = composed(value)  # every stored text is composed (events.rules.values)
            value = trimmed(value) if self.trims else value
        if raw is None and not self.field.null and not self.field.primary_key:
            # an explicit null where the column holds none: the API's and the database's rule, not a crash at the
            # write (Model.clean_fields() passes over the empty value of a field that may be blank)
            cleaned = ValidationError(self.field.error_messages["null"], code="null")
        elif self.text and raw is not None and not isinstance(raw, str):
            cleaned = ValidationError(NOT_TEXT, code="invalid")  # before the blank rule, which takes [] and {}
        elif self.skips_blank and raw in self.empty_values:
            cleaned = LEFT
        elif self.refuses_nul and (refused := unstorable(raw)) is not None:
            cleaned = refused
        elif self.number and not plain_number(raw):
            cleaned = ValidationError(NOT_A_NUMBER, code="invalid")  # before the validators: inf > 90 says less
        elif self.day and not is_plain_date(raw):
            cleaned = bad_date(self.field, raw)
        else:
            cleaned = REFUSED if self.short_road is None else self.short_road(value)
        if cleaned is REFUSED:
            try:
                cleaned = self.field.clean(value, None)
            except ValidationError as error:
                cleaned = in_the_apis_words(self.field, value, error.with_traceback(None))
            except (TypeError, ValueError):  # a number for a date: Django's date fields parse text only
                invalid = self.field.error_messages["invalid"]
                cleaned = ValidationError(invalid, code="invalid", params={"value": raw})
        if remember:
            if len(self.memo) > MEMO_SIZE:
                self.memo.clear()
            self.memo[memo_key(raw)] = cleaned
        return cleaned


def any_blank(texts):
    """Whether any of these texts, none empty, is ``blank_text``. Only a text whose first character shows nothing
    (``unseen``) can be: each distinct first character is looked at once, and only the texts it begins are read."""
    unseen_first = {first for first in {text[0] for text in texts} if unseen(first)}
    return bool(unseen_first) and any(blank_text(text) for text in texts if text[0] in unseen_first)


def plain_number(raw):
    """Whether a value is no NaN, infinity or boolean, as given or as ``FloatField.to_python()`` reads a text
    ("nan", "1e999"); what is no number is left to the field."""
    if isinstance(raw, str):
        if not is_plain_number(raw):
            return False
        try:
            raw = float(raw)
        except ValueError:
            return True
    return is_plain_number(raw)


def memo_key(raw):
    """What a value is remembered by: itself if text, else with its type (1, 1.0 and true are one dict key, but a
    text field cleans them to "1", "1.0" and "True")."""
    return raw if type(raw) is str else (type(raw), raw)


def storable(text):
    """Whether a text holds neither a NUL nor a lone surrogate (``events.rules.values.unstorable``), in two scans."""
    return "\x00" not in text and SURROGATE.search(text) is None


# Types of which two equal values are one value to a field (not floats: 0.0 and -0.0 are equal, a text field
# cleans them apart), and that are cleaned apart from each other's (a set takes 1 and true as one).
SCALARS = frozenset({str, int, bool})
NONE = type(None)
TEXT = {str}
MISSING = object()  # not remembered
LEFT = object()  # a blank value the field allows: left as it is, as Model.clean_fields() leaves it
REFUSED = object()  # the short road's answer when only field.clean() can tell


# The exact classes: a subclass may read a text otherwise.
ISO_PARSERS = {models.DateTimeField: datetime.datetime.fromisoformat, models.DateField: datetime.date.fromisoformat}


def longest_own_text(field):
    """For a text field whose only rules are a length and not blank, the longest text it takes as it is (``inf``
    if any); else None. ``clean()`` gives such a field's text back unchanged when it is not empty and not longer."""
    if field.choices is not None or type(field) not in TEXT_FIELDS:
        return None
    lengths = [validator for validator in field.validators if validator is not not_white_space_only]
    if not all(type(validator) is MaxLengthValidator for validator in lengths):
        return None
    limits = [validator.limit_value for validator in lengths]
    if not all(type(limit) is int for limit in limits):
        return None
    return min(limits, default=math.inf)


def short_road(field):
    """A function giving ``field.clean(value)`` for a good value more cheaply, or ``REFUSED``; or None."""
    if field.choices is not None:
        return None
    if type(field) in TEXT_FIELDS:
        limit, validators = None, []
        for validator in field.validators:
            if type(validator) is MaxLengthValidator and type(validator.limit_value) is int:
                limit = validator.limit_value if limit is None else min(limit, validator.limit_value)
            else:
                validators.append(validator)

        def text(value):
            # CharField.to_python() returns a string as it is; a non-empty one meets no blank or null rule.
            if type(value) is not str or not value or (limit is not None and len(value) > limit):
                return REFUSED
            try:
                for validator in validators:
                    validator(value)
            except ValidationError:
                return REFUSED
            return value

        return text
    parse = ISO_PARSERS.get(type(field))
    if parse is not None and not field.validators:

        def iso(value):
            # For a text, to_python() gives what fromisoformat() reads when it reads it (django.utils.dateparse
            # tries it first), and a date or time meets the blank and null rules.
            if type(value) is not str:
                return REFUSED
            try:
                return parse(value)
            except ValueError:
                return REFUSED

        return iso
    if not field.validators:
        # With no choices and no validators, clean() is to_python(), then (for an editable field) the blank
        # and null rules, which only an empty value can break.
        to_python, checks_empty = field.to_python, field.editable
        empty_values = field.empty_values
        empty_types = tuple({type(empty) for empty in empty_values if empty is not None})

        def converted(value):
            try:
                cleaned = to_python(value)
            except ValidationError:
                return REFUSED
            if checks_empty and (cleaned is None or (isinstance(cleaned, empty_types) and cleaned in empty_values)):
                return REFUSED
            return cleaned

        return converted
    return None


def stored_form(field):
    """For a field the API takes in more forms than it stores, a function giving a value's stored form; else None.

    A country is given as its code in any case or its English name and stored as its alpha-2 code, by the rule
    the API's writes follow (``events.rules.places.country_code``). A value already in its stored form (``RU``)
    is given back itself, so the column takes it as it is; one that names no country is left for the field to
    refuse.
    """
    if isinstance(field, CountryField) and not field.multiple:
        return stored_country
    return None


def plain_columns(model):
    """The columns ``Importer.validate_batch()`` cleans: every concrete field but relations and generated ones."""
    columns = [
        Column(model, field) for field in model._meta.concrete_fields if not field.many_to_one and not field.generated
    ]
    for column in columns:  # a record's created_at is most often its updated_at: one memo for both
        if column.remembers:
            column.memo = next(other.memo for other in columns if other is column or cleans_alike(other, column))
    return columns


def cleans_alike(one, other):
    """Whether two columns clean every value alike: fields of one class, with nothing of their own to tell them
    apart, and both remembering what they cleaned."""
    one, other = one.field, other.field
    return (
        type(one) is type(other)
        and not (one.validators or other.validators or one.unique or other.unique)
        and one.choices is None
        and other.choices is None
        and (one.null, one.blank, one.error_messages) == (other.null, other.blank, other.error_messages)
    )
