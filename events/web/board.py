"""The status board: an event's participants against the dates of their reports.

One picture for the admin's Event page and the public event page, built here from
two queries whatever the event's size (``Attendance.objects.for_board()``).
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

from events.models import Attendance, AttendanceStatus, Event, Report, ReviewState
from events.rules import status as status_rule
from events.rules.dates import last_day

# A sign for each status beside its label and colour, so that a glance tells them apart in any print.
SIGNS = {
    AttendanceStatus.INVITED: "✉",
    AttendanceStatus.NOT_INVITED: "⊘",
    AttendanceStatus.CONSIDERING: "?",
    AttendanceStatus.CONFIRMED: "✓",
    AttendanceStatus.DECLINED: "✗",
    AttendanceStatus.ATTENDED: "●",
    AttendanceStatus.ABSENT: "○",
    AttendanceStatus.WITHDRAWN: "↩",
    # By value: a status added to the choices keeps the board drawing (the legend and every cell look it up).
    "not_invited": "⊘",
}


def describe(report):
    """A report as the board's hover text: date (and the day its status held), status, quote, speaker, article."""
    if report.review == ReviewState.VERIFIED:
        review = report.get_review_display()
    else:
        review = f"{report.get_review_display()}, does not count"
    source = report.article.publisher
    if report.via:
        source += f" via {report.via}"
    said = f"{report.speaker.name} in {source}" if report.speaker else source
    said_on = date_format(report.reported_on, "j M Y")
    if report.status_on:
        said_on += f", held {date_format(report.status_on, 'j M Y')}"
    return (
        f"{said_on} · {report.get_status_display()} ({review.lower()})\n"
        f"“{report.quote}”\n"
        f"{said}: {report.article.title}"
    )


@dataclass(frozen=True)
class BoardCell:
    """One participant on one date: the status it stands at that day, and the reports whose status held that day.

    ``status`` is what the status rule gives at the end of the day (the verified
    report whose status held latest so far); ``reported`` says whether a verified
    report's status held that day, or the status is carried over from an earlier one.
    A report sits on the day its status held: its ``status_on``, else its ``reported_on``.
    """

    date: datetime.date
    status: str
    reported: bool
    reports: tuple[Report, ...]

    @property
    def label(self):
        return AttendanceStatus(self.status).label if self.status else ""

    @property
    def sign(self):
        return SIGNS.get(self.status, "")

    @property
    def count(self):
        """How many of this day's reports that count give the cell's own status (the board's "×N")."""
        return sum(1 for r in self.reports if r.status == self.status and status_rule.counts(r))

    @property
    def rejected(self):
        """The reports of this day that are rejected (drafts do not count either, but await review)."""
        return tuple(r for r in self.reports if r.review == ReviewState.REJECTED)

    @property
    def title(self):
        """The hover text: every report of the day, or how long the status has held."""
        if self.reports:
            return "\n\n".join(describe(report) for report in self.reports)
        if self.status:
            return f"Still {self.label.lower()} on {date_format(self.date, 'j M Y')}"
        return f"No report yet on {date_format(self.date, 'j M Y')}"


@dataclass(frozen=True)
class BoardRow:
    """One attendance: its participant, its current status, every report oldest first, one cell a date."""

    attendance: Attendance
    reports: tuple[Report, ...]
    cells: tuple[BoardCell, ...]

    @property
    def sign(self):
        return SIGNS.get(self.attendance.status, "")

    @property
    def curated(self):
        """Whether the current status is the one a curator set, no report verified."""
        return not any(cell.reported for cell in self.cells)

    @property
    def title(self):
        """The hover text of the current status: since when, and whether reports or a curator set it."""
        attendance = self.attendance
        text = f"Now {attendance.get_status_display().lower()}"
        if attendance.status_date:
            text += f" since {date_format(attendance.status_date, 'j M Y')}"
        if self.curated:
            text += ", as a curator set it (no verified report)"
        return text


@dataclass(frozen=True)
class StatusBoard:
    """An event's attendances (rows, by participant name) against the days their reports' statuses held
    (columns, oldest first)."""

    event: Event
    dates: tuple[datetime.date, ...]
    rows: tuple[BoardRow, ...]

    @classmethod
    def from_attendances(cls, event, attendances):
        """Lay out attendances whose reports are prefetched as ``Attendance.objects.for_board()`` does."""
        reports_of = {
            attendance: tuple(sorted(attendance.reports.all(), key=status_rule.follows_later))
            for attendance in attendances
        }
        dates = tuple(sorted({status_rule.held_on(report) for reports in reports_of.values() for report in reports}))
        rows = tuple(
            BoardRow(attendance=attendance, reports=reports, cells=cells_of(reports, dates))
            for attendance, reports in reports_of.items()
        )
        return cls(event=event, dates=dates, rows=rows)

    @property
    def columns(self):
        """Each date with whether the event takes place that day (an event with no end date lasts one day)."""
        first, last = self.event.start_date, last_day(self.event.start_date, self.event.end_date)
        return [(date, first <= date <= last) for date in self.dates]

    @property
    def legend(self):
        """Every status as (value, sign, label)."""
        return [(status.value, SIGNS.get(status, ""), status.label) for status in AttendanceStatus]


def cells_of(reports, dates):
    """One cell a date, for reports ordered as the status rule reads them (``status_rule.follows_later``)."""
    cells, status, position = [], "", 0
    for date in dates:
        first = position
        while position < len(reports) and status_rule.held_on(reports[position]) == date:
            position += 1
        today = reports[first:position]
        counting = [r for r in today if status_rule.counts(r)]
        if counting:
            status, _ = status_rule.current_status(counting, curated=None)
        cells.append(BoardCell(date=date, status=status, reported=bool(counting), reports=today))
    return tuple(cells)


def status_board(event, *, verified_only=False):
    """The status board of ``event``, in two queries: attendances with participants, reports with articles.

    ``verified_only`` for the public: drafts and rejected reports are for curators (the admin's board).
    """
    attendances = Attendance.objects.for_board(verified_only=verified_only).filter(event=event)
    return StatusBoard.from_attendances(event, attendances)
