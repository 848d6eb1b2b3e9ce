"""Serializer fields for how the API writes relations and places: strictly, with messages that name the value."""

import datetime
import math

from django.core.validators import slug_re
from django.db import models
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from events.api.audience import sees_drafts
from events.models import Event, Participant, validate_alias
from events.models.participant import ALIASES_MAX_COUNT, validate_name
from events.rules.choices import invalid_choice_message
from events.rules.places import country_code, no_country
from events.rules.values import (
    NO_NUL,
    NOT_A_NUMBER,
    TOO_LONG,
    holds_nul,
    is_plain_date,
    is_plain_integer,
    plain_numeral,
)


class StringOnlyMixin:
    """Text is a JSON string: DRF's text fields would quietly turn ``5`` into ``"5"``. A text too long is told in the
    words every entry point tells it in (``events.rules.values.TOO_LONG``), not DRF's."""

    default_error_messages = {"max_length": TOO_LONG}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class CharField(StringOnlyMixin, serializers.CharField):
    pass


class SlugField(StringOnlyMixin, serializers.SlugField):
    pass


class URLField(StringOnlyMixin, serializers.URLField):
    pass


class PlainNumeralMixin:
    """A number or date given as a string is written in ASCII digits with no ``_`` (``"２０２０-01-01"``,
    ``"1_0"`` are a 400 naming the field, as any malformed value is): ``events.rules.values.plain_numeral``.
    ``true`` and ``false`` are no numbers, though Python counts them as 1 and 0 (a latitude of ``true`` was 1.0)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or (isinstance(data, str) and not plain_numeral(data)):
            # Read as a value no format takes, so the field answers its own "invalid" message (a date's lists formats).
            data = "?"
        return super().to_internal_value(data)


class IntegerField(PlainNumeralMixin, serializers.IntegerField):
    pass


class FloatField(PlainNumeralMixin, serializers.FloatField):
    """A whole number too large for a float (``1`` and 400 zeros) is no number, in the words the admin, fixtures and
    the import say it in (``events.rules.values.NOT_A_NUMBER``), not DRF's "Integer value too large to convert to
    float" (tester 45, D1)."""

    default_error_messages = {"overflow": NOT_A_NUMBER}


class DecimalField(PlainNumeralMixin, serializers.DecimalField):
    pass


class DateField(PlainNumeralMixin, serializers.DateField):
    """``YYYY-MM-DD`` and no other spelling of the day: ``20260201``, ``2026-W05-1`` (26 January) and ``2026-2-1``
    are the 400 of a bad date, as the message says (``events.rules.values.is_plain_date``)."""

    # "2021-02-29": Django's model field's words, which the admin and the import answer too (tester 41, F4: "Date has
    # wrong format").
    default_error_messages = {
        "invalid_date": models.DateField.default_error_messages["invalid_date"].replace("%(value)s", "{value}")
    }

    def to_internal_value(self, data):
        if isinstance(data, str) and is_plain_date(data):
            try:
                datetime.date.fromisoformat(data)
            except ValueError:
                self.fail("invalid_date", value=data)
        return super().to_internal_value(data if is_plain_date(data) else "?")


class DateTimeField(PlainNumeralMixin, serializers.DateTimeField):
    pass


# The model fields whose values are numbers or dates, and the serializer field each is written through.
PLAIN_NUMERAL_FIELDS = {
    **dict.fromkeys(
        [
            models.IntegerField,
            models.BigIntegerField,
            models.SmallIntegerField,
            models.PositiveIntegerField,
            models.PositiveSmallIntegerField,
            models.PositiveBigIntegerField,
        ],
        IntegerField,
    ),
    models.FloatField: FloatField,
    models.DecimalField: DecimalField,
    models.DateField: DateField,
    models.DateTimeField: DateTimeField,
}


class ChoiceField(serializers.ChoiceField):
    """A choice whose error lists the valid choices: ``“talks” is not a valid choice. Valid choices: ...``."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices, **kwargs)
        self.error_messages["invalid_choice"] = invalid_choice_message(self.choices)


class CountryCodeField(CountryField):
    """An ISO 3166-1 country, given as a string (``RU``, ``ru``, ``RUS`` or ``Russia``), read as the filters read it.

    A value that names no country is told what a country is given as (events.rules.places.no_country), not
    "not a valid choice": the choices are some 250 codes and as many names.
    """

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(no_country(data), code="invalid_choice")
        if holds_nul(data):  # as every text field of the API says it
            raise serializers.ValidationError(NO_NUL.message, code=NO_NUL.code)
        if data == "" and self.allow_blank:
            return ""
        code = country_code(data)
        if not code:
            raise serializers.ValidationError(no_country(data), code="invalid_choice")
        return code


class SeenByTheWriter:
    """A relation a write may name only among the records its writer may read: to a writer who may not see drafts
    (``events.api.audience``), an event or attendance awaiting review is no record, as in every read of theirs,
    so naming it is the 400 of an unknown key and cannot put it on the public record."""

    def get_queryset(self):
        return super().get_queryset().visible(sees_drafts(self.context.get("request")))


class IdRelatedField(SeenByTheWriter, serializers.PrimaryKeyRelatedField):
    """A relation written as its integer id: ``1.5``, ``"x"`` or ``1e400`` are a 400, not a guess or a 500.

    ``""`` is a 400 that asks for the id, as a slug's ``""`` asks for the slug (DRF would read it as
    ``null`` and answer "This field may not be null.", which is not what was sent).
    """

    def __init__(self, **kwargs):
        name = kwargs["queryset"].model._meta.verbose_name
        blank = f"Give the {name}'s id (an integer)" + (", or null for none." if kwargs.get("allow_null") else ".")
        missing = f"No {name} has the id “{{pk_value}}”."
        kwargs.setdefault("error_messages", {"does_not_exist": missing, "blank": blank})
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("blank")
        return super().run_validation(data)

    def to_internal_value(self, data):
        written = isinstance(data, str) or (type(data) is float and math.isfinite(data))
        if written and not is_plain_integer(data):
            # "+2", " 2", "2.0", "２", 1.0, 1e0 or 2.5 are an id no record has, as in the filters and the admin
            # (events.rules.values.is_plain_integer; tester 38, P1), whether DRF reads it as an id or not (tester 39,
            # Q5: "２" and 2.5 were "A valid integer is required.")
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(IntegerField().run_validation(data))


class StrictSlugRelatedField(SeenByTheWriter, serializers.SlugRelatedField):
    """A relation written as a slug string: ``5``, ``["x"]`` or ``""`` is a 400, not a lookup or no relation.

    (DRF reads ``""`` as ``null``; in JSON, ``null`` says "none" and ``""`` is a mistake.
    HTML forms, which can only send ``""``, are read before this.)
    """

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("blank")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if not slug_re.match(data):
            # No record has it; and PostgreSQL would refuse a NUL byte in the query with an error.
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


def slug_field(model, **kwargs):
    """A relation read and written as the related record's slug."""
    name = model._meta.verbose_name
    return StrictSlugRelatedField(
        slug_field="slug",
        queryset=model.objects.all(),
        error_messages={
            "does_not_exist": f"No {name} has the slug “{{value}}”.",
            "invalid": f"Give the {name}'s slug as a string.",
            "blank": f"Give the {name}'s slug" + (", or null for none." if kwargs.get("allow_null") else "."),
        },
        **kwargs,
    )


def participant_field(**kwargs):
    return slug_field(Participant, **kwargs)


def event_field(**kwargs):
    return slug_field(Event, **kwargs)


def aliases_field(**kwargs):
    """A participant's aliases: the model's limits (every entry point's), each alias's checked here so that the API
    says which item broke it, and their number (``maxItems`` in the schema)."""
    child = CharField(validators=[validate_alias, validate_name])
    return serializers.ListField(child=child, max_length=ALIASES_MAX_COUNT, **kwargs)
