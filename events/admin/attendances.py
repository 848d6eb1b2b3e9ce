"""Attendances in the admin, with their reports inline; the status is read-only once a report is verified, and
always to a user who may not review."""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count

from events import services
from events.admin.common import (
    CuratorsReview,
    NotesReviewer,
    RecordAdmin,
    put_on_record,
    refuse_repeated_rows,
    reviewed,
)
from events.admin.layout import FitsTheWindow
from events.admin.versions import VersionedAdmin, VersionedInline
from events.admin.widgets import HeldRecordsAdmin, HeldRecordsForm, HeldRecordsFormSet, HeldRecordsInline
from events.models import Attendance, Report
from events.models.review import HAND_SET_STATUS, NOT_A_CURATORS_MOVE, may_review, vouched_status_moved
from events.rules.quotes import normalize


class AttendanceReportFormSet(HeldRecordsFormSet):
    """An attendance's report rows: no row repeats another."""

    def clean(self):
        super().clean()
        refuse_repeated_rows(self, lambda row: (row.get("article"), row.get("status"), normalize(row["quote"])))


class ReportInline(CuratorsReview, VersionedInline, HeldRecordsInline, admin.StackedInline):
    model = Report
    formset = AttendanceReportFormSet
    fields = [
        "status",
        "review",
        reviewed,
        "reported_on",
        "status_on",
        "article",
        "quote",
        "speaker",
        "via",
        "opened_version",
    ]
    readonly_fields = [reviewed]
    autocomplete_fields = ["article", "speaker"]
    extra = 0
    ordering = ["-reported_on", "-pk"]

    def get_queryset(self, request):
        # __str__ of a report names its attendance's participant and event.
        return super().get_queryset(request).for_listing().select_related("article")


class AttendanceChangeList(ChangeList):
    """Counts the reports of the attendances shown, in one query once the page is cut."""

    def get_results(self, request):
        super().get_results(request)
        rows = list(self.result_list)  # evaluates the page (the template reads the same queryset's cache)
        counts = dict(
            Report.objects.filter(attendance__in=[row.pk for row in rows])
            .order_by()
            .values("attendance")
            .annotate(n=Count("pk"))
            .values_list("attendance", "n")
        )
        for row in rows:
            row.report_count = counts.get(row.pk, 0)


class AttendanceForm(HeldRecordsForm):
    """An attendance's page. To a user who may not review, an attendance awaiting review at the event and
    participant given is no clash to be told of, as in the API (``AttendanceSerializer``): a new attendance takes
    it over, one moved there takes its place (``events.services.reports``)."""

    shows_awaiting_review = True  # AttendanceAdmin.get_form() sets it for the user
    proposal = None  # the attendance awaiting review that gives its place to the one moved there

    def clean(self):
        cleaned_data = super().clean()
        event, participant = cleaned_data.get("event"), cleaned_data.get("participant")
        if self.shows_awaiting_review or event is None or participant is None:
            return cleaned_data
        if moved := vouched_status_moved(self.instance, cleaned_data):
            for name in moved:
                self.add_error(name, NOT_A_CURATORS_MOVE)
            return cleaned_data
        if self.instance.pk is None:
            self.proposal = services.take_over_proposal(event=event, participant=participant)
        else:
            self.proposal = services.proposal_in_the_way(
                attendance=self.instance, event=event, participant=participant
            )
        return cleaned_data

    def _get_validation_exclusions(self):
        # No clash with the attendance that gives its place: save_model() deletes it before the move is saved.
        exclude = super()._get_validation_exclusions()
        return exclude | {"participant"} if self.proposal is not None else exclude


@admin.register(Attendance)
class AttendanceAdmin(FitsTheWindow, HeldRecordsAdmin, NotesReviewer, VersionedAdmin, RecordAdmin):
    list_display = ["participant", "event", "role", "status", "status_date", "report_count"]
    list_filter = ["role", "status", "participant__kind", "awaiting_review"]
    list_select_related = ["participant", "event"]
    search_fields = ["participant__name", "participant__slug", "event__title", "event__slug"]
    autocomplete_fields = ["event", "participant"]
    fields = [
        "event",
        "participant",
        "role",
        "status",
        "status_date",
        "notes",
        "awaiting_review",
        "created_at",
        "updated_at",
        "opened_version",
    ]
    readonly_fields = ["awaiting_review", "created_at", "updated_at"]
    form = AttendanceForm
    inlines = [ReportInline]
    actions = [put_on_record]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.shows_awaiting_review = may_review(request.user)
        return form

    def save_model(self, request, obj, form, change):
        # The change form's view is one transaction: the place is given only if this one is saved.
        if form.proposal is None:
            return super().save_model(request, obj, form, change)
        save = super().save_model
        services.save_in_place_of_proposal(
            proposal=form.proposal, save=lambda: save(request, obj, form, change) or obj, moved=obj if change else None
        )

    def get_queryset(self, request):
        # Also what autocomplete answers from: no per-row count here, which would be computed for every
        # attendance before the page is cut (see AttendanceChangeList).
        return super().get_queryset(request).for_listing()

    def get_changelist(self, request, **kwargs):
        return AttendanceChangeList

    def get_object(self, request, object_id, from_field=None):
        attendance = super().get_object(request, object_id, from_field)
        if attendance is not None:
            attendance.has_counting_reports = attendance.latest_report() is not None
        return attendance

    @admin.display(description="Reports")
    def report_count(self, attendance):
        return attendance.report_count

    def get_readonly_fields(self, request, obj=None):
        # A status set by hand is a curator's word (events.models.review.status_set_by_hand), as in the API.
        if not may_review(request.user):
            return [*self.readonly_fields, *HAND_SET_STATUS]
        # Once there are verified reports, the current status follows them. (A past version on the
        # revert page was not read by get_object(): ask its reports.)
        if obj is None:
            return self.readonly_fields
        counting = getattr(obj, "has_counting_reports", None)
        if counting is None:
            counting = obj.latest_report() is not None
        if counting:
            return [*self.readonly_fields, "status", "status_date"]
        return self.readonly_fields
