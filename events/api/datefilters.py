"""Query parameters of dates and times: ISO 8601 in ASCII digits only, an empty value no filter, times as UTC."""

import datetime

import django_filters
from django import forms
from django.db import models

from events.rules.values import is_plain_date, is_plain_date_time, plain_numeral


class PlainNumeralField:
    """A query parameter's number or date in ASCII digits only (``events.rules.values.plain_numeral``):
    ``２０１９-01-01`` is a 400 naming it, as any malformed value is, not a second spelling of 2019-01-01."""

    def to_python(self, value):
        if isinstance(value, str) and not plain_numeral(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class ISODateField(PlainNumeralField, forms.DateField):
    """``YYYY-MM-DD`` and no other spelling of the day (``2026-2-1``: ``events.rules.values.is_plain_date``)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None  # ``?date_after=``: no filter, as every empty value is
        if not is_plain_date(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            # "2021-02-29": the words of a body's date, the admin's and the import's (tester 42, F4: "Enter a valid
            # date." here)
            invalid = models.DateField.default_error_messages["invalid_date"]
            raise forms.ValidationError(invalid, code="invalid_date", params={"value": value}) from None
        return super().to_python(value)


class ISODateFilter(django_filters.DateFilter):
    field_class = ISODateField


def date_filter(**kwargs):
    """A date in ISO 8601 only (``2018-09-04``): ``04/09/2018`` is ambiguous, so it is a 400."""
    return ISODateFilter(input_formats=["%Y-%m-%d"], **kwargs)


class UTCDateTimeField(PlainNumeralField, django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date-time, as UTC: the databases take any offset an ISO text may carry (PostgreSQL refuses
    one past ±15:59), and a time that UTC cannot hold (year 1 with a positive offset) is a 400 naming it. Written
    in the extended form only (``events.rules.values.is_plain_date_time``)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None  # ``?updated_since=``: no filter, as every empty value is
        if not is_plain_date_time(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        parsed = super().to_python(value)
        if parsed is None or parsed.tzinfo is None:
            return parsed
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField
