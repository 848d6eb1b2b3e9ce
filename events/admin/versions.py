"""The admin's side of versions and history: a stale save shows an error, and every record has a revertable history.

Each change form carries, hidden, the version of the record it was opened at;
saving writes with the model's conditional ``UPDATE ... WHERE version = <that
version>``, so a record someone else saved in between is not overwritten: the
form comes back with the reason and nothing is written.
"""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.http import Http404
from django.utils.functional import cached_property
from simple_history.admin import SimpleHistoryAdmin

from events.admin.common import ShownAsReviewed, is_key
from events.models import Attendance, RecordChanged
from events.models.review import may_review
from events.rules.values import GIVEN_TWICE

MANY_VALUED = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)


class VersionedForm(forms.ModelForm):
    """A change form that sends back the version it was opened at; the save checks it in its UPDATE."""

    # Not named "version": a form field of that name would stand for the model's non-editable one.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    conflict = None  # the RecordChanged of the save this form is shown again after

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    def given_twice(self):
        """The fields of one value posted more than once (``name=X&name=Y``), which Django reads as the last one
        without a word, where the API refuses them (tester 41, F3). A field of several values takes each."""
        if not hasattr(self.data, "getlist"):
            return []
        return [
            name
            for name, field in self.fields.items()
            if not isinstance(field, MANY_VALUED) and len(self.data.getlist(self.add_prefix(name))) > 1
        ]

    @cached_property
    def changed_data(self):
        # The version the page was opened at is no change: an inline row whose record moved on since (a report
        # elsewhere changed an attendance's status) but whose fields the user left alone is not saved, so it
        # is no conflict; a row the user changed is saved, and checked.
        return [name for name in super().changed_data if name != "opened_version"]

    def clean(self):
        cleaned_data = super().clean()
        for name in self.given_twice():
            self.add_error(name, ValidationError(GIVEN_TWICE, code="given_twice"))
        if self.has_error("id", "invalid_choice"):
            # An inline row whose record was deleted since the page was opened: Django's error is on the row's
            # hidden id, which the page does not show, and the page came back with no error to read.
            name = self._meta.model._meta.verbose_name
            raise ValidationError(
                f"This {name} was deleted by someone else since the page was opened: reload the page.",
                code="record_deleted",
            )
        if self.instance.pk is None:
            return cleaned_data
        if cleaned_data.get("opened_version") is not None:
            self.instance.version = cleaned_data["opened_version"]
        conflict = self.conflict
        if conflict is not None and (conflict.record._meta.model, conflict.record.pk) == (
            self._meta.model,
            self.instance.pk,
        ):
            raise ValidationError(str(conflict), code="record_changed")
        return cleaned_data


class VersionedInline(ShownAsReviewed):
    """An inline whose rows carry their version too, and only the rows its user may see."""

    form = VersionedForm

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.conflict = getattr(request, "version_conflict", None)
        return formset


class VersionedAdmin(SimpleHistoryAdmin):
    """A model admin with the version check on save, and simple-history's history and revert pages."""

    form = VersionedForm
    # simple-history's list, but a change with no reason shows none, not the word "None"
    object_history_list_template = "admin/events/object_history_list.html"

    def has_view_history_or_change_history_permission(self, request, obj=None):
        # History (its usernames, and past versions of what awaits review) is for curators, as in the API.
        return may_review(request.user) and super().has_view_history_or_change_history_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and hasattr(obj, "_history"):  # simple-history's revert page
            self.prepare_revert(obj)
        form = super().get_form(request, obj, change, **kwargs)
        form.conflict = getattr(request, "version_conflict", None)
        return form

    def prepare_revert(self, record):
        """A past version is saved over the current one: check against the current version, and keep
        what is derived (an attendance's status, while reports decide it) derived."""
        stored = type(record)._base_manager.filter(pk=record.pk).values_list("version", flat=True).first()
        if stored is None:  # deleted since: the revert writes it anew
            record._state.adding = True
            record.version += 1
        else:
            record.version = stored
        if isinstance(record, Attendance):
            record.apply_status_rule()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Django runs this view in a transaction, which a lost race rolls back.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RecordChanged as conflict:
            return self.shown_again(conflict, super().changeform_view, request, object_id, form_url, extra_context)

    def refuse_unkeyed(self, object_id, version_id=None):
        """A history address whose id no record can have ("abc", "1.5") is a 404, not the error of its query."""
        keys = [(self.model._meta.pk, unquote(object_id))]
        if version_id is not None:
            keys.append((self.model.history.model._meta.pk, version_id))
        if not all(is_key(field, value) for field, value in keys):
            raise Http404(f"No {self.model._meta.verbose_name} has the id “{object_id}”.")

    def history_view(self, request, object_id, extra_context=None):
        self.refuse_unkeyed(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.refuse_unkeyed(object_id, version_id)
        # simple-history's revert page: one transaction too.
        view = transaction.atomic(using=router.db_for_write(self.model))(super().history_form_view)
        try:
            return view(request, object_id, version_id, extra_context)
        except RecordChanged as conflict:
            return self.shown_again(conflict, view, request, object_id, version_id, extra_context)

    def shown_again(self, conflict, view, request, *args):
        """The save lost to another one and nothing was kept: show the form again, with the reason on the
        record that changed."""
        request.version_conflict = conflict
        return view(request, *args)
