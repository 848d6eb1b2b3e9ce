"""The public index's search form: the API's event filters, as a page reader types them."""

from urllib.parse import urlencode

from django import forms
from django.core.validators import slug_re

from events.models import AttendanceStatus, Participant
from events.rules.places import country_code, no_country
from events.web.fields import PlainDateField

ISO_DATE = ["%Y-%m-%d"]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParticipantSlugField(forms.ModelChoiceField):
    """A participant by slug; what cannot be a slug is refused before any query."""

    def to_python(self, value):
        if value not in self.empty_values and not slug_re.match(str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], params={"value": value})
        return super().to_python(value)


class EventSearchForm(forms.Form):
    """The index's filters, named as the API's (``/api/events/?...``) so that one query string serves both."""

    search = forms.CharField(
        required=False,
        label="Search",
        help_text="Title, city, participants and aliases",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    participant = ParticipantSlugField(
        Participant.objects.all(),
        to_field_name="slug",
        required=False,
        label="Participant",
        help_text="Its slug, e.g. taliban",
        widget=forms.TextInput,  # a slug typed in: a <select> would read every participant
        error_messages={"invalid_choice": "No participant has the slug “%(value)s”."},
    )
    participant_status = forms.ChoiceField(
        choices=[("", "any status"), *AttendanceStatus.choices],
        required=False,
        label="Status",
        help_text="With a participant: that participant’s status",
    )
    country = forms.CharField(required=False, label="Country", help_text="Code or English name")
    date_after = PlainDateField(
        required=False, input_formats=ISO_DATE, label="From", help_text="Events that end on or after", widget=DATE
    )
    date_before = PlainDateField(
        required=False, input_formats=ISO_DATE, label="To", help_text="Events that start on or before", widget=DATE
    )

    def clean_country(self):
        value = self.cleaned_data["country"]
        code = country_code(value)
        if value.strip() and not code:
            raise forms.ValidationError(no_country(value))
        return code

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        if after and before and after > before:
            self.add_error("date_after", f"From ({after}) is later than To ({before}).")
        return cleaned

    def filter(self, events):
        """``events`` narrowed to what a valid form asks for."""
        data = self.cleaned_data
        if data["search"].strip():
            events = events.search(data["search"].strip(), participants=True)
        if data["country"]:
            events = events.filter(country=data["country"])
        if data["date_after"] or data["date_before"]:
            events = events.overlapping(after=data["date_after"], before=data["date_before"])
        status = data["participant_status"]
        return events.with_attendance(
            everything=False, participant=data["participant"], status__in=[status] if status else None
        )

    def query(self):
        """The filters given, as a query string (``participant=taliban&country=RU``), for links to other pages."""
        given = {name: value for name, value in self.data.items() if name in self.fields and value}
        return urlencode(given)
