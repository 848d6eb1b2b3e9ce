"""POST /api/articles/{id}/extract/: the extraction assistant over HTTP, for curators only."""

import datetime

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from events.models import Article, ParticipantProposal, Report
from events.models.article import BODY_MAX_LENGTH
from events.services import NOT_A_PROPOSER
from tests.factories import ArticleFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

BODY = "The Taliban will attend the Moscow talks, Lavrov said. Pakistan will attend too."


@pytest.fixture
def article():
    ParticipantFactory(slug="taliban", name="Taliban", kind="armed_group")
    ParticipantFactory(slug="sergey-lavrov", name="Sergey Lavrov", kind="person", aliases=["Lavrov"])
    EventFactory(slug="moscow-talks", title="Moscow talks on Afghanistan", start_date=datetime.date(2018, 9, 4))
    return ArticleFactory(body=BODY, published_on=datetime.date(2018, 8, 22))


def url(article):
    return f"/api/articles/{article.pk}/extract/"


def test_curator_gets_the_proposals_and_what_was_created(token_client, article):
    response = token_client.post(url(article))
    assert response.status_code == 200, response.json()
    body = response.json()
    report = Report.objects.get()
    pakistan = ParticipantProposal.objects.get()
    assert body == {
        "article": article.pk,
        "proposals": [
            {
                "event": "moscow-talks",
                "event_is_new": False,
                "participant": "taliban",
                "status": "confirmed",
                "reported_on": "2018-08-22",
                "quote": "The Taliban will attend the Moscow talks, Lavrov said.",
                "speaker": "sergey-lavrov",
                "via": "",
                "cue": "will attend",
                "report": report.pk,
                "created": True,
                "error": "",
            }
        ],
        "new_events": [],
        "candidates": ["Pakistan"],  # the gazetteer knows Pakistan, the database does not; "Moscow" is a place
        # Pakistan is given a status: a party for a curator to confirm; Moscow, a place here, is not.
        "parties": [
            {
                "id": pakistan.pk,
                "name": "Pakistan",
                "kind": pakistan.kind,  # guessed: the reader may know it for a state
                "status": "pending",
                "statements": 1,
            }
        ],
        "created": {"events": [], "attendances": [report.attendance_id], "reports": [report.pk]},
    }
    assert report.review == "draft"


def test_a_second_request_creates_nothing(token_client, article):
    token_client.post(url(article))
    body = token_client.post(url(article)).json()
    assert body["created"] == {"events": [], "attendances": [], "reports": []}
    assert [p["created"] for p in body["proposals"]] == [False]
    assert Report.objects.count() == 1


OSLO = (
    "OSLO — Norway has invited Valdoria's government to peace talks in Oslo later this month, the Norwegian "
    "foreign ministry said on Monday.\n\n"
    "Turkey was also invited and is considering whether to attend, a Turkish diplomat said."
)


@pytest.fixture
def oslo():
    """An article whose own event (the talks in Oslo) the catalog lacks: the first request creates it."""
    ParticipantFactory(slug="turkey", name="Turkey", country="TR")
    return ArticleFactory(body=OSLO, published_on=datetime.date(2025, 4, 14))


def test_a_second_request_gives_the_event_the_first_created_as_existing(token_client, oslo):
    first = token_client.post(url(oslo)).json()
    [event] = first["created"]["events"]
    assert [e["slug"] for e in first["new_events"]] == [event]
    assert {(p["event"], p["event_is_new"]) for p in first["proposals"]} == {(event, True)}
    again = token_client.post(url(oslo)).json()
    assert again["new_events"] == []
    assert {(p["event"], p["event_is_new"], p["created"]) for p in again["proposals"]} == {(event, False, False)}
    assert again["created"] == {"events": [], "attendances": [], "reports": []}


def test_new_events_lists_only_the_events_written(token_client):
    """Turkey is no participant: no report, so the talks in Oslo are not written, nor listed in new_events."""
    answer = token_client.post(url(ArticleFactory(body=OSLO, published_on=datetime.date(2025, 4, 14)))).json()
    assert answer["proposals"] == [] and answer["created"]["events"] == []
    assert answer["new_events"] == []


def test_a_second_request_writes_to_the_first_s_event_when_other_events_were_added_since(token_client, oslo):
    first = token_client.post(url(oslo)).json()
    [event] = first["created"]["events"]
    other = ArticleFactory(
        body="Turkey declined the invitation to the Moscow talks.", published_on=datetime.date(2025, 1, 1)
    )
    assert token_client.post(url(other)).json()["created"]["events"] == ["moscow-talks-2025-01-01"]
    again = token_client.post(url(oslo)).json()
    assert again["new_events"] == []
    assert {(p["event"], p["event_is_new"], p["created"]) for p in again["proposals"]} == {(event, False, False)}
    assert again["created"] == {"events": [], "attendances": [], "reports": []}


def test_anonymous_is_refused(api_client, article):
    response = api_client.post(url(article))
    assert response.status_code == 401
    assert Report.objects.count() == 0


def test_user_without_permissions_is_refused(reader_client, article):
    response = reader_client.post(url(article))
    assert response.status_code == 403
    assert "curators" in response.json()["detail"]
    assert Report.objects.count() == 0


def test_a_writer_who_is_no_curator_is_refused(api_client, django_user_model, article):
    """Add rights without change_report: the answer would name events, draft reports and new parties awaiting
    review, which such a writer may not read (events.models.review)."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("desk")
    for codename in ("add_event", "add_attendance", "add_report", "add_participant", "add_article"):
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="events"))
    api_client.force_authenticate(user)

    response = api_client.post(url(article))

    assert response.status_code == 403
    assert response.json() == {"detail": NOT_A_PROPOSER}
    assert Report.objects.count() == 0 and ParticipantProposal.objects.count() == 0


def test_unknown_article_is_404(token_client, article):
    assert token_client.post(f"/api/articles/{article.pk + 1000}/extract/").status_code == 404


@pytest.mark.parametrize("body", ["", "  \n\n\t "])
def test_article_without_text_is_400_naming_the_body(token_client, body):
    article = ArticleFactory(body=body)
    response = token_client.post(url(article))
    assert response.status_code == 400
    assert response.json() == {"body": ["The article has no text to read."]}


def test_get_is_not_allowed(token_client, article):
    assert token_client.get(url(article)).status_code == 405


def test_schema_documents_the_endpoint():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/articles/{id}/extract/"]["post"]
    assert "requestBody" not in operation
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Extraction"
    }


def test_schema_has_no_warnings(tmp_path):
    """``spectacular --fail-on-warn`` fails on any warning, this endpoint's included."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))


def test_a_text_longer_than_an_article_may_hold_is_a_400_naming_the_body(token_client, article):
    """A body past the limit (stored by a raw write, bypassing validation) is refused, not read."""
    Article.objects.filter(pk=article.pk).update(body=BODY + " x" * (BODY_MAX_LENGTH // 2))
    response = token_client.post(url(article))
    assert response.status_code == 400
    assert list(response.json()) == ["body"]
    assert "500,000 characters" in response.json()["body"][0]
    assert not Report.objects.exists()


def test_a_run_out_of_time_is_a_400_naming_the_body_and_writes_nothing(token_client, article, settings):
    """Past ``EXTRACTION_SECONDS`` the request ends (inside gunicorn's timeout) with nothing half-written."""
    settings.EXTRACTION_SECONDS = 0
    response = token_client.post(url(article))
    assert response.status_code == 400
    assert list(response.json()) == ["body"]
    assert "within 0 seconds" in response.json()["body"][0]
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("body", "named"), [({"dry_run": True, "bogus": 1}, {"dry_run", "bogus"}), (["dry_run"], {"detail"})]
)
def test_a_body_is_refused_naming_its_fields_and_nothing_is_proposed(token_client, article, body, named):
    response = token_client.post(url(article), body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == named
    assert "takes no body" in str(response.json())
    if named != {"detail"}:  # a field's messages are a list, as in every other 400 (tester 33, J12)
        assert response.json()["dry_run"] == ["Unknown field: this request takes no body."]
    assert not Report.objects.exists() and not ParticipantProposal.objects.exists()


def test_a_speaker_who_is_no_participant_is_answered_as_none_as_the_draft_stores_it(token_client, article):
    article.body = "The Taliban will attend the Moscow talks, Zabihullah Mujahid said."
    article.save()
    response = token_client.post(url(article))
    assert response.status_code == 200, response.json()
    [proposal] = [p for p in response.json()["proposals"] if p["participant"] == "taliban"]
    stored = Report.objects.get(pk=proposal["report"])
    assert proposal["speaker"] is None and stored.speaker is None


@pytest.mark.parametrize("first", ["declined", "invited"])
def test_a_stated_status_and_the_one_it_implies_verified_leave_the_stated_one(token_client, first):
    """Tester 35, L2: "declined the invitation" gives two drafts, invited and declined, on one day; verified both
    (in either order), the attendance read invited: the implied one was entered last, which wins a tie."""
    ParticipantFactory(slug="beta", name="Beta")
    EventFactory(slug="talks-x", title="Talks X", start_date=datetime.date(2020, 4, 1))
    article = ArticleFactory(
        body="Beta declined the invitation to the Talks X, its foreign ministry said.",
        published_on=datetime.date(2020, 3, 15),
    )

    proposed = token_client.post(url(article)).json()["proposals"]

    assert [p["status"] for p in proposed] == ["invited", "declined"]
    reports = sorted(proposed, key=lambda p: p["status"] != first)
    for proposal in reports:
        answer = token_client.patch(f"/api/reports/{proposal['report']}/", {"review": "verified"}, format="json")
        assert answer.status_code == 200, answer.content
    [attendance] = token_client.get("/api/attendances/", {"event": "talks-x"}).json()["results"]
    assert attendance["status"] == "declined"


def test_it_takes_format_json_as_every_write_does(token_client, article):
    """Tester 37, N4: ``?format=json`` was "Unknown query parameter. Valid parameters here: none." while
    ``?format=csv`` said "Valid formats: json"."""
    assert token_client.post(url(article) + "?format=json").status_code == 200
    answer = token_client.post(url(article) + "?format=csv")
    assert (answer.status_code, list(answer.json())) == (400, ["format"])
    answer = token_client.post(url(article) + "?dry_run=1")
    assert answer.json() == {"dry_run": ["Unknown query parameter. Valid parameters here: format."]}
