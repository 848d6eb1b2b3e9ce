"""Logging helpers for the production settings."""

import logging


class OneLineWarning(logging.Filter):
    """A refusal that is no error of the server's, logged as one warning line with no traceback.

    Django logs a request whose ``Host`` header names no allowed host (``django.security.DisallowedHost``), and
    every other ``SuspiciousOperation`` (``django.security.<its class>``: an admin URL's ``_to_field`` or lookup
    the admin may not take, a body or form too large), as an error with its traceback; on the open internet
    scanners send them all day, and the tracebacks would bury the real errors. The request is still answered 400.
    Set on the handler of ``django.security``, so that it holds for the records of every logger below it.
    """

    def filter(self, record):
        record.exc_info = record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class OneLineBelow500(logging.Filter):
    """A refused request (a 4xx: the admin's 403 to a staff user who may not open a page) logged as its one line,
    with no traceback; an error of the server's (a 500) keeps its traceback.

    Django logs a ``PermissionDenied`` with its traceback on ``django.request``; the log is for errors.
    """

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = record.exc_text = None
        return True
