"""The change feed: ``/api/changes/?since=<cursor>``, every create, update and delete of every record in commit order.

Each entry is one change of one record (``resource``, ``id``, ``key``, ``action``, ``version``,
``time``), read from the change log (``events.models.changes``), which numbers changes in the order
their transactions committed. A page holds the entries after ``since``; its ``next`` cursor, on
every page, the last too, is where the following page starts, so a client that stores it resumes
where it stopped. The page is bounded by the highest position committed when it is read (read
first): every change below it has committed, so no entry is ever skipped or given twice, however
many writers commit meanwhile. A ``since`` above that position was never given as ``next`` by this
server (a position is only ever given once committed, and later ones are higher): a 400, or its
reader would skip every change until the log reached it.

Who sees what (``events.api.audience``): curators see every change. Everyone else sees a report's
changes only while it is verified, as they would see the report itself: a report verified appears
to them as ``created``, one sent back to draft or rejected as ``deleted``, and nothing of a draft;
no entry names a user.
"""

from django.db import router
from django.db.models import Max
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from events.api.audience import sees_drafts
from events.api.conditional import ConditionalReadsMixin
from events.api.mixins import JSONErrorsMixin
from events.api.pagination import positive_int
from events.api.parameters import QueryParametersMixin
from events.api.permissions import DjangoModelPermissionsOrAnonReadOnly
from events.api.schema import AutoSchema
from events.models import Change
from events.models.changes import ACTIONS

SINCE, PAGE_SIZE = "since", "page_size"
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 100, 1000
RESOURCES = ["event", "participant", "attendance", "report", "article"]


class ChangeSerializer(serializers.Serializer):
    """One change of one record."""

    resource = serializers.ChoiceField(choices=RESOURCES, help_text="Which resource: `/api/<resource>s/`.")
    id = serializers.IntegerField(source="record_id", help_text="The record's id: it never changes.")
    key = serializers.CharField(help_text="Its key in its address at the time (the slug, or the id).")
    action = serializers.ChoiceField(choices=list(ACTIONS.values()))
    version = serializers.IntegerField(help_text="The record's version after the change (its ETag's first part).")
    time = serializers.DateTimeField(help_text="When the change was made.")


class ChangePageSerializer(serializers.Serializer):
    next = serializers.CharField(help_text="The cursor to give as `since` for the changes after this page.")
    next_url = serializers.URLField(help_text="This address with `since` set to `next`.")
    more = serializers.BooleanField(help_text="Whether more changes were already waiting: read `next_url` now.")
    results = ChangeSerializer(many=True)


class ChangesSchema(AutoSchema):
    """The feed answers one page object (with ``next``), not an array of entries."""

    def _is_list_view(self, serializer=None):
        return False


def cursor_of(request):
    """The position after which to read: ``since`` as given (0, the beginning, when absent or empty)."""
    raw = request.query_params.get(SINCE, "")
    if raw == "":
        return 0
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise ValidationError({SINCE: [f"Not a cursor: “{raw}”. Give the `next` of a page, or nothing to start."]})
    return int(raw)


AHEAD = (
    "Not a cursor of this feed: {since} is past its last change ({top}), so this server never gave it "
    "(a typo, another server's cursor, or a database restored from an older backup?). "
    "Give the `next` of a page, or nothing to start."
)


def highest_position(using):
    """The highest position committed in the change log of database ``using`` (0 while it is empty)."""
    return Change.objects.using(using).aggregate(top=Max("position"))["top"] or 0


@extend_schema(
    summary="Every create, update and delete of every record, in commit order",
    responses=ChangePageSerializer,
)
class ChangesView(JSONErrorsMixin, ConditionalReadsMixin, QueryParametersMixin, generics.ListAPIView):
    """The change feed: follow ``next`` from page to page; keep the last ``next`` to resume later."""

    queryset = Change.objects.none()
    serializer_class = ChangeSerializer
    pagination_class = None
    filter_backends = []
    permission_classes = [DjangoModelPermissionsOrAnonReadOnly]
    schema = ChangesSchema()
    query_parameters = (
        OpenApiParameter(
            SINCE,
            OpenApiTypes.STR,
            description="The `next` cursor of the page read before; absent or empty: from the first change.",
        ),
        OpenApiParameter(
            PAGE_SIZE,
            OpenApiTypes.INT,
            description=f"Changes a page (default {DEFAULT_PAGE_SIZE}, at most {MAX_PAGE_SIZE}).",
        ),
    )

    def list(self, request, *args, **kwargs):
        since = cursor_of(request)
        size = min(positive_int(request, PAGE_SIZE) or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        # The highest position committed, read first: every change up to it has committed and is visible.
        using = router.db_for_read(Change)
        top = highest_position(using)
        if since > top and (primary := router.db_for_write(Change)) != using:
            # A replica may lag behind the database that gave the cursor: the primary has read it.
            using, top = primary, highest_position(primary)
        if since > top:
            raise ValidationError({SINCE: [AHEAD.format(since=since, top=top)]})
        changes = Change.objects.using(using).filter(position__gt=since, position__lte=top)
        curator = sees_drafts(request)
        if not curator:
            changes = changes.exclude(public_action="")
        action = "action" if curator else "public_action"
        fields = ["position", "resource", "record_id", "key", action, "version", "time"]
        rows = list(changes.order_by("position").values(*fields)[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        cursor = rows[-1]["position"] if more else top
        results = [
            {
                "resource": row["resource"],
                "id": row["record_id"],
                "key": row["key"],
                "action": row[action],
                "version": row["version"],
                "time": row["time"],
            }
            for row in rows
        ]
        next_url = replace_query_param(request.build_absolute_uri(), SINCE, str(cursor))
        return Response({"next": str(cursor), "next_url": next_url, "more": more, "results": results})
