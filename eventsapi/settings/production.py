"""Production settings: every secret comes from the environment, with no default."""

from .base import *  # noqa: F403
from .base import LOGGING, MIDDLEWARE, env

SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

# ------------------------------------------------------------------------------
# Security: HTTPS only by default; each setting can be relaxed from the environment.
# ------------------------------------------------------------------------------
# Behind a TLS proxy on another host; gunicorn already trusts X-Forwarded-Proto from FORWARDED_ALLOW_IPS.
if env.bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=True)
# A year of HSTS; on the browsers' preload list only when asked (it is hard to leave).
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = env.str("DJANGO_SECURE_REFERRER_POLICY", default="same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "not on the preload list": a choice, made above
# The Content-Security-Policy (base.py's CONTENT_SECURITY_POLICY) is sent by django-csp on every answer.

# ------------------------------------------------------------------------------
# Static files: collected by `collectstatic`, served by whitenoise from gunicorn.
# ------------------------------------------------------------------------------
# Right after SecurityMiddleware, as whitenoise asks: static files skip the rest of the stack.
_whitenoise_at = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [*MIDDLEWARE[:_whitenoise_at], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[_whitenoise_at:]]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# ------------------------------------------------------------------------------
# Logging: to stderr, which gunicorn's log collects; with DEBUG off Django would print nothing, not even a 500.
# ------------------------------------------------------------------------------
# Base's, with the root logger on stderr (a Host header of no allowed host stays one line: eventsapi.logs).
LOGGING = {**LOGGING, "root": {"handlers": ["stderr"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")}}
