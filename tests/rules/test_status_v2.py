"""The v2 status rule: only verified reports count, ordered by the day their status held."""

import datetime
import itertools
import random

import pytest

from events.models import Attendance, Report
from events.rules import status as status_rule
from tests.factories import ArticleFactory, AttendanceFactory, ReportFactory

pytestmark = pytest.mark.django_db

JAN = {day: datetime.date(2025, 1, day) for day in range(1, 32)}


def statement(attendance, status, reported_on, *, status_on=None, review="verified"):
    return ReportFactory(
        attendance=attendance,
        status=status,
        reported_on=reported_on,
        status_on=status_on,
        review=review,
        article=ArticleFactory(body="", published_on=reported_on),
    )


def both_forms(attendance):
    """``(status, status_date)`` by the Python form and by the SQL form of the rule."""
    attendance.refresh_from_db()
    python = status_rule.current_status(
        list(attendance.reports.all()), curated=(attendance.curated_status, attendance.curated_status_date)
    )
    Attendance.objects.filter(pk=attendance.pk).refresh_status_in_bulk(touch=False)
    sql = Attendance.objects.values_list("status", "status_date").get(pk=attendance.pk)
    return python, sql


def test_a_late_had_invited_does_not_undo_a_newer_attended():
    """Reported 25 Jan that the US "had invited" on 10 Jan: the attended of 23 Jan stands."""
    attendance = AttendanceFactory()
    statement(attendance, "attended", JAN[23])
    statement(attendance, "invited", JAN[25], status_on=JAN[10])
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("attended", JAN[23])
    assert both_forms(attendance) == (("attended", JAN[23]), ("attended", JAN[23]))


def test_status_date_is_the_day_the_status_held():
    """The followed report's status_on, not the day it was stated, is the status date."""
    attendance = AttendanceFactory()
    statement(attendance, "confirmed", JAN[20], status_on=JAN[15])
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("confirmed", JAN[15])


@pytest.mark.parametrize("review", ["draft", "rejected"])
def test_drafts_and_rejected_reports_never_change_the_status(review):
    """A later draft or rejected report leaves the verified status; with none verified, the curator's holds."""
    attendance = AttendanceFactory(status="considering")
    statement(attendance, "declined", JAN[5], review=review)
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("considering", None)
    statement(attendance, "confirmed", JAN[3])
    statement(attendance, "withdrawn", JAN[9], review=review)
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("confirmed", JAN[3])


def test_ties_go_to_the_later_reported_on_then_to_the_report_entered_last():
    """Two statuses held the same day: the one stated later wins; stated the same day too, the one entered last."""
    attendance = AttendanceFactory()
    statement(attendance, "confirmed", JAN[12], status_on=JAN[10])
    statement(attendance, "declined", JAN[11], status_on=JAN[10])
    assert both_forms(attendance) == (("confirmed", JAN[10]), ("confirmed", JAN[10]))
    statement(attendance, "absent", JAN[12], status_on=JAN[10])
    assert both_forms(attendance) == (("absent", JAN[10]), ("absent", JAN[10]))


def test_python_and_sql_forms_agree_on_random_histories():
    """For many random sets of reports, the rule's Python form and its SQL form give the same answer."""
    rng = random.Random(12)
    statuses = ["invited", "not_invited", "confirmed", "declined", "attended"]
    for _ in range(25):
        attendance = AttendanceFactory(status=rng.choice(statuses))
        for _ in range(rng.randint(0, 6)):
            reported_on = JAN[rng.randint(5, 12)]
            held = JAN[rng.randint(1, reported_on.day)] if rng.random() < 0.5 else None
            review = rng.choice(["verified", "verified", "draft", "rejected"])
            statement(attendance, rng.choice(statuses), reported_on, status_on=held, review=review)
        python, sql = both_forms(attendance)
        assert python == sql
        attendance.refresh_from_db()
        assert (attendance.status, attendance.status_date) == python


def test_the_followed_report_is_first_in_the_query_order():
    """``Attendance.latest_report()`` (the query form) is the report ``follows_later`` puts last."""
    attendance = AttendanceFactory()
    for reported_on, held in itertools.product([JAN[8], JAN[9]], [None, JAN[2], JAN[8]]):
        statement(attendance, "confirmed", reported_on, status_on=held)
    expected = max(Report.objects.filter(attendance=attendance), key=status_rule.follows_later)
    assert attendance.latest_report() == expected


def test_the_bulk_rule_writes_only_the_attendances_whose_status_it_changes():
    """An attendance already at its reports' status is left as it is: no new row, no new version."""
    following, stale = AttendanceFactory(), AttendanceFactory()
    statement(following, "attended", JAN[23])
    statement(stale, "attended", JAN[23])
    Attendance.objects.filter(pk=stale.pk).update(status="invited")
    versions = dict(Attendance.objects.values_list("pk", "version"))

    assert Attendance.objects.filter(pk__in=[following.pk, stale.pk]).refresh_status_in_bulk(touch=True) == 1
    assert Attendance.objects.get(pk=stale.pk).status == "attended"
    assert dict(Attendance.objects.values_list("pk", "version")) == {
        following.pk: versions[following.pk],
        stale.pk: versions[stale.pk] + 1,
    }
