"""Page-number pagination whose bad parameters are a 400 naming them."""

from rest_framework import pagination
from rest_framework.exceptions import ValidationError


def positive_int(request, name):
    """The positive integer in query parameter ``name``, ``None`` when absent, a 400 otherwise."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: [f"A positive integer is required, not “{raw}”."]}) from None
    if value < 1:
        raise ValidationError({name: [f"A positive integer is required, not {value}."]})
    return value


class PageNumberPagination(pagination.PageNumberPagination):
    """``page`` and ``page_size`` (default 50, capped at 500)."""

    page_size_query_param = "page_size"
    max_page_size = 500
    invalid_page_message = "page: there is no page {page_number} ({message})."

    def get_page_size(self, request):
        size = positive_int(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        positive_int(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
