"""Throttles for anonymous and authenticated clients, counted in the shared cache (Redis or the database).

The API's (DRF's ``DEFAULT_THROTTLE_CLASSES``) and the public pages' (``throttled``) are the same throttles with
the same counts: a client has one rate for the whole service, whichever way it reads.
"""

import math

from rest_framework import throttling
from rest_framework.settings import api_settings

from events.web.plaintext import plain_text


class RateFromSettingsMixin:
    """Reads the rate when the request comes, not when DRF was imported.

    DRF copies ``DEFAULT_THROTTLE_RATES`` into a class attribute once; reading it here
    lets a changed setting (the environment at start-up, ``override_settings`` in tests)
    take effect. A rate of ``None`` turns the throttle off.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(RateFromSettingsMixin, throttling.AnonRateThrottle):
    """Anonymous clients, counted by address (``X-Forwarded-For`` only behind ``NUM_PROXIES`` proxies)."""


class UserRateThrottle(RateFromSettingsMixin, throttling.UserRateThrottle):
    """Authenticated clients, counted by user."""


def throttled(request):
    """The ``429`` of a public page's request past its client's rate, with ``Retry-After``; or None.

    The pages run searches for anyone (``/events/?search=``): past the API's rate they were still answered
    (tester 42, F10)."""
    waits = []
    for throttle in (AnonRateThrottle(), UserRateThrottle()):
        if not throttle.allow_request(request, None):
            waits.append(throttle.wait())
    if not waits:
        return None
    seconds = max(1, math.ceil(max(wait or 0 for wait in waits)))
    response = plain_text(f"Too many requests: this page may be asked for again in {seconds} seconds.", status=429)
    response["Retry-After"] = str(seconds)
    return response
