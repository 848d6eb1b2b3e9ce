"""An article's admin page: read the text, add its reports inline, and the statuses follow at once."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape

from events.models import Article, Attendance, Report
from tests.admin.conftest import admin_url, article_form_data
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Afghanistan will not attend the talks in Moscow, the ministry said. "
    "“We will not participate in the Moscow talks,” Sibghat Ahmadi told TOLOnews. "
    "The Taliban confirmed they would send a delegation."
)
DECLINE = "“We will not participate in the Moscow talks,”"
CONFIRM = "The Taliban confirmed they would send a delegation."


@pytest.fixture
def article():
    return ArticleFactory(body=BODY, published_on=datetime.date(2018, 8, 22))


def test_article_page_shows_the_text_and_its_reports_inline(admin_client, article):
    """The page holds the body to read and one inline row per report, with event and participant chosen."""
    reports = {ReportFactory(article=article, quote=DECLINE), ReportFactory(article=article, quote=CONFIRM)}
    ReportFactory()  # another article's report
    response = admin_client.get(admin_url(Article, "change", article.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert escape(BODY) in content
    (inline,) = response.context["inline_admin_formsets"]
    assert {form.instance for form in inline.formset.initial_forms} == reports
    for report in reports:
        for record in (report.attendance.event, report.attendance.participant):
            assert f'<option value="{record.pk}" selected>{escape(str(record))}</option>' in content
    # The event and participant inputs are autocompletes served by the admin's search.
    assert 'data-model-name="attendance" data-field-name="event"' in content
    assert 'data-model-name="attendance" data-field-name="participant"' in content


def test_new_rows_default_to_the_articles_date(admin_client, article):
    """A blank report row starts on the article's publication date."""
    response = admin_client.get(admin_url(Article, "change", article.pk))
    (inline,) = response.context["inline_admin_formsets"]
    assert inline.formset.extra_forms[0]["reported_on"].value() == article.published_on
    assert inline.formset.empty_form["reported_on"].value() == article.published_on


def test_adding_reports_inline_creates_attendances_and_sets_statuses(admin_client, article):
    """Two reports added on the article page create the missing attendances, whose statuses follow them."""
    host = ParticipantFactory()
    event = EventFactory(host=host)
    afghanistan, taliban = ParticipantFactory(), ParticipantFactory()
    existing = AttendanceFactory(event=event, participant=taliban, notes="kept")
    data = article_form_data(
        article,
        new=[
            {
                "event": event.pk,
                "participant": afghanistan.pk,
                "status": "declined",
                "reported_on": "2018-08-22",
                "quote": DECLINE,
                "speaker": host.pk,
                "via": "TOLOnews",
            },
            {
                "event": event.pk,
                "participant": taliban.pk,
                "status": "confirmed",
                "reported_on": "2018-08-21",
                "quote": CONFIRM,
            },
            {
                "event": event.pk,
                "participant": host.pk,
                "status": "confirmed",
                "reported_on": "2018-08-20",
                "quote": CONFIRM,
                "review": "verified",
            },
        ],
    )
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    declined = Attendance.objects.get(event=event, participant=afghanistan)
    assert (declined.role, declined.status, declined.status_date) == (
        "participant",
        "declined",
        datetime.date(2018, 8, 22),
    )
    existing.refresh_from_db()
    assert (existing.notes, existing.status, existing.status_date) == ("kept", "confirmed", datetime.date(2018, 8, 21))
    # The host's attendance is made with role host, as the API makes it.
    assert Attendance.objects.get(event=event, participant=host).role == "host"
    report = Report.objects.get(attendance=declined)
    assert (report.article, report.quote, report.speaker, report.via) == (article, DECLINE, host, "TOLOnews")
    assert Attendance.objects.count() == 3


def test_reports_added_with_a_new_article_are_checked_against_its_text(admin_client):
    """On the add page, the quotes are checked against the text typed above them."""
    attendance = AttendanceFactory()
    draft = ArticleFactory.build(body=BODY, url="https://example.org/moscow")
    row = {
        "event": attendance.event_id,
        "participant": attendance.participant_id,
        "status": "declined",
        "reported_on": "2018-08-22",
    }
    refused = article_form_data(draft, new=[{**row, "quote": "We will never participate."}])
    response = admin_client.post(admin_url(Article, "add"), refused)
    assert response.status_code == 200
    assert not Article.objects.exists()

    accepted = article_form_data(draft, new=[{**row, "quote": DECLINE}])
    response = admin_client.post(admin_url(Article, "add"), accepted)
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.article.url, report.attendance) == ("https://example.org/moscow", attendance)
    attendance.refresh_from_db()
    assert attendance.status == "declined"


def test_a_quote_not_in_the_text_is_refused_showing_where_it_differs(admin_client, article):
    """A quote that leaves the text is refused on its row, saying what matched and where it differs."""
    attendance = AttendanceFactory()
    data = article_form_data(
        article,
        new=[
            {
                "event": attendance.event_id,
                "participant": attendance.participant_id,
                "status": "declined",
                "reported_on": "2018-08-22",
                "quote": "We will not participate in the Kabul talks",
            }
        ],
    )
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    (message,) = inline.formset.errors[0]["quote"]
    assert message == (
        "The quote does not occur in the article's text: the text has its start, up to “We will not participate in "
        "the ”, but not followed by “Kabul talks” (from 'K', U+004B LATIN CAPITAL LETTER K)."
    )
    assert escape(message) in response.content.decode()
    assert not Report.objects.exists()
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("invited", None)


def test_changing_a_report_inline_updates_the_status(admin_client, article):
    """A report's status changed on the article page is the attendance's status at once."""
    report = ReportFactory(article=article, quote=DECLINE, status="declined")
    article.published_on = datetime.date(2018, 8, 23)  # the page saves it with the report, which it may report
    data = article_form_data(article, reports=[(report, {"status": "confirmed", "reported_on": "2018-08-23"})])
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 302
    report.attendance.refresh_from_db()
    assert (report.attendance.status, report.attendance.status_date) == ("confirmed", datetime.date(2018, 8, 23))


def test_moving_a_report_to_another_participant_refreshes_both(admin_client, article):
    """Choosing another participant on a row moves the report; both attendances follow their reports."""
    first = ReportFactory(article=article, quote=DECLINE, status="declined")
    attendance = first.attendance
    ReportFactory(
        attendance=attendance,
        article=article,
        quote=CONFIRM,
        status="confirmed",
        reported_on=datetime.date(2018, 8, 20),
    )
    other = ParticipantFactory()
    data = article_form_data(
        article,
        reports=[(first, {"participant": other.pk}), (attendance.reports.get(status="confirmed"), {})],
    )
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert attendance.status == "confirmed"
    moved = Attendance.objects.get(event=attendance.event, participant=other)
    assert (moved.status, list(moved.reports.all())) == ("declined", [first])


def test_deleting_a_report_inline_brings_back_the_curated_status(admin_client, article):
    """With its only report deleted on the article page, the attendance is back to what the curator set."""
    attendance = AttendanceFactory(status="considering")
    report = ReportFactory(attendance=attendance, article=article, quote=DECLINE, status="declined")
    attendance.refresh_from_db()
    assert attendance.status == "declined"
    data = article_form_data(article, reports=[(report, {"DELETE": "on"})])
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 302
    assert not Report.objects.exists()
    attendance.refresh_from_db()
    assert (attendance.status, attendance.status_date) == ("considering", None)


def test_a_user_who_may_not_add_attendances_uses_existing_ones(staff_client, article):
    """Without the permission to add attendances, a row for a new attendance is refused, one for an old taken."""
    client = staff_client("events.change_article", "events.view_article", "events.add_report", "events.change_report")
    attendance = AttendanceFactory()
    stranger = ParticipantFactory()
    row = {"event": attendance.event_id, "status": "declined", "reported_on": "2018-08-22", "quote": DECLINE}
    response = client.post(
        admin_url(Article, "change", article.pk), article_form_data(article, new=[{**row, "participant": stranger.pk}])
    )
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert "you may not add one" in inline.formset.errors[0]["__all__"][0]
    assert not Attendance.objects.filter(participant=stranger).exists()

    response = client.post(
        admin_url(Article, "change", article.pk),
        article_form_data(article, new=[{**row, "participant": attendance.participant_id}]),
    )
    assert response.status_code == 302
    assert Report.objects.get().attendance == attendance


@pytest.mark.parametrize("reports", [2, 8])
def test_article_page_queries_do_not_grow_with_reports(admin_client, django_assert_num_queries, article, reports):
    """The article page costs as many queries for 8 reports (each its own event, participant, speaker) as for 2."""
    for day in range(reports):
        ReportFactory(
            article=article,
            quote=DECLINE,
            speaker=ParticipantFactory(),
            attendance=AttendanceFactory(participant=ParticipantFactory(affiliation=ParticipantFactory())),
            reported_on=datetime.date(2018, 8, 1) + datetime.timedelta(days=day),
        )
    ContentType.objects.clear_cache()
    # Session, user, article, content type (for the history link), reports with their records, proposed parties.
    with django_assert_num_queries(6):
        response = admin_client.get(admin_url(Article, "change", article.pk))
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert len(inline.formset.initial_forms) == reports
    content = response.content.decode()
    for report in article.reports.select_related("speaker", "attendance__event", "attendance__participant"):
        for record in (report.speaker, report.attendance.event, report.attendance.participant):
            assert f'<option value="{record.pk}" selected>{escape(str(record))}</option>' in content


@pytest.mark.parametrize("new_article", [True, False], ids=["add-page", "change-page"])
def test_a_blank_report_row_as_the_browser_sends_it_is_ignored(admin_client, new_article):
    """The page's blank row, posted untouched (with its date as it was shown), saves nothing and blocks nothing.

    On the add page the row is shown without a date, though the article then has one.
    """
    article = ArticleFactory.build(body=BODY) if new_article else ArticleFactory(body=BODY)
    shown_date = "" if new_article else article.published_on.isoformat()
    data = article_form_data(
        article,
        new=[
            {
                "event": "",
                "participant": "",
                "status": "",
                "reported_on": shown_date,
                "quote": "",
                "review": "verified",
            }
        ],
        **{"reports-0-speaker": "", "reports-0-via": "", "initial-reports-0-reported_on": shown_date},
    )
    url = admin_url(Article, "add") if new_article else admin_url(Article, "change", article.pk)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Article.objects.count() == 1
    assert not Report.objects.exists()


def test_a_sentence_and_the_quote_taken_from_it_change_together(admin_client, article):
    """Tester 33, J10: the article's text was checked against the stored quotes, not the rows posted with it, so
    a correction of both took three saves."""
    report = ReportFactory(article=article, quote=CONFIRM, status="confirmed")
    fixed = "The Taliban confirmed that they would send a delegation."
    data = article_form_data(article, body=BODY.replace(CONFIRM, fixed), reports=[(report, {"quote": fixed})])

    response = admin_client.post(admin_url(Article, "change", article.pk), data)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.quote == fixed


def test_a_date_and_the_reports_stated_on_it_change_together(admin_client, article):
    report = ReportFactory(article=article, quote=CONFIRM, reported_on=datetime.date(2018, 8, 22))
    data = article_form_data(article, published_on="2018-08-20", reports=[(report, {"reported_on": "2018-08-20"})])

    response = admin_client.post(admin_url(Article, "change", article.pk), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published_on == datetime.date(2018, 8, 20)


def test_a_quote_the_rows_keep_is_still_looked_for_in_the_new_text(admin_client, article):
    report = ReportFactory(article=article, quote=CONFIRM, status="confirmed")
    data = article_form_data(article, body=BODY.replace(CONFIRM, "Nothing."), reports=[(report, {})])

    response = admin_client.post(admin_url(Article, "change", article.pk), data)

    assert response.status_code == 200
    assert "The text no longer contains the quote of report" in str(response.context["adminform"].form.errors)


def test_a_report_deleted_with_its_sentence_is_no_quote_to_keep(admin_client, article):
    report = ReportFactory(article=article, quote=CONFIRM, status="confirmed")
    data = article_form_data(article, body=BODY.replace(CONFIRM, ""), reports=[(report, {"DELETE": "on"})])

    response = admin_client.post(admin_url(Article, "change", article.pk), data)

    assert response.status_code == 302
    assert not Report.objects.filter(pk=report.pk).exists()


@pytest.mark.parametrize(
    ("url", "character", "encoded"),
    [
        ("https://a.example/é", "é", "%C3%A9"),
        ('https://a.example/"x"', '"', "%22"),
        ("https://a.example/a b", " ", "%20"),
    ],
    ids=["letter-beyond-ascii", "quote", "space"],
)
def test_a_url_that_is_no_uri_is_told_the_character_as_the_api_tells_it(
    admin_client, token_client, url, character, encoded
):
    """Tester 45, D3: the admin said only "Enter a valid URL.", its form's message for the code ``invalid`` put in
    place of the model's, which names the character (rules.md: the API, the admin and the importer agree)."""
    told = (
        f"Enter a valid URL: “{character}” is no character of a URI (RFC 3986); write it percent-encoded ({encoded})."
    )
    draft = ArticleFactory.build(url=url, body=BODY, published_on=datetime.date(2018, 8, 22))
    api = token_client.post(
        "/api/articles/",
        {"url": url, "title": draft.title, "publisher": draft.publisher, "published_on": "2018-08-22", "body": BODY},
        format="json",
    )

    added = admin_client.post(admin_url(Article, "add"), article_form_data(draft))
    stored = ArticleFactory(body=BODY, published_on=datetime.date(2018, 8, 22))
    changed = admin_client.post(admin_url(Article, "change", stored.pk), article_form_data(stored, url=url))

    assert (api.status_code, list(api.json())) == (400, ["url"])
    assert told in api.json()["url"]
    for answer in (added, changed):
        assert answer.status_code == 200
        errors = answer.context["adminform"].form.errors
        assert (list(errors), sorted(errors["url"])) == (["url"], sorted(api.json()["url"]))  # a space: Django's too
    assert list(Article.objects.values_list("url", flat=True)) == [stored.url]
