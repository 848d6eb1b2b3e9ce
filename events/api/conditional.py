"""Conditional requests (RFC 9110): every read answers an ``ETag``; ``If-None-Match`` gets a 304; ``If-Match``
guards writes.

Reads (``ConditionalReadsMixin``). Whether anything changed is told by the change log
(``events.models.changes``), which every write of every record reaches in its own transaction:
its state (the highest commit position and the highest id) is read first, with one indexed
query, before any row. A list's tag is a digest of that state, the address with its query, the
host, the format, and the reader's audience (a curator's list holds drafts), so learning that
nothing changed costs that one query and no render; a deletion, a creation or any edit, even two
in the same second, moves the state. A detail's tag is its payload's (below, for ``If-Match``) in its
format: as a list's, each representation (``representation()``: JSON, CSV, the browsable API) has its own.
A detail's tag
is kept by that same state once the detail has been rendered, so a second ``If-None-Match``
is answered 304 from the state alone too.

Writes (``ConditionalWritesMixin``).

The ETag is ``"<version>-<digest>"``: the record's version, then a digest of the
detail payload, which also shows other records (an event's attendances and their
statuses, a report's event slug...). So the ETag changes whenever the payload
does. A ``PUT``, ``PATCH`` or ``DELETE`` whose ``If-Match`` is not the current
ETag is a 412 and changes nothing (a curator's may name the tag a reader who is no curator
was given for the same version: ``current_tags``); one that matches writes with the model's
conditional ``UPDATE`` (``VersionedModel``), so of two racing writers with the
same ETag only one wins and the other also gets a 412.
"""

import hashlib
import re

import orjson
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections, router
from django.http import HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from events.api.audience import audience, sees_drafts
from events.api.parameters import lists_records, reads_records
from events.models import Change, NameChange

WRITES = {"PUT", "PATCH", "DELETE"}
DETAIL_ANSWERS = {"retrieve", "create", "update", "partial_update"}


JSON = "application/json"


def representation(request):
    """Which representation of an address a request is answered in: the negotiated media type.

    Lists and details alike tag each representation apart (RFC 9110 §8.8.1: a strong validator
    differs between them), since one address answers JSON, CSV or HTML by ``Accept`` alone.
    """
    return getattr(request, "accepted_media_type", None) or JSON


def etag_of(payload, media_type=JSON, *, sparse=False):
    """The strong ETag of a detail payload in ``media_type``: its version and a digest of the whole of it.

    The digest is of the JSON as clients read it, so a payload of Python values (the lean reads'
    dates and datetimes) and the serializer's strings for the same record give the same ETag; any
    other representation (CSV, the browsable API) mixes its media type into the digest.
    A ``sparse`` payload (``?fields=``), which shows part of the record, is tagged ``"s-<digest>"``, its version
    or not: it tells ``If-None-Match`` that the part is unchanged, but cannot tell ``If-Match`` that the record is.
    """
    text = orjson.dumps(payload, default=JSONEncoder().default, option=orjson.OPT_SORT_KEYS | orjson.OPT_UTC_Z)
    if media_type != JSON:
        text += b"\n" + media_type.encode()
    version = "s" if sparse else payload.get("version", "s")
    return f'"{version}-{hashlib.sha256(text).hexdigest()[:16]}"'


def change_state(using=None):
    """The state of the change log: its highest commit position and its highest id, and the highest id of
    the users' renames (``NameChange``), in one query of three indexed lookups.

    The position moves with every commit that changes a record; the id too, and also within the
    transaction that writes it (a test's, which never commits). A rename changes no record but the
    usernames answers show: it moves the third.
    """
    using = using or router.db_for_read(Change)
    quote = connections[using].ops.quote_name
    table, renames = quote(Change._meta.db_table), quote(NameChange._meta.db_table)
    with connections[using].cursor() as cursor:
        highest = f"(SELECT MAX(position) FROM {table}), (SELECT MAX(id) FROM {table})"
        cursor.execute(f"SELECT {highest}, (SELECT MAX(id) FROM {renames})")
        return tuple(cursor.fetchone())


def read_key(request, state):
    """What a read's answer depends on: the change log's state, the address, the reader and the format."""
    query = sorted(request.query_params.lists())
    named = (
        state,
        request.path,
        query,
        request.get_host(),
        request.is_secure(),
        audience(request),
        representation(request),
    )
    return hashlib.sha256(repr(named).encode()).hexdigest()[:32]


class Kept:
    """A cache by ``read_key``: the cache ``alias`` of the settings if there is one, else this process's own."""

    def __init__(self, alias, max_entries):
        self.alias = alias
        self.in_process = LocMemCache(f"eventsapi-{alias}", {"TIMEOUT": 600, "OPTIONS": {"MAX_ENTRIES": max_entries}})

    def __getattr__(self, name):
        return getattr(caches[self.alias] if self.alias in settings.CACHES else self.in_process, name)


# The ETags of rendered details.
KEPT_TAGS = Kept("etags", 5000)
# Whole answers (body and headers) of reads, while nothing changes: see ``KeptAnswer``.
KEPT_ANSWERS = Kept("answers", 1000)


class KeptAnswer(HttpResponse):
    """A read's answer as it was rendered for the same ``read_key``, sent again without a query or a render.

    The key holds everything the answer depends on (the change log's state, the address and its
    query, the host, the format, the audience), as the ETag does, so a kept answer is always the
    one a render would give: a write of any record moves the state, and the key with it. Kept up to
    ``settings.KEPT_ANSWER_BYTES`` (0: none kept). It has no ``data``: the mixins that edit a
    rendered answer's data (``fields=``, ETags of details) find nothing to do, as it already holds
    their work.
    """

    data = None

    @classmethod
    def keep(cls, key, response):
        # Never a page of the browsable API: it shows the user's name and their session's CSRF token.
        if response.get("Content-Type", "").startswith("text/html"):
            return
        if response.status_code == status.HTTP_200_OK and len(response.content) <= settings.KEPT_ANSWER_BYTES:
            KEPT_ANSWERS.set(key, (response.content, list(response.headers.items())))

    @classmethod
    def of(cls, key):
        kept = KEPT_ANSWERS.get(key) if settings.KEPT_ANSWER_BYTES else None
        if kept is None:
            return None
        content, headers = kept
        return cls(content, headers=dict(headers))


def matches(request, tag, *, answered=True):
    """Whether ``If-None-Match`` names ``tag`` (weak comparison, as RFC 9110 asks for it), or is ``*`` for an
    ``answered`` request: ``*`` means any current answer, which a request with a bad parameter does not have."""
    header = request.headers.get("If-None-Match")
    if not header or tag is None:
        return False
    tags = parse_etags(header)
    return ("*" in tags and answered) or tag.removeprefix("W/") in {given.removeprefix("W/") for given in tags}


class AnswerKept(Exception):
    """The answer to this very read was kept (``KeptAnswer``): it is sent again."""

    def __init__(self, answer):
        self.answer = answer


class NotModified(Exception):
    """What the client has is current: answered 304 with its tag."""

    def __init__(self, tag):
        self.tag = tag


class ConditionalReadsMixin:
    """``ETag`` on every list and detail; ``If-None-Match`` with it gets a 304, told from the change log alone."""

    state_key = read_tag = change_state = None
    # A weak tag (``W/``) for an answer whose bytes differ between two reads of the same records (the data
    # package's time of making): If-None-Match compares tags weakly, so it is answered 304 alike.
    weak_tag = False

    def reads_conditionally(self):
        # A list, its export, a detail, and a record's history: each changes only with the change log.
        reads = lists_records(self) or reads_records(self) or getattr(self, "action", None) == "history"
        return self.request.method in ("GET", "HEAD") and reads

    def lists_conditionally(self):
        return getattr(self, "action", None) != "retrieve"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not self.reads_conditionally():
            return
        # Read before any row: an answer is never tagged with a state older than what it shows.
        self.change_state = change_state()
        self.state_key = read_key(request, self.change_state)
        if self.lists_conditionally():
            self.read_tag = f'{"W/" if self.weak_tag else ""}"l-{self.state_key}"'
        else:
            self.read_tag = KEPT_TAGS.get(self.state_key)
        kept = KeptAnswer.of(self.state_key) if request.method == "GET" else None
        if kept is not None and not self.lists_conditionally():
            self.read_tag = kept.get("ETag")
        # A tag is only ever given with a 200 to this very query, so naming it tells the query is good.
        if matches(request, self.read_tag, answered=False):
            raise NotModified(self.read_tag)
        if kept is not None:
            raise AnswerKept(kept)

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": exc.tag})
        if isinstance(exc, AnswerKept):
            return exc.answer
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "state_key", None) is None or response.status_code != status.HTTP_200_OK:
            return response
        if self.lists_conditionally():
            response["ETag"] = self.read_tag
        elif response.has_header("ETag"):
            KEPT_TAGS.set(self.state_key, response["ETag"])
        if matches(request, response.get("ETag")) and response.streaming:  # an export: not a row of it is read
            response = HttpResponse(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": response["ETag"]})
        elif matches(request, response.get("ETag")):
            response.status_code, response.data = status.HTTP_304_NOT_MODIFIED, None
        elif isinstance(response, SimpleTemplateResponse) and request.method == "GET":
            # Kept once rendered, with the headers the view gave it (the middleware adds its own to every answer).
            key = self.state_key
            response.add_post_render_callback(lambda rendered: KeptAnswer.keep(key, rendered))
        # Authorization and Cookie on every answer of the API, a 304 too: events.api.middleware.VaryByReaderMiddleware.
        patch_vary_headers(response, ["Accept"])
        return response


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = (
        "If-Match: this record has changed since you read it, so nothing was written. "
        "Read it again and redo your change with its new ETag (a curator's ETag, of an answer that shows more of "
        "the record, is a curator's alone)."
    )


MALFORMED_IF_MATCH = (
    "Names no ETag, so nothing was written: give the ETag you read, in its quotes "
    '(If-Match: "1-5c3f0e9a41d2b7e8"), or * for any version; leave the header out to write unchecked.'
)
MALFORMED_IF_NONE_MATCH = (
    "Names no ETag, so nothing was written: give ETags in their quotes "
    '(If-None-Match: "1-5c3f0e9a41d2b7e8"), or * alone; leave the header out to write unchecked.'
)
# What a write's conditional header that is neither ``*`` nor a list of quoted entity tags is told.
MALFORMED = {"If-Match": MALFORMED_IF_MATCH, "If-None-Match": MALFORMED_IF_NONE_MATCH}


IF_NONE_MATCH_FAILED = (
    "If-None-Match: this record exists (*), or is still the version whose ETag you sent, so nothing was written."
)


SPARSE_IF_MATCH = (
    "Is the ETag of a read with ?fields=, which shows part of the record, so it cannot tell that the record "
    "is unchanged; nothing was written. Read the record without fields and send that ETag."
)


# RFC 9110 §8.8.3 and §13.1.1: an entity-tag, and a list of them (empty elements allowed, as in every list).
ENTITY_TAG = r'(?:W/)?"[\x21\x23-\x7e\x80-\xff]*"'
TAG_LIST = re.compile(rf"[\s,]*{ENTITY_TAG}(?:\s*,[\s,]*{ENTITY_TAG})*[\s,]*")


def entity_tags(header):
    """The tags of an ``If-Match`` or ``If-None-Match`` header: ``["*"]`` for ``*``, else its list, or ``[]`` when
    it is neither (empty, a tag without its quotes, ``*`` inside a list: ``"1-ab", *``)."""
    if header.strip() == "*":
        return ["*"]
    return re.findall(ENTITY_TAG, header) if TAG_LIST.fullmatch(header) else []


class ReadByThePublic:
    """A request as a reader who is no curator makes it (``events.api.audience``): anonymous, the rest the same."""

    user, auth = AnonymousUser(), None

    def __init__(self, request):
        self._wrapped = request

    def __getattr__(self, name):
        return getattr(self._wrapped, name)


class ConditionalWritesMixin:
    """``ETag`` on every detail answer; ``If-Match`` checked before a write and again, atomically, in it;
    ``If-None-Match`` that names the record (``*``, or its ETag) refuses the write (RFC 9110 §13.1.2)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            getattr(self, "action", None) in DETAIL_ANSWERS
            and status.is_success(response.status_code)
            and isinstance(response.data, dict)
        ):
            sparse = bool(getattr(self, "sparse_fields", None))
            response["ETag"] = etag_of(response.data, representation(request), sparse=sparse)
        return response

    def get_object(self):
        record = super().get_object()
        if self.request.method in WRITES:
            self.check_conditions_given()
            self.check_if_match(record)
            self.check_if_none_match(record)
        return record

    def check_conditions_given(self):
        """A write's ``If-Match`` or ``If-None-Match`` that is neither ``*`` nor a list of quoted ETags (empty, a tag
        without its quotes, ``*`` inside a list, a list with something else in it: ``"1-ab", garbage``) is a 400
        naming it, each such header named, and nothing is written: not a 412 ("changed since you read it"), and
        never read as absent, which would make unchecked a write meant to be checked. (A read's ``If-None-Match`` that
        names no tag is left as naming none, ``matches``: its worst outcome is a full answer, a 200.)"""
        malformed = {
            name: [message]
            for name, message in MALFORMED.items()
            if (header := self.request.headers.get(name)) is not None and not entity_tags(header)
        }
        if malformed:
            raise ValidationError(malformed)

    def current_tags(self, record, given=()):
        """The record's ETags now, in each of this address's formats (a tag read in any of them names it), and for
        a curator, when ``given`` names none of these, its tags as any other reader reads it too.

        A curator's answer shows more (an event's attendances awaiting review), so its tag differs from the one
        an anonymous read of the same version gave (tester 45, D6: a 412 "changed since you read it" for a record
        that had not changed). Either names the version and a digest of all that its reader was shown: if that is
        all still current, no change the client saw is lost by the write. Not the other way: a tag a curator read
        is no tag of a reader who is no curator, whose 412 would otherwise tell that something hidden changed.
        """
        tags = self.tags_of(record)
        if not tags & set(given) and sees_drafts(self.request):
            tags |= self.tags_as_the_public_reads(record)
        return tags

    def tags_of(self, record):
        data = self.get_serializer(record).data
        media_types = {representation(self.request), *(renderer.media_type for renderer in self.get_renderers())}
        return {etag_of(data, media_type) for media_type in media_types}

    def tags_as_the_public_reads(self, record):
        """The record's tags as a reader who is no curator reads it (none if such a reader cannot see it)."""
        request = self.request
        self.request = ReadByThePublic(request)
        try:
            public = self.get_queryset().filter(pk=record.pk).first()
            return set() if public is None else self.tags_of(public)
        finally:
            self.request = request

    def check_if_match(self, record):
        header = self.request.headers.get("If-Match")
        if header is None:
            return
        expected = entity_tags(header)  # a list of tags, or *: check_conditions_given refused anything else
        if expected == ["*"]:
            return
        if not self.current_tags(record, expected) & set(expected):
            if any(tag.startswith('"s-') for tag in expected):
                # Not a 412: nothing need have changed, but the tag cannot show it.
                raise ValidationError({"If-Match": [SPARSE_IF_MATCH]})
            raise PreconditionFailed()

    def check_if_none_match(self, record):
        """A write to a record that exists, ``If-None-Match: *``, or one naming its ETag (weakly compared): 412."""
        header = self.request.headers.get("If-None-Match")
        if header is None:
            return
        given = {tag.removeprefix("W/") for tag in entity_tags(header)}  # a list of tags, or *
        if "*" in given or given & self.current_tags(record, given):
            raise PreconditionFailed(IF_NONE_MATCH_FAILED)
