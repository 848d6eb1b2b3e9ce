"""Settings for the test suite."""

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK

SECRET_KEY = "insecure-test-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No throttling, so that the suite's many requests are not refused; the throttling
# tests set low rates with override_settings.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}
