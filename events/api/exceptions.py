"""Errors as JSON: a record still in use is a 409, not a 500; a write that lost a race is a 412 or a 409;
an unknown address under /api/ a JSON 404."""

import sys
from collections import Counter

from django.core.exceptions import DisallowedHost
from django.db import OperationalError
from django.db.models import ProtectedError
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from events.api.audience import knows_of
from events.api.conditional import PreconditionFailed
from events.models import RecordChanged
from events.web.plaintext import plain_text

# The name of the API's last route, which answers every address under /api/ that no other route knows.
UNKNOWN_ADDRESS = "unknown-address"


def exception_handler(exc, context):
    if isinstance(exc, ProtectedError):
        return Response({"detail": still_referred_to(exc, context["request"])}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, RecordChanged):
        # Another write came between this one's read and its conditional UPDATE.
        if "If-Match" in context["request"].headers:
            exc = PreconditionFailed()
        else:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)


# Not Django's message, which repeats the header and tells the client to change the server's settings.
NOT_OUR_HOST = "The Host header names no host this server answers for."


def still_referred_to(error, request):
    """Why a delete is refused: the records that refer to it, counted, but for those hidden from the writer
    (``events.models.review``), whom a refusal must not tell of them."""
    shown = [record for record in error.protected_objects if knows_of(request, record)]
    blockers = Counter(record._meta for record in shown)
    listed = ", ".join(
        f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"
        for meta, count in sorted(blockers.items(), key=lambda item: item[0].model_name)
    )
    if not listed:
        return "This record cannot be deleted while other records refer to it."
    return f"This record cannot be deleted while these refer to it: {listed}."


def bad_request(request, exception):
    """``handler400``: a request Django refuses (too many form fields, say) is JSON under ``/api/``."""
    if request.path.startswith("/api/"):
        detail = NOT_OUR_HOST if isinstance(exception, DisallowedHost) else str(exception) or "Bad request."
        return JsonResponse({"detail": detail}, status=400)
    return defaults.bad_request(request, exception)


# How long a client is asked to wait when the database is busy: SQLite waits 20 s for its write lock already.
BUSY_RETRY_SECONDS = 30
BUSY = "The database is busy with a long write (an import, say) and could not take this one: send it again shortly."
DOWN = "The database cannot be reached just now: send the request again shortly."
# What the drivers say of a database they cannot reach (psycopg's, SQLite's), folded to lower case.
UNREACHABLE = (
    "could not connect",
    "connection refused",
    "connection to server",
    "server closed the connection",
    "could not translate host name",
    "no route to host",
    "timeout expired",
    "unable to open database file",
)


def unavailable(exception):
    """Why the database could not answer, if ``exception`` says it: busy (``BUSY``) or unreachable (``DOWN``)."""
    if not isinstance(exception, OperationalError):
        return None
    text = str(exception).lower()
    if "database is locked" in text:
        return BUSY
    if "authentication failed" in text or "password" in text:
        return None  # a server that answers and refuses the settings' credentials: a configuration to mend, no outage
    return DOWN if any(words in text for words in UNREACHABLE) else None


def in_the_api(request):
    """Whether ``request`` is for an address of the API (``/api`` or under ``/api/``), whatever prefix serves it."""
    path = request.path_info
    return path == "/api" or path.startswith("/api/")


def unavailable_response(request, message):
    """The 503 of a database that could not answer, with ``Retry-After``: JSON under ``/api/``, text elsewhere."""
    if in_the_api(request):
        response = JsonResponse({"detail": message}, status=503)
    else:
        response = plain_text(message, status=503)
    response["Retry-After"] = str(BUSY_RETRY_SECONDS)
    return response


def server_error(request):
    """``handler500``: a database that cannot be reached is the 503 it is, wherever it was met (a middleware's
    session or cache read, which ``BusyDatabaseMiddleware`` does not see); any other error a JSON 500 under
    ``/api/`` (tester 43, M5: Django's HTML page), the usual page elsewhere. Django logs the error first."""
    message = unavailable(sys.exc_info()[1])
    if message is not None:
        return unavailable_response(request, message)
    if in_the_api(request):
        return JsonResponse({"detail": "A server error: it is logged. Please report it."}, status=500)
    return defaults.server_error(request)


def not_found(request, exception):
    """``handler404``: an address no route matches is JSON under ``/api/``, the usual page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


@csrf_exempt  # a write to no address is a 404, not a CSRF failure
def unknown_address(request, *args, **kwargs):
    """The API's last route: an address under ``/api/`` that no route knows is a JSON 404, whatever ``DEBUG`` says.

    ``handler404`` answers only with ``DEBUG`` off; with it on, Django draws its HTML page.
    """
    detail = f"No address of the API is “{request.path}”: /api/ lists the resources."
    return JsonResponse({"detail": detail}, status=404, json_dumps_params={"ensure_ascii": False})
