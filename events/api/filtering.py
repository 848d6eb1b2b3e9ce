"""Reusable filter parts: slug and id lookups that 400 on unknown keys, multi-value choices, stable ordering,
checked ranges, and the backend. The FilterSets in ``events.api.filters`` are built from these."""

import django_filters
from django import forms
from django.core.validators import slug_re
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q
from django.db.models.lookups import In
from django_filters import utils
from django_filters.constants import EMPTY_VALUES
from django_filters.rest_framework import DjangoFilterBackend

from events.api.audience import sees_drafts
from events.api.datefilters import UTCDateTimeFilter
from events.api.fields import invalid_choice_message
from events.api.reads import Prepared
from events.models.search import text_match
from events.rules.places import NO_COUNTRY, country_code
from events.rules.values import ONLY_WHITE_SPACE, composed, given_as_white_space, is_plain_integer

# The key of a record by its slug, one read compiled once per model (see SlugChoiceField.to_python).
KEYS_BY_SLUG = {}


class SlugChoiceField(django_filters.fields.ModelChoiceField):
    """A record chosen by slug: what cannot be a slug (a NUL byte, a space) is refused before any query.

    (PostgreSQL refuses a NUL byte in a query with an error, not an empty answer.)
    The record is found by a read compiled once (``events.api.reads.Prepared``) and stands in the
    filter as its key alone: a filter compares keys, and the ORM would otherwise build, compile and
    run a query for the whole record on every request.
    """

    def to_python(self, value):
        if value in self.empty_values:
            return super().to_python(value)
        if not slug_re.match(str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        queryset = self.queryset
        if self.to_field_name != "slug" or queryset.query.where:  # not every record of the model
            return super().to_python(value)
        model = queryset.model
        # With the key, whether the record awaits review (events): ``refuse_unseen()`` reads it.
        columns = [model._meta.pk.attname, *(["awaiting_review"] if hasattr(model, "awaiting_review") else [])]
        prepared = KEYS_BY_SLUG.get(model)
        if prepared is None:
            build = lambda slug: model._default_manager.filter(slug=slug).order_by().values_list(*columns)[:1]  # noqa: E731
            prepared = KEYS_BY_SLUG[model] = Prepared(build, model._meta.get_field("slug"))
        rows = prepared.rows(value)
        if not rows:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return model.from_db(queryset.db, columns, list(rows[0]))


def refuse_unseen(form, request):
    """A filter's record awaiting review (events.models.review) is, to a reader who may not see it, one that
    nobody has: the same 400 naming the filter. Both ways of reading a list ask (``FilterBackend``, prepared lists)."""
    if sees_drafts(request):
        return
    for name, value in list(form.cleaned_data.items()):
        if getattr(value, "awaiting_review", False):
            message = form.fields[name].error_messages["invalid_choice"]
            form.add_error(
                name, forms.ValidationError(message, code="invalid_choice", params={"value": form.data[name]})
            )


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField
    # What the value does to the SQL (events.api.prepared): a record's key, one parameter.
    sql_value = "parameter"


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


class IdChoiceField(django_filters.fields.ModelChoiceField):
    """A record chosen by id, written in ASCII digits only: ``９``, ``٩``, ``0_9`` or `` 9`` is refused as an id
    no record has, not read as a second spelling of 9 (as every number of a query:
    ``events.api.datefilters.PlainNumeralField``)."""

    def to_python(self, value):
        if isinstance(value, str) and value and not is_plain_integer(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


def id_filter(model, field_name, **kwargs):
    """A filter on a related record given by its id; an unknown id is a 400 that names it."""
    return IdChoiceFilter(
        queryset=model.objects.all(),
        field_name=field_name,
        error_messages={"invalid_choice": f"No {model._meta.verbose_name} has the id “%(value)s”."},
        **kwargs,
    )


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


class Unindexed(Func):
    """A column SQLite may not look values up in through an index (``+column``); elsewhere the column itself.

    For a choice whose index cannot give the list's order (an attendance's status: the list is in its events'
    order). Beside a second condition (the public's ``NOT awaiting_review``) SQLite's planner no longer trusts
    ``Likely``: it read every confirmed attendance through the (participant, status) index, one participant
    after another, and sorted them all for a page (about 1 s at 1,000,000 attendances, bench/RESULTS.md).
    """

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    field_class = ChoicesField
    sql_value = "shape"  # a parameter per value (events.api.prepared)

    def __init__(self, *args, unindexed_unless=None, **kwargs):
        # The column is ``Unindexed`` unless the list also names this filter (one whose index leads to the choice's).
        self.unindexed_unless = unindexed_unless
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value or self.is_noop(qs, value):
            return qs
        values = sorted(set(value))
        if self.unindexed_unless and not self.parent.data.get(self.unindexed_unless):
            return qs.filter(Likely(self.unindexed(qs.model, values)))
        return qs.filter(Likely(Q(**{f"{self.field_name}__in": values})))

    def unindexed(self, model, values):
        relation, _, column = self.field_name.rpartition("__")
        if not relation:
            return In(Unindexed(F(column)), values)
        # The choice of a record pointed to (an attendance's participant's kind) is probed row by row (EXISTS) in
        # the list's order. Joined, it let SQLite start from the kinds' index, read every state's attendances and
        # sort them all for a page (tests/api/test_plans_at_scale.py).
        field = model._meta.get_field(relation)
        pointed_to = field.related_model._base_manager.filter(pk=OuterRef(field.attname), **{f"{column}__in": values})
        return Exists(pointed_to)


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
            raise forms.ValidationError(NO_COUNTRY, code="invalid_choice", params={"value": value})
        return code


class CountryFilter(django_filters.CharFilter):
    field_class = CountryField
    sql_value = "parameter"  # the code, compared as it is (events.api.prepared)


def country_filter(field_name="country", **kwargs):
    """A country filter: the stored code matches whatever way the country was given."""
    kwargs.setdefault("help_text", "ISO 3166-1 code (any case) or English name: `KZ`, `kz`, `Kazakhstan`.")
    # exact: the value is already the upper-case code, as every stored code is (the model's choices), so
    # both databases find a country's records and their default order in one index (country, order).
    return CountryFilter(field_name=field_name, lookup_expr="exact", **kwargs)


class WholeTextFilter(django_filters.CharFilter):
    """A text matched whole in any case, straight and curly apostrophes alike (``city``, ``publisher``)."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(text_match(self.field_name, "iexact", value))


class SubstringSearchFilter(django_filters.CharFilter):
    """A search whose text is only ever a parameter of its SQL, in substring patterns (``icontains``).

    A search that splits its text into words (``events.models.search.words_match``) is not one: its
    SQL has a condition per word on PostgreSQL.
    """

    sql_value = "parameter"  # events.api.prepared


class StableOrderingFilter(django_filters.OrderingFilter):
    """``ordering`` with the primary key as the last tie-breaker, so pages are stable.

    Ties follow the direction of the first field: under ``-reported_on`` the record
    entered last comes first, as in the default orders. Empty items
    (``ordering=title,``) are ignored.
    """

    sql_value = "shape"  # the order is the SQL's (events.api.prepared)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An unknown field is told as every bad choice is, with the valid ones (tester 42, F5: Django's "Select a
        # valid choice. ;drop is not one of the available choices.").
        valid = [choice for choice, _label in self.extra["choices"]]
        self.extra["error_messages"] = {"invalid_choice": invalid_choice_message(valid, value="%(value)s")}

    def filter(self, qs, value):
        params = [param for param in value or () if param]
        if not params:
            return qs
        tie_breaker = "-pk" if params[0].startswith("-") else "pk"
        return qs.order_by(*(self.get_ordering_value(param) for param in params), tie_breaker)


class RangeCheckedForm(forms.Form):
    """A filter form whose ``(low, high)`` parameter pairs must not be reversed, and whose values are not white
    space only: a 400 naming the filter, as a choice or a slug filter always said (tester 35, L10: a text filter
    took it as no filter)."""

    ranges = ()

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if type(value) is str:
                cleaned[name] = composed(value)  # as every stored text is (tester 43, L8)
        for name in given_as_white_space(self.data, self.fields.keys() - self.errors.keys()):
            self.add_error(name, ONLY_WHITE_SPACE)
        for low, high in self.ranges:
            if cleaned.get(low) and cleaned.get(high) and cleaned[low] > cleaned[high]:
                self.add_error(low, f"{low} ({cleaned[low]}) is later than {high} ({cleaned[high]}).")
        return cleaned


# How many narrowed FilterSets (one per set of filter names a request gave) each FilterSet keeps.
NARROWED_KEPT = 256


class RulesFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``ranges`` are checked: ``date_after`` later than ``date_before`` is a 400.

    Every list takes ``updated_since``, declared here once: the records changed at or after it.
    """

    ranges = ()
    updated_since = UTCDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=(
            "ISO 8601 date-time, inclusive: the records created or changed at or after it "
            "(`2018-08-22T12:00:00Z`; no offset means UTC). Deletions are in `/api/changes/`."
        ),
    )

    @classmethod
    def narrowed(cls, names):
        """This FilterSet with only its filters named in ``names``, in their order: what a request binds.

        Binding a FilterSet deep-copies every filter (with its queryset) and builds a form field
        for each, and a filter the request does not name filters nothing and finds no error: the
        narrowed FilterSet answers the same, for a fraction of the work. One is kept per set of names.
        """
        names = frozenset(names).intersection(cls.base_filters)
        kept = cls.__dict__.get("_narrowed")
        if kept is None:
            kept = cls._narrowed = {}
        narrowed = kept.get(names)
        if narrowed is None:
            if len(kept) >= NARROWED_KEPT:
                kept.clear()
            narrowed = type(cls.__name__, (cls,), {"__module__": cls.__module__, "__doc__": cls.__doc__})
            narrowed.base_filters = {name: item for name, item in cls.base_filters.items() if name in names}
            kept[names] = narrowed
        return narrowed

    def get_form_class(self):
        # The filters are the same for every request, so is their form: built once per FilterSet.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = type(
                f"{cls.__name__}Form", (RangeCheckedForm, super().get_form_class()), {"ranges": self.ranges}
            )
        return cls._form_class


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the request names none of the filters (most reads), and
    binding only the filters it names otherwise (``RulesFilterSet.narrowed``).

    Binding a FilterSet deep-copies its filters and builds a form: for the filters a
    request does not name that changes nothing but costs more than the lean read itself.
    The browsable API's filter form (``to_html``) still shows every filter.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        named = set(request.query_params) & filterset_class.base_filters.keys()
        if not named:
            return queryset
        if issubclass(filterset_class, RulesFilterSet):
            filterset_class = filterset_class.narrowed(named)
        filterset = filterset_class(**self.get_filterset_kwargs(request, queryset, view))
        if filterset.is_valid():
            refuse_unseen(filterset.form, request)
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        return filterset.qs
