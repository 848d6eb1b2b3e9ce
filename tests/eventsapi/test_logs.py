"""The log is for errors: a refused request is one line with no traceback (tester 31 G7, tester 32 H3: every admin
403 logged a full traceback), while a server error keeps its traceback."""

import io
import logging
import sys

import pytest
from django.test import Client

from eventsapi.logs import OneLineBelow500

pytestmark = pytest.mark.django_db


def test_an_admin_403_is_one_line_with_no_traceback(django_user_model, caplog):
    user = django_user_model.objects.create_user("staff", is_staff=True)  # no model permission
    client = Client()
    client.force_login(user)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/admin/events/event/").status_code == 403

    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /admin/events/event/"
    assert record.exc_info is None and "Traceback" not in caplog.text


def test_a_server_error_keeps_its_traceback():
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        exc_info = sys.exc_info()
    error = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), exc_info)
    error.status_code = 500
    refused = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Forbidden", (), exc_info)
    refused.status_code = 403

    assert OneLineBelow500().filter(error) and error.exc_info is exc_info
    assert OneLineBelow500().filter(refused) and refused.exc_info is None


@pytest.mark.parametrize(
    ("url", "host", "line"),
    [
        ("/admin/events/event/?_to_field=password", "localhost", "The field password cannot be referenced."),
        ("/api/", "scanner.example", "Invalid HTTP_HOST header: 'scanner.example'."),
    ],
)
def test_a_suspicious_request_is_a_400_and_one_line_with_no_traceback(admin_client, url, host, line):
    """Tester 47: the admin's refusal of a ``_to_field`` (Django's ``django.security.DisallowedModelAdminToField``)
    was logged with its whole traceback; every ``django.security`` refusal is now one line, as a bad Host was."""
    [handler] = [h for h in logging.getLogger("django.security").handlers if h.filters]  # not pytest's own
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        assert admin_client.get(url, SERVER_NAME=host).status_code == 400
    finally:
        handler.setStream(previous)

    assert written.getvalue().startswith(line)
    assert len(written.getvalue().splitlines()) == 1 and "Traceback" not in written.getvalue()
