"""What every record's admin shares: fast changelists, country names, review notes and review actions."""

import functools

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import OperationalError, models, transaction
from django.http import HttpResponseRedirect
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django_countries import countries

from events import services
from events.admin.deletion import deleted_objects_as_seen
from events.models import RecordChanged, Report, ReviewState
from events.models.review import AwaitsReview, may_review, review_written_by
from events.rules.values import is_plain_integer
from events.web.fields import PlainDateField, PlainFloatField, PlainIdChoiceField, StorableJSONField


def counted(things, noun):
    """ "1 new event", "2 new events": how many ``things`` there are, and ``noun`` for them."""
    return f"{len(things)} {noun}{pluralize(len(things))}"


@functools.lru_cache(maxsize=1024)
def country_name(code, language):
    return countries.name(code)


@admin.display(description="Country", ordering="country")
def country(record):
    """The country's name. A plain ``country`` column would search the field's 250 choices in every row."""
    return country_name(record.country.code, get_language()) if record.country else "-"


INTEGER_KEYS = ("AutoField", "IntegerField")  # BigAutoField, PositiveIntegerField... end so


def is_key(field, value):
    """Whether ``value`` can be a key held by ``field`` (a primary key, a relation's target): a query with it
    cannot fail ("abc" for an id, or an id past the column's range, cannot). A number is written in ASCII digits,
    as the API reads an id: "٣", "３", "0_3" or "+3" is no record's (Python reads each as 3)."""
    if isinstance(value, str) and field.get_internal_type().endswith(INTEGER_KEYS) and not is_plain_integer(value):
        return False
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


# A day and a number as the API takes them: Django's admin reads 05/01/2026 (month first) and 1_0 too.
# A record chosen by its id is chosen by ASCII digits: Django's admin took article=３ as article 3. A JSON value
# holding a lone surrogate is refused, and shown again as typed (tester 46, D1).
PLAIN_VALUES = {
    models.JSONField: {"form_class": StorableJSONField},
    models.DateField: {"form_class": PlainDateField},
    models.FloatField: {"form_class": PlainFloatField},
    models.ForeignKey: {"form_class": PlainIdChoiceField},
}


class ShownAsReviewed:
    """A model admin or inline that shows a user who may not review (``may_review``) what the API shows them:
    no draft or rejected report, no event or attendance awaiting review (not listed, searched or opened), and
    none to choose in a form either: posted by its id, one is "not one of the available choices", as the API
    answers an unknown key (a writer's attendance there would have put the event on the public record). Nor
    does a form's refusal name a record hidden from them (``seen_by_a_writer``)."""

    formfield_overrides = PLAIN_VALUES

    def get_queryset(self, request):
        return super().get_queryset(request).visible(may_review(request.user))

    def lookup_allowed(self, lookup, value, request=None):
        # Who reviewed a report is for curators (the API reads them ``reviewed_by: null``): Django would let any
        # staff filter the list by it (``?reviewed_by=<user id>``), as by any field of the model.
        if lookup.split("__")[0] == "reviewed_by" and not may_review(getattr(request, "user", None)):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_form(self, request, *args, **kwargs):
        form = super().get_form(request, *args, **kwargs)
        return form if may_review(request.user) else seen_by_a_writer(form)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if not may_review(request.user):
            formset.form = seen_by_a_writer(formset.form)
        return formset


def seen_by_a_writer(form_class):
    """``form_class`` as a user who may not review sees it: its choices of events and attendances are those on the
    public record, and its record's rules refuse without naming a draft or rejected report (``writer_sees_drafts``,
    which the API sets too: a new report's or a row's repeat, an article's text that drops a draft's quote)."""

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, AwaitsReview):
                field.queryset = queryset.on_record()
        if hasattr(self.instance, "writer_sees_drafts"):
            self.instance.writer_sees_drafts = False

    return type(form_class.__name__, (form_class,), {"__init__": __init__})


class CuratorsReview:
    """Report forms, a report's page or an inline's rows: for a user who may not review (``may_review``), as in the
    API, ``review`` is read-only and a new report takes the review the rule gives their reports (a draft, whose new
    attendance awaits review: ``review_written_by``, which the API asks too); and who reviewed, a username, is not
    shown (the API's ``reviewed_by`` is null to them), only when."""

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if may_review(request.user) else without_reviewer(fields)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if may_review(request.user) else [*without_reviewer(fields), "review"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return form if may_review(request.user) else written_by(form, request.user)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if not may_review(request.user):
            formset.form = written_by(formset.form, request.user)
        return formset


class ProvenanceForCurators:
    """An event's or a participant's page: its ``provenance`` (where the extraction assistant's proposal came from) is
    shown, read-only, to curators (``may_review``) only, as docs/rules.md says; staff who may only view or write see
    no more of a record than the API shows them, and it shows no provenance."""

    def get_fields(self, request, obj=None):
        return without_provenance(request, super().get_fields(request, obj))

    def get_readonly_fields(self, request, obj=None):
        return without_provenance(request, super().get_readonly_fields(request, obj))


def without_provenance(request, fields):
    return list(fields) if may_review(request.user) else [name for name in fields if name != "provenance"]


def written_by(form_class, user):
    """``form_class`` whose new report takes the review that ``user``'s reports take when they give none."""

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        if self.instance.pk is None:
            review = review_written_by(user, new=True)
            self.instance.review = self.instance.review if review is None else review

    return type(form_class.__name__, (form_class,), {"__init__": __init__})


# PostgreSQL's errors of a transaction that lost a race to another: a deadlock, a serialization failure.
RACE_LOST = {"40P01", "40001"}


def lost_a_race(error):
    return getattr(error.__cause__, "sqlstate", None) in RACE_LOST


# The hidden input of a list's row that carries the version the list shows (RecordAdmin.check_listed_versions).
LISTED_VERSION = "_listed_version"


class RecordAdmin(ShownAsReviewed, admin.ModelAdmin):
    """An admin that stays fast on large tables: its changelist counts the rows once, not the whole table too."""

    show_full_result_count = False

    def changeform_view(self, request, *args, **kwargs):
        # A save that lost a race to a clashing one: the form, checked again, shows the clash as its field's error.
        return services.once_more_after_a_clash(super().changeform_view, request, *args, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        # A change, delete or history address whose id is no key ("٣" for 3) is a record that does not exist.
        field = self.model._meta.get_field(from_field) if from_field else self.model._meta.pk
        if not is_key(field, unquote(object_id)):
            return None
        return super().get_object(request, object_id, from_field)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except RecordChanged as error:  # another curator deleted or changed it since this page read it
            self.message_user(request, f"Nothing was deleted: {error}", messages.ERROR)
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))

    def delete_queryset(self, request, queryset):
        # The rows still there once another delete of them is done (they are locked until it commits): deleted
        # twice at once, the records were logged as deleted twice in their history and the change feed.
        with transaction.atomic(using=queryset.db):
            present = list(queryset.order_by().select_for_update(of=("self",)).values_list("pk", flat=True))
            self.model.objects.filter(pk__in=present).delete()

    def get_deleted_objects(self, objs, request):
        # What a delete takes, named only where the user sees it (events/admin/deletion.py).
        return deleted_objects_as_seen(objs, request, self.admin_site)

    def action_checkbox(self, obj):
        """Django's checkbox of a row, with the version the list shows beside it (``check_listed_versions``)."""
        box = super().action_checkbox(obj)
        if not hasattr(obj, "version"):
            return box
        return format_html('{}<input type="hidden" name="{}" value="{}:{}">', box, LISTED_VERSION, obj.pk, obj.version)

    def check_listed_versions(self, request, keys):
        """Raises ``RecordChanged`` if a row the action takes is no longer at the version its list showed: another
        user changed it since, and the action would act on what this user never saw (tester 38, P2: a report's
        status changed to "declined" in the API was verified from a list that showed "attended")."""
        listed = dict(value.split(":", 1) for value in request.POST.getlist(LISTED_VERSION) if ":" in value)
        if request.POST.get("select_across", "0") != "1":  # else the action takes every row, the listed ones too
            taken = set(keys)
            listed = {pk: version for pk, version in listed.items() if pk in taken}
        if not listed or not hasattr(self.model, "version"):
            return
        stored = self.model._default_manager.filter(pk__in=[pk for pk in listed if is_key(self.model._meta.pk, pk)])
        current = {str(pk): str(version) for pk, version in stored.values_list("pk", "version")}
        for pk, version in listed.items():
            if pk in current and current[pk] != version:
                raise RecordChanged(self.model(pk=pk), version)

    def response_action(self, request, queryset):
        # A selected id that is no record's key ("abc") selects nothing, as an id of a record deleted since
        # does: Django's own filter would fail on it. Nor does the id of a record the user may not see (one
        # awaiting review, to a writer): it answers as an unknown id. With none left, Django says items must be
        # selected.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        keys = [value for value in selected if is_key(self.model._meta.pk, value)]
        stored = {str(pk) for pk in self.get_queryset(request).filter(pk__in=keys).values_list("pk", flat=True)}
        keys = [value for value in keys if str(self.model._meta.pk.to_python(value)) in stored]
        if keys != selected:
            request.POST = request.POST.copy()
            request.POST.setlist(helpers.ACTION_CHECKBOX_NAME, keys)
        try:
            self.check_listed_versions(request, keys)
            return super().response_action(request, queryset)
        except (RecordChanged, OperationalError) as error:
            # Another user's write came between this action's read and its own (two curators verifying or merging
            # the same records at once): each action is one transaction, so nothing of it was written. PostgreSQL
            # may end such a race as a deadlock or a serialization failure.
            if isinstance(error, OperationalError) and not lost_a_race(error):
                raise
            told = (
                error if isinstance(error, RecordChanged) else "another user changed these records at the same time."
            )
            self.message_user(request, f"Nothing was done: {told}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


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


@admin.action(description="Put selected on the public record (those awaiting review)", permissions=["change"])
def put_on_record(modeladmin, request, queryset):
    """The extraction assistant's new events or attendances, shown to everyone (``events.models.review``)."""
    count = queryset.put_on_record()
    name = modeladmin.model._meta.verbose_name if count == 1 else modeladmin.model._meta.verbose_name_plural
    modeladmin.message_user(request, f"{count} {name} put on the public record.", messages.SUCCESS)


@admin.display(description="Reviewed")
def reviewed(report):
    if report.reviewed_at is None:
        return "—"
    return f"{report.reviewed_by or 'a deleted user'}, {report.reviewed_at:%Y-%m-%d %H:%M}"


@admin.display(description="Reviewed")
def reviewed_when(report):
    """``reviewed`` without who: the reviewer's username is for curators, as in the API."""
    return "—" if report.reviewed_at is None else f"{report.reviewed_at:%Y-%m-%d %H:%M}"


def without_reviewer(fields):
    """A report page's or row's ``fields`` for a user who may not review: no ``reviewed_by``, ``reviewed_when``
    for ``reviewed``."""
    return [reviewed_when if name is reviewed else name for name in fields if name != "reviewed_by"]


def refuse_repeated_rows(formset, key_of):
    """Refuse a report row that repeats an earlier row of the same page: the model compares stored reports only.

    ``key_of(cleaned_data)`` is what two rows that repeat each other share (``None`` for a row not filled in).
    """
    first_row = {}
    for number, form in enumerate(formset.forms, start=1):
        data = getattr(form, "cleaned_data", None)
        if not data or formset._should_delete_form(form) or not data.get("quote"):
            continue
        key = key_of(data)
        if key is None or None in key:
            continue
        if key in first_row:
            form.add_error("quote", repeated_row_message(first_row[key]))
        else:
            first_row[key] = number


def repeated_row_message(row):
    return f"This report repeats the one of row {row} on this page: the same status, article and quote."
