"""The admin's own stylesheet for its widest change pages: they fit a 1,366 px window (static/events/admin.css)."""

from django import forms


class FitsTheWindow:
    """A ModelAdmin whose change page, inlines included, needs no sideways scrolling on a laptop's screen."""

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["events/admin.css"]})
