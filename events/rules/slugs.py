"""What a slug may be: lower case, and not a word the API's addresses take after a list's own.

A record is read at ``/api/<resource>/<slug>/``; an event with the slug ``export`` would be answered by the
export (``/api/events/export/``) and could be neither read, changed nor deleted, nor followed by a mirror.
A slug is written in lower case, as ``slugify`` makes it: ``Moscow-Talks`` beside ``moscow-talks`` would be two
records whose addresses differ only by case (tester 41, F10). Events and participants refuse either at every
entry point (the field's validator: the API, the admin, fixtures, the import).
"""

from django.core.exceptions import ValidationError

# The list-level addresses of the API (``@action(detail=False)``): tests/api/test_reserved_slugs.py checks this
# against the routes.
RESERVED_SLUGS = frozenset({"export"})


def validate_free_slug(value):
    if not isinstance(value, str):
        return  # the field's own rules refuse it
    if value != value.lower():
        raise ValidationError(
            "Write a slug in lower case: “%(lower)s”, not “%(value)s”.",
            code="lower_case_slug",
            params={"value": value, "lower": value.lower()},
        )
    if value in RESERVED_SLUGS:
        raise ValidationError(
            "“%(value)s” is the name of an address of the API, where a record with it could not be read: "
            "choose another slug.",
            code="reserved_slug",
            params={"value": value},
        )
