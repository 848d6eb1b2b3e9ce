"""Who a request comes from, and the answer to a sign-in that is locked out (django-axes' hooks)."""

import logging
import math

from axes.signals import user_locked_out
from django.conf import settings
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.utils.html import format_html

logger = logging.getLogger("events.security")


def client_address(request):
    """The client's address: ``REMOTE_ADDR``, or ``X-Forwarded-For``'s entry ``TRUSTED_PROXIES`` proxies back.

    DRF's throttles read the same setting (its ``NUM_PROXIES``) the same way. With no trusted proxy
    the header, which any client can write, is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote
    addresses = forwarded.split(",")
    return addresses[-min(proxies, len(addresses))].strip()


def lockout_message():
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return (
        f"Too many failed sign-ins for this account or from this address: sign-in is refused for "
        f"{minutes} minutes after the last attempt, or until a curator unlocks it."
    )


def wants_html(request):
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and request.headers.get("X-Requested-With") != "XMLHttpRequest"


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: a 429 saying why and for how long; JSON unless the client asked for a page."""
    status = settings.AXES_HTTP_RESPONSE_CODE
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if wants_html(request):
        response = HttpResponse(
            format_html(
                "<!DOCTYPE html><title>Sign-in locked</title><h1>Sign-in locked</h1><p>{}</p>", lockout_message()
            ),
            status=status,
        )
    else:
        response = JsonResponse({"detail": lockout_message()}, status=status)
    response["Retry-After"] = retry_after
    return response


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    """One log line each time a sign-in is refused for too many failures."""
    logger.warning("Sign-in locked out: username=%r address=%s path=%s", username, ip_address, request.path)
