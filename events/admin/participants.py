"""Participants in the admin: search by alias, and merging duplicates."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from events import services
from events.admin.common import ProvenanceForCurators, RecordAdmin, country
from events.admin.versions import VersionedAdmin
from events.admin.widgets import HeldRecordsAdmin
from events.models import Participant


@admin.register(Participant)
class ParticipantAdmin(ProvenanceForCurators, HeldRecordsAdmin, VersionedAdmin, RecordAdmin):
    list_display = ["name", "slug", "kind", country, "affiliation", "wikidata_id"]
    list_filter = ["kind", "country"]
    list_select_related = ["affiliation"]
    # Aliases are found by Participant.objects.search(), in get_search_results().
    search_fields = ["name", "slug", "wikidata_id"]
    autocomplete_fields = ["affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    # The provenance (the extraction assistant's note on a party it proposed and a curator confirmed) is for curators
    # here (ProvenanceForCurators), never public, as an event's.
    readonly_fields = ["provenance", "created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results |= queryset.search(search_term)
        return results, may_have_duplicates

    # Merging re-points attendances, reports and events, and deletes the duplicates.
    merge_permissions = [
        "events.change_participant",
        "events.delete_participant",
        "events.change_attendance",
        "events.delete_attendance",
        "events.change_report",
        "events.change_event",
    ]
    merge_at_most = 20
    merge_records_shown = 100

    actions = ["merge_participants"]

    def has_merge_permission(self, request):
        return request.user.has_perms(self.merge_permissions)

    @admin.action(description="Merge selected participants", permissions=["merge"])
    def merge_participants(self, request, queryset):
        """Ask which participant to keep, show what will move, and merge on confirmation."""
        participants = list(queryset.order_by("pk")[: self.merge_at_most + 1])
        if not 2 <= len(participants) <= self.merge_at_most:
            self.message_user(
                request, f"Select from 2 to {self.merge_at_most} participants to merge.", messages.WARNING
            )
            return None
        chosen = next((p for p in participants if str(p.pk) == request.POST.get("keep")), None)
        keep = chosen or participants[0]
        duplicates = [p for p in participants if p != keep]
        keep_error = None
        if "post" in request.POST and chosen is None:
            # Merge with no participant to keep (or one not selected): ask again, choosing none for the curator.
            keep_error = "Keep: choose which of the selected participants to keep."
        elif "post" in request.POST:
            try:
                done = services.merge_participants(keep=keep, duplicates=duplicates)
            except ValidationError as error:
                self.message_user(request, f"Nothing was merged: {' '.join(error.messages)}", messages.ERROR)
                return None
            self.message_user(
                request,
                f"Merged {', '.join(map(str, done.duplicates))} into {keep}: {len(done.moved)} attendances moved, "
                f"{len(done.joined)} joined with {keep}'s at the same event.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:events_participant_change", args=[keep.pk]))
        plan = services.merge_plan(keep=keep, duplicates=duplicates)
        shown = self.merge_records_shown
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge participants",
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "participants": participants,
            "plan": plan,
            "report_count": plan.reports.count(),
            "statements": plan.statements[:shown],
            "statement_count": plan.statements.count(),
            "hosted_events": plan.hosted_events[:shown],
            "hosted_count": plan.hosted_events.count(),
            "affiliates": plan.affiliates[:shown],
            "affiliate_count": plan.affiliates.count(),
            "shown": shown,
            "minus_shown": -shown,
            "keep_error": keep_error,
        }
        return TemplateResponse(request, "admin/events/participant/merge_confirmation.html", context)
