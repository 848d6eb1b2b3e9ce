"""Pages: ``page``/``page_size`` by default, ``cursor`` (keyset) on request; bad parameters are a 400 naming them.

Deep pages stay cheap three ways: the count stops scanning at ``EXACT_COUNT_UP_TO``
rows (above that it is PostgreSQL's planner estimate, or SQLite's exact count, and
either is kept for ``COUNT_KEPT_FOR`` seconds, in Redis when there is one, so paging through a long list does not
count it again on every page; an exact count is kept as long, with the change log's state it was counted in, and
read again only in that state: the state the ETags are made of, which every write moves), a deep numbered page
finds its keys with an index-only
subquery before reading its rows, and ``?cursor=`` pages never skip rows at all: each
page starts after the last row of the one before.
"""

import base64
import binascii
import datetime
import functools
import hashlib

import orjson
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.query import ValuesIterable
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from events.api.audience import audience
from events.api.prepared import PreparedRows
from events.api.reads import COMPILED_PAGES, Statement, ordering_of
from events.rules.values import is_plain_integer

# Counting stops here: above it a page's ``count`` is an estimate (see estimated_count).
EXACT_COUNT_UP_TO = 10_000
# A count above the cap is kept this long, so reading it costs no query: in the cache
# ``counts``, Redis shared by every process when REDIS_URL is set, each process's memory otherwise.
COUNT_KEPT_FOR = 60


class KeptCounts:
    """The cache ``counts`` of the settings, or this process's memory where they name none."""

    in_process = LocMemCache("eventsapi-counts", {"TIMEOUT": COUNT_KEPT_FOR, "OPTIONS": {"MAX_ENTRIES": 1000}})

    def __getattr__(self, name):
        return getattr(caches["counts"] if "counts" in settings.CACHES else self.in_process, name)


KEPT_COUNTS = KeptCounts()
# Query parameters that choose a page of a list, not its rows.
PAGE_PARAMETERS = {"page", "page_size"}
# From this offset on, a numbered page selects its keys first (an index-only scan), then its rows.
DEEP_OFFSET = 1_000
# The largest OFFSET both databases take (a signed 64-bit integer: SQLite's integer, PostgreSQL's bigint).
# No list holds that many rows, so a page that would start or end past it is past the last: a 404, never a query.
LAST_OFFSET = 2**63 - 1


def positive_int(request, name):
    """The positive integer in query parameter ``name``, ``None`` when absent, a 400 otherwise."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    try:
        if not is_plain_integer(raw) and not (raw.startswith("-") and is_plain_integer(raw[1:])):
            raise ValueError(raw)  # a negative one is told as a number below
        value = int(raw)
    except ValueError:
        raise ValidationError({name: [f"A positive integer is required, not “{raw}”."]}) from None
    if value < 1:
        raise ValidationError({name: [f"A positive integer is required, not {value}."]})
    return value


def estimated_count(queryset):
    """PostgreSQL's planner estimate of the rows of ``queryset``; an exact count elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return queryset.count()
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    plan = orjson.loads(plan) if isinstance(plan, str | bytes) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def count_key(queryset, request=None):
    """The cache key of a count: its database, the cap, and what names the rows counted.

    For a request that is its address, its parameters but the page's, and whether its reader
    may see drafts (the list's rows depend on nothing else), which costs less to tell than
    the SQL; without one, the SQL.
    """
    if request is not None:
        query = sorted((name, value) for name, value in request.query_params.lists() if name not in PAGE_PARAMETERS)
        named = (request.path, query, audience(request))  # a reader who may see drafts counts more reports
    else:
        named = queryset.query.sql_with_params()
    text = repr((queryset.db, EXACT_COUNT_UP_TO, named))
    return f"count:{hashlib.sha256(text.encode()).hexdigest()}"


class CappedCountPaginator(Paginator):
    """Django's paginator with a count that scans at most ``EXACT_COUNT_UP_TO`` rows.

    Give it the ``request`` it pages for, and it tells the count it keeps by the request. Give it
    ``counted``, the records whose rows (``.values()`` with their related columns) it pages, and it
    counts those: the same rows, without the joins their columns need. Give it the ``PreparedRows``
    of a prepared list (events.api.prepared) instead of a queryset, and it reads its pages and
    count from the SQL compiled for the list's shape, counting its records the same way.
    """

    def __init__(self, *args, request=None, compiled_as=None, counted=None, state=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request, self.compiled_as, self.counted, self.state = request, compiled_as, counted, state

    @cached_property
    def count(self):
        prepared = self.object_list if isinstance(self.object_list, PreparedRows) else None
        if prepared is None and not isinstance(self.object_list, QuerySet):
            return len(self.object_list)
        queryset = None if prepared else (self.object_list if self.counted is None else self.counted).order_by()
        key = count_key(prepared or queryset, self.request)
        kept = KEPT_COUNTS.get(key)
        if type(kept) is int:  # an estimate
            return kept
        if kept is not None and self.state is not None and kept[0] == self.state:  # exact, and nothing changed since
            return kept[1]
        counted = None
        if prepared is not None:
            first = lambda rows, records: records.order_by().values("pk")[: EXACT_COUNT_UP_TO + 1]  # noqa: E731
            counted = prepared.count(("count",), first)
            if counted is None or counted > EXACT_COUNT_UP_TO:  # not preparable, or an estimate is read
                queryset = prepared.queryset()[1].order_by()
        if counted is None:
            counted = queryset[: EXACT_COUNT_UP_TO + 1].count()
        if counted <= EXACT_COUNT_UP_TO:
            if self.state is not None:
                KEPT_COUNTS.set(key, (self.state, counted), COUNT_KEPT_FOR)
            return counted
        total = max(estimated_count(queryset), counted)
        KEPT_COUNTS.set(key, total, COUNT_KEPT_FOR)
        return total

    @property
    def is_estimate(self):
        return self.count > EXACT_COUNT_UP_TO

    def page(self, number):
        rows = None
        wanted = int(number) if str(number).isdigit() else 0
        if wanted * self.per_page > LAST_OFFSET:
            # Past every list: the count alone tells (validate_number's 404), no rows are read at such an offset.
            self.validate_number(number)
            raise EmptyPage(self.error_messages["no_results"])
        if wanted and isinstance(self.object_list, QuerySet | PreparedRows) and "count" not in self.__dict__:
            # The rows first: a page that is not full tells the count, and no query need count it.
            bottom = (wanted - 1) * self.per_page
            rows = self.rows(bottom, bottom + self.per_page)
            seen = bottom + len(rows)
            if (rows or not bottom) and len(rows) < self.per_page and seen <= EXACT_COUNT_UP_TO:
                self.count = seen
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        rows = self.rows(bottom, top) if rows is None else rows[: max(top - bottom, 0)]
        return self._get_page(rows, number, self)

    def rows(self, bottom, top):
        """The rows ``bottom`` to ``top`` of the list, read now."""
        rows = self.object_list
        if isinstance(rows, PreparedRows):
            read = rows.read(("rows", bottom, top), lambda rows, records: self.sliced(rows, bottom, top))
            if read is not None:
                return read
            return Statement(self.sliced(rows.queryset()[0], bottom, top)).dicts()
        rows = self.sliced(rows, bottom, top) if isinstance(rows, QuerySet) else rows[bottom:top]
        if isinstance(rows, QuerySet) and rows._iterable_class is ValuesIterable:
            if self.compiled_as is not None:
                return COMPILED_PAGES.rows((*self.compiled_as, bottom, top), rows)
            return Statement(rows).dicts()  # the lean rows, through the quicker converters
        return list(rows)

    @staticmethod
    def sliced(rows, bottom, top):
        """The queryset of the rows ``bottom`` to ``top`` of ``rows``."""
        if bottom >= DEEP_OFFSET:
            # Skip the first rows on their keys alone, then read the page's rows by key.
            return rows.filter(pk__in=rows.values("pk")[bottom:top])
        return rows[bottom:top]


class PageNumberPagination(pagination.PageNumberPagination):
    """``page`` and ``page_size`` (default 50, capped at 500); ``cursor`` for keyset pages."""

    django_paginator_class = CappedCountPaginator
    page_size_query_param = "page_size"
    max_page_size = 500
    cursor_query_param = "cursor"
    invalid_page_message = "page: there is no page {page_number} ({message})."

    def get_page_size(self, request):
        size = positive_int(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None, *, counted=None):
        """A page of ``queryset``; ``counted``, when given, is counted instead (see CappedCountPaginator)."""
        positive_int(request, self.page_query_param)
        self.keyset = None
        if self.cursor_query_param in request.query_params:
            if self.page_query_param in request.query_params:
                raise ValidationError({self.cursor_query_param: ["Give a cursor or a page, not both."]})
            self.request = request
            self.keyset = Keyset(queryset, request.query_params[self.cursor_query_param], self.get_page_size(request))
            return self.keyset.rows
        compiled_as = None
        if view is not None and not view.kwargs and set(request.query_params) <= PAGE_PARAMETERS | {"format"}:
            # A list that names no filter: its pages are the same SQL for everyone (reads.CompiledPages).
            # Kept by audience too: a reader who may not see drafts reads fewer reports.
            compiled_as = (type(view), request.path, audience(request))
        self.django_paginator_class = functools.partial(
            CappedCountPaginator,
            request=request,
            compiled_as=compiled_as,
            counted=counted,
            state=getattr(view, "change_state", None),
        )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        if self.keyset is not None:
            links = {"next": self.cursor_link(self.keyset.next), "previous": self.cursor_link(self.keyset.previous)}
            return Response({**links, "results": data})
        response = super().get_paginated_response(data)
        if self.page.paginator.is_estimate:
            response["X-Count-Estimated"] = "true"
        return response

    def cursor_link(self, token):
        if token is None:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, token)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        # A keyset page (``?cursor=``) has no count.
        response["required"] = [name for name in response.get("required", []) if name != "count"]
        response["properties"]["count"]["description"] = "How many records match; absent from keyset pages."
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:  # page and page_size
            parameter["schema"]["minimum"] = 1
        return [
            *parameters,
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "Keyset pages: give it empty for the first page, then follow `next` and `previous`. "
                    "The answer has no `count`, and deep pages cost what the first does."
                ),
                "schema": {"type": "string"},
            },
        ]


def cursor_token(values, direction="n", order=""):
    """The cursor of the page after (``n``) or before (``p``) the row whose ordering values are ``values``, in the
    list and order ``order`` names (``Keyset.order_tag``)."""
    data = orjson.dumps({"d": direction, "k": values, "o": order}, option=orjson.OPT_UTC_Z)
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def order_tag(model, order):
    """A short tag of ``model``'s list in ``order`` (``[(lookup, descending)]``), carried by its cursors."""
    named = model._meta.label_lower + ":" + ",".join(f"{'-' * desc}{lookup}" for lookup, desc in order)
    return hashlib.blake2s(named.encode(), digest_size=4).hexdigest()


class Keyset:
    """One keyset page of an ordered queryset: the rows after (or before) the row a cursor names.

    The cursor holds the values of the ordering's fields in the last row of the page
    before (``n``) or the first row of the page after (``p``); every ordering ends with
    the primary key, so those values name exactly one row.
    """

    def __init__(self, queryset, token, size):
        self.order = [(item.lstrip("-"), item.startswith("-")) for item in ordering_of(queryset)]
        if not all(isinstance(item, str) for item in ordering_of(queryset)):
            raise ValidationError({"cursor": ["This order cannot be paged by cursor."]})
        if self.order[-1][0] not in ("pk", "id"):
            self.order.append(("pk", self.order[0][1]))
        self.check_not_null(queryset.model)
        # A cursor holds values of one list's order: another list's, or another order's, would page at random.
        self.order_tag = order_tag(queryset.model, self.order)
        backwards, values = self.decode(token)
        if values is not None:
            try:
                queryset = queryset.filter(self.after(values, backwards))
            except (DjangoValidationError, ValueError, TypeError):
                raise ValidationError({"cursor": ["This cursor is not valid."]}) from None
        if backwards:
            queryset = queryset.order_by(*(lookup if desc else f"-{lookup}" for lookup, desc in self.order))
        rows = list(queryset[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if backwards:
            rows.reverse()
        self.rows = rows
        # Going back, the page we came from is next; going on, the one we came from is previous.
        has_next, has_previous = (True, more) if backwards else (more, values is not None)
        self.next = self.encode(rows[-1], "n") if rows and has_next else None
        self.previous = self.encode(rows[0], "p") if rows and has_previous else None

    def check_not_null(self, model):
        for lookup, _desc in self.order:
            field, current = None, model
            try:
                for part in lookup.split("__"):
                    field = current._meta.pk if part == "pk" else current._meta.get_field(part)
                    current = field.related_model or current
            except FieldDoesNotExist:
                raise ValidationError({"cursor": [f"This order ({lookup}) cannot be paged by cursor."]}) from None
            if field.null:
                name = lookup.split("__")[-1]
                raise ValidationError(
                    {"cursor": [f"Pages by cursor cannot be ordered by {name}, which may be empty: use page."]}
                )

    def after(self, values, backwards):
        """Rows strictly after ``values`` in this order (before them when ``backwards``)."""
        condition, equal = Q(), {}
        for (lookup, desc), value in zip(self.order, values, strict=True):
            later = "lt" if desc != backwards else "gt"
            condition |= Q(**equal, **{f"{lookup}__{later}": value})
            equal[lookup] = value
        lookup, desc = self.order[0]
        # Redundant with the above, but lets the database start a range scan of the first field's index.
        bound = Q(**{f"{lookup}__{'lte' if desc != backwards else 'gte'}": values[0]})
        return condition & bound

    def decode(self, token):
        if not token:
            return False, None
        try:
            data = orjson.loads(base64.urlsafe_b64decode(token.encode() + b"=" * (-len(token) % 4)))
            direction, values, order = data["d"], data["k"], data["o"]
        except (binascii.Error, ValueError, TypeError, KeyError, orjson.JSONDecodeError):
            raise ValidationError({"cursor": ["This cursor is not valid."]}) from None
        if order != self.order_tag:
            raise ValidationError({"cursor": ["This cursor is not valid for this list and order."]})
        if direction not in ("n", "p") or not isinstance(values, list) or len(values) != len(self.order):
            raise ValidationError({"cursor": ["This cursor is not valid for this order."]})
        if any(isinstance(value, str) and "\x00" in value for value in values):
            raise ValidationError({"cursor": ["This cursor is not valid."]})  # PostgreSQL's text holds no NUL
        return direction == "p", values

    def encode(self, row, direction):
        return cursor_token([self.value(row, lookup) for lookup, _desc in self.order], direction, self.order_tag)

    @staticmethod
    def value(row, lookup):
        if isinstance(row, dict):
            value = row[lookup]
        else:
            value = row
            for part in lookup.split("__"):
                value = getattr(value, part)
        return value.isoformat() if isinstance(value, datetime.date) else value
