"""Form fields that take a day and a number as the API does, for the forms a person types in: the public index's
search, the admin's forms, and the API's filters. A record chosen by its id is chosen by ASCII digits too.

Django's own read a day in many spellings (``05/01/2026``, month first; ``2026-5-1``; full-width digits) and a
number with ``_`` or in other scripts' digits; each is a second spelling of a value that an API write, a fixture
or an import refuses (``events.rules.values``). Django forms strip the text first, so surrounding whitespace, which
a person types by mistake, is still taken.
"""

from django import forms

from events.rules.values import (
    NOT_A_NUMBER,
    SURROGATE,
    is_plain_date,
    is_plain_integer,
    is_plain_number,
    plain_numeral,
)


class PlainDateField(forms.DateField):
    """A day written ``YYYY-MM-DD`` and no other way."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not is_plain_date(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class PlainFloatField(forms.FloatField):
    """A number in ASCII digits with no ``_``: ``1_0`` is no 10.0, ``１`` no 1.0. One that is none (``x``, ``nan``,
    ``1`` and 400 zeros, which is an infinity to ``float()``) is told in the API's words, as every entry point tells
    it (``events.rules.values.NOT_A_NUMBER``), not Django's "Enter a number."."""

    default_error_messages = {"invalid": NOT_A_NUMBER}

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not (plain_numeral(value) and is_plain_number(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class PlainIdMixin:
    """A record chosen by its id written in ASCII digits only: ``９``, ``٩``, ``0_9`` or ``+9`` is an id no record
    has (Django reads each as 9), as the API answers it. A choice by another field (a slug) is left as it is."""

    def to_python(self, value):
        by_id = self.to_field_name in (None, "pk", "id")
        if by_id and isinstance(value, str) and value.strip() and not is_plain_integer(value.strip()):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class PlainIdChoiceField(PlainIdMixin, forms.ModelChoiceField):
    pass


class StorableJSONField(forms.JSONField):
    """Django's JSON field, whose value shown again keeps a lone surrogate as the escape it was typed as.

    A form body in UTF-8 cannot carry a lone surrogate, but JSON's ``"\\ud800"`` escape decodes to one: the model
    refuses it under the field's name (``events.rules.values.unstorable``), and the page that shows it again must
    be encoded in UTF-8, which has no lone surrogate (tester 46, D1: a 500 with no word on the field).
    """

    def prepare_value(self, value):
        shown = super().prepare_value(value)
        if isinstance(shown, str) and SURROGATE.search(shown):
            # Only a JSON text's strings hold one (the field writes every other character as ASCII or itself).
            return SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", shown)
        return shown
