"""A record's history over HTTP: ``/api/<resource>/<key>/history/``, newest first, paginated, read-only.

For curators only (users who may change reports): it names users and shows drafts. Anyone else gets a 404.
"""

from functools import cache

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action

from events.api.audience import sees_drafts

HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


class HistoryEntrySerializer(serializers.Serializer):
    """One change: when, by whom, why, which fields, and the record as it was right after it."""

    history_id = serializers.IntegerField(read_only=True)
    history_date = serializers.DateTimeField(read_only=True, help_text="When the change was made.")
    history_type = serializers.SerializerMethodField()
    history_user = serializers.CharField(
        source="history_user.username",
        read_only=True,
        allow_null=True,
        help_text="The username of who made it; null for a command or a fixture.",
    )
    history_change_reason = serializers.CharField(
        read_only=True, allow_null=True, help_text="Why, when it was given: a fixture, a derived status..."
    )
    changed_fields = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ChoiceField(choices=list(HISTORY_TYPES.values())))
    def get_history_type(self, entry):
        return HISTORY_TYPES[entry.history_type]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_changed_fields(self, entry):
        """The fields a change set, against the entry before it; empty for a creation or a deletion."""
        return getattr(entry, "changed_fields", [])


def as_it_was(record_serializer):
    """The resource's serializer for a past version: a related record deleted since reads ``null`` (a report's
    event and participant after its event is deleted), and its schema says so."""

    class AsItWas(record_serializer):
        def get_fields(self):
            fields = super().get_fields()
            for field in fields.values():
                if isinstance(field, serializers.RelatedField) or "." in (field.source or ""):
                    field.allow_null = True
            return fields

    model = record_serializer.Meta.model
    AsItWas.__name__ = AsItWas.__qualname__ = f"{model.__name__}AsItWas"
    AsItWas.__doc__ = f"A {model._meta.verbose_name} as it was after a change; a related record deleted since is null."
    return AsItWas


@cache
def history_serializer(record_serializer):
    """The history entry of one resource, with ``record`` read by the resource's own serializer."""
    model = record_serializer.Meta.model
    return type(
        f"{model.__name__}HistorySerializer",
        (HistoryEntrySerializer,),
        {
            "record": as_it_was(record_serializer)(read_only=True, source="as_record"),
            "__doc__": f"One change of this {model._meta.verbose_name}, and the record as it was right after it.",
        },
    )


def as_record(entry):
    """The record a historical row holds, with the related records it was read with."""
    record = entry.instance
    record._state.fields_cache.update(entry._state.fields_cache)
    return record


# What every change changes: compared, they would be listed in every entry.
BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "version"})


def changed_fields(entry, older):
    """The fields whose values differ between ``entry`` and the ``older`` one, sorted: every field the history
    keeps but the bookkeeping. django-simple-history compares only the editable ones; the others are compared
    here: ``awaiting_review`` going off, ``reviewed_by`` and ``reviewed_at`` with a review, the codes that follow
    an event's kind, an attendance's curated status."""
    changed = set(entry.diff_against(older).changed_fields)
    for field in entry.tracked_fields:
        kept_apart = not field.editable and field.name not in BOOKKEEPING
        if kept_apart and getattr(entry, field.attname) != getattr(older, field.attname):
            changed.add(field.name)
    return sorted(changed)


class RecordHistoryMixin:
    """Adds ``history/`` to a record's address: every change to it, newest first, readable like the record.

    Each entry is read with the relations its record is listed with (``listed_with`` of its queryset).
    """

    def get_serializer_class(self):
        if getattr(self, "action", None) == "history":
            return history_serializer(self.serializer_class)
        return super().get_serializer_class()

    @action(detail=True, methods=["get"], filter_backends=[])
    def history(self, request, *args, **kwargs):
        """Every change to this record, newest first: who, when, which fields, and the record after it."""
        if not sees_drafts(request):  # who changed what, and the drafts of old, are for curators
            raise Http404("History is for users who may change reports.")
        model = self.queryset.model
        entries = (
            model.history.filter(id=self.history_record_id())
            .select_related("history_user", *self.queryset.listed_with)
            .order_by("-history_date", "-history_id")
        )
        page = self.paginate_queryset(entries)
        self.note_changed_fields(page, entries)
        for entry in page:
            entry.as_record = as_record(entry)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def history_record_id(self):
        """The id of the record addressed, also when it has since been deleted."""
        model = self.queryset.model
        key = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        field = "id" if self.lookup_field == "pk" else self.lookup_field
        try:
            found = model.objects.filter(**{field: key}).values_list("id", flat=True).first()
            if found is None:
                found = model.history.filter(**{field: key}).order_by("-history_date").values_list("id", flat=True)[:1]
                found = next(iter(found), None)
        except (TypeError, ValueError, ValidationError):
            found = None
        if found is None:
            raise Http404(f"No {model.__name__} matches the given query.")
        return found

    @staticmethod
    def note_changed_fields(page, entries):
        """Sets ``changed_fields`` on each change of the page, against the entry before it (one more query)."""
        if not page:
            return
        last = page[-1]
        before = (
            entries.filter(history_date__lte=last.history_date)
            .exclude(history_id=last.history_id)
            .exclude(history_date=last.history_date, history_id__gt=last.history_id)
            .first()
        )
        for entry, older in zip(page, [*page[1:], before], strict=True):
            if entry.history_type == "~" and older is not None:
                entry.changed_fields = changed_fields(entry, older)
