"""The public index's search form: the API's event filters, as a page reader types them.

The API's FilterSet (``events.api.filters.EventFilter``) is not reused: the pages sit below the API (they import
no DRF), and it reads the request's audience and sees drafts, where the index shows only what is on the record.
So the form takes each parameter as the API does, and tests/web/test_event_index.py holds the two to one set of
names, each taking one value or several alike (tester 44, D8: a repeated status was the last one, a repeated
participant the last one, without a word).
"""

from urllib.parse import urlencode

from django import forms
from django.core.validators import slug_re

from events.models import AttendanceStatus, Participant
from events.rules.choices import invalid_choice_message
from events.rules.places import country_code, no_country
from events.rules.values import GIVEN_TWICE, ONLY_WHITE_SPACE, given_as_white_space
from events.web.fields import PlainDateField

ISO_DATE = ["%Y-%m-%d"]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParticipantSlugField(forms.ModelChoiceField):
    """A participant by slug; what cannot be a slug is refused before any query."""

    def to_python(self, value):
        if value not in self.empty_values and not slug_re.match(str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], params={"value": value})
        return super().to_python(value)


class ChoicesField(forms.MultipleChoiceField):
    """Choices, each given as its own parameter (``participant_status=declined&participant_status=attended``): any
    of them, as the API's choice filters read them; an empty one (the form's "any status") is none. One that is
    none of them is told in the API's words, which list the valid ones."""

    def __init__(self, *, choices, **kwargs):
        valid = [choice for choice, _label in choices]
        kwargs.setdefault("error_messages", {"invalid_choice": invalid_choice_message(valid, value="%(value)s")})
        super().__init__(choices=choices, **kwargs)

    def to_python(self, value):
        return [item for item in super().to_python(value) if item]


class EventSearchForm(forms.Form):
    """The index's filters, named as the API's (``/api/events/?...``) and read as it reads them, so that one query
    string serves both."""

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
    participant_status = ChoicesField(
        choices=AttendanceStatus.choices,
        required=False,
        label="Status",
        help_text="With a participant: that participant’s status; any of those chosen, none for any",
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

    def given_twice(self):
        """The parameters of one value given more than once (``participant=a&participant=b``): the API refuses
        them, where the form would read the last one without a word."""
        if not hasattr(self.data, "getlist"):
            return []
        several = (name for name, field in self.fields.items() if not isinstance(field, forms.MultipleChoiceField))
        return [name for name in several if len(self.data.getlist(name)) > 1]

    def clean(self):
        cleaned = super().clean()
        for name in self.given_twice():
            self.errors.pop(name, None)  # what its last value would have been told: it is not the one read
            self.add_error(name, forms.ValidationError(GIVEN_TWICE, code="given_twice"))
        # A value of white space only, which the form's text fields strip to no filter (``country=%20`` listed every
        # event): refused as the API refuses it, where the field has not refused it already (tester 45, D4).
        for name in given_as_white_space(self.data, [name for name in self.fields if name not in self.errors]):
            self.add_error(name, forms.ValidationError(ONLY_WHITE_SPACE, code="white_space"))
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
        return events.with_attendance(
            everything=False, participant=data["participant"], status__in=data["participant_status"] or None
        )

    def query(self):
        """The filters given, as a query string (``participant=taliban&participant_status=declined``), each value of
        a repeated one kept, for links to other pages and to the API."""
        lists = (
            self.data.lists()
            if hasattr(self.data, "lists")
            else ((name, [value]) for name, value in self.data.items())
        )
        return urlencode([(name, value) for name, values in lists if name in self.fields for value in values if value])
