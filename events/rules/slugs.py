"""What a slug may be: not a word the API's addresses take after a list's own.

A record is read at ``/api/<resource>/<slug>/``; an event with the slug ``export`` would be answered by the
export (``/api/events/export/``) and could be neither read, changed nor deleted, nor followed by a mirror.
Events and participants refuse such a slug at every entry point (the field's validator).
"""

from django.core.exceptions import ValidationError

# The list-level addresses of the API (``@action(detail=False)``): tests/api/test_reserved_slugs.py checks this
# against the routes.
RESERVED_SLUGS = frozenset({"export"})


def validate_free_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            "“%(value)s” is the name of an address of the API, where a record with it could not be read: "
            "choose another slug.",
            code="reserved_slug",
            params={"value": value},
        )
