"""A curator's day in a real browser: an event, an article and its reports, the board, a refused quote, a merge."""

import pytest

from events.models import Article, Attendance, Event, Report
from tests.e2e.steps import board_cells, choose, log_in, save
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

# Slow: Chromium against a live server, a few seconds a test (`make test-fast` leaves it out).
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BODY = (
    "Russia has invited the Taliban to talks in Geneva, the foreign ministry said on Monday. "
    "A Taliban spokesman said the group would not take part in the Geneva talks."
)
INVITED = "Russia has invited the Taliban to talks in Geneva"
DECLINED = "the group would not take part in the Geneva talks"


def add_event(page, title, participants):
    """Create an event on the admin's add page, with an attendance inline for each participant."""
    page.goto("/admin/events/event/add/")
    page.fill("#id_title", title)  # the slug is prepopulated from the title
    page.select_option("#id_kind", "peace_talks")
    page.select_option("#id_status", "scheduled")
    page.fill("#id_start_date", "2026-03-02")
    page.fill("#id_city", "Geneva")
    page.select_option("#id_country", "CH")
    for number, participant in enumerate(participants):
        page.click("#attendances-group .add-row a")
        choose(page, f"id_attendances-{number}-participant", participant.name)
    save(page, "_continue")
    # The answer has loaded: the save (the first one of the server also reads the gazetteer) is over.
    page.locator(".messagelist .success").first.wait_for()
    return Event.objects.get(title=title)


def add_article(page, title, body):
    page.goto("/admin/events/article/add/")
    page.fill("#id_title", title)
    page.fill("#id_publisher", "Geneva Daily")
    page.fill("#id_published_on", "2026-02-20")
    page.fill("#id_body", body)
    save(page, "_continue")
    return Article.objects.get(title=title)


def add_report(page, article, *, event, participant, status, reported_on, quote):
    """On the article's page, fill the blank report row (below those already saved) and save."""
    page.goto(f"/admin/events/article/{article.pk}/change/")
    prefix = f"id_reports-{article.reports.count()}"
    choose(page, f"{prefix}-event", event.title)
    choose(page, f"{prefix}-participant", participant.name)
    page.select_option(f"#{prefix}-status", status)
    page.fill(f"#{prefix}-reported_on", reported_on)
    page.fill(f"#{prefix}-quote", quote)
    page.select_option(f"#{prefix}-review", "verified")  # the public page shows verified reports only
    save(page, "_continue")


def current_status(page, attendance):
    page.goto(f"/admin/events/attendance/{attendance.pk}/change/")
    return page.inner_text(".field-status .readonly").strip()


def test_curator_records_an_event_from_an_article_and_sees_the_board_change(page, staff_curator, screenshots):
    """Log in, create an event, add an article and two reports from it, reject one; the status and the board follow."""
    taliban = ParticipantFactory(name="Taliban", kind="armed_group")
    russia = ParticipantFactory(name="Russia")

    log_in(page, staff_curator)
    event = add_event(page, "Geneva talks on Afghanistan", [taliban, russia])
    page.locator(".messagelist .success").first.wait_for()  # the action's answer has loaded
    assert page.locator(".messagelist .success").count() == 1
    attendance = Attendance.objects.get(event=event, participant=taliban)
    # No report yet: no date column, only each participant's current status.
    assert page.locator(".status-board thead th").all_inner_texts() == ["Participant", "Now"]
    assert board_cells(page) == [["✉ Invited"], ["✉ Invited"]]

    article = add_article(page, "Taliban turn down Geneva talks", BODY)
    add_report(
        page, article, event=event, participant=taliban, status="invited", reported_on="2026-02-16", quote=INVITED
    )
    page.locator(".messagelist .success").first.wait_for()  # the action's answer has loaded
    assert page.locator(".messagelist .success").count() == 1
    assert current_status(page, attendance) == "Invited"

    page.goto(f"/admin/events/event/{event.pk}/change/")
    assert board_cells(page) == [["", "✉ Invited"], ["✉ Invited", "✉ Invited"]]
    # Russia's "Now" is what a curator set (no report), drawn dashed; the Taliban's follows a report.
    curated = page.locator(".status-board td.sb-now.sb-curated")
    assert curated.count() == 1
    assert curated.get_attribute("title") == "Now invited, as a curator set it (no verified report)"

    add_report(
        page, article, event=event, participant=taliban, status="declined", reported_on="2026-02-20", quote=DECLINED
    )
    assert current_status(page, attendance) == "Declined"
    assert [r.status for r in Report.objects.filter(attendance=attendance).order_by("reported_on")] == [
        "invited",
        "declined",
    ]

    page.goto(f"/admin/events/event/{event.pk}/change/")
    assert board_cells(page) == [["", "", "✉ Invited"], ["✉ Invited", "✗ Declined", "✗ Declined"]]
    declined = page.locator(".status-board td.sb-declined.sb-reported")
    assert DECLINED in declined.get_attribute("title")
    assert "Taliban turn down Geneva talks" in declined.get_attribute("title")
    page.locator("#status-board").screenshot(path=screenshots / "curation-admin-status-board.png")

    page.goto(f"/events/{event.slug}/")
    assert page.title().startswith("Geneva talks on Afghanistan")
    assert board_cells(page) == [["", "", "✉ Invited"], ["✉ Invited", "✗ Declined", "✗ Declined"]]
    page.screenshot(path=screenshots / "curation-public-event-page.png", full_page=True)

    # The declined report is rejected in review: it stops counting, stays struck out on the curators' board
    # and leaves the public one.
    declined = Report.objects.get(attendance=attendance, status="declined")
    page.goto("/admin/events/report/")
    page.check(f"#result_list input[name=_selected_action][value='{declined.pk}']")
    page.select_option("select[name=action]", "reject_reports")
    page.click("button[name=index]")
    page.locator(".messagelist .success").first.wait_for()  # the action's answer has loaded
    assert page.locator(".messagelist .success").count() == 1
    assert current_status(page, attendance) == "Invited"
    page.goto(f"/admin/events/event/{event.pk}/change/")
    assert board_cells(page) == [["", "", "✉ Invited"], ["✉ Invited", "→ invited Declined (rejected)", "✉ Invited"]]
    page.goto(f"/events/{event.slug}/")
    assert board_cells(page) == [["", "✉ Invited"], ["✉ Invited", "✉ Invited"]]


def test_refused_quote_shows_where_it_differs(page, staff_curator):
    """A quote that is not in the article is refused on its row with the rule's message; nothing is saved."""
    event = Event.objects.create(slug="oslo-talks", title="Oslo talks", kind="meeting", start_date="2026-04-01")
    norway = ParticipantFactory(name="Norway")
    Attendance.objects.create(event=event, participant=norway)
    log_in(page, staff_curator)
    article = add_article(page, "Oslo hosts talks", BODY)

    add_report(
        page,
        article,
        event=event,
        participant=norway,
        status="declined",
        reported_on="2026-02-20",
        quote="the group would not take part in the Oslo talks",
    )

    assert page.locator(".errornote").is_visible()
    error = page.locator("#reports-group .errorlist").inner_text()
    assert error.startswith("The quote does not occur in the article's text: the text has its start, up to")
    assert "but not followed by “Oslo talks” (from 'O', U+004F LATIN CAPITAL LETTER O)" in error
    assert not Report.objects.exists()


def test_curator_merges_duplicate_participants(page, staff_curator):
    """Two records of one spokesman at one event become one row on the board, with both reports."""
    article = ArticleFactory(body=BODY)
    event = EventFactory(title="Geneva talks")
    for name, status, day, quote in [
        ("Sibghat Ahmadi", "invited", "2026-02-16", INVITED),
        ("Sibghatullah Ahmadi", "declined", "2026-02-20", DECLINED),
    ]:
        attendance = AttendanceFactory(event=event, participant=ParticipantFactory(name=name, kind="person"))
        ReportFactory(
            attendance=attendance, status=status, reported_on=day, article=article, quote=quote, review="verified"
        )
    page.goto(f"/events/{event.slug}/")
    assert board_cells(page) == [["✉ Invited", "→ invited", "✉ Invited"], ["", "✗ Declined", "✗ Declined"]]

    log_in(page, staff_curator)
    page.goto("/admin/events/participant/?q=Ahmadi")
    page.check("#action-toggle")  # both rows
    page.select_option("select[name=action]", "merge_participants")
    page.click("button[name=index]")
    assert "1 attendance at an event where Sibghat Ahmadi already is" in page.inner_text("#merge-joined")
    assert page.inner_text("#merge-aliases") == "aliases afterwards: Sibghatullah Ahmadi"
    page.click("input[name=post]")

    assert page.inner_text(".messagelist .success").startswith("Merged Sibghatullah Ahmadi into Sibghat Ahmadi")
    page.goto(f"/events/{event.slug}/")
    assert board_cells(page) == [["✉ Invited", "✗ Declined", "✗ Declined"]]
    assert page.inner_text(".status-board tbody th") == "Sibghat Ahmadi\nPerson"
