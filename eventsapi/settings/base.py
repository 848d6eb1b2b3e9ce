"""Settings shared by every environment, all read through one ``environ.Env``."""

import re
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from eventsapi.settings.environment import Env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = Env()

# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
# SECRET_KEY and ALLOWED_HOSTS are set by each environment's module.
DEBUG = env.bool("DJANGO_DEBUG", default=False)

ROOT_URLCONF = "eventsapi.urls"
WSGI_APPLICATION = "eventsapi.wsgi.application"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------
# Database: SQLite by default, PostgreSQL (or any engine) through DATABASE_URL.
# ------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# A sync worker serves one request at a time, so it keeps its connection between
# requests and checks it before reuse, so a restarted server costs no request (measured
# against no reuse and psycopg's pool: docs/performance.md). DJANGO_DB_POOL=true switches
# to the pool (PostgreSQL, psycopg-pool).
# Options given in DATABASE_URL (?conn_max_age=...&conn_health_checks=...) win over these defaults.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=600))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if env.bool("DJANGO_DB_POOL", default=False):
    DATABASES["default"].update(CONN_MAX_AGE=0, OPTIONS={**DATABASES["default"].get("OPTIONS", {}), "pool": True})
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (gunicorn workers): readers never block in WAL mode, and a write transaction takes
    # the lock at BEGIN, where the busy timeout waits for it, instead of failing with "database is locked"
    # when it upgrades a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# dumpdata's JSON and JSON Lines keep times to the microsecond, so a dump loads back exactly (Django's: milliseconds).
SERIALIZATION_MODULES = {
    "json": "events.transfer.exact_json",
    "jsonl": "events.transfer.exact_jsonl",
    "yaml": "events.transfer.exact_yaml",
    "xml": "events.transfer.exact_xml",
}

# ------------------------------------------------------------------------------
# Read replicas: each URL in DATABASE_REPLICA_URLS becomes an alias (replica_0, ...).
# eventsapi.routers sends reads to a healthy replica and everything else to "default"
# (docs/operations.md#scale-out).
# ------------------------------------------------------------------------------
DATABASE_REPLICAS = []
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[])):
    try:
        _replica = env.db_url_config(_url)
    except ImproperlyConfigured as _error:
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS: {_error}") from None
    _replica.setdefault("CONN_MAX_AGE", DATABASES["default"]["CONN_MAX_AGE"])
    _replica.setdefault("CONN_HEALTH_CHECKS", True)
    # A replica that does not answer is skipped quickly, not waited for.
    _replica["OPTIONS"] = {"connect_timeout": 2, **_replica.get("OPTIONS", {})}
    # The suite has no replica database of its own: there the alias is the test database.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{_number}"] = _replica
    DATABASE_REPLICAS.append(f"replica_{_number}")
# A replica further behind the primary than this many seconds is skipped until it catches up.
DATABASE_REPLICA_MAX_LAG = env.float("DATABASE_REPLICA_MAX_LAG", default=5.0)
# Each process checks a replica's health (and lag) at most this often, and keeps the answer.
DATABASE_REPLICA_CHECK_INTERVAL = env.float("DATABASE_REPLICA_CHECK_INTERVAL", default=2.0)
# After a successful write, a signed-in client reads from the primary this long (read your writes).
DATABASE_READ_YOUR_WRITES_SECONDS = env.int("DATABASE_READ_YOUR_WRITES_SECONDS", default=10)
DATABASE_ROUTERS = ["eventsapi.routers.ReplicaRouter"] if DATABASE_REPLICAS else []
# Behind PgBouncer in transaction pooling, a named cursor cannot outlive its transaction: turn them off.
if env.bool("DJANGO_DISABLE_SERVER_SIDE_CURSORS", default=False):
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True

# Countries are ISO 3166-1's (django-countries), and Kosovo under XK, the code the European Union, the IMF and
# GeoNames give it (user-assigned in ISO 3166-1): its talks are in the news as any state's (events/rules/places.py).
COUNTRIES_OVERRIDE = {"XK": {"name": "Kosovo", "alpha3": "XKX"}}

# ------------------------------------------------------------------------------
# Applications
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_countries",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside all the others that answer under /api/: their answers vary with the reader too.
    "events.api.middleware.VaryByReaderMiddleware",
    "events.api.middleware.HostileRequestMiddleware",
    "events.api.middleware.RequestBodyLimitMiddleware",
    "events.api.middleware.FormTextMiddleware",
    # Before CommonMiddleware, whose APPEND_SLASH would redirect (Django's, for a write under DEBUG, failed: ours
    # redirects as with DEBUG off).
    "events.api.middleware.OptionalSlashMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "events.api.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Lets each historical row name the user of the request that made the change.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its answer.
    "axes.middleware.AxesMiddleware",
    # Asked first of an exception a view raised: a write that could not get SQLite's lock is a 503, not a 500.
    "events.api.middleware.BusyDatabaseMiddleware",
]
if DATABASE_REPLICAS:
    # Outermost but security: it chooses the database of every query the request makes.
    MIDDLEWARE.insert(1, "eventsapi.routers.ReplicaRoutingMiddleware")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# ------------------------------------------------------------------------------
# Content-Security-Policy (django-csp), on every answer: scripts only from this site's files (the API
# docs' start-up script too: /api/docs/?script), so no injected script runs. Styles may be inline: the
# pages' <style> blocks and the status board's style attributes.
# ------------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# ------------------------------------------------------------------------------
# Clients' addresses and sign-in lockout (django-axes)
# ------------------------------------------------------------------------------
# How many proxies in front of the server append to X-Forwarded-For. 0: the client is REMOTE_ADDR, and
# X-Forwarded-For (which any client can write) is ignored. It drives DRF's NUM_PROXIES (throttling) and
# the address django-axes counts failed sign-ins by (events.web.security.client_address).
TRUSTED_PROXIES = env.int("DJANGO_TRUSTED_PROXIES", default=0)

# Every way to sign in (the admin's login, /api-auth/login/) authenticates through axes first: the failure that
# reaches AXES_FAILURE_LIMIT for a username, or from an address, is itself refused (a 429), and so is every attempt
# after it (the right password too) until AXES_COOLOFF_TIME has passed since the last one, or a curator deletes
# the access attempt in the admin.
# Where a sign-in with no `next` (or one refused as leading off the site) lands: the landing page, which links to
# the API, its docs and the admin. Django's default, /accounts/profile/, is no page here.
LOGIN_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "events.web.security.client_address"
AXES_LOCKOUT_CALLABLE = "events.web.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429

# ------------------------------------------------------------------------------
# Cache: shared by every worker process and host, so that throttling counts across them.
# Redis when REDIS_URL is set (then the kept counts of long lists are shared too);
# the database otherwise (its table is made by migrate).
# ------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("DJANGO_CACHE_KEY_PREFIX", default="eventsapi"),
        },
        # Counts of long lists (events.api.pagination), kept once for every process.
        "counts": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("DJANGO_CACHE_KEY_PREFIX", default="eventsapi") + "-counts",
            "TIMEOUT": 60,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "eventsapi_cache",
        },
        # Without Redis each process keeps its own counts: a count is not worth a database write.
        "counts": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "eventsapi-counts",
            "TIMEOUT": 60,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }

# Reads answered again, while nothing changes, from the answer kept for them (events.api.conditional.KeptAnswer):
# answers up to this many bytes are kept, in each process (or in the cache "answers" if one is set); 0 keeps none.
KEPT_ANSWER_BYTES = env.int("DJANGO_KEPT_ANSWER_BYTES", default=256 * 1024)

# Request bounds: a larger body is a 413 (events.api.middleware.RequestBodyLimitMiddleware); a longer URL
# a 414, a JSON body nested deeper a 400 (events.api.middleware, events.api.parsers).
# The body limit is large enough for an article's longest text (500,000 characters) in any script: escaped
# in JSON or percent-encoded in a form, a character outside the Basic Multilingual Plane takes 12 bytes
# ("\\ud83d\\ude00"), so 6,000,000 bytes, plus 2 MiB for the rest of the request.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=500_000 * 12 + 2_097_152)
MAX_URL_LENGTH = env.int("DJANGO_MAX_URL_LENGTH", default=4096)
MAX_JSON_DEPTH = env.int("DJANGO_MAX_JSON_DEPTH", default=100)
# The seconds a request may spend reading an article and writing its proposals (the API's extract, the admin's
# Propose reports), well inside gunicorn's timeout (30 s), so no worker is killed; past it, a 400 on body.
EXTRACTION_SECONDS = env.float("EXTRACTION_SECONDS", default=20.0)


# A rate as DRF reads it: a number of requests per second, minute, hour or day. DRF reads only the period's first
# letter, so "100 / minute" failed on every request (a 500) and "5/fortnight" too, while "5/decade" was 5 a day.
THROTTLE_RATE = re.compile(r"[0-9]+/(?:s|sec|second|m|min|minute|h|hour|d|day)")


def throttle_rate(name, default):
    """A rate such as ``100/minute`` from the environment; ``off`` (or empty) turns that throttle off. Any other
    value stops the start-up with a message naming the variable, as a missing secret key does."""
    value = env.str(name, default=default).strip()
    if value.lower() in {"", "off", "none"}:
        return None
    if not THROTTLE_RATE.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name}={value!r} is no rate: give requests per second, minute, hour or day (100/minute), or off."
        )
    return value


STATIC_URL = "static/"
STATIC_ROOT = env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))

# ------------------------------------------------------------------------------
# Django REST framework, django-filter, drf-spectacular
# ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first, so an anonymous write is answered 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "events.api.authentication.TokenAuthentication",  # an Authorization of another scheme is a 401
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "events.api.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "events.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "events.api.renderers.CSVRenderer",
    ],
    # ?format=csv answers CSV whatever the Accept header says.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "events.api.renderers.FormatFirstContentNegotiation",
    "DEFAULT_PARSER_CLASSES": [
        "events.api.parsers.JSONParser",
        "events.api.parsers.FormParser",
        "events.api.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["events.api.filtering.FilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "events.web.throttling.AnonRateThrottle",
        "events.web.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": throttle_rate("DJANGO_THROTTLE_ANON_RATE", "100/minute"),
        "user": throttle_rate("DJANGO_THROTTLE_USER_RATE", "1000/minute"),
    },
    # Clients' addresses: REMOTE_ADDR, or X-Forwarded-For's entry this many trusted proxies back.
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_PAGINATION_CLASS": "events.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "events.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "events.api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "eventsapi",
    "DESCRIPTION": (
        "Structured, sourced records of diplomatic events: who was invited, "
        "who confirmed, who declined, who attended, and which article says so. "
        "Every address may also be written without its trailing slash."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The API reads JSON. Form encodings are parsed too, for the browsable API's HTML
    # forms, where (as in any HTML form) an empty field means "not given": not part of the contract.
    "PARSER_WHITELIST": ["events.api.parsers.JSONParser"],
    "ENUM_NAME_OVERRIDES": {
        "ParticipantKindEnum": "events.models.ParticipantKind",
        "EventKindEnum": "events.models.EventKind",
        "EventStatusEnum": "events.models.EventStatus",
        "AttendanceRoleEnum": "events.models.AttendanceRole",
        "AttendanceStatusEnum": "events.models.AttendanceStatus",
        "ReviewEnum": "events.models.ReviewState",
    },
}

# A request whose Host header names no allowed host: a 400, and one warning line on stderr with no traceback
# (eventsapi.logs), in development as in production; scanners on the open internet send them all day. Any other
# refused request (the admin's 403) is its one line too; a 500 keeps its traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "one_line": {"()": "eventsapi.logs.OneLineWarning"},
        "one_line_below_500": {"()": "eventsapi.logs.OneLineBelow500"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler"},
        # Every refusal Django logs as suspicious (django.security.<its class>: a Host not allowed, the admin's
        # _to_field or lookup a page may not take, a body or form too large, …): a 400 and one warning line.
        "security": {"class": "logging.StreamHandler", "filters": ["one_line"]},
    },
    "loggers": {
        "django.security": {"handlers": ["security"], "propagate": False},
        "django.request": {"filters": ["one_line_below_500"]},
    },
}
