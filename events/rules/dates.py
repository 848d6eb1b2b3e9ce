"""Rules on dates: plausible years, an end not before its start, and an event with no end date lasts one day."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import F, Q

# Dates outside these years are typing mistakes, and Django's date arithmetic
# (the admin's date hierarchy) overflows at year 9999.
plausible_date = [
    MinValueValidator(datetime.date(1000, 1, 1), "Enter a date from the year 1000 on."),
    MaxValueValidator(datetime.date(2999, 12, 31), "Enter a date before the year 3000."),
]

# The database's guard for the date order; ``end_date_error`` says the same to a person.
END_NOT_BEFORE_START = Q(end_date__isnull=True) | Q(end_date__gte=F("start_date"))


def end_date_error(start_date, end_date):
    """The message for an end date before its start date, or ``None`` when the order holds."""
    if start_date and end_date and end_date < start_date:
        return f"The end date ({end_date}) must not be before the start date ({start_date})."
    return None


def last_day(start_date, end_date):
    """An event's last day: its end date, or its start date when it has none (it lasts one day)."""
    return end_date or start_date


def overlap(prefix="", after=None, before=None):
    """A ``Q`` for events (at ``prefix``) whose dates overlap the inclusive range [after, before].

    The query form of ``last_day``: an event with no end date lasts one day.
    """
    condition = Q()
    if before is not None:
        condition &= Q(**{f"{prefix}start_date__lte": before})
    if after is not None:
        condition &= Q(**{f"{prefix}end_date__gte": after}) | Q(
            **{f"{prefix}end_date__isnull": True, f"{prefix}start_date__gte": after}
        )
    return condition
