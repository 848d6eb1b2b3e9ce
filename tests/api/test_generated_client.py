"""A Python client generated from `/api/schema/` with openapi-python-client works against a live server.

The schema is what such generators read: the client is generated with no warning, then filters events, pages
through reports and creates a report with a token, each answer parsed into the generated models. The commands
and the example of docs/api.md are run as written, the example on the seed data.
"""

import datetime
import importlib
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from events.models import Article, Report
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

# A live server reads what the test writes: committed rows, and the curators group kept across the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PACKAGE = "eventsapi_client"
DOCS = Path(settings.BASE_DIR) / "docs" / "api.md"
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


def docs_block(language, after):
    """The first ``language`` code block of docs/api.md after the line ``after``."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(f"```{language}\n", text.index(after)) + len(f"```{language}\n")
    return text[start : text.index("```", start)]


def test_the_docs_example_runs_as_written_on_the_seed_data(live_server, tmp_path, curator):
    """docs/api.md's commands generate the client with no warning, and its example runs on the seed data."""
    commands = docs_block("sh", "### A client generated from the schema")
    assert ".venv/bin/python manage.py spectacular --format openapi-json --file schema.json" in commands
    config = re.search(r"printf '(.*)' > opc\.yaml", commands)[1].encode().decode("unicode_escape")
    assert "--path schema.json --config opc.yaml --meta none" in commands
    call_command("spectacular", format="openapi-json", file=str(tmp_path / "schema.json"))
    (tmp_path / "opc.yaml").write_text(config)
    generator = Path(sys.executable).with_name("openapi-python-client")
    options = ["--path", "schema.json", "--config", "opc.yaml", "--meta", "none", "--output-path", PACKAGE]
    generated = subprocess.run([generator, "generate", *options], capture_output=True, text=True, cwd=tmp_path)
    output = generated.stdout + generated.stderr
    assert generated.returncode == 0 and "warning" not in output.lower(), output

    call_command("seed", verbosity=0)
    article = Article.objects.get(title__startswith="Afghanistan ‘will not attend’")
    example = docs_block("python", "### A client generated from the schema")
    assert "article=1," in example  # the seed's only article, whatever id this database gave it
    example = (
        example.replace("http://127.0.0.1:8000", live_server.url)
        .replace("<key>", Token.objects.create(user=curator).key)
        .replace("article=1,", f"article={article.pk},")
    )
    sys.path.insert(0, str(tmp_path))
    try:
        exec(compile(example, "docs/api.md", "exec"), {})  # the docs' own example, as a reader runs it
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]

    report = Report.objects.get(quote="they will attend the talks")
    assert (report.attendance.event.slug, report.attendance.participant.slug) == ("moscow-talks-2018", "taliban")
    assert report.article == article
