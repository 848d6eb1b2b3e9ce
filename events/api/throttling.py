"""Throttles for anonymous and authenticated clients, counted in the shared cache (Redis or the database)."""

from rest_framework import throttling
from rest_framework.settings import api_settings


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
