"""Strict query parameters: a parameter an endpoint does not document is a 400 that names it and lists the valid ones.

What an endpoint takes is derived from the declarations the OpenAPI schema reads too, so the two
cannot drift (tests/api/test_strict_parameters.py compares them for every operation):

- a list (and its export, and the timeline): its FilterSet's filters, and ``query_parameters``;
- a paged answer (a list, a history): the paginator's ``page``, ``page_size`` and ``cursor``;
- every endpoint that answers more than one format: ``format``;
- a read (a list or a detail) of a view with ``read_parameters``: those (``fields``, events.api.sparse).

To add a parameter to every list, declare it once: a filter on the FilterSet, or an
``OpenApiParameter`` in ``QueryParametersMixin.query_parameters`` (the schema documents it
from there, see ``events.api.schema``).
"""

import django_filters
from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from events.rules.values import GIVEN_TWICE

# The actions of a viewset that answer a filtered list.
LIST_ACTIONS = {"list", "export"}
# The actions of a viewset that answer a page of rows.
PAGED_ACTIONS = {"list", "history"}
# The actions of a viewset that read records: a list or one record.
READ_ACTIONS = {"list", "retrieve"}


def lists_records(view):
    """Whether ``view`` (as routed for this request) answers a filtered list of records."""
    action = getattr(view, "action", None)
    if action is not None:
        return action in LIST_ACTIONS
    return isinstance(view, generics.ListAPIView)


def reads_records(view):
    """Whether ``view`` (as routed for this request) answers a list of records or one record."""
    action = getattr(view, "action", None)
    if action is not None:
        return action in READ_ACTIONS
    return isinstance(view, generics.ListAPIView)


def answers_pages(view):
    action = getattr(view, "action", None)
    paged = action in PAGED_ACTIONS if action is not None else isinstance(view, generics.ListAPIView)
    return paged and view.paginator is not None


# A parameter of the list that shapes its rows (``expand``), not which rows, given to the export, whose columns are
# fixed: no parameter of the export, refused naming what does take it.
NOT_EXPORTED = (
    "The export's columns are the list's, with nothing nested: it takes no {name} "
    "(the list's ?format=csv does, a page at a time)."
)


def not_taken_here(view):
    """The filters of ``view``'s FilterSet that it does not take: on the export, those that shape the list's rows
    (the FilterSet's ``not_exported``: ``expand``), neither in its schema nor in the parameters its 400 lists, and
    refused as any parameter it does not take, even empty (tester 47, 4)."""
    if getattr(view, "action", None) != "export":
        return frozenset()
    return frozenset(getattr(getattr(view, "filterset_class", None), "not_exported", ()))


def list_parameters(view):
    """The ``OpenApiParameter`` declarations of ``view`` beyond its filters, pages and format."""
    parameters = list(view.query_parameters) if lists_records(view) else []
    if reads_records(view):
        parameters += getattr(view, "read_parameters", ())
    return parameters


def accepted_parameters(view):
    """The names of the query parameters ``view`` takes, as its schema documents them."""
    names = set()
    filterset_class = getattr(view, "filterset_class", None)
    if lists_records(view) and view.filter_backends and filterset_class is not None:
        names |= set(filterset_class.base_filters) - not_taken_here(view)
    names |= {parameter.name for parameter in list_parameters(view) if parameter.location == OpenApiParameter.QUERY}
    if answers_pages(view):
        paginator = view.paginator
        params = ("page_query_param", "page_size_query_param", "cursor_query_param")
        names |= {getattr(paginator, param) for param in params if getattr(paginator, param, None)}
    # ``format`` where the answer has several, or where the one it has is what its renderer writes (``calendar.ics?
    # format=ics``: ``takes_format``), as the schema says (RecordSchema); not where it renders only errors (the data
    # package's zip, whose errors are JSON).
    formats = {renderer.format for renderer in view.renderer_classes}
    if api_settings.URL_FORMAT_OVERRIDE and (len(formats) > 1 or getattr(view, "takes_format", False)):
        names.add(api_settings.URL_FORMAT_OVERRIDE)
    return names


def repeatable_parameters(view):
    """The query parameters ``view`` reads several values of: a choice filter's (``status=confirmed&status=declined``
    is either) and those its ``repeatable_parameters`` names (``fields=slug&fields=title``). Any other given twice
    is a 400: one of its values would silently win."""
    names = set(getattr(view, "repeatable_parameters", ()))
    filterset_class = getattr(view, "filterset_class", None)
    if lists_records(view) and view.filter_backends and filterset_class is not None:
        filters = filterset_class.base_filters.items()
        names |= {name for name, filter in filters if isinstance(filter, django_filters.MultipleChoiceFilter)}
    return names


class QueryParametersMixin:
    """Refuses a query parameter that the endpoint does not take (a typo would otherwise be silently ignored)."""

    # Parameters every list takes besides its filters and pages: one ``OpenApiParameter`` each.
    query_parameters = ()

    def initial(self, request, *args, **kwargs):
        # A method the address does not answer is a 405 (with Allow) whatever the query says: checked first,
        # as DRF would only after every check of ``initial`` (this one's 400 included).
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            self.http_method_not_allowed(request, *args, **kwargs)
        super().initial(request, *args, **kwargs)
        accepted = accepted_parameters(self)
        unknown = sorted(set(request.query_params) - accepted)
        if unknown:
            valid = ", ".join(sorted(accepted)) or "none"
            message = f"Unknown query parameter. Valid parameters here: {valid}."
            told = not_taken_here(self)
            raise ValidationError(
                {name: [NOT_EXPORTED.format(name=name) if name in told else message] for name in unknown}
            )
        repeated = sorted(name for name, values in request.query_params.lists() if len(values) > 1)
        repeated = [name for name in repeated if name not in repeatable_parameters(self)]
        if repeated:
            raise ValidationError({name: [GIVEN_TWICE] for name in repeated})
