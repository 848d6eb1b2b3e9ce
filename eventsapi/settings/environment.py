"""The environment's settings read by ``django-environ``, but a value it cannot read stops the start-up with one
sentence naming its variable (tester 43, M6: ``DJANGO_CONN_MAX_AGE=abc`` ended in "invalid literal for int()", and
``DATABASE_URL=notaurl`` in ``KeyError: 'ENGINE'``, each under a traceback). ``manage.py`` prints it alone."""

import urllib.parse
import warnings

import environ
from django.core.exceptions import ImproperlyConfigured

DATABASE_URLS = "sqlite:////path/to/db.sqlite3 or postgres://user@host:5432/name"
# What an on/off variable may say for off; django-environ's own words for on. Anything else is refused: read as off,
# "ture" in DJANGO_SECURE_SSL_REDIRECT would have turned the redirect off unseen (review 38, of GUNICORN_PRELOAD).
BOOLEAN_FALSE_STRINGS = ("false", "off", "no", "n", "0", "")


class Env(environ.Env):
    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except (ValueError, TypeError) as error:
            raise ImproperlyConfigured(f"{var}={shown(self.ENVIRON.get(var))!r} cannot be read: {error}.") from None

    def bool(self, var, default=environ.Env.NOTSET):
        """An on/off variable: one of django-environ's words for on (true, on, yes, y, 1, ok) or of these for off
        (false, off, no, n, 0, empty), in any case; any other value stops the start-up naming the variable."""
        value = self.ENVIRON.get(var)
        if value is not None and value.strip().lower() not in (*self.BOOLEAN_TRUE_STRINGS, *BOOLEAN_FALSE_STRINGS):
            raise ImproperlyConfigured(f"{var}={shown(value)!r} cannot be read: give true or false.")
        return super().bool(var, default=default)

    def db_url(self, var=environ.Env.DEFAULT_DATABASE_ENV, default=environ.Env.NOTSET, engine=None):
        url = self.get_value(var, default=default)
        try:
            return self.db_url_config(url, engine=engine)
        except ImproperlyConfigured as error:
            raise ImproperlyConfigured(f"{var}: {error}") from None

    db = db_url

    @classmethod
    def db_url_config(cls, url, engine=None):
        """A database URL's settings; one naming no engine Django knows is refused, not left for Django to fail on."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Engine not recognized from url": said below
            try:
                config = super().db_url_config(url, engine=engine)
            except (ValueError, KeyError) as error:
                raise ImproperlyConfigured(
                    f"“{shown(url)}” is no database URL ({error}): give {DATABASE_URLS}."
                ) from None
        if not config.get("ENGINE"):
            raise ImproperlyConfigured(f"“{shown(url)}” is no database URL: give {DATABASE_URLS}.")
        return config


def shown(value):
    """``value`` as a message may show it: a URL's password replaced by ``***`` (a message goes to logs and CI)."""
    if not isinstance(value, str) or "@" not in value:
        return value
    try:
        parts = urllib.parse.urlsplit(value)
        password = parts.password
    except ValueError:
        return "***@" + value.split("@", 1)[-1]
    if not password:
        return value
    return value.replace(f":{password}@", ":***@", 1)
