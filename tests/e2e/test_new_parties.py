"""A new article to verified records in a real browser, a party the catalog lacks included, on the article's page."""

import pytest

from events.models import Article, Participant, ParticipantProposal, Report
from tests.e2e.steps import choose, log_in, save
from tests.factories import EventFactory, ParticipantFactory

# Slow: Chromium against a live server, a few seconds a test (`make test-fast` leaves it out).
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BODY = (
    "Russia has invited twelve countries to the Moscow talks on September 4, the foreign ministry said.\n\n"
    "The Revolutionary Awakening Movement said it would not attend the Moscow talks. "
    "The Taliban will attend the talks."
)
DECLINED = "The Revolutionary Awakening Movement said it would not attend the Moscow talks."


def add_article(page):
    page.goto("/admin/events/article/add/")
    page.fill("#id_title", "Awakening Movement to skip Moscow talks")
    page.fill("#id_publisher", "Kabul Daily")
    page.fill("#id_published_on", "2018-08-22")
    page.fill("#id_body", BODY)
    save(page, "_continue")
    return Article.objects.get(title="Awakening Movement to skip Moscow talks")


def success(page):
    page.locator(".messagelist .success").first.wait_for()
    return page.locator(".messagelist .success").all_inner_texts()


def test_curator_confirms_a_new_party_and_verifies_its_report(page, staff_curator, screenshots):
    russia = ParticipantFactory(slug="russia", name="Russia", aliases=["Moscow"])
    ParticipantFactory(slug="taliban", name="Taliban", kind="armed_group")
    EventFactory(slug="moscow-talks", title="Moscow talks on Afghanistan", start_date="2018-09-04", host=russia)

    log_in(page, staff_curator)
    article = add_article(page)
    page.click("#extraction input[name=propose]")
    (message,) = success(page)
    assert "New parties to review on the article's page: Revolutionary Awakening Movement." in message

    proposal = ParticipantProposal.objects.get(article=article)
    row = page.locator(f"#party-{proposal.pk}")
    assert "Revolutionary Awakening Movement" in row.locator("th").inner_text()
    assert f"declined, Moscow talks on Afghanistan: “{DECLINED}”" in row.inner_text()
    page.locator("#extraction").screenshot(path=screenshots / "admin-proposed-parties.png")
    row.locator(f"#id_party-{proposal.pk}-kind").select_option("armed_group")
    row.locator("input[name=confirm]").click()
    (message,) = success(page)
    assert message.startswith(
        "Confirmed “Revolutionary Awakening Movement” as a new participant Revolutionary Awakening Movement: "
        "1 new draft"
    )
    assert page.locator("#proposed-parties").count() == 0

    # Its draft report is a row of the article's reports, verified there like any other.
    report = Report.objects.get(attendance__participant__name="Revolutionary Awakening Movement")
    prefix = next(
        f"reports-{number}"
        for number in range(article.reports.count())
        if page.input_value(f"#id_reports-{number}-id") == str(report.pk)
    )
    assert page.input_value(f"#id_{prefix}-review") == "draft"
    assert page.input_value(f"#id_{prefix}-quote") == DECLINED
    page.select_option(f"#id_{prefix}-review", "verified")
    save(page, "_continue")
    assert len(success(page)) == 1

    # The API tells the world: the new participant, and its verified report.
    participant = page.request.get("/api/participants/revolutionary-awakening-movement/").json()
    assert (participant["name"], participant["kind"]) == ("Revolutionary Awakening Movement", "armed_group")
    reports = page.request.get("/api/reports/?participant=revolutionary-awakening-movement&review=verified").json()
    assert [(r["event"], r["status"], r["quote"], r["review"]) for r in reports["results"]] == [
        ("moscow-talks", "declined", DECLINED, "verified")
    ]
    attendance = page.request.get(f"/api/attendances/{report.attendance_id}/").json()
    assert attendance["status"] == "declined"  # a verified report sets the current status
    assert Participant.objects.filter(name="Revolutionary Awakening Movement").count() == 1


def test_curator_merges_a_new_party_into_a_participant_found_by_autocomplete(page, staff_curator):
    russia = ParticipantFactory(slug="russia", name="Russia", aliases=["Moscow"])
    front = ParticipantFactory(slug="sahwa-councils", name="Sahwa Councils", kind="armed_group")
    EventFactory(slug="moscow-talks", title="Moscow talks on Afghanistan", start_date="2018-09-04", host=russia)

    log_in(page, staff_curator)
    article = add_article(page)
    page.click("#extraction input[name=propose]")
    success(page)
    proposal = ParticipantProposal.objects.get(article=article, name="Revolutionary Awakening Movement")
    choose(page, f"id_party-{proposal.pk}-into", "Sahwa Councils")
    page.locator(f"#party-{proposal.pk} input[name=merge]").click()
    (message,) = success(page)
    assert message.startswith("Merged “Revolutionary Awakening Movement” into Sahwa Councils: 1 new draft report")
    front.refresh_from_db()
    assert front.aliases == ["Revolutionary Awakening Movement"]
    assert Report.objects.get(attendance__participant=front).quote == DECLINED


def test_curator_sees_and_edits_the_aliases_a_confirmed_party_is_created_with(page, staff_curator):
    """Tester 44, D3: the confirm form showed name and kind only, and the party got aliases no one saw."""
    russia = ParticipantFactory(slug="russia", name="Russia", aliases=["Moscow"])
    EventFactory(slug="moscow-talks", title="Moscow talks on Afghanistan", start_date="2018-09-04", host=russia)

    log_in(page, staff_curator)
    page.goto("/admin/events/article/add/")
    page.fill("#id_title", "Oman to skip Moscow talks")
    page.fill("#id_publisher", "Muscat Daily")
    page.fill("#id_published_on", "2018-08-22")
    page.fill("#id_body", "Oman said it would not attend the Moscow talks, Omani officials said.")
    save(page, "_continue")
    page.click("#extraction input[name=propose]")
    success(page)

    proposal = ParticipantProposal.objects.get(name="Oman")
    aliases = page.locator(f"#id_party-{proposal.pk}-aliases")
    assert aliases.input_value() == "Sultanate of Oman"  # its names; not "Omani officials", "Omani side"
    aliases.fill("Sultanate of Oman\nSaltanat Uman")
    page.locator(f"#party-{proposal.pk} input[name=confirm]").click()
    (message,) = success(page)
    assert message.startswith("Confirmed “Oman” as a new participant Oman: 1 new draft report")
    participant = page.request.get("/api/participants/oman/").json()
    assert participant["aliases"] == ["Sultanate of Oman", "Saltanat Uman"]
