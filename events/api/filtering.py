"""Reusable filter parts: slug and id lookups that 400 on unknown keys, multi-value choices, stable ordering,
checked ranges, and the backend. The FilterSets in ``events.api.filters`` are built from these."""

import django_filters
from django import forms
from django.core.validators import slug_re
from django.db.models import BooleanField, Func, Q
from django_filters.rest_framework import DjangoFilterBackend

from events.api.fields import country_code, invalid_choice_message


class SlugChoiceField(django_filters.fields.ModelChoiceField):
    """A record chosen by slug: what cannot be a slug (a NUL byte, a space) is refused before any query.

    (PostgreSQL refuses a NUL byte in a query with an error, not an empty answer.)
    """

    def to_python(self, value):
        if value not in self.empty_values and not slug_re.match(str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


def slug_filter(model, field_name, **kwargs):
    """A filter on a related record given by its slug; an unknown slug is a 400 that names it.

    With ``method=`` the method filters, and ``field_name`` still tells the OpenAPI schema the type.
    """
    return SlugChoiceFilter(
        queryset=model.objects.all(),
        field_name=field_name,
        to_field_name="slug",
        error_messages={"invalid_choice": f"No {model._meta.verbose_name} has the slug “%(value)s”."},
        **kwargs,
    )


def id_filter(model, field_name, **kwargs):
    """A filter on a related record given by its id; an unknown id is a 400 that names it."""
    return django_filters.ModelChoiceFilter(
        queryset=model.objects.all(),
        field_name=field_name,
        error_messages={"invalid_choice": f"No {model._meta.verbose_name} has the id “%(value)s”."},
        **kwargs,
    )


def date_filter(**kwargs):
    """A date in ISO 8601 only (``2018-09-04``): ``04/09/2018`` is ambiguous, so it is a 400."""
    return django_filters.DateFilter(input_formats=["%Y-%m-%d"], **kwargs)


class ChoicesField(django_filters.fields.MultipleChoiceField):
    """Empty values (``?kind=``) mean no filter, as they do for every other parameter."""

    def clean(self, value):
        return super().clean([item for item in value or () if item != ""])


class Likely(Func):
    """A condition most rows meet: on SQLite ``likely(condition)``, elsewhere the condition itself.

    SQLite keeps no histogram, only the average rows a value matches, so it would read every
    confirmed attendance through the status index and sort them all for a page. Told that the
    condition is likely, it walks the list's order from its index and stops at a page. PostgreSQL
    knows each value's frequency and needs no hint.
    """

    function = "likely"
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, **extra_context)


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    field_class = ChoicesField

    def filter(self, qs, value):
        if not value or self.is_noop(qs, value):
            return qs
        return qs.filter(Likely(Q(**{f"{self.field_name}__in": sorted(set(value))})))


def choices_filter(choices, field_name=None, **kwargs):
    """Several values of one choice parameter mean OR: ``status=confirmed&status=declined``.

    A value that is no choice is a 400 that lists the valid ones.
    """
    message = invalid_choice_message([value for value, _label in choices], value="%(value)s")
    # No DISTINCT: a choice of the record or of a record it points to repeats no row, and a DISTINCT
    # would make the database sort every match before it can cut a page (docs/performance.md).
    kwargs.setdefault("distinct", False)
    return ChoicesFilter(choices=choices, field_name=field_name, error_messages={"invalid_choice": message}, **kwargs)


class CountryField(forms.CharField):
    """A country given as its ISO 3166-1 code in any case (``kz``, ``KAZ``) or its English name (``Kazakhstan``)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        code = country_code(value)
        if not code:
            raise forms.ValidationError(
                "“%(value)s” is no country: give an ISO 3166-1 code (KZ) or an English name (Kazakhstan).",
                code="invalid_choice",
                params={"value": value},
            )
        return code


class CountryFilter(django_filters.CharFilter):
    field_class = CountryField


def country_filter(field_name="country", **kwargs):
    """A country filter: the stored code matches whatever way the country was given."""
    kwargs.setdefault("help_text", "ISO 3166-1 code (any case) or English name: `KZ`, `kz`, `Kazakhstan`.")
    # iexact: the value is already the upper-case code, and the lookup reads the index on UPPER(country).
    return CountryFilter(field_name=field_name, lookup_expr="iexact", **kwargs)


class StableOrderingFilter(django_filters.OrderingFilter):
    """``ordering`` with the primary key as the last tie-breaker, so pages are stable.

    Ties follow the direction of the first field: under ``-reported_on`` the record
    entered last comes first, as in the default orders. Empty items
    (``ordering=title,``) are ignored.
    """

    def filter(self, qs, value):
        params = [param for param in value or () if param]
        if not params:
            return qs
        tie_breaker = "-pk" if params[0].startswith("-") else "pk"
        return qs.order_by(*(self.get_ordering_value(param) for param in params), tie_breaker)


class RangeCheckedForm(forms.Form):
    """A filter form whose ``(low, high)`` parameter pairs must not be reversed."""

    ranges = ()

    def clean(self):
        cleaned = super().clean()
        for low, high in self.ranges:
            if cleaned.get(low) and cleaned.get(high) and cleaned[low] > cleaned[high]:
                self.add_error(low, f"{low} ({cleaned[low]}) is later than {high} ({cleaned[high]}).")
        return cleaned


class RulesFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``ranges`` are checked: ``date_after`` later than ``date_before`` is a 400."""

    ranges = ()

    def get_form_class(self):
        # The filters are the same for every request, so is their form: built once per FilterSet.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = type(
                f"{cls.__name__}Form", (RangeCheckedForm, super().get_form_class()), {"ranges": self.ranges}
            )
        return cls._form_class


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the request names none of the filters (most reads).

    Binding a FilterSet deep-copies its filters and builds a form: with no filter
    parameter that changes nothing but costs more than the lean read itself.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not set(request.query_params) & set(filterset_class.base_filters):
            return queryset
        return super().filter_queryset(request, queryset, view)
