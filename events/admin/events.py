"""Events in the admin, with their attendances inline and the status board."""

from django.contrib import admin
from django.utils.html import format_html

from events import services
from events.admin.attendances import AttendanceForm
from events.admin.common import ProvenanceForCurators, RecordAdmin, country, put_on_record
from events.admin.layout import FitsTheWindow
from events.admin.versions import VersionedAdmin, VersionedInline
from events.admin.widgets import HeldRecordsAdmin, HeldRecordsInline
from events.models import Attendance, Event
from events.models.review import may_review
from events.web.board import status_board


class AttendanceInline(VersionedInline, HeldRecordsInline, admin.TabularInline):
    model = Attendance
    # As on an attendance's own page: a row added or moved where an attendance awaits review takes it over or
    # its place for a user who may not see it (it was a 500: the unique pair, checked against the rows shown).
    form = AttendanceForm
    fields = ["participant", "role", "status", "status_date", "notes", "opened_version"]
    readonly_fields = ["status", "status_date"]
    autocomplete_fields = ["participant"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.shows_awaiting_review = may_review(request.user)
        return formset


@admin.register(Event)
class EventAdmin(ProvenanceForCurators, FitsTheWindow, HeldRecordsAdmin, VersionedAdmin, RecordAdmin):
    list_display = ["title", "kind", "status", "start_date", "end_date", "city", country, "host", "public_page"]
    list_filter = ["kind", "status", "country", "awaiting_review"]
    list_select_related = ["host"]
    search_fields = ["title", "slug", "city", "description"]
    autocomplete_fields = ["host"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    # The codes follow the kind (events.rules.codes); coordinates left empty are looked up on save.
    # The provenance (the extraction assistant's note on an event it proposed) is for curators here
    # (ProvenanceForCurators), never public.
    readonly_fields = [
        "cameo_code", "plover_type", "plover_mode", "awaiting_review", "provenance", "created_at", "updated_at",
    ]  # fmt: skip
    inlines = [AttendanceInline]
    actions = [put_on_record]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    def save_formset(self, request, form, formset, change):
        # An attendance row put where one awaiting review is takes its place (AttendanceForm; the view is atomic):
        # one moved there as take_place_of_proposal, a new one takes its reports once saved.
        handed = []
        for row in formset.forms:
            if getattr(row, "proposal", None) is None:
                continue
            if row.instance.pk is None:
                handed.append((services.make_way(row.proposal), row.instance))
            else:
                services.take_place_of_proposal(attendance=row.instance, proposal=row.proposal)
        super().save_formset(request, form, formset, change)
        for reports, attendance in handed:
            services.hand_over(reports, attendance)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # admin/events/event/change_form.html shows it; the public page shows the same board. Drafts, rejected
        # reports and attendances awaiting review are on it for curators only, as everywhere (ShownAsReviewed).
        if obj is not None and obj.pk is not None:
            context["status_board"] = status_board(obj, verified_only=not may_review(request.user))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    @admin.display(description="Page")
    def public_page(self, event):
        return format_html('<a href="{}">view</a>', event.get_absolute_url())
