"""Texts: no record holds a NUL character, in a text or anywhere in a JSON value.

PostgreSQL's ``text`` and ``jsonb`` cannot store one. Django's and DRF's form and serializer text
fields carry ``ProhibitNullCharactersValidator``; the model fields do not, so the writes that do not
pass through a form (fixtures, ``full_clean()``, the import) check it here.
"""

from django.core.validators import ProhibitNullCharactersValidator

NO_NUL = ProhibitNullCharactersValidator()  # its message, "Null characters are not allowed.", is the API's


def holds_nul(value):
    """Whether a text, or a text anywhere in a JSON value (a key too), holds a NUL."""
    if type(value) is str:
        return "\x00" in value
    if isinstance(value, list):
        return any(map(holds_nul, value))
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    return False
