"""Settings for the test suite."""

from .base import *  # noqa: F403

SECRET_KEY = "insecure-test-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
