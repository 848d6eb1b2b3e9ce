"""The status rule: an attendance's current status follows its reports.

Rejected reports do not count. Of the others, the report with the latest ``reported_on``
gives the status and its day, ties to the report entered last. With no counting report,
an attendance keeps what a curator set. This module is the rule's one home: the
Python form (``counts``, ``follows_later``, ``status_of``, ``current_status``) serves the records and the
status board, the query forms (``counting``, ``status_sql``) serve single saves and bulk
refreshes alike.
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from events.rules.choices import ReviewState

# The report an attendance follows comes first in this order.
FOLLOWED_FIRST = ("-reported_on", "-pk")


def counts(report):
    """Whether ``report`` may set its attendance's status."""
    return report.review != ReviewState.REJECTED


def follows_later(report):
    """The key under which a later report overrides an earlier one (day stated, then order of entry)."""
    return (report.reported_on, report.pk)


def status_of(report):
    """``(status, status_date)`` that a followed report gives its attendance."""
    return report.status, report.reported_on


def current_status(reports, *, curated):
    """``(status, status_date)`` that ``reports`` give, or ``curated`` when none of them counts."""
    counting_reports = [report for report in reports if counts(report)]
    if not counting_reports:
        return curated
    return status_of(max(counting_reports, key=follows_later))


def counting(reports):
    """The query form of ``counts``, in the rule's order: the report the status follows first."""
    return reports.exclude(review=ReviewState.REJECTED).order_by(*FOLLOWED_FIRST)


def status_sql(reports):
    """``(status, status_date)`` as SQL expressions for an attendance row, from the reports queryset of every
    attendance (``Report.objects``): the followed report's, or the curated fields when none counts."""
    followed = counting(reports.filter(attendance=OuterRef("pk")))
    # reported_on is never null, so a null here means "no counting report".
    return (
        Coalesce(Subquery(followed.values("status")[:1]), F("curated_status")),
        Coalesce(Subquery(followed.values("reported_on")[:1]), F("curated_status_date")),
    )
