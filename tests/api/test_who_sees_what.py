"""Contract v2's who sees what: drafts, rejected reports, usernames and history are for curators only.

Every GET operation of the schema is walked, in every format it documents, as an anonymous
reader and as a signed-in reader without permission; a curator sees what they may not.
"""

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser, User
from rest_framework.request import Request
from rest_framework.test import APIClient

from events.api import pagination
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db

USERNAME = "secret-reviewer"


@pytest.fixture
def hidden():
    """One attendance with a verified report (reviewed by a named user), a draft and a rejected report.

    The draft alone cites its article, so that article is no evidence a reader may see.
    """
    reviewer = User.objects.create_user(USERNAME)
    event = EventFactory(slug="moscow-talks")
    attendance = AttendanceFactory(event=event, participant=ParticipantFactory(slug="taliban"))
    verified = ReportFactory(attendance=attendance, review="verified", reviewed_by=reviewer)
    draft = ReportFactory(attendance=attendance, review="draft", article=ArticleFactory(title="Draft-only article"))
    rejected = ReportFactory(attendance=attendance, review="rejected", reviewed_by=reviewer)
    return {"event": event, "attendance": attendance, "verified": verified, "draft": draft, "rejected": rejected}


def get_operations():
    schema = json.loads(APIClient().get("/api/schema/", {"format": "json"}).content)
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None or path in {"/api/schema/"}:
            continue
        formats = [None]
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "format":
                formats = (
                    parameter["schema"]["enum"] if parameter.get("required") else [None, *parameter["schema"]["enum"]]
                )
        yield path, formats


def urls(hidden):
    """Every GET address of the API with its keys filled in, each record's detail also at a hidden report."""
    draft = hidden["draft"]
    keys = {
        "events": [hidden["event"].slug],
        "participants": ["taliban"],
        "attendances": [hidden["attendance"].pk],
        "reports": [hidden["verified"].pk, draft.pk, hidden["rejected"].pk],
        "articles": [draft.article_id],
    }
    for path, formats in get_operations():
        resource = path.split("/")[2]
        for key in keys.get(resource, [None]) if "{" in path else [None]:
            url = path.replace("{slug}", str(key)).replace("{id}", str(key))
            for format in formats:
                yield url, format


@pytest.fixture
def reader(django_user_model):
    user = django_user_model.objects.create_user("reader", password="reader-password")
    client = APIClient()
    client.force_authenticate(user)
    return client


def secrets(hidden):
    return [str(hidden["draft"].uid), str(hidden["rejected"].uid), USERNAME]


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_no_draft_rejected_report_or_username_through_any_endpoint_or_format(request, hidden, who):
    """Walk every GET endpoint in every format: none shows a draft, a rejected report or a username."""
    client = APIClient() if who == "anonymous" else request.getfixturevalue("reader")
    walked = 0
    for url, format in urls(hidden):
        for query in [{}, {"review": "draft"}, {"review": "rejected"}]:
            params = {**({"format": format} if format else {}), **query}
            response = client.get(url, params)
            if query and response.status_code == 400:
                continue  # an endpoint without the review filter
            pagination.KEPT_COUNTS.clear()
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if response.get("Content-Type") == "application/zip":  # the data package: every file in it
                with zipfile.ZipFile(io.BytesIO(body)) as archive:
                    body = b"".join(archive.read(name) for name in archive.namelist())
            text = body.decode()
            for secret in secrets(hidden):
                assert secret not in text, (url, params, response.status_code)
            # Articles are public records: their list (and the data package's articles.csv) shows them all.
            listed = url.startswith("/api/articles/") or url == "/api/datapackage/"
            assert "Draft-only article" not in text or listed, (url, params)
            walked += 1
    assert walked > 40


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_hidden_reports_and_history_are_404(request, hidden, who):
    """A draft's or rejected report's detail, and every history, are 404 for a reader who is no curator."""
    client = APIClient() if who == "anonymous" else request.getfixturevalue("reader")
    event = hidden["event"]
    deleted = EventFactory(slug="deleted")
    deleted.delete()

    for report in ("draft", "rejected"):
        assert client.get(f"/api/reports/{hidden[report].pk}/").status_code == 404
    assert client.get(f"/api/reports/{hidden['verified'].pk}/").status_code == 200
    for url in [
        f"/api/events/{event.slug}/history/",
        f"/api/reports/{hidden['verified'].pk}/history/",
        f"/api/reports/{hidden['draft'].pk}/history/",
        "/api/events/deleted/history/",
    ]:
        assert client.get(url).status_code == 404, url


def test_a_reader_sees_verified_reports_with_no_username(api_client, hidden):
    """The verified report is there, everywhere a report is; its ``reviewed_by`` reads null."""
    verified = hidden["verified"]

    listed = api_client.get("/api/reports/").json()["results"]
    nested = api_client.get(f"/api/attendances/{hidden['attendance'].pk}/").json()["reports"]
    timeline = api_client.get("/api/events/moscow-talks/timeline/").json()["results"]
    articles = api_client.get("/api/events/moscow-talks/").json()["articles"]

    assert [row["id"] for row in listed] == [verified.pk]
    assert listed[0]["reviewed_by"] is None
    assert [row["id"] for row in nested] == [verified.pk]
    assert [row["id"] for row in timeline] == [verified.pk]
    assert [row["id"] for row in articles] == [verified.article_id]


def test_a_curator_sees_drafts_rejected_reports_usernames_and_history(token_client, hidden):
    """The hit: the same addresses show a curator everything."""
    listed = token_client.get("/api/reports/").json()["results"]
    nested = token_client.get(f"/api/attendances/{hidden['attendance'].pk}/").json()["reports"]
    timeline = token_client.get("/api/events/moscow-talks/timeline/").json()["results"]
    articles = token_client.get("/api/events/moscow-talks/").json()["articles"]
    csv = b"".join(token_client.get("/api/reports/export/", {"format": "csv"}).streaming_content).decode()

    assert len(listed) == len(nested) == len(timeline) == 3
    assert {row["reviewed_by"] for row in listed} == {USERNAME, None}
    assert hidden["draft"].article_id in [row["id"] for row in articles]
    assert USERNAME in csv and str(hidden["draft"].uid) in csv
    assert token_client.get(f"/api/reports/{hidden['draft'].pk}/").status_code == 200
    assert token_client.get("/api/events/moscow-talks/history/").status_code == 200


def test_kept_reads_are_not_shared_between_a_curator_and_a_reader(api_client, token_client, hidden):
    """A page compiled, a count kept or a detail compiled for one audience is never answered to the other."""
    for _ in range(2):  # the second round reads what the first compiled and kept
        assert token_client.get("/api/reports/").json()["count"] == 3
        assert api_client.get("/api/reports/").json()["count"] == 1
        assert token_client.get(f"/api/reports/{hidden['draft'].pk}/").status_code == 200
        assert api_client.get(f"/api/reports/{hidden['draft'].pk}/").status_code == 404
    for _ in range(2):  # and the other way round, with the counts kept (as for a long list)
        pagination.KEPT_COUNTS.clear()
        assert api_client.get(f"/api/reports/{hidden['rejected'].pk}/").status_code == 404
        assert token_client.get(f"/api/reports/{hidden['rejected'].pk}/").status_code == 200


def test_the_count_key_names_the_audience(rf, hidden, curator):
    """Two readers of the same address and parameters keep their counts apart."""
    anonymous, signed_in = Request(rf.get("/api/reports/")), Request(rf.get("/api/reports/"))
    anonymous.user, signed_in.user = AnonymousUser(), curator

    queryset = hidden["event"].attendances.all()
    assert pagination.count_key(queryset, anonymous) != pagination.count_key(queryset, signed_in)
