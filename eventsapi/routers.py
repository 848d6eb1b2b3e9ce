"""Reads on a read replica, everything else on the primary, and a client's reads after its writes on the primary.

``ReplicaRouter`` sends a read to a usable replica (``eventsapi.replicas``) unless the
read must see the primary: inside a transaction, after a write made by the same
request (or, outside requests, the same thread), during a request whose method writes,
or for a client that wrote less than ``DATABASE_READ_YOUR_WRITES_SECONDS`` ago (a signed
cookie ``ReplicaRoutingMiddleware`` sets). Sessions and the database cache (throttle
counts) are always read on the primary. ``ReplicaRoutingMiddleware`` also answers a
read whose replica failed under it by running it again on the primary: never a 500.
"""

import contextlib
import contextvars
import dataclasses

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpResponse

from eventsapi import replicas

PRIMARY = "default"
# Read where they were just written, whatever the client: a login, a throttle count.
PRIMARY_ONLY_APPS = {"sessions", "django_cache"}
# Methods that may write: their whole request reads on the primary.
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
COOKIE = "eventsapi_wrote"
COOKIE_SALT = "eventsapi.routers.read-your-writes"


@dataclasses.dataclass
class Routing:
    """Where this request's (or thread's) reads go: ``pinned`` to the primary, or replicas it used."""

    pinned: bool = False
    used: set = dataclasses.field(default_factory=set)


_routing = contextvars.ContextVar("eventsapi_routing")


@contextlib.contextmanager
def routed(state=None):
    """Route this context's reads by ``state`` (a fresh ``Routing`` by default) until the block ends."""
    state = Routing() if state is None else state
    token = _routing.set(state)
    try:
        yield state
    finally:
        _routing.reset(token)


def routing():
    """This context's routing, made on first use (outside requests: one per thread)."""
    try:
        return _routing.get()
    except LookupError:
        state = Routing()
        _routing.set(state)
        return state


class ReplicaRouter:
    """Reads to a usable replica, writes and migrations to the primary, relations across them."""

    def db_for_read(self, model, **hints):
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        state = routing()
        if state.pinned or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        alias = replicas.choose()
        if alias is None:
            return PRIMARY
        state.used.add(alias)
        return alias

    def db_for_write(self, model, **hints):
        if model._meta.app_label not in PRIMARY_ONLY_APPS:
            # What follows may read what was just written.
            routing().pinned = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaRoutingMiddleware:
    """Routes a request's reads, sets the read-your-writes cookie, reads again on the primary if a replica failed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = request.method not in SAFE_METHODS or self.wrote_lately(request)
        response = self.respond(request, Routing(pinned=pinned))
        if getattr(response, "retry_on_primary", False):
            # A read whose replica failed: run it again on the primary (the replica is skipped until checked again).
            response = self.respond(request, Routing(pinned=True))
        if request.method not in SAFE_METHODS and response.status_code < 400 and self.signed_in(request):
            response.set_signed_cookie(
                COOKIE,
                "1",
                salt=COOKIE_SALT,
                max_age=settings.DATABASE_READ_YOUR_WRITES_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def respond(self, request, state):
        request.replica_routing = state
        with routed(state):
            return self.get_response(request)

    def process_exception(self, request, exception):
        state = getattr(request, "replica_routing", None)
        if not isinstance(exception, DatabaseError) or state is None or state.pinned or not state.used:
            return None
        # The error may be the primary's or the query's own: retry only if a replica it used is now unusable.
        failed = [alias for alias in state.used if not replicas.check(alias)]
        if not failed:
            return None
        for alias in failed:
            replicas.mark_unusable(alias)
        # Not an answer: __call__ sees the mark and asks the primary.
        retry = HttpResponse(status=503)
        retry.retry_on_primary = True
        return retry

    @staticmethod
    def wrote_lately(request):
        return (
            request.get_signed_cookie(
                COOKIE, default=None, salt=COOKIE_SALT, max_age=settings.DATABASE_READ_YOUR_WRITES_SECONDS
            )
            is not None
        )

    @staticmethod
    def signed_in(request):
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated
