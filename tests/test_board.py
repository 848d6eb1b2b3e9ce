"""The status board: rows, columns, cells, their colours, labels and hover text, and its query budget."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string

from events.models import AttendanceStatus
from events.web.board import status_board
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

AUG = {day: datetime.date(2018, 8, day) for day in range(1, 32)}
BODY = (
    "Russia invited the Taliban to the talks. The Taliban will attend the talks. "
    "We will not participate in the Moscow talks. The delegation arrived in Moscow."
)


@pytest.fixture
def article():
    return ArticleFactory(title="Kabul declines Moscow talks", publisher="Al Jazeera", body=BODY)


@pytest.fixture
def story(article):
    """Russia hosts; the Taliban are invited, confirm and attend; Afghanistan is invited and declines."""
    event = EventFactory(title="Moscow talks", host=ParticipantFactory(name="Russia"))
    taliban = AttendanceFactory(event=event, participant=ParticipantFactory(name="Taliban"))
    afghanistan = AttendanceFactory(event=event, participant=ParticipantFactory(name="Afghanistan"))
    spokesman = ParticipantFactory(name="Sibghat Ahmadi")

    def report(attendance, status, day, quote, **kwargs):
        return ReportFactory(
            attendance=attendance, status=status, reported_on=AUG[day], article=article, quote=quote, **kwargs
        )

    report(taliban, "invited", 10, "Russia invited the Taliban to the talks.")
    report(afghanistan, "invited", 10, "Russia invited the Taliban to the talks.")
    report(taliban, "confirmed", 15, "The Taliban will attend the talks.")
    declined = "We will not participate in the Moscow talks."
    report(afghanistan, "declined", 22, declined, speaker=spokesman, via="TOLOnews")
    report(taliban, "attended", 30, "The delegation arrived in Moscow.")
    return event


def statuses(row):
    return [(cell.status, cell.reported) for cell in row.cells]


def test_columns_are_report_dates_oldest_first_and_rows_participants_by_name(story):
    """One column a distinct report date, ascending; one row an attendance, by participant name."""
    board = status_board(story)

    assert board.dates == (AUG[10], AUG[15], AUG[22], AUG[30])
    assert [row.attendance.participant.name for row in board.rows] == ["Afghanistan", "Taliban"]


@pytest.mark.parametrize(
    ("end_day", "event_days"), [(None, [AUG[15]]), (22, [AUG[15], AUG[22]])], ids=["one-day", "two-weeks"]
)
def test_columns_mark_the_days_of_the_event(story, end_day, event_days):
    """A date column is marked as an event day from start_date to end_date; with no end date, one day."""
    story.start_date, story.end_date = AUG[15], AUG.get(end_day)
    story.save()

    columns = status_board(story).columns

    assert [date for date, _ in columns] == [AUG[10], AUG[15], AUG[22], AUG[30]]
    assert [date for date, event_day in columns if event_day] == event_days


def test_cells_tell_each_participants_story(story):
    """A report's day shows its status; the days after carry it until the next report."""
    afghanistan, taliban = status_board(story).rows

    assert statuses(taliban) == [("invited", True), ("confirmed", True), ("confirmed", False), ("attended", True)]
    assert statuses(afghanistan) == [("invited", True), ("invited", False), ("declined", True), ("declined", False)]
    assert [cell.label for cell in taliban.cells] == ["Invited", "Confirmed", "Confirmed", "Attended"]
    assert [cell.sign for cell in taliban.cells] == ["✉", "✓", "✓", "●"]


def test_cell_before_any_report_is_empty(story, article):
    """A participant first reported late has empty cells before, with no status and no label."""
    late = AttendanceFactory(event=story, participant=ParticipantFactory(name="Pakistan"))
    ReportFactory(attendance=late, status="confirmed", reported_on=AUG[22], article=article, quote="The Taliban")

    row = status_board(story).rows[1]

    assert row.attendance == late
    assert statuses(row) == [("", False), ("", False), ("confirmed", True), ("confirmed", False)]
    assert row.cells[0].label == row.cells[0].sign == ""
    assert row.cells[0].title == "No report yet on 10 Aug 2018"
    html = render_to_string("events/status_board.html", {"board": status_board(story)})
    assert cells_html(html)[5] == (["sb-cell", "sb-none"], [])


def test_hover_text_names_date_status_quote_speaker_and_article(story):
    """A reported cell's title holds each report of the day; a carried cell says since when it holds."""
    afghanistan = status_board(story).rows[0]

    assert afghanistan.cells[2].title == (
        "22 Aug 2018 · Declined (verified)\n"
        "“We will not participate in the Moscow talks.”\n"
        "Sibghat Ahmadi in Al Jazeera via TOLOnews: Kabul declines Moscow talks"
    )
    assert afghanistan.cells[3].title == "Still declined on 30 Aug 2018"
    assert afghanistan.title == "Now declined since 22 Aug 2018"


def test_reports_of_one_day_follow_the_status_rule(story, article):
    """Two reports on one day: the cell shows the one entered last and lists both, in order of entry."""
    afghanistan = story.attendances.get(participant__name="Afghanistan")
    ReportFactory(
        attendance=afghanistan, status="considering", reported_on=AUG[22], article=article, quote="The Taliban"
    )

    cell = status_board(story).rows[0].cells[2]

    assert (cell.status, cell.reported) == ("considering", True)
    assert [report.status for report in cell.reports] == ["declined", "considering"]
    assert cell.title.index("Declined") < cell.title.index("Considering")
    afghanistan.refresh_from_db()
    assert afghanistan.status == cell.status


def test_rejected_report_is_shown_but_does_not_count(story):
    """A rejected report stays on the board, struck out, while the status carries on from the one before."""
    taliban = story.attendances.get(participant__name="Taliban")
    taliban.reports.filter(status="attended").update(review="rejected")

    row = status_board(story).rows[1]

    assert statuses(row)[-1] == ("confirmed", False)
    assert [report.status for report in row.cells[-1].rejected] == ["attended"]
    assert "Attended (rejected, does not count)" in row.cells[-1].title


def test_attendance_without_reports_shows_its_curated_status(story):
    """A participant with no report has a row of empty cells and the status a curator set."""
    AttendanceFactory(event=story, participant=ParticipantFactory(name="China"), status="considering")

    row = status_board(story).rows[1]

    assert row.reports == ()
    assert statuses(row) == [("", False)] * 4
    assert row.curated
    assert row.title == "Now considering, as a curator set it (no report counts)"
    assert not any(other.curated for other in status_board(story).rows if other != row)


def test_event_without_attendances_has_an_empty_board():
    board = status_board(EventFactory())

    assert board.dates == board.rows == ()


def test_legend_lists_every_status_with_sign_and_label():
    board = status_board(EventFactory())

    assert [value for value, _, _ in board.legend] == list(AttendanceStatus.values)
    assert all(sign and label for _, sign, label in board.legend)


# ------------------------------------------------------------------------------
# As HTML
# ------------------------------------------------------------------------------
def cells_html(html):
    """The (classes, text) of every board cell, in document order."""
    cells = re.findall(r'<td class="(sb-cell[^"]*)" title="[^"]*">(.*?)</td>', html, flags=re.S)
    return [(classes.split(), re.sub(r"<[^>]+>|\s+", " ", text).split()) for classes, text in cells]


def test_rendered_cells_carry_colour_class_sign_and_label(story):
    """Each cell has its status's colour class and reads without colour: sign and label, or an arrow."""
    html = render_to_string("events/status_board.html", {"board": status_board(story)})

    afghanistan = cells_html(html)[:5]
    assert afghanistan == [
        (["sb-cell", "sb-invited", "sb-reported"], ["✉", "Invited"]),
        (["sb-cell", "sb-invited", "sb-carried"], ["→", "invited"]),
        (["sb-cell", "sb-declined", "sb-reported"], ["✗", "Declined"]),
        (["sb-cell", "sb-declined", "sb-carried"], ["→", "declined"]),
        (["sb-cell", "sb-now", "sb-declined"], ["✗", "Declined"]),
    ]
    assert cells_html(html)[5:7] == [
        (["sb-cell", "sb-invited", "sb-reported"], ["✉", "Invited"]),
        (["sb-cell", "sb-confirmed", "sb-reported"], ["✓", "Confirmed"]),
    ]
    assert 'title="22 Aug 2018 · Declined (verified)\n“We will not participate in the Moscow talks.”' in html
    assert '<time datetime="2018-08-10">10 Aug<small>2018</small></time>' in html


def test_rendered_hover_text_is_escaped(article):
    """Quotes and titles are text in the title attribute, not markup."""
    article.body = 'He said "<b>no</b>" & left.'
    article.save()
    ReportFactory(article=article, quote='"<b>no</b>" & left')

    html = render_to_string("events/status_board.html", {"board": status_board(article.reports.get().event)})

    assert "“&quot;&lt;b&gt;no&lt;/b&gt;&quot; &amp; left”" in html
    assert "<b>no</b>" not in html


# ------------------------------------------------------------------------------
# Both pages, at a constant number of queries
# ------------------------------------------------------------------------------
def build_event(participants):
    """An event with ``participants`` attendances of three reports each, every article and speaker its own."""
    event = EventFactory()
    for number in range(participants):
        attendance = AttendanceFactory(event=event)
        for day, status in [(10, "invited"), (15, "confirmed"), (22 + number % 3, "declined")]:
            ReportFactory(
                attendance=attendance,
                status=status,
                reported_on=AUG[day],
                article=ArticleFactory(),
                speaker=ParticipantFactory(),
            )
    return event


@pytest.mark.parametrize("participants", [2, 12])
def test_board_costs_two_queries_whatever_its_size(django_assert_num_queries, participants):
    """Attendances with their participants, then reports with their articles and speakers."""
    event = build_event(participants)

    with django_assert_num_queries(2):
        board = status_board(event)
        html = render_to_string("events/status_board.html", {"board": board})

    assert len(board.rows) == participants
    assert html.count('class="sb-cell') == participants * (len(board.dates) + 1)


@pytest.mark.parametrize("participants", [2, 12])
def test_public_page_shows_the_board_at_constant_queries(client, django_assert_num_queries, participants):
    """The event, then the board's two queries."""
    event = build_event(participants)

    with django_assert_num_queries(3):
        response = client.get(f"/events/{event.slug}/")

    assert response.status_code == 200
    assert response.context["board"].event == event
    assert len(response.context["board"].rows) == participants


@pytest.mark.parametrize("participants", [2, 12])
def test_admin_event_page_shows_the_board(admin_client, django_assert_num_queries, participants):
    """The Event change page renders the same board, above the event's fields and its attendances."""
    event = build_event(participants)
    ContentType.objects.clear_cache()  # the page looks its content type up once per process

    with django_assert_num_queries(7):
        response = admin_client.get(f"/admin/events/event/{event.pk}/change/")

    html = response.content.decode()
    board = response.context["status_board"]
    assert [row.attendance for row in board.rows] == list(event.attendances.order_by("participant__name", "pk"))
    assert html.index('id="status-board"') < html.index('name="title"') < html.index('id="attendances-group"')
    assert html.count('class="sb-cell') == participants * (len(board.dates) + 1)


def test_admin_add_event_page_has_no_board(admin_client):
    response = admin_client.get("/admin/events/event/add/")

    assert response.status_code == 200
    assert "status_board" not in response.context
    assert 'id="status-board"' not in response.content.decode()
