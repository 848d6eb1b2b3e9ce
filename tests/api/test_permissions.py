"""Who may write: every write on every resource, by anonymous users, readers without permission and curators."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.factories import (
    MODELS,
    RESOURCES,
    ArticleFactory,
    AttendanceFactory,
    EventFactory,
    ParticipantFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

CHANGED = "Changed by the write"


@dataclass(frozen=True)
class Bodies:
    """The bodies that write a resource's records."""

    another: Callable  # builds, unsaved, a record the POST creates beside the stored one
    body: Callable  # a record's required writable fields, as the API reads them


# Each resource of tests.factories.RESOURCES: its bodies. A PUT or PATCH sets the fields of the
# resource's ``change`` to ``CHANGED``.
BODIES = {
    "events": Bodies(
        another=lambda event: EventFactory.build(),
        body=lambda event: {
            "slug": event.slug,
            "title": event.title,
            "kind": event.kind,
            "start_date": event.start_date.isoformat(),
        },
    ),
    "participants": Bodies(
        another=lambda participant: ParticipantFactory.build(),
        body=lambda participant: {"slug": participant.slug, "name": participant.name, "kind": participant.kind},
    ),
    "attendances": Bodies(
        another=lambda attendance: AttendanceFactory.build(event=attendance.event, participant=ParticipantFactory()),
        body=lambda attendance: {"event": attendance.event.slug, "participant": attendance.participant.slug},
    ),
    "reports": Bodies(
        # Another status: the same status, article and quote would repeat the stored report.
        another=lambda report: ReportFactory.build(
            attendance=report.attendance,
            article=report.article,
            status="confirmed",
            reported_on=datetime.date(2018, 8, 21),
        ),
        body=lambda report: {
            "attendance": report.attendance.pk,
            "status": report.status,
            "reported_on": report.reported_on.isoformat(),
            "article": report.article.pk,
            "quote": report.quote,
        },
    ),
    "articles": Bodies(
        another=lambda article: ArticleFactory.build(),
        body=lambda article: {
            "title": article.title,
            "publisher": article.publisher,
            "published_on": article.published_on.isoformat(),
        },
    ),
}


def marked(resource):
    """What a PUT or PATCH of ``resource`` sets: its change's fields, each to ``CHANGED``."""
    return dict.fromkeys(resource.change, CHANGED)


# method: (the success status, how many records it adds)
WRITES = {"post": (201, 1), "put": (200, 0), "patch": (200, 0), "delete": (204, -1)}


def prepare(resource, method, record):
    """The address and a valid body of ``method``: a POST creates another record, the others write ``record``."""
    bodies = BODIES[resource.name]
    if method == "post":
        return resource.path, bodies.body(bodies.another(record))
    if method == "put":
        return resource.detail(record), {**bodies.body(record), **marked(resource)}
    if method == "patch":
        return resource.detail(record), marked(resource)
    return resource.detail(record), None


def everything_stored():
    """Every row of every model, fields and all."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


@pytest.fixture
def browser_session(session_client):
    """The curator's session client holding the CSRF cookie a page of the site set, but sending no token."""
    assert session_client.get("/api-auth/login/").status_code == 200
    return session_client


@pytest.fixture
def csrf_session(browser_session):
    """The curator's session client sending its CSRF cookie's token back in ``X-CSRFToken``, as a browser form does."""
    browser_session.credentials(HTTP_X_CSRFTOKEN=browser_session.cookies["csrftoken"].value)
    return browser_session


@pytest.mark.parametrize(
    ("client", "status", "detail", "challenge"),
    [
        pytest.param("api_client", 401, "Authentication credentials were not provided.", "Token", id="anonymous"),
        pytest.param("reader_client", 403, "You do not have permission to perform this action.", None, id="reader"),
        pytest.param("browser_session", 403, "CSRF Failed: CSRF token missing.", None, id="session-without-csrf"),
    ],
)
@pytest.mark.parametrize("method", WRITES)
@pytest.mark.parametrize("resource", RESOURCES)
def test_refused_write_changes_nothing(request, resource, method, client, status, detail, challenge):
    """Anonymous writes are 401s, a reader's or a session's without its CSRF token 403s, and nothing changes."""
    spec = RESOURCES[resource]
    url, body = prepare(spec, method, spec.factory())
    before = everything_stored()

    response = getattr(request.getfixturevalue(client), method)(url, body)

    assert response.status_code == status
    assert response.json() == {"detail": detail}
    assert response.get("WWW-Authenticate") == challenge
    assert everything_stored() == before


@pytest.mark.parametrize("client", ["token_client", "csrf_session"], ids=["token", "session"])
@pytest.mark.parametrize("method", WRITES)
@pytest.mark.parametrize("resource", RESOURCES)
def test_curator_writes(request, resource, method, client):
    """A curator, by token or by a session that sends its CSRF token, creates, replaces, updates and deletes."""
    spec = RESOURCES[resource]
    record = spec.factory()
    url, body = prepare(spec, method, record)
    count = spec.model.objects.count()
    status, added = WRITES[method]

    response = getattr(request.getfixturevalue(client), method)(url, body)

    assert response.status_code == status, response.content
    assert spec.model.objects.count() == count + added
    assert spec.model.objects.filter(pk=record.pk).exists() is (method != "delete")
    assert spec.model.objects.filter(pk=record.pk, **marked(spec)).exists() is (method in {"put", "patch"})


@pytest.mark.parametrize("resource", RESOURCES)
def test_reader_without_permission_reads(reader_client, resource):
    """Reading needs no permission: a reader gets the list and a detail."""
    spec = RESOURCES[resource]
    record = spec.factory()

    assert reader_client.get(spec.path).status_code == 200
    assert reader_client.get(spec.detail(record)).status_code == 200
