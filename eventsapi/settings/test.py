"""Settings for the test suite."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, REST_FRAMEWORK

SECRET_KEY = "insecure-test-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file rather than memory: the live-server tests' request threads then each have their own
    # connection, as a real server's workers do (in memory, Django makes them share one).
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"eventsapi-test-{os.getpid()}.sqlite3"),
    }

# No throttling, so that the suite's many requests are not refused; the throttling
# tests set low rates with override_settings.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}
