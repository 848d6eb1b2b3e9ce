"""The admin's article, event and attendance pages fit a 1,366 px wide window, a refused quote's message in view."""

import datetime

import pytest

from tests.e2e.steps import log_in, save
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTH, HEIGHT = 1366, 900
QUOTES = [
    "Russia has invited the Afghan government, the Taliban and the United States to the talks in Moscow.",
    "The Taliban said in a statement that their delegation would attend the Moscow talks on Afghanistan.",
    "Kabul will not participate in the Moscow talks, the spokesman of the foreign ministry said on Tuesday.",
]
BODY = " ".join(QUOTES) + " The talks were later postponed at the request of the government in Kabul."
WRONG = "Kabul will take part in the Moscow talks after all, the spokesman of the ministry said on Wednesday."


@pytest.fixture
def records():
    """An event with long names, three attendances with notes, and an article with three reports."""
    event = EventFactory(
        title="Moscow format consultations on Afghanistan with regional powers and the Taliban",
        host=ParticipantFactory(name="Ministry of Foreign Affairs of the Russian Federation", kind="government"),
        start_date=datetime.date(2018, 9, 4),
    )
    article = ArticleFactory(
        title="Afghanistan will not attend Moscow talks on peace with the Taliban, its foreign ministry says",
        publisher="Al Jazeera English",
        url="https://www.aljazeera.com/news/2018/8/21/afghanistan-will-not-attend-russia-hosted-talks-with-the-taliban",
        body=BODY,
    )
    spokesman = ParticipantFactory(name="Sibghatullah Ahmadi, spokesman of the Afghan foreign ministry", kind="person")
    attendances = []
    for name, status, quote in zip(
        ["Islamic Republic of Afghanistan", "Taliban (Islamic Emirate of Afghanistan)", "United States of America"],
        ["declined", "confirmed", "invited"],
        [QUOTES[2], QUOTES[1], QUOTES[0]],
        strict=True,
    ):
        attendance = AttendanceFactory(
            event=event,
            participant=ParticipantFactory(name=name),
            notes="Named in the foreign ministry's statement of 21 August; see the article for the full wording.",
        )
        ReportFactory(
            attendance=attendance,
            article=article,
            status=status,
            quote=quote,
            speaker=spokesman,
            via="Reuters and the Associated Press",
            review="verified",
            reported_on=datetime.date(2018, 8, 21),
        )
        attendances.append(attendance)
    return event, article, attendances[0]


def page_width(page, screenshots, name):
    """How wide the page is (its sideways scroll), with a screenshot of the whole page to look at."""
    page.screenshot(path=screenshots / f"admin-layout-{name}.png", full_page=True)
    return page.evaluate("document.documentElement.scrollWidth")


def test_admin_change_pages_fit_a_1366_px_window(page, staff_curator, screenshots, records):
    """The article page with a refused quote, the event page and the attendance page need no sideways scroll."""
    event, article, attendance = records
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    log_in(page, staff_curator)

    page.goto(f"/admin/events/article/{article.pk}/change/")
    page.fill("#id_reports-0-quote", WRONG)
    save(page, "_continue")
    error = page.locator("#reports-group td.field-quote .errorlist").first
    error.wait_for()
    assert "The quote does not occur in the article" in error.inner_text()
    widths = {"article": page_width(page, screenshots, "article")}
    page.locator("#reports-group").screenshot(path=screenshots / "admin-layout-article-reports.png")
    box = error.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, "the refused quote's message is off screen"

    page.goto(f"/admin/events/event/{event.pk}/change/")
    widths["event"] = page_width(page, screenshots, "event")

    page.goto(f"/admin/events/attendance/{attendance.pk}/change/")
    widths["attendance"] = page_width(page, screenshots, "attendance")

    assert max(widths.values()) <= WIDTH, f"wider than the window: {widths}"
