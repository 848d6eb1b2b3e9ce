"""Curation in the Django admin. The rules live in the models, which the admin's forms call."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from events.extraction.admin_action import propose_reports_action
from events.models import Article, Attendance, Event, Participant, Report, ReviewState


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "country", "affiliation", "wikidata_id"]
    list_filter = ["kind", "country"]
    list_select_related = ["affiliation"]
    # Aliases are found by Participant.objects.search(), in get_search_results().
    search_fields = ["name", "slug", "wikidata_id"]
    autocomplete_fields = ["affiliation"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results |= queryset.search(search_term)
        return results, may_have_duplicates


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


class HeldRecordsFormSet(BaseInlineFormSet):
    """Hands each row's autocompletes the records its instance holds (see the inline's select_related)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's related-field wrapper
            if isinstance(widget, HeldRecordAutocomplete) and form.instance._meta.get_field(name).is_cached(
                form.instance
            ):
                widget.held = getattr(form.instance, name)
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


class AttendanceInline(HeldRecordsInline, admin.TabularInline):
    model = Attendance
    fields = ["participant", "role", "status", "status_date", "notes"]
    readonly_fields = ["status", "status_date"]
    autocomplete_fields = ["participant"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "participant")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "start_date", "end_date", "city", "country", "host", "public_page"]
    list_filter = ["kind", "status", "country"]
    list_select_related = ["host"]
    search_fields = ["title", "slug", "city", "description"]
    autocomplete_fields = ["host"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AttendanceInline]

    @admin.display(description="Page")
    def public_page(self, event):
        return format_html('<a href="{}">view</a>', event.get_absolute_url())


class ReportInline(HeldRecordsInline, admin.StackedInline):
    model = Report
    fields = ["status", "review", "reported_on", "article", "quote", "speaker", "via"]
    autocomplete_fields = ["article", "speaker"]
    extra = 0
    ordering = ["-reported_on", "-pk"]

    def get_queryset(self, request):
        # __str__ of a report names its attendance's participant and event.
        return (
            super()
            .get_queryset(request)
            .select_related("attendance__event", "attendance__participant", "article", "speaker")
        )


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["participant", "event", "role", "status", "status_date", "report_count"]
    list_filter = ["role", "status", "participant__kind"]
    list_select_related = ["participant", "event"]
    search_fields = ["participant__name", "participant__slug", "event__title", "event__slug"]
    autocomplete_fields = ["event", "participant"]
    fields = ["event", "participant", "role", "status", "status_date", "notes", "created_at", "updated_at"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ReportInline]

    def get_queryset(self, request):
        # Also what autocomplete answers from; an aggregate drops Meta.ordering, so restate it.
        return (
            super()
            .get_queryset(request)
            .select_related("event", "participant")
            .annotate(
                report_count=Count("reports"),
                counting_report_count=Count("reports", filter=~Q(reports__review=ReviewState.REJECTED)),
            )
            .order_by(*Attendance._meta.ordering)
        )

    @admin.display(description="Reports", ordering="report_count")
    def report_count(self, attendance):
        return attendance.report_count

    def get_readonly_fields(self, request, obj=None):
        # Once there are reports that count, the current status follows them.
        if obj is not None and obj.counting_report_count:
            return [*self.readonly_fields, "status", "status_date"]
        return self.readonly_fields


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "review", "reported_on", "speaker", "via", "article_link"]
    list_filter = ["review", "status", "reported_on"]
    list_select_related = ["attendance__event", "attendance__participant", "speaker", "article"]
    search_fields = ["quote", "attendance__participant__name", "attendance__event__title", "speaker__name", "via"]
    autocomplete_fields = ["attendance", "article", "speaker"]
    date_hierarchy = "reported_on"
    readonly_fields = ["uid", "created_at", "updated_at"]

    @admin.display(description="Article")
    def article_link(self, report):
        url = reverse("admin:events_article_change", args=[report.article_id])
        return format_html('<a href="{}">{}</a>', url, report.article.title)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "language", "url"]
    list_filter = ["publisher", "language"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"
    readonly_fields = ["created_at", "updated_at"]
    actions = [propose_reports_action]
    # A URL typed without a scheme is taken as https, Django 6's default, rather than http.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
