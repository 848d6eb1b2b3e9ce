"""The environment's settings read by ``django-environ``, but a value it cannot read stops the start-up with one
sentence naming its variable (tester 43, M6: ``DJANGO_CONN_MAX_AGE=abc`` ended in "invalid literal for int()", and
``DATABASE_URL=notaurl`` in ``KeyError: 'ENGINE'``, each under a traceback). ``manage.py`` prints it alone."""

import urllib.parse
import warnings

import environ
from django.core.exceptions import ImproperlyConfigured

DATABASE_URLS = "sqlite:////path/to/db.sqlite3 or postgres://user@host:5432/name"


class Env(environ.Env):
    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except (ValueError, TypeError) as error:
            raise ImproperlyConfigured(f"{var}={shown(self.ENVIRON.get(var))!r} cannot be read: {error}.") from None

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
