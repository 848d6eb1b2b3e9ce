"""Autocompletes that cost no query per row: each is labelled from the record its row already holds."""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet

from events.admin.common import is_key
from events.admin.versions import VersionedForm
from events.models import Attendance


class HeldRecordAutocomplete(AutocompleteSelect):
    """An autocomplete whose chosen record is labelled from the row's instance, which already holds it."""

    held = None

    def optgroups(self, name, value, attr=None):
        # A posted value that is no key of the related records ("russia" for an id, or an id past the
        # column's range) chooses nothing: the form shows the field's error, and the query below cannot fail.
        value = [v for v in value if self.may_be_key(v)]
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.held is None or chosen != {str(self.held.pk)}:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(self.held)
        options.append(self.create_option(name, self.held.pk, label, True, len(options)))
        return [(None, options, 0)]

    def may_be_key(self, value):
        """Whether ``value`` can be the key of a related record (empty values pass: they choose nothing)."""
        return str(value) in self.choices.field.empty_values or is_key(self.field.target_field, value)


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


def attendance_autocomplete(name):
    """An autocomplete for an attendance's ``event`` or ``participant``, served by that model's admin search."""
    return HeldRecordAutocomplete(Attendance._meta.get_field(name), admin.site)
