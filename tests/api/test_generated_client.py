"""A Python client generated from `/api/schema/` with openapi-python-client works against a live server.

The schema is what such generators read: the client is generated with no warning, then filters events, pages
through reports and creates a report with a token, each answer parsed into the generated models.
"""

import datetime
import importlib
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from rest_framework.authtoken.models import Token

from events.models import Report
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

# A live server reads what the test writes: committed rows, and the curators group kept across the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PACKAGE = "eventsapi_client"
CONFIG = f"""\
package_name_override: {PACKAGE}
project_name_override: eventsapi-client
post_hooks: []
content_type_overrides:
  application/zip: application/octet-stream
"""


@pytest.fixture
def client_package(live_server, tmp_path):
    """The client generated from the live server's schema, imported; forgotten again afterwards."""
    schema = tmp_path / "schema.json"
    schema.write_bytes(httpx.get(f"{live_server.url}/api/schema/?format=json").raise_for_status().content)
    (tmp_path / "config.yaml").write_text(CONFIG)
    generator = Path(sys.executable).with_name("openapi-python-client")
    options = ["--config", tmp_path / "config.yaml", "--meta", "none", "--output-path", tmp_path / PACKAGE]
    generated = subprocess.run(
        [generator, "generate", "--path", schema, *options],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "warning" not in (generated.stdout + generated.stderr).lower(), generated.stdout + generated.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def test_the_generated_client_filters_events(client_package, live_server):
    from eventsapi_client.api.events import events_list
    from eventsapi_client.models import EventsListKindItem

    EventFactory(slug="moscow-talks", country="RU", kind="peace_talks")
    EventFactory(slug="moscow-summit", country="RU", kind="summit")
    EventFactory(slug="doha-talks", country="QA", kind="peace_talks")
    with client_package.Client(base_url=live_server.url) as client:
        page = events_list.sync(client=client, country="Russia", kind=[EventsListKindItem.PEACE_TALKS])

    assert [event.slug for event in page.results] == ["moscow-talks"]
    assert page.results[0].start_date == datetime.date(2018, 9, 4)  # typed by the schema


def test_the_generated_client_pages_through_reports(client_package, live_server):
    from eventsapi_client.api.reports import reports_list

    attendance = AttendanceFactory()
    for day in range(1, 6):
        ReportFactory(attendance=attendance, reported_on=datetime.date(2018, 8, day), quote=f"Quote {day}")
    seen, page_number = [], 1
    with client_package.Client(base_url=live_server.url) as client:
        while page_number:
            page = reports_list.sync(client=client, page=page_number, page_size=2)
            seen += [report.id for report in page.results]
            page_number = page_number + 1 if page.next_ else None

    assert page.count == 5
    assert sorted(seen) == sorted(Report.objects.values_list("pk", flat=True))


def test_the_generated_client_creates_a_report_with_a_token(client_package, live_server, curator):
    from eventsapi_client.api.reports import reports_create
    from eventsapi_client.models import AttendanceStatusEnum, ReportRequest, ValidationError

    event, taliban = EventFactory(slug="moscow-talks"), ParticipantFactory(slug="taliban")
    article = ArticleFactory(body="The Taliban will attend the talks, a spokesman said.")
    token = Token.objects.create(user=curator)
    client = client_package.AuthenticatedClient(base_url=live_server.url, token=token.key, prefix="Token")
    body = ReportRequest(
        status=AttendanceStatusEnum.CONFIRMED,
        reported_on=datetime.date(2018, 8, 22),
        article=article.pk,
        quote="The Taliban will attend the talks",
        event=event.slug,
        participant=taliban.slug,
    )

    with client:
        report = reports_create.sync(client=client, body=body)
        # The same report again is refused, and the 400 parses as the schema's ValidationError.
        repeated = reports_create.sync_detailed(client=client, body=body)

    assert report.status == AttendanceStatusEnum.CONFIRMED
    assert report.review.value == "verified"  # a curator's own write (contract v2)
    stored = Report.objects.get(pk=report.id)
    assert (stored.attendance.event, stored.attendance.participant) == (event, taliban)
    assert repeated.status_code == 400
    assert isinstance(repeated.parsed, ValidationError)
