"""The status board as a reader sees it in Chromium: colours, labels, hover text; screenshots of both pages."""

import datetime

import pytest

from tests.e2e.steps import board_cells, log_in
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

# Slow: Chromium against a live server, a few seconds a test (`make test-fast` leaves it out).
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BODY = (
    "Russia has invited Afghanistan, the Taliban, Pakistan and the United States to talks in Moscow. "
    "Pakistan said it would send a delegation. The Taliban are considering the invitation. "
    "The Taliban confirmed they would attend. Kabul will not take part in the Moscow talks, a spokesman said. "
    "Washington has declined the invitation. The talks opened in Moscow with the Taliban and Pakistan at the table."
)
COLOURS = {
    "invited": "rgb(165, 216, 255)",
    "considering": "rgb(255, 224, 102)",
    "confirmed": "rgb(140, 233, 154)",
    "declined": "rgb(255, 168, 168)",
    "attended": "rgb(43, 138, 62)",
}


def day(number):
    return datetime.date(2026, 8, 1) + datetime.timedelta(days=number - 1)


@pytest.fixture
def moscow_talks():
    """Invited → considering → confirmed → attended, and invited → declined, told by one article."""
    article = ArticleFactory(title="Moscow hosts Afghan talks", publisher="Kabul Times", body=BODY)
    russia = ParticipantFactory(name="Russia")
    event = EventFactory(title="Moscow talks on Afghanistan", start_date=day(34), host=russia)
    spokesman = ParticipantFactory(name="Afghan foreign ministry", kind="government")
    invited = "Russia has invited Afghanistan, the Taliban, Pakistan and the United States to talks in Moscow."
    stories = {
        russia: [(34, "attended", "The talks opened in Moscow")],
        ParticipantFactory(name="Taliban", kind="armed_group"): [
            (20, "invited", invited),
            (22, "considering", "The Taliban are considering the invitation."),
            (25, "confirmed", "The Taliban confirmed they would attend."),
            (34, "attended", "The talks opened in Moscow with the Taliban and Pakistan at the table."),
        ],
        ParticipantFactory(name="Afghanistan"): [
            (20, "invited", invited),
            (22, "declined", "Kabul will not take part in the Moscow talks"),
        ],
        ParticipantFactory(name="Pakistan"): [
            (20, "invited", invited),
            (25, "confirmed", "Pakistan said it would send a delegation."),
            (34, "attended", "The talks opened in Moscow with the Taliban and Pakistan at the table."),
        ],
        ParticipantFactory(name="United States"): [
            (20, "invited", invited),
            (25, "declined", "Washington has declined the invitation."),
        ],
    }
    for participant, reports in stories.items():
        attendance = AttendanceFactory(
            event=event, participant=participant, role="host" if participant == russia else "participant"
        )
        for number, status, quote in reports:
            speaker = spokesman if participant.name == "Afghanistan" else None
            ReportFactory(
                attendance=attendance,
                status=status,
                reported_on=day(number),
                article=article,
                quote=quote,
                speaker=speaker,
                review="verified",
            )
    return event


def test_public_page_board_reads_in_colour_and_in_words(page, moscow_talks, screenshots):
    """Each status has its own colour and its label; hovering a cell gives its quote, speaker and article."""
    page.goto(f"/events/{moscow_talks.slug}/")

    assert page.locator(".status-board thead th").all_inner_texts() == [
        "Participant",
        "20 Aug\n2026",
        "22 Aug\n2026",
        "25 Aug\n2026",
        "3 Sep\n2026 · event",
        "Now",
    ]
    assert board_cells(page) == [
        ["✉ Invited", "✗ Declined", "→ declined", "→ declined", "✗ Declined"],
        ["✉ Invited", "→ invited", "✓ Confirmed", "● Attended", "● Attended"],
        ["", "", "", "● Attended", "● Attended"],
        ["✉ Invited", "? Considering", "✓ Confirmed", "● Attended", "● Attended"],
        ["✉ Invited", "→ invited", "✗ Declined", "→ declined", "✗ Declined"],
    ]
    for status, colour in COLOURS.items():
        cell = page.locator(f".status-board td.sb-{status}.sb-reported").first
        assert cell.evaluate("cell => getComputedStyle(cell).backgroundColor") == colour, status
    carried = page.locator(".status-board td.sb-declined.sb-carried").first
    assert carried.evaluate("cell => getComputedStyle(cell).backgroundImage").startswith("linear-gradient")
    declined = page.locator(".status-board tbody tr").first.locator("td.sb-reported").nth(1)
    assert declined.get_attribute("title") == (
        "22 Aug 2026 · Declined (verified)\n"
        "“Kabul will not take part in the Moscow talks”\n"
        "Afghan foreign ministry in Kabul Times: Moscow hosts Afghan talks"
    )
    page.screenshot(path=screenshots / "public-event-page.png", full_page=True)


def test_admin_event_page_shows_the_same_board(page, moscow_talks, staff_curator, screenshots):
    """The curator sees the public page's board at the top of the Event page."""
    log_in(page, staff_curator)
    page.goto(f"/admin/events/event/{moscow_talks.pk}/change/")

    board = page.locator("#status-board")
    assert board.locator("h2").inner_text().lower() == "status board"
    assert board.bounding_box()["y"] < page.locator("#id_title").bounding_box()["y"]
    assert board.is_visible()
    assert board_cells(page)[3] == ["✉ Invited", "? Considering", "✓ Confirmed", "● Attended", "● Attended"]
    assert (
        board.locator("td.sb-attended.sb-reported").first.evaluate("cell => getComputedStyle(cell).backgroundColor")
        == COLOURS["attended"]
    )
    board.screenshot(path=screenshots / "admin-status-board.png")
    page.screenshot(path=screenshots / "admin-event-page.png", full_page=True)
