"""Bounds on what a request may send; the API's addresses with or without their trailing slash."""

import logging
from urllib.parse import unquote

from django.conf import settings
from django.http import JsonResponse
from django.middleware import common
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import escape_leading_slashes

from events.api.exceptions import UNKNOWN_ADDRESS, unavailable, unavailable_response
from events.api.formtext import (
    NotReadable,
    NotText,
    Unreadable,
    check_charset,
    check_form_body,
    check_query_size,
    check_urlencoded,
)
from events.web.pages import is_public_page, keeps_query_problem
from events.web.plaintext import plain_text

logger = logging.getLogger("events.api")


class VaryByReaderMiddleware:
    """Every answer under ``/api/`` says that it varies with ``Authorization`` and ``Cookie``.

    What an answer holds depends on its reader (events.api.audience: curators see drafts, usernames
    and histories; the public does not), so a shared cache must never hand one reader's answer to
    another. Said once, here, for every answer: a 200 or a 304, an error, a kept answer, an export,
    the data package, the schema. ``Accept`` stays where the view gave it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if api_path(request.path_info):
            patch_vary_headers(response, ["Authorization", "Cookie"])
        return response


def api_path(path):
    return path == "/api" or path.startswith("/api/")


class HostileRequestMiddleware:
    """A URL longer than ``MAX_URL_LENGTH`` is a 414; a NUL character in a header, or in the URL of a
    page outside the API, is a 400. Both are answered before any view (or database) sees them, but for a NUL in the
    query of a public page, which its page shows as a message (``events.web.pages.keeps_query_problem``).

    PostgreSQL's text holds no NUL: a filter or a lookup given one would raise there, a 500.
    gunicorn refuses request lines past its own ``limit_request_line`` (gunicorn.conf.py), set
    above this limit so that the application answers first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path, query = request.META.get("PATH_INFO", ""), request.META.get("QUERY_STRING", "")
        length = len(request.get_full_path())
        limit = settings.MAX_URL_LENGTH
        if limit is not None and length > limit:
            return JsonResponse(
                {"detail": f"The URL ({length} characters) is longer than the limit of {limit} characters."},
                status=414,
            )
        # Under /api/ the filter or the address that is given a NUL answers, naming it; elsewhere (the
        # admin's search, say) nothing would. A public page shows it as a message on the page.
        if not path.startswith("/api/") and ("\x00" in path or "\x00" in unquote(query)):
            message = "The URL contains a NUL character (%00), which no address accepts."
            if "\x00" in path or not keeps_query_problem(request, message):
                return JsonResponse({"detail": message}, status=400)
        for name, value in request.META.items():
            if name.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
                header = name[5:].replace("_", "-").title()
                return JsonResponse({"detail": f"The {header} header contains a NUL character."}, status=400)
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """A body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a 413 before anything reads it; a chunked one a 411.

    Django checks that limit only when ``request.body`` or ``request.POST`` is read;
    DRF's JSON parser reads the stream, so without this a body of any size is parsed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Django reads a body only as long as its Content-Length says: a chunked one (no length) would be read as
        # empty, and a write told every field was missing.
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not request.META.get("CONTENT_LENGTH"):
            return JsonResponse(
                {"detail": "Send the request body with a Content-Length: a chunked body is not read."}, status=411
            )
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


class FormTextMiddleware:
    """A query parameter that is not text in UTF-8, or a query of more parameters than a request may send, is a 400
    naming it (in JSON under ``/api/``, a message on a public page's HTML, plain text elsewhere), and a form posted
    outside the API (the admin's, the sign-in's) whose field is not text in the body's character
    set, or a multipart body with a part Django would drop, is a 400 saying which field (a form in a character set
    other than UTF-8 a 415), before any form reads it
    with U+FFFD in place of the bytes (tester 41, F5: the admin stored "Caf\ufffd" and confirmed a party
    "Pakist\ufffdn"). The API's parsers answer the same in JSON, naming the field (``events.api.parsers``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The query string too, on every address: "?search=%E9" searched for U+FFFD (tester 41, F11).
        query = request.META.get("QUERY_STRING", "").encode("iso-8859-1", "replace")  # its bytes, as Django reads
        refused = None
        try:
            check_query_size(request.META.get("QUERY_STRING", ""))
            check_urlencoded(query, "utf-8")
        except NotText as error:
            if request.path.startswith("/api/"):
                return JsonResponse({error.name: [error.message]}, status=400)
            refused = query_refused(request, f"Parameter “{error.name}”: {error.message}")
        except Unreadable as error:  # too many parameters
            refused = query_refused(request, str(error))
        if refused is not None:
            return refused
        content_type = request.META.get("CONTENT_TYPE", "")
        written = request.method in ("POST", "PUT", "PATCH") and not request.path.startswith("/api/")
        if written and content_type and not is_public_page(request):  # a public page's 405 reads no body
            try:
                check_charset(content_type)
                check_form_body(request.body, content_type, request.encoding or settings.DEFAULT_CHARSET)
            except NotReadable as error:
                return plain_text(error.message, status=415)
            except NotText as error:
                return plain_text(f"Field “{error.name}”: {error.message}", status=400)
            except Unreadable as error:
                return plain_text(str(error), status=400)
        return self.get_response(request)


def query_refused(request, message):
    """The 400 of a query that cannot be read: JSON under ``/api/``, plain text outside it; ``None`` for a public
    page, which shows ``message`` on its HTML page (``events.web.pages.keeps_query_problem``)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return None if keeps_query_problem(request, message) else plain_text(message, status=400)


class OptionalSlashMiddleware:
    """An address under ``/api/`` without its trailing slash is the address with it, for every method.

    ``/api/events`` answers as ``/api/events/`` does (a ``POST`` too), with no redirect: Django's
    ``APPEND_SLASH`` redirects a ``GET`` but cannot redirect a write, and with ``DEBUG`` on raises
    (a 500). The request then goes on as if the slash had been sent, so its links, counts and
    ETags are those of the address with the slash, the one the schema documents.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if api_path(path) and not path.endswith("/"):
            urlconf = getattr(request, "urlconf", None)
            if not routed(path, urlconf) and routed(f"{path}/", urlconf):
                request.path_info = f"{path}/"
                request.path = f"{request.path}/"
        return self.get_response(request)


class CommonMiddleware(common.CommonMiddleware):
    """Django's, but an address outside ``/api/`` written to without its trailing slash (``POST /events``) is
    redirected with ``DEBUG`` on as with it off: Django raised, a 500 under ``make run`` (tester 32, H4)."""

    def get_full_path_with_slash(self, request):
        return escape_leading_slashes(request.get_full_path(force_append_slash=True))


def routed(path, urlconf=None):
    """Whether a route answers ``path``: one of the API's (or any other), not its JSON 404 for unknown addresses."""
    try:
        return resolve(path, urlconf).url_name != UNKNOWN_ADDRESS
    except Resolver404:
        return False


class BusyDatabaseMiddleware:
    """A write that could not get SQLite's write lock within its busy timeout (another transaction, an import of
    many records, holds it longer) is a 503 with ``Retry-After``, JSON under ``/api/``, not a 500: nothing was
    written, and the same request succeeds once the other write is done. So is a request whose database cannot
    be reached (tester 43, M5: an HTML 500). One log line, no traceback (``events.api.exceptions.unavailable``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        message = unavailable(exception)
        if message is None:
            return None
        logger.warning("Database unavailable (%s): %s %s answered 503", exception, request.method, request.path)
        return unavailable_response(request, message)
