"""Articles in the admin: read the text, let the extraction assistant propose, and review its reports on one page."""

import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models

from events import services
from events.admin.common import (
    PLAIN_VALUES,
    CuratorsReview,
    NotesReviewer,
    RecordAdmin,
    refuse_repeated_rows,
    reviewed,
)
from events.admin.extraction import propose_reports_action
from events.admin.layout import FitsTheWindow
from events.admin.parties import PartyReview
from events.admin.versions import VersionedAdmin, VersionedForm, VersionedInline
from events.admin.widgets import HeldRecordsFormSet, HeldRecordsInline, attendance_autocomplete
from events.models import Article, Attendance, Event, Participant, Report
from events.models.article import validate_uri_characters
from events.rules.quotes import normalize
from events.rules.values import is_plain_date
from events.web.fields import PlainIdChoiceField


class ArticleReportForm(VersionedForm):
    """A report as its article's page adds it: by event and participant, the attendance made when missing."""

    # chosen by ids in ASCII digits, as every admin form takes them (tester 37, N2)
    event = PlainIdChoiceField(Event.objects.all(), widget=attendance_autocomplete("event"))
    participant = PlainIdChoiceField(Participant.objects.all(), widget=attendance_autocomplete("participant"))

    may_add_attendance = False

    class Meta:
        model = Report
        fields = ["event", "participant", "status", "reported_on", "status_on", "speaker", "quote", "via", "review"]
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
        if event is None or participant is None:
            return cleaned
        attendance = Attendance.objects.filter(event=event, participant=participant).first()
        if attendance is None and not self.may_add_attendance:
            raise ValidationError(
                f"{participant} has no attendance at {event}, and you may not add one: add it on the event first."
            )
        if attendance is not None:
            # The report's own rules (a repeat of another report) read its attendance.
            self.instance.attendance = attendance
        return cleaned

    def save(self, commit=True):
        self.instance.attendance = services.attendance_for(
            event=self.cleaned_data["event"], participant=self.cleaned_data["participant"], review=self.instance.review
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

    def clean(self):
        super().clean()
        refuse_repeated_rows(
            self, lambda row: (row.get("event"), row.get("participant"), row.get("status"), normalize(row["quote"]))
        )


class ArticleReportInline(CuratorsReview, VersionedInline, HeldRecordsInline, admin.TabularInline):
    """The article's reports, added while reading its text."""

    model = Report
    form = ArticleReportForm
    formset = ArticleReportFormSet
    fields = [
        "event",
        "participant",
        "status",
        "reported_on",
        "status_on",
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
        return super().get_queryset(request).for_listing().select_related("article")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # As in the API, a report that brings a new attendance needs the permission to add one.
        formset.may_add_attendance = services.may_add_attendance(request.user)
        return formset


@admin.register(Article)
class ArticleAdmin(PartyReview, FitsTheWindow, NotesReviewer, VersionedAdmin, RecordAdmin):
    list_display = ["title", "publisher", "published_on", "language", "url"]
    list_filter = ["publisher", "language"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"
    readonly_fields = ["created_at", "updated_at"]
    actions = [propose_reports_action]
    # A URL typed without a scheme is taken as https, Django 6's default, rather than http. The form's field checks
    # the model's rule of a URI's characters too, so a URL that Django's own check refuses as well (a space) is told
    # the character, as the API tells it.
    formfield_overrides = {
        **PLAIN_VALUES,
        models.URLField: {"assume_scheme": "https", "validators": [validate_uri_characters]},
    }
    inlines = [ArticleReportInline]

    def has_propose_permission(self, request):
        """Whether the "Propose reports" action is shown and taken: the extraction assistant's permissions."""
        return request.user.has_perms(services.PROPOSE_PERMISSIONS)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if request.method != "POST":
            return form
        posted = posted_reports(request.POST)

        def __init__(self, *args, **kwargs):
            form.__init__(self, *args, **kwargs)
            self.instance.posted_reports = posted  # the text and date are checked against the rows sent with them

        return type(form.__name__, (form,), {"__init__": __init__})


def posted_reports(data, prefix="reports"):
    """The article's stored reports as its page posts them: ``{id: (quote, reported_on, deleted)}``; a value the
    row's own form will refuse is ``None``, so the stored one is checked (``Article.checked_reports``)."""
    reports = {}
    rows = data.get(f"{prefix}-INITIAL_FORMS", "")
    for row in range(min(int(rows), 1000) if rows.isascii() and rows.isdigit() else 0):
        key = data.get(f"{prefix}-{row}-id", "")
        if not (key.isascii() and key.isdigit()):
            continue
        day = data.get(f"{prefix}-{row}-reported_on", "").strip()
        try:
            reported_on = datetime.date.fromisoformat(day) if is_plain_date(day) else None
        except ValueError:  # 2024-02-30
            reported_on = None
        deleted = data.get(f"{prefix}-{row}-DELETE", "") not in ("", "off", "false")
        reports[int(key)] = (data.get(f"{prefix}-{row}-quote"), reported_on, deleted)
    return reports
