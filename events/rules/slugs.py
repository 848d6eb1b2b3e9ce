"""What a slug may be: lower case, and not a word the API's addresses take after a list's own.

A record is read at ``/api/<resource>/<slug>/``; an event with the slug ``export`` would be answered by the
export (``/api/events/export/``) and could be neither read, changed nor deleted, nor followed by a mirror.
Events and participants refuse it at every entry point (the field's validator: the API, the admin, fixtures, the
import). A new slug is written in lower case, as ``slugify`` makes it: ``Moscow-Talks`` beside ``moscow-talks`` would
be two records whose addresses differ only by case (tester 41, F10); a slug with capitals that a record already
holds (written before this rule) stays its own, to edit, import and load again (``check_case``, from the models'
``clean()``, which every entry point runs).
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


def check_case(slug, held):
    """Raises a ``ValidationError`` on ``slug`` if it has capitals and ``held(slug)`` says no record holds it yet."""
    if isinstance(slug, str) and slug != slug.lower() and not held(slug):
        message = "Write a slug in lower case: “%(lower)s”, not “%(value)s”."
        error = ValidationError(message, code="lower_case_slug", params={"value": slug, "lower": slug.lower()})
        raise ValidationError({"slug": error})
