"""The status rule: an attendance's current status follows its verified reports.

Only ``verified`` reports count; a ``draft`` or ``rejected`` one never changes a current
status. Of the verified reports, the one whose status held latest gives the status and its
day: the day it held is ``status_on`` when the statement tells of an earlier time ("had
invited"), else ``reported_on``. Ties go to the later ``reported_on``, then to the report
entered last. With no verified report, an attendance keeps what a curator set.

This module is the rule's one home: the Python form (``counts``, ``held_on``,
``follows_later``, ``status_of``, ``current_status``) serves the records and the status
board, the query forms (``counting``, ``status_sql``) serve single saves and bulk refreshes
alike. Both read the same order, ``FOLLOWED_FIRST``.
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from events.rules.choices import ReviewState

# The report an attendance follows comes first in this order (the day held, the day stated, order of entry).
FOLLOWED_FIRST = (
    Coalesce("status_on", "reported_on").desc(),
    F("reported_on").desc(),
    F("pk").desc(),
)


def counts(report):
    """Whether ``report`` may set its attendance's status: only a verified one does."""
    return report.review == ReviewState.VERIFIED


def held_on(report):
    """The day ``report``'s status held: ``status_on`` when given, else the day it was stated."""
    return report.status_on or report.reported_on


def follows_later(report):
    """The key under which one report overrides another: the day held, then the day stated, then order of entry."""
    return (held_on(report), report.reported_on, report.pk)


def status_of(report):
    """``(status, status_date)`` that a followed report gives its attendance."""
    return report.status, held_on(report)


def current_status(reports, *, curated):
    """``(status, status_date)`` that ``reports`` give, or ``curated`` when none of them counts."""
    counting_reports = [report for report in reports if counts(report)]
    if not counting_reports:
        return curated
    return status_of(max(counting_reports, key=follows_later))


def counting(reports):
    """The query form of ``counts``, in the rule's order: the report the status follows first."""
    return reports.filter(review=ReviewState.VERIFIED).order_by(*FOLLOWED_FIRST)


def status_sql(reports):
    """``(status, status_date)`` as SQL expressions for an attendance row, from the reports queryset of every
    attendance (``Report.objects``): the followed report's, or the curated fields when none counts."""
    followed = counting(reports.filter(attendance=OuterRef("pk")))
    held = followed.annotate(held_on=Coalesce("status_on", "reported_on")).values("held_on")
    # reported_on is never null, so a null here means "no counting report".
    return (
        Coalesce(Subquery(followed.values("status")[:1]), F("curated_status")),
        Coalesce(Subquery(held[:1]), F("curated_status_date")),
    )
