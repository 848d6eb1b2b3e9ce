"""The base of every record's serializer: the model's own rules (``full_clean()``), and the API's strictness about
fields it does not have."""

import copy
from collections.abc import Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.http import QueryDict
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from events.api import fields
from events.api.audience import sees_drafts
from events.rules.values import GIVEN_TWICE


def as_api_error(error):
    """A Django ValidationError as the DRF one, keyed by field."""
    return serializers.ValidationError(serializers.as_serializer_error(error))


class ModelRulesSerializer(serializers.ModelSerializer):
    """Runs the model's ``full_clean()`` so the API keeps exactly the admin's rules."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: fields.CharField,
        models.TextField: fields.CharField,
        models.SlugField: fields.SlugField,
        models.URLField: fields.URLField,
        **fields.PLAIN_NUMERAL_FIELDS,
    }
    serializer_choice_field = fields.ChoiceField
    # What an HTML form of the browsable API sends besides the record's fields.
    form_extras = frozenset({"csrfmiddlewaretoken"})

    def to_internal_value(self, data):
        # A field the resource does not have is a mistake (``text`` for ``body``), not something to drop;
        # a read-only field is what a read answered, so a client may send back what it read.
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields) - self.form_extras)
            if unknown:
                writable = ", ".join(name for name, field in self.fields.items() if not field.read_only)
                message = f"This {self.Meta.model._meta.verbose_name} has no such field. Writable fields: {writable}."
                raise serializers.ValidationError({name: [message] for name in unknown})
        if isinstance(data, QueryDict):
            # A form's field given twice is one value too many, as a query parameter's is: one would silently win
            # (tester 41, F3: "name=X&name=Y" wrote "Y"); a list's field (aliases) takes each.
            lists = (serializers.ListField, serializers.ManyRelatedField, serializers.MultipleChoiceField)
            repeated = sorted(
                name
                for name, values in data.lists()
                if len(values) > 1 and name in self.fields and not isinstance(self.fields[name], lists)
            )
            if repeated:
                raise serializers.ValidationError({name: [GIVEN_TWICE] for name in repeated})
        return super().to_internal_value(data)

    def build_standard_field(self, field_name, model_field):
        # The model's full_clean() checks a unique field too (validate()), in its own words, which the admin and
        # the importer say: DRF's check would come first with its own ("participant with this slug already
        # exists." against "Participant with this Slug already exists.").
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        validators = [v for v in field_kwargs.get("validators", []) if not isinstance(v, UniqueValidator)]
        if "validators" in field_kwargs:
            field_kwargs["validators"] = validators
        return field_class, field_kwargs

    def get_unique_together_validators(self):
        # The model's full_clean() checks its unique sets (validate()), naming the field to change:
        # DRF's own check would come first, with "The fields ... must make a unique set." and no field.
        return []

    def rules_exclude(self, attrs):
        """Fields the model must not validate yet (set by ``create()`` itself)."""
        return []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        candidate = copy.copy(self.instance) if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            setattr(candidate, name, value)
        candidate.writer_sees_drafts = sees_drafts(self.context.get("request"))
        fields = candidate._meta.concrete_fields
        before = {field.attname: candidate.__dict__.get(field.attname) for field in fields}
        try:
            candidate.full_clean(exclude=self.rules_exclude(attrs))
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        # clean() may normalise what it checks (a participant's aliases) and set what follows from it (an event's
        # coordinates, looked up for its place): save what it kept, and what it set. Only the given half of what
        # it set, saved, left a point with one coordinate (tester 44, D2: "latitude": null and a city).
        derived = {
            name: value for name, value in candidate.__dict__.items() if name in before and value != before[name]
        }
        return {**derived, **{name: getattr(candidate, name) for name in attrs}}
