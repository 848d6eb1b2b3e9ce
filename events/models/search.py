"""Text search: the same matches on every engine, indexed on PostgreSQL."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.functions import Cast, Replace

from events.models.casefold import UPPER_FUNCTION, needs_folding, upper
from events.rules.quotes import QUOTE_MARKS, has_quote_marks, straight_marks

# On PostgreSQL, names, titles and places are matched as substrings (``icontains``),
# which the trigram indexes of migration 0003 serve; long text (an event's
# description, an article's body) is matched by word prefix with full-text search
# (``afghan`` finds "Afghanistan", "talks" finds "talk"), served by GIN indexes on
# the same SearchVector. Elsewhere (SQLite) every field is matched as a substring.
SEARCH_CONFIG = "english"


def is_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def text_search(field):
    """The full-text document of ``field``: migration 0003 indexes exactly this expression."""
    return SearchVector(field, config=SEARCH_CONFIG)


def prefix_query(text):
    """Every word of ``text`` as a word prefix, all required; ``None`` when it has no word."""
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return SearchQuery(" & ".join(f"{word}:*" for word in words), config=SEARCH_CONFIG, search_type="raw")


def marks_straight(field):
    """``field`` (a name or an expression) with its curly quote marks and apostrophes straight, as
    ``straight_marks`` gives a text."""
    expression = F(field) if isinstance(field, str) else field
    for mark, plain in QUOTE_MARKS.items():
        expression = Replace(expression, models.Value(mark), models.Value(plain), output_field=models.TextField())
    return expression


def text_match(field, lookup, text):
    """``Q`` for ``field__<lookup>=text`` (``iexact``, ``icontains``) with straight and curly apostrophes and quote
    marks the same, as the quote rule and the gazetteer read them: "N'Djamena" finds "N’Djamena".

    Only a text with such a mark compares ``field`` with its marks made straight, which no index serves;
    any other text keeps the plain lookup and its index.
    """
    if not has_quote_marks(text):
        return Q(**{f"{field}__{lookup}": text})
    return Q(models.CharField().get_lookup(lookup)(marks_straight(field), straight_marks(text)))


def words_match(queryset, field, text):
    """``Q`` for rows whose ``field`` has the words of ``text`` (full text on PostgreSQL, substring elsewhere)."""
    if not is_postgresql(queryset):
        return queryset, text_match(field, "icontains", text)
    query = prefix_query(straight_marks(text))  # "peopleʼs" is the words "people" and "s", as "people's" is
    if query is None:
        return queryset, Q(pk__in=[])
    name = f"{field}_document"
    return queryset.alias(**{name: text_search(field)}), Q(**{name: query})


def alias_match(queryset, text):
    """``(queryset, condition)`` for rows with ``text`` in one of their aliases, as ``icontains`` finds it.

    SQLite tests each alias on its own (``AliasContains``): a search need not build the joined text of
    every participant's aliases. A text with a line break is looked for in the joined text on every
    engine, where it can span two aliases, as PostgreSQL's indexed text finds it; so is one with a quote mark
    or apostrophe, in the joined text with its marks straight ("Côte d'Ivoire" finds "Côte d’Ivoire").
    """
    if has_quote_marks(text):  # straight and curly marks the same, as text_match() has them
        return queryset.alias(alias_text=marks_straight(AliasesText())), Q(alias_text__icontains=straight_marks(text))
    if connections[queryset.db].vendor == "sqlite" and "\n" not in text:
        return queryset, AliasContains(text)
    return queryset.alias(alias_text=AliasesText()), Q(alias_text__icontains=text)


class AliasContains(models.Expression):
    """Whether one of the row's aliases contains ``text``, as ``icontains`` tells on SQLite (SQLite only)."""

    output_field = models.BooleanField()

    def __init__(self, text, expression="aliases"):
        super().__init__()
        self.text, self.expression = text, F(expression) if isinstance(expression, str) else expression

    def get_source_expressions(self):
        return [self.expression]

    def set_source_expressions(self, expressions):
        (self.expression,) = expressions

    def as_sql(self, compiler, connection):
        aliases, params = compiler.compile(self.expression)
        # The pattern and operator of Django's own ``icontains`` on SQLite, outside ASCII in upper case as the
        # lookup compares it (events.models.casefold).
        value, text = ("value", self.text)
        if needs_folding(text):
            value, text = f"{UPPER_FUNCTION}(value)", upper(text)
        pattern = f"%{connection.ops.prep_for_like_query(text)}%"
        sql = f"EXISTS (SELECT 1 FROM json_each({aliases}) WHERE {value} {connection.operators['icontains']})"
        return sql, (*params, pattern)


class AliasesText(models.Func):
    """A participant's aliases as one text, one alias a line: what a search of aliases reads.

    Not the stored JSON, whose quotes and commas would match a search for ``"``.
    PostgreSQL calls the function that migration 0003 creates (and indexes).
    """

    output_field = models.TextField()

    def __init__(self, expression="aliases", **extra):
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        # Engines without JSON functions fall back to the stored text.
        return Cast(self.source_expressions[0], models.TextField()).as_sql(compiler, connection)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="events_aliases_text", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # No alias (the stored ``[]``: most participants) reads as no text without a walk through the JSON.
        template = (
            "(CASE WHEN %(expressions)s <> '[]' "
            "THEN (SELECT group_concat(value, char(10)) FROM json_each(%(expressions)s)) END)"
        )
        return super().as_sql(compiler, connection, template=template, **extra_context)
