"""The status board's "×N": how many reports of a day give the status its cell shows, not every report of that day."""

import datetime
import re

import pytest
from django.template.loader import render_to_string

from events.web.board import status_board
from tests.factories import ArticleFactory, AttendanceFactory, ReportFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2018, 8, 22)
BODY = "Russia invited the Taliban. The Taliban will attend. The Taliban confirmed. They said they would come."


def board_text(attendance):
    """The text of the attendance's first date cell as the page draws it."""
    html = render_to_string("events/status_board.html", {"board": status_board(attendance.event)})
    cell = re.search(r'<td class="sb-cell [^"]*sb-reported" title="[^"]*">(.*?)</td>', html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", cell.group(1)).split())


@pytest.fixture
def attendance():
    return AttendanceFactory()


@pytest.fixture
def report(attendance):
    article = ArticleFactory(body=BODY)

    def make(status, quote, review="verified"):
        return ReportFactory(
            attendance=attendance, status=status, quote=quote, reported_on=DAY, article=article, review=review
        )

    return make


def test_a_day_with_one_report_of_each_of_two_statuses_shows_no_count(attendance, report):
    """Invited then confirmed on one day: the cell shows Confirmed, with no "×2"."""
    report("invited", "Russia invited the Taliban.")
    report("confirmed", "The Taliban will attend.")

    cell = status_board(attendance.event).rows[0].cells[0]

    assert (cell.status, cell.count, len(cell.reports)) == ("confirmed", 1, 2)
    assert board_text(attendance) == "✓ Confirmed"


def test_a_day_with_two_reports_of_the_shown_status_counts_them(attendance, report):
    """Two confirmations and an invitation on one day: "×2", the confirmations alone."""
    report("invited", "Russia invited the Taliban.")
    report("confirmed", "The Taliban will attend.")
    report("confirmed", "The Taliban confirmed.")

    cell = status_board(attendance.event).rows[0].cells[0]

    assert cell.count == 2
    assert board_text(attendance) == "✓ Confirmed ×2"


def test_a_rejected_report_of_the_same_status_is_not_counted(attendance, report):
    """A rejected confirmation is struck out beside the cell, not counted in its "×N"."""
    report("confirmed", "The Taliban will attend.")
    report("confirmed", "The Taliban confirmed.", review="rejected")

    cell = status_board(attendance.event).rows[0].cells[0]

    assert cell.count == 1
    assert board_text(attendance) == "✓ Confirmed Confirmed (rejected)"
