"""Reports in the admin, and the drafts to review with each quote in its article's words."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from events.admin.common import (
    CuratorsReview,
    NotesReviewer,
    RecordAdmin,
    redraft_reports,
    reject_reports,
    verify_reports,
)
from events.admin.versions import VersionedAdmin
from events.admin.widgets import HeldRecordsAdmin
from events.models import Attendance, DraftReport, Report, ReviewState
from events.models.review import may_review
from events.rules.quotes import quote_context


@admin.register(Report)
class ReportAdmin(CuratorsReview, HeldRecordsAdmin, NotesReviewer, VersionedAdmin, RecordAdmin):
    list_display = ["__str__", "status", "review", "reported_on", "speaker", "via", "article_link"]
    list_filter = ["review", "status", "reported_on"]
    list_select_related = ["attendance__event", "attendance__participant", "speaker", "article"]
    search_fields = ["quote", "attendance__participant__name", "attendance__event__title", "speaker__name", "via"]
    autocomplete_fields = ["attendance", "article", "speaker"]
    # No date_hierarchy: its list of years reads every report (on SQLite, a Python call per row).
    readonly_fields = ["uid", "cameo_code", "reviewed_by", "reviewed_at", "created_at", "updated_at"]
    actions = [verify_reports, reject_reports, redraft_reports]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing().select_related("article")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "attendance":  # labelled "participant at event"
            kwargs["queryset"] = Attendance.objects.select_related("event", "participant")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_review_permission(self, request):
        return request.user.has_perm("events.change_report")

    @admin.display(description="Article")
    def article_link(self, report):
        url = reverse("admin:events_article_change", args=[report.article_id])
        return format_html('<a href="{}">{}</a>', url, report.article.title)


@admin.register(DraftReport)
class DraftReportAdmin(RecordAdmin):
    """The drafts to review, each with its quote in the article's words; reviewed by the actions.

    Read-only here (a report is edited on its own page): saving or deleting through a proxy model
    would fire the status signals for the wrong sender.
    """

    list_display = ["reported_on", "report", "status", "quote_in_context", "article_link", "speaker", "via"]
    list_display_links = None
    list_filter = ["status", "reported_on"]
    list_select_related = ["attendance__event", "attendance__participant", "speaker", "article"]
    search_fields = ReportAdmin.search_fields
    actions = [verify_reports, reject_reports]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(review=ReviewState.DRAFT)

    def has_view_permission(self, request, obj=None):
        return may_review(request.user)  # drafts are for curators, in the admin as in the API

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_permission(self, request):
        return request.user.has_perm("events.change_report")

    @admin.display(description="Report", ordering="attendance__participant__name")
    def report(self, report):
        url = reverse("admin:events_report_change", args=[report.pk])
        return format_html('<a href="{}">{}</a>', url, report.attendance)

    @admin.display(description="Quote, in the article's words")
    def quote_in_context(self, report):
        context = quote_context(report.quote, report.article.body, width=80)
        if context is None:  # an article stored without its text
            return report.quote
        before, quote, after = context
        return format_html("{}<mark>{}</mark>{}", before, quote, after)

    @admin.display(description="Article")
    def article_link(self, report):
        url = reverse("admin:events_article_change", args=[report.article_id])
        article = report.article
        return format_html(
            '<a href="{}">{}</a><br>{}, {}', url, article.title, article.publisher, article.published_on
        )
