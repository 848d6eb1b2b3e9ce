"""Prepared lists: a filtered list's SQL built and compiled once for every request that differs in its values alone.

``/api/attendances/?participant=a`` and ``?participant=b`` are the same SQL but for one parameter,
yet the ORM would build the filtered queryset, its page and its count, and compile each, on every
request: on the lean lists that is most of a fresh read's time. Here the request's filters are
validated as always (a bad value is the same 400), then its list is found by its *shape*: the view,
the audience, and each filter named, with the value itself for the filters whose SQL differs with it
(choices, ordering) and only its kind for the others. The first request of a shape builds the list
with placeholders for those values, twice (``A`` and ``B``), and compiles each page and count it is
asked for; comparing the two compilations tells where each value goes among the parameters (as it
is, or escaped in a ``LIKE`` pattern). Every later request of that shape runs that SQL with its own
values bound in their place.

Only a filter that declares what its value does to its SQL (``sql_value``, events.api.filtering) is
ever prepared: ``"parameter"`` when the value is only a parameter of it (a record, a country, a
participant search), ``"shape"`` when the SQL differs with it (its value is then part of the shape).
A list whose two compilations are not the same SQL, or whose parameters are not each its placeholder
or a constant, is never prepared, and is read the ORM's way, as is any list with another parameter.
"""

from django.db import connections, models, router
from django_filters.constants import EMPTY_VALUES
from django_filters.utils import translate_validation

from events.api.audience import audience
from events.api.filtering import FilterBackend, RulesFilterSet, refuse_unseen
from events.api.reads import Statement
from events.models.casefold import needs_folding
from events.rules.quotes import has_quote_marks

# Parameters that choose a page, a format or the fields of the rows: none changes a page's SQL but its bounds.
NOT_FILTERS = {"page", "page_size", "format", "fields"}
# A record given as a filter's value stands in the SQL as its key, a text as itself: these (A, B) are none a
# request can give. B's text holds the characters a ``LIKE`` pattern escapes, so that where it is escaped shows.
PLACEHOLDER_KEY = {"A": -739_200_173, "B": -739_200_373}
PLACEHOLDER_TEXT = {"A": "\x1f{}\x1f", "B": "\x1f{}%_\\\x1f"}


def placeholder(kind, index, value):
    """The placeholder of the ``index``-th value of a prepared list in compilation ``kind`` (``A`` or ``B``)."""
    if isinstance(value, models.Model):
        meta = value._meta
        return type(value).from_db(None, [meta.pk.attname], [PLACEHOLDER_KEY[kind] - index])
    if isinstance(value, str):
        return PLACEHOLDER_TEXT[kind].format(index)
    return None


def bound(value):
    """What a filter's value is among the SQL's parameters."""
    return value.pk if isinstance(value, models.Model) else value


class Template:
    """One shape's list, built with placeholders (``A`` and ``B``); its pages and count, each compiled once.

    Only so many pages are kept (a client reading every page of a long list compiles each once).
    """

    most = 200

    def __init__(self, build, values):
        self.querysets = {kind: build({name: placeholder(kind, *item) for name, item in values.items()})
                          for kind in ("A", "B")}  # fmt: skip
        self.names = list(values)
        self.statements = {}

    def statement(self, key, part):
        """``(Statement, places)`` of ``part(rows, counted)``, compiled once by ``key``; ``None`` if not preparable."""
        kept = self.statements.get(key, self)  # (itself: none kept; None is kept for a list never prepared)
        if kept is not self:
            return kept
        if len(self.statements) >= self.most:
            self.statements.clear()
        compiled = {kind: Statement(part(*querysets)) for kind, querysets in self.querysets.items()}
        places = self.places(compiled["A"], compiled["B"])
        statement = self.statements[key] = None if places is None else (compiled["A"], places)
        return statement

    def places(self, a, b):
        """Where each value goes among the parameters: ``(position, index, pattern)``; ``None`` if unknown."""
        if a.sql != b.sql or len(a.params) != len(b.params):
            return None
        escape = connections[router.db_for_read(a.model)].ops.prep_for_like_query
        places = []
        for position, (given, other) in enumerate(zip(a.params, b.params, strict=True)):
            if given == other and not any(self.holds(given, index) for index in range(len(self.names))):
                continue  # a constant of the SQL
            found = (self.place(given, other, index, escape) for index in range(len(self.names)))
            place = next(filter(None, found), None)
            if place is None:
                return None
            places.append((position, *place))
        return places

    @staticmethod
    def place(given, other, index, escape):
        """``(index, pattern)`` if parameters ``given`` (in A) and ``other`` (in B) are the ``index``-th value."""
        key, text = PLACEHOLDER_KEY["A"] - index, PLACEHOLDER_TEXT["A"].format(index)
        if given == other:
            return None
        if (given, other) == (key, PLACEHOLDER_KEY["B"] - index):
            return index, None
        if not isinstance(given, str) or text not in given:
            return None
        if (given, other) == (text, PLACEHOLDER_TEXT["B"].format(index)):
            return index, None
        if other == given.replace(text, escape(PLACEHOLDER_TEXT["B"].format(index))):
            return index, (given, text, escape)  # in a LIKE pattern, escaped
        return None

    @staticmethod
    def holds(param, index):
        """Whether ``param`` (of compilation A) is or holds the ``index``-th placeholder."""
        text = PLACEHOLDER_TEXT["A"].format(index)
        return param == PLACEHOLDER_KEY["A"] - index or (isinstance(param, str) and text in param)


class PreparedRows:
    """The rows of a prepared list for one request: its pages and count, each a compiled read with its values."""

    def __init__(self, template, values, fallback):
        self.template, self.values, self.fallback = template, values, fallback

    @property
    def db(self):
        return self.template.querysets["A"][1].db

    def read(self, key, part):
        """The dicts of ``part(rows, counted)`` (a queryset of ``.values()``); ``None`` if it cannot be prepared."""
        prepared = self.bind(key, part)
        return None if prepared is None else prepared[0].dicts(prepared[1])

    def count(self, key, part):
        """How many rows ``part(rows, counted)`` has; ``None`` if it cannot be prepared."""
        prepared = self.bind(key, part)
        return None if prepared is None else prepared[0].count(prepared[1])

    def bind(self, key, part):
        """The compiled ``Statement`` of ``part`` and its parameters with this request's values."""
        prepared = self.template.statement(key, part)
        if prepared is None:
            return None
        statement, places = prepared
        params = list(statement.params)
        for position, index, pattern in places:
            value = bound(self.values[index])
            if pattern is not None:
                given, text, escape = pattern
                value = given.replace(text, escape(value))
            params[position] = value
        return statement, params

    def queryset(self):
        """``(rows, counted)`` built by the ORM for this request's values, for what is not prepared."""
        return self.fallback()


class PreparedLists:
    """The templates of the prepared lists of this process, by shape; only so many are kept."""

    def __init__(self, most=500):
        self.most = most
        self.templates = {}

    def rows(self, view, request):
        """``PreparedRows`` of the list ``view`` answers, or ``None`` when it is read the ORM's way."""
        filterset_class = getattr(view, "filterset_class", None)
        names = set(request.query_params) - NOT_FILTERS
        if not isinstance(filterset_class, type) or not issubclass(filterset_class, RulesFilterSet):
            return None
        if list(view.filter_backends) != [FilterBackend] or view.kwargs:
            return None
        if not names or not names <= filterset_class.base_filters.keys():
            return None
        kinds = {name: getattr(filterset_class.base_filters[name], "sql_value", None) for name in names}
        if None in kinds.values():
            return None
        narrowed = filterset_class.narrowed(names)
        # The filters' form alone checks the values: a FilterSet, which deep-copies its filters, only builds a list.
        form_class = narrowed.__dict__.get("_form_class") or narrowed(request=request).get_form_class()
        form = form_class(request.query_params)
        if form.is_valid():
            refuse_unseen(form, request)
        if not form.is_valid():
            raise translate_validation(form.errors)
        cleaned = form.cleaned_data
        shape, values = [], {}
        for name in sorted(cleaned):
            value = cleaned[name]
            if kinds[name] == "shape" or value in EMPTY_VALUES:
                shape.append((name, repr(value)))
            elif placeholder("A", 0, value) is None:
                return None
            elif isinstance(value, str) and ("\n" in value or needs_folding(value) or has_quote_marks(value)):
                # A search reads a text with a line break or a quote mark another way (events.models.search), and
                # SQLite one with a letter outside ASCII (events.models.casefold): the placeholders are neither.
                return None
            else:
                shape.append((name, type(value).__name__))
                values[name] = (len(values), value)
        key = (type(view), request.path, audience(request), tuple(shape))
        template = self.templates.get(key)
        if template is None:
            if len(self.templates) >= self.most:
                self.templates.clear()
            template = self.templates[key] = Template(lambda given: self.build(view, narrowed, cleaned, given), values)

        def fallback():
            return self.build(view, narrowed, cleaned, {})

        return PreparedRows(template, [value for _index, value in values.values()], fallback)

    @staticmethod
    def build(view, filterset_class, cleaned, given):
        """``(rows, counted)`` of the list filtered by the values ``cleaned``, with ``given`` in place of some."""
        filterset = filterset_class(data=view.request.query_params, request=view.request)
        filterset.form.cleaned_data = {**cleaned, **given}  # checked already: filtered by them, not again
        counted = filterset.filter_queryset(view.get_queryset())
        return view.lean.rows(counted, view.request), counted


PREPARED_LISTS = PreparedLists()
