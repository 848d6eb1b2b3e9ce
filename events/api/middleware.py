"""Bounds on what a request may send."""

from django.conf import settings
from django.http import JsonResponse


class RequestBodyLimitMiddleware:
    """A body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a 413 before anything reads it.

    Django checks that limit only when ``request.body`` or ``request.POST`` is read;
    DRF's JSON parser reads the stream, so without this a body of any size is parsed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body from a request whose length it cannot read
        if limit is not None and length > limit:
            return JsonResponse(
                {"detail": f"The request body ({length} bytes) is larger than the limit of {limit} bytes."},
                status=413,
            )
        return self.get_response(request)
