"""A mirror: the records of another eventsapi, kept in sync by following its change feed (``manage.py mirror``).

Each page of ``/api/changes/`` is applied in one transaction together with its ``next`` cursor
(``FeedCursor``), so a mirror stopped at any moment resumes from the last page it applied and
applies nothing twice. For each record a page changes, the record's last change in the page is
applied: a deletion deletes the row; any other change reads the record's detail and writes it as
the source serves it, with the same id, version and timestamps.

The detail read is the record as it is now, which may be ahead of the change being applied; any
difference between the two is itself a later change in the feed. So a detail that is gone (404:
deleted, renamed, or no longer shown to this reader) or that cannot be written yet (it collides
with a row the mirror has not caught up on) is left to that later change; a record it refers to
that the mirror does not have yet is read and written first.

Rows are written as they are served, without ``save()``: the source has applied every rule (the
status an attendance's reports give it, the quote rule...) and the mirror copies the result.
The columns the API does not serve (an attendance's curated status; who reviewed a report, unless
that user exists here too) keep their defaults.
"""

import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction

from events.models import Article, Attendance, Event, FeedCursor, NameChange, Participant, Report
from events.rules import jsontext

DELETED = "deleted"
# How many times a throttled read (429) is tried again, each after the wait the source asks for.
THROTTLED_RETRIES = 20
# The slug of a row moved aside until its own change comes (see make_way).
MOVED_ASIDE = "mirror-moved-aside-"


@dataclass(frozen=True)
class Resource:
    model: type
    path: str
    lookup: str  # what the detail's address takes: slug or id


RESOURCES = {
    "participant": Resource(Participant, "participants", "slug"),
    "event": Resource(Event, "events", "slug"),
    "article": Resource(Article, "articles", "id"),
    "attendance": Resource(Attendance, "attendances", "id"),
    "report": Resource(Report, "reports", "id"),
}
BY_MODEL = {resource.model: name for name, resource in RESOURCES.items()}


class SourceError(Exception):
    """The source answered something other than a page or a record."""


def check_url(url):
    """Raise ``SourceError`` unless ``url`` is an http(s) address with a host."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (a port that is no number raises ValueError)
    except ValueError as error:
        message = f"“{url}” is not a URL ({error}): give the source's address, such as http://host:8000/."
        raise SourceError(message) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(f"“{url}” is not a URL: give the source's address, such as http://host:8000/.")
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise SourceError(
            f"“{url}” has a query or a fragment: give the source's address alone, such as http://host:8000/."
        )


class Mirror:
    """Follows the change feed of the eventsapi at ``url`` (its API root) into this database."""

    def __init__(self, url, *, token=None, page_size=500, timeout=30):
        check_url(url)
        url = url if url.endswith("/") else f"{url}/"
        self.root = url if urllib.parse.urlsplit(url).path.rstrip("/").endswith("/api") else f"{url}api/"
        self.token, self.page_size, self.timeout = token, page_size, timeout
        self.users = {user.username: user.pk for user in get_user_model().objects.only("username")}

    # -- HTTP ---------------------------------------------------------------------------
    def get(self, path, **params):
        """The JSON at ``path`` (under the API root), ``None`` for a 404; a 429 waits its ``Retry-After``."""
        query = urllib.parse.urlencode(params)
        request = urllib.request.Request(f"{self.root}{path}{'?' + query if query else ''}")
        request.add_header("Accept", "application/json")
        if self.token:
            request.add_header("Authorization", f"Token {self.token}")
        for _attempt in range(THROTTLED_RETRIES):
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return jsontext.loads(answer.read())  # none deeper than a body may be
            except ValueError:  # an HTML page (a sign-in page the address redirected to): no feed
                raise SourceError(f"{request.full_url} answered no JSON: is {self.root} an eventsapi?") from None
            except urllib.error.HTTPError as error:
                if error.code == 404:
                    return None
                if error.code != 429:
                    said = error.read()[:500].decode("utf-8", "replace")
                    raise SourceError(f"{request.full_url}: {error.code} {said}") from error
                time.sleep(min(int(error.headers.get("Retry-After") or 1), 60))
        raise SourceError(f"{request.full_url}: still throttled after {THROTTLED_RETRIES} tries; give a --token")

    # -- following the feed ---------------------------------------------------------------
    @property
    def cursor(self):
        stored = FeedCursor.objects.filter(source=self.root).values_list("cursor", flat=True).first()
        return stored or ""

    def follow(self, *, pages=None):
        """Apply pages until the feed has no more (or ``pages`` pages); returns how many changes were applied."""
        applied = done = 0
        while pages is None or done < pages:
            page = self.get("changes/", since=self.cursor, page_size=self.page_size)
            if page is None:
                raise SourceError(f"{self.root}changes/ is not there: is {self.root} an eventsapi?")
            with transaction.atomic():
                changed = self.apply(page["results"])
                FeedCursor.objects.update_or_create(source=self.root, defaults={"cursor": page["next"]})
                if changed:
                    # The rows are written as served, past the models' save(): move every ETag and kept answer, as
                    # refresh_answers does, or a process serving this database answers what it kept (and 304s to
                    # the old tags) (tester 43, H1).
                    NameChange.objects.create(reason=f"mirrored {changed} changes from {self.root}"[:300])
            applied += changed
            done += 1
            if not page["more"]:
                break
        return applied

    def apply(self, changes):
        """Apply each record's last change in ``changes``, in the order of those last changes."""
        last = {}
        for change in changes:
            if change["resource"] in RESOURCES:
                last.pop((change["resource"], change["id"]), None)
                last[(change["resource"], change["id"])] = change
        waiting = []
        for change in last.values():
            if not self.apply_change(change):
                waiting.append(change)
        # What collided with a row updated later in the page gets a second chance.
        for change in waiting:
            self.apply_change(change)
        return len(last)

    def apply_change(self, change):
        resource = RESOURCES[change["resource"]]
        if change["action"] == DELETED:
            delete_quietly(resource.model, [change["id"]])
            return True
        return self.fetch(resource, change["key"], change["id"])

    # -- records ---------------------------------------------------------------------------
    def fetch(self, resource, key, record_id=None, depth=0):
        """Read one record from the source and write it here; whether it could be written now."""
        data = self.get(f"{resource.path}/{urllib.parse.quote(str(key))}/")
        if data is None or (record_id is not None and data["id"] != record_id):
            return True  # gone, or renamed since: a later change brings it
        try:
            with transaction.atomic():
                values = self.values(resource.model, data, depth)
                if values is None:
                    return False
                make_way(resource, data["id"], values)
                write(resource.model, data["id"], values)
        except IntegrityError:
            return False
        return True

    def values(self, model, data, depth):
        """The model's column values of a detail payload, its relations resolved to local ids."""
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name not in data:
                continue
            value = data[field.name]
            if field.is_relation:
                value = self.related_id(field, value, depth)
                if value is False:
                    return None
                values[field.attname] = value
            else:
                values[field.attname] = field.to_python(value)
        return values

    def related_id(self, field, value, depth):
        """The local id of the record a relation names (a slug, an id or a username); read first if missing."""
        if value is None:
            return None
        target = field.related_model
        if target is get_user_model():
            return self.users.get(value)  # who reviewed: kept when that user exists here too
        resource = RESOURCES[BY_MODEL[target]]
        lookup = {resource.lookup: value}
        found = target._base_manager.filter(**lookup).values_list("pk", flat=True).first()
        if found is not None:
            return found
        if depth >= 5 or not self.fetch(resource, value, depth=depth + 1):
            return False
        found = target._base_manager.filter(**lookup).values_list("pk", flat=True).first()
        return False if found is None else found


def make_way(resource, pk, values):
    """Move a row that still holds this record's slug aside: it changed in the source since the mirror read it,
    so a change of it is still to come in the feed (two records that swapped slugs come in any order)."""
    if resource.lookup != "slug":
        return
    holder = resource.model._base_manager.filter(slug=values["slug"]).exclude(pk=pk)
    for other in holder.values_list("pk", flat=True):
        resource.model._base_manager.filter(pk=other).update(slug=f"{MOVED_ASIDE}{other}")


def write(model, pk, values):
    """Insert or update one row as given: no ``save()``, no signals, no history; the source kept the rules."""
    if not model._base_manager.filter(pk=pk).update(**values):
        model._base_manager.bulk_create([model(pk=pk, **values)])


def delete_quietly(model, pks):
    """Delete these rows and what the database would cascade to, without signals or history."""
    if not pks:
        return
    for relation in model._meta.related_objects:
        on_delete = getattr(relation, "on_delete", None)
        related = relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": pks})
        if on_delete is models.CASCADE:
            delete_quietly(relation.related_model, list(related.values_list("pk", flat=True)))
        elif on_delete is models.SET_NULL or (on_delete is models.PROTECT and relation.field.null):
            # a protected one too: the source changed the rows that held it before it could delete it, and those
            # changes come in the feed (before, or in a later page)
            related.update(**{relation.field.name: None})
    queryset = model._base_manager.filter(pk__in=pks)
    queryset._raw_delete(queryset.db)
