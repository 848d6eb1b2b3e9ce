"""Fields unique together, whose clash names the field a writer most likely got wrong, in a plain sentence."""

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models


class UniqueTogether(models.UniqueConstraint):
    """A ``UniqueConstraint`` on several fields whose violation is told under ``field``, with ``message``.

    Django tells a clash of several fields as a non-field error ("Attendance with this Event and
    Participant already exists."), and DRF as "The fields event, participant must make a unique set.":
    neither says which value to change. This says it once for every entry point that validates the
    record (``full_clean()``: the API, the admin's forms, the raw-save hook) and for the importer,
    which reads ``field`` and the message from here (events/transfer/keyed.py).
    """

    # What the database never sees: a change of them is a migration with no SQL (AlterConstraint).
    non_db_attrs = (*models.UniqueConstraint.non_db_attrs, "field", "message")

    def __init__(self, *, fields, name, field, message, **kwargs):
        # ``field`` is the one a writer sets: one of ``fields``, or the field one of them is made from
        # (a proposed party's ``key`` is its ``name`` as names are compared).
        super().__init__(
            fields=fields, name=name, violation_error_code="unique", violation_error_message=message, **kwargs
        )
        self.field = field

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            raise ValidationError({self.field: error.error_list}) from None

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs["message"] = kwargs.pop("violation_error_message")
        kwargs.pop("violation_error_code", None)
        return path, args, {**kwargs, "field": self.field}

    def __eq__(self, other):
        return super().__eq__(other) and self.field == getattr(other, "field", None)

    __hash__ = models.UniqueConstraint.__hash__
