"""Curation in the Django admin. The rules live in the models, which the admin's forms call."""

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django_countries import countries

from events import services
from events.admin_versions import VersionedAdmin, VersionedForm, VersionedInline
from events.board import status_board
from events.extraction.admin_action import propose_reports_action
from events.models import Article, Attendance, DraftReport, Event, Participant, Report, ReviewState
from events.quotes import quote_context


@functools.lru_cache(maxsize=1024)
def country_name(code, language):
    return countries.name(code)


@admin.display(description="Country", ordering="country")
def country(record):
    """The country's name. A plain ``country`` column would search the field's 250 choices in every row."""
    return country_name(record.country.code, get_language()) if record.country else "-"


class RecordAdmin(admin.ModelAdmin):
    """An admin that stays fast on large tables: its changelist counts the rows once, not the whole table too."""

    show_full_result_count = False


class HeldRecordAutocomplete(AutocompleteSelect):
    """An autocomplete whose chosen record is labelled from the row's instance, which already holds it."""

    held = None

    def optgroups(self, name, value, attr=None):
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.held is None or chosen != {str(self.held.pk)}:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(self.held)
        options.append(self.create_option(name, self.held.pk, label, True, len(options)))
        return [(None, options, 0)]


def cached_relation(instance, name):
    """The record that ``instance`` already holds for its field ``name``, or None."""
    field = instance._meta.get_field(name)
    return getattr(instance, name) if field.is_cached(instance) else None


def hold_records(form, held_record=cached_relation):
    """Hand the form's autocompletes the records its instance holds (see the admin's select_related)."""
    for name, field in form.fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # inside the admin's related-field wrapper
        if isinstance(widget, HeldRecordAutocomplete):
            widget.held = held_record(form.instance, name)


class HeldRecordsForm(VersionedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hold_records(self)


class HeldRecordsFormSet(BaseInlineFormSet):
    """Hands each row's autocompletes the records its instance holds (see the inline's select_related)."""

    def held_record(self, instance, name):
        return cached_relation(instance, name)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        hold_records(form, self.held_record)
        return form


class HeldRecordsInline:
    """An inline whose autocompletes cost no query per row: the rows' related records are selected with them.

    Django's autocomplete looks up the chosen record of every row on its own.
    """

    formset = HeldRecordsFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault("widget", HeldRecordAutocomplete(db_field, self.admin_site, using=kwargs.get("using")))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class HeldRecordsAdmin(HeldRecordsInline):
    """The same for a record's own page: its autocompletes are labelled from the records selected with it."""

    form = HeldRecordsForm


class NotesReviewer:
    """A ModelAdmin whose report forms, its own or inline, note who set a report's review and when."""

    def save_model(self, request, obj, form, change):
        if isinstance(obj, Report):
            obj.note_review(by=request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if isinstance(inline_form.instance, Report):
                inline_form.instance.note_review(by=request.user)
        super().save_formset(request, form, formset, change)


def review_selected(modeladmin, request, queryset, review):
    count = services.review_reports(reports=queryset, review=review, by=request.user)
    modeladmin.message_user(request, f"{count} report{'s' if count != 1 else ''} marked {review}.", messages.SUCCESS)


@admin.action(description="Verify selected reports", permissions=["review"])
def verify_reports(modeladmin, request, queryset):
    review_selected(modeladmin, request, queryset, ReviewState.VERIFIED)


@admin.action(description="Reject selected reports (they stop counting toward the status)", permissions=["review"])
def reject_reports(modeladmin, request, queryset):
    review_selected(modeladmin, request, queryset, ReviewState.REJECTED)


@admin.action(description="Send selected reports back to draft", permissions=["review"])
def redraft_reports(modeladmin, request, queryset):
    review_selected(modeladmin, request, queryset, ReviewState.DRAFT)


@admin.display(description="Reviewed")
def reviewed(report):
    if report.reviewed_at is None:
        return "—"
    return f"{report.reviewed_by or 'a deleted user'}, {report.reviewed_at:%Y-%m-%d %H:%M}"


@admin.register(Participant)
class ParticipantAdmin(HeldRecordsAdmin, VersionedAdmin, RecordAdmin):
    list_display = ["name", "slug", "kind", country, "affiliation", "wikidata_id"]
    list_filter = ["kind", "country"]
    list_select_related = ["affiliation"]
    # Aliases are found by Participant.objects.search(), in get_search_results().
    search_fields = ["name", "slug", "wikidata_id"]
    autocomplete_fields = ["affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("affiliation")

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
        keep = next((p for p in participants if str(p.pk) == request.POST.get("keep")), participants[0])
        duplicates = [p for p in participants if p != keep]
        if "post" in request.POST:
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
        }
        return TemplateResponse(request, "admin/events/participant/merge_confirmation.html", context)


class AttendanceInline(VersionedInline, HeldRecordsInline, admin.TabularInline):
    model = Attendance
    fields = ["participant", "role", "status", "status_date", "notes", "opened_version"]
    readonly_fields = ["status", "status_date"]
    autocomplete_fields = ["participant"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "participant")


@admin.register(Event)
class EventAdmin(HeldRecordsAdmin, VersionedAdmin, RecordAdmin):
    list_display = ["title", "kind", "status", "start_date", "end_date", "city", country, "host", "public_page"]
    list_filter = ["kind", "status", "country"]
    list_select_related = ["host"]
    search_fields = ["title", "slug", "city", "description"]
    autocomplete_fields = ["host"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AttendanceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("host")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # admin/events/event/change_form.html shows it; the public page shows the same board.
        if obj is not None and obj.pk is not None:
            context["status_board"] = status_board(obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    @admin.display(description="Page")
    def public_page(self, event):
        return format_html('<a href="{}">view</a>', event.get_absolute_url())


class ReportInline(VersionedInline, HeldRecordsInline, admin.StackedInline):
    model = Report
    fields = ["status", "review", reviewed, "reported_on", "article", "quote", "speaker", "via", "opened_version"]
    readonly_fields = [reviewed]
    autocomplete_fields = ["article", "speaker"]
    extra = 0
    ordering = ["-reported_on", "-pk"]

    def get_queryset(self, request):
        # __str__ of a report names its attendance's participant and event.
        return (
            super()
            .get_queryset(request)
            .select_related("attendance__event", "attendance__participant", "article", "speaker", "reviewed_by")
        )


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


@admin.register(Attendance)
class AttendanceAdmin(HeldRecordsAdmin, NotesReviewer, VersionedAdmin, RecordAdmin):
    list_display = ["participant", "event", "role", "status", "status_date", "report_count"]
    list_filter = ["role", "status", "participant__kind"]
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
        "created_at",
        "updated_at",
        "opened_version",
    ]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ReportInline]

    def get_queryset(self, request):
        # Also what autocomplete answers from: no per-row count here, which would be computed for every
        # attendance before the page is cut (see AttendanceChangeList).
        return super().get_queryset(request).select_related("event", "participant")

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
        # Once there are reports that count, the current status follows them. (A past version on the
        # revert page was not read by get_object(): ask its reports.)
        if obj is None:
            return self.readonly_fields
        counting = getattr(obj, "has_counting_reports", None)
        if counting is None:
            counting = obj.latest_report() is not None
        if counting:
            return [*self.readonly_fields, "status", "status_date"]
        return self.readonly_fields


@admin.register(Report)
class ReportAdmin(HeldRecordsAdmin, NotesReviewer, VersionedAdmin, RecordAdmin):
    list_display = ["__str__", "status", "review", "reported_on", "speaker", "via", "article_link"]
    list_filter = ["review", "status", "reported_on"]
    list_select_related = ["attendance__event", "attendance__participant", "speaker", "article"]
    search_fields = ["quote", "attendance__participant__name", "attendance__event__title", "speaker__name", "via"]
    autocomplete_fields = ["attendance", "article", "speaker"]
    # No date_hierarchy: its list of years reads every report (on SQLite, a Python call per row).
    readonly_fields = ["uid", "reviewed_by", "reviewed_at", "created_at", "updated_at"]
    actions = [verify_reports, reject_reports, redraft_reports]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("attendance__event", "attendance__participant", "article", "speaker", "reviewed_by")
        )

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
        return request.user.has_perm("events.view_report") or request.user.has_perm("events.change_report")

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


def attendance_autocomplete(name):
    """An autocomplete for an attendance's ``event`` or ``participant``, served by that model's admin search."""
    return HeldRecordAutocomplete(Attendance._meta.get_field(name), admin.site)


class ArticleReportForm(VersionedForm):
    """A report as its article's page adds it: by event and participant, the attendance made when missing."""

    event = forms.ModelChoiceField(Event.objects.all(), widget=attendance_autocomplete("event"))
    participant = forms.ModelChoiceField(Participant.objects.all(), widget=attendance_autocomplete("participant"))

    may_add_attendance = False

    class Meta:
        model = Report
        fields = ["event", "participant", "status", "reported_on", "speaker", "quote", "via", "review"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 3, "cols": 50})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A blank row is left out when its date is the one it was shown with: on the add page that is
        # none, though the posted article has a date by the time the row is read.
        self.fields["reported_on"].show_hidden_initial = True
        if self.instance.attendance_id is not None:
            attendance = self.instance.attendance
            self.initial.setdefault("event", attendance.event_id)
            self.initial.setdefault("participant", attendance.participant_id)

    def clean(self):
        cleaned = super().clean()
        event, participant = cleaned.get("event"), cleaned.get("participant")
        if (
            event is not None
            and participant is not None
            and not self.may_add_attendance
            and not Attendance.objects.filter(event=event, participant=participant).exists()
        ):
            raise ValidationError(
                f"{participant} has no attendance at {event}, and you may not add one: add it on the event first."
            )
        return cleaned

    def save(self, commit=True):
        self.instance.attendance = services.attendance_for(
            event=self.cleaned_data["event"], participant=self.cleaned_data["participant"]
        )
        return super().save(commit)


class ArticleReportFormSet(HeldRecordsFormSet):
    """Labels each row's event and participant from its attendance; new rows default to the article's date."""

    may_add_attendance = False

    def held_record(self, instance, name):
        if name in ("event", "participant"):
            if instance.attendance_id is None or not Report.attendance.is_cached(instance):
                return None
            return getattr(instance.attendance, name)
        return super().held_record(instance, name)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        published_on = getattr(self.instance, "published_on", None)
        if (index is None or index >= self.initial_form_count()) and published_on:
            kwargs["initial"] = {"reported_on": published_on, **kwargs.get("initial", {})}
        return kwargs

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.may_add_attendance = self.may_add_attendance
        return form


class ArticleReportInline(VersionedInline, HeldRecordsInline, admin.TabularInline):
    """The article's reports, added while reading its text."""

    model = Report
    form = ArticleReportForm
    formset = ArticleReportFormSet
    fields = [
        "event",
        "participant",
        "status",
        "reported_on",
        "speaker",
        "quote",
        "via",
        "review",
        reviewed,
        "opened_version",
    ]
    readonly_fields = [reviewed]
    autocomplete_fields = ["speaker"]
    extra = 1
    show_change_link = True
    ordering = ["-attendance__event__start_date", "attendance__event__pk", "reported_on", "pk"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("attendance__event", "attendance__participant", "article", "speaker", "reviewed_by")
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # As in the API, a report that brings a new attendance needs the permission to add one.
        formset.may_add_attendance = request.user.has_perm("events.add_attendance")
        return formset


@admin.register(Article)
class ArticleAdmin(NotesReviewer, VersionedAdmin, RecordAdmin):
    list_display = ["title", "publisher", "published_on", "language", "url"]
    list_filter = ["publisher", "language"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"
    readonly_fields = ["created_at", "updated_at"]
    actions = [propose_reports_action]
    # A URL typed without a scheme is taken as https, Django 6's default, rather than http.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ArticleReportInline]
