"""Every read path answers every field its serializer has.

The serializers are the contract; the other read paths (lean JSON reads, CSV, the export, the admin,
the public event page) derive from them or are checked here. Add a field to a serializer and these
tests fail until it reaches each path, or until the path says on purpose that it leaves it out.
"""

import csv
import datetime
import io
import json

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils.dateformat import format as date_format

from events.api import serializers
from tests.factories import RESOURCES, ArticleFactory, ParticipantFactory, ReportFactory

# What the admin leaves out of a record's page on purpose: the id is its address, the version rides
# in a hidden field, and a report's event and participant are those of its attendance.
ADMIN_OMITS = {"id", "version", "event", "participant"}

# What the public page shows of each report; anything else of the serializer must be listed here.
PUBLIC_PAGE_SHOWS = {
    "status": lambda report: report.get_status_display(),
    "reported_on": lambda report: date_format(report.reported_on, "j M Y"),
    "status_on": lambda report: f"held {date_format(report.status_on, 'j M Y')}",
    "article": lambda report: report.article.title,
    "quote": lambda report: report.quote,
    "speaker": lambda report: report.speaker.name,
    "via": lambda report: report.via,
}
PUBLIC_PAGE_OMITS = {
    "id",
    "uid",
    "attendance",  # the row the report sits in
    "event",  # the page's own event
    "participant",  # the row's participant
    "review",  # the page shows verified reports only, and says so once
    "reviewed_by",  # a username: for curators only
    "reviewed_at",
    "cameo_code",  # the status's code, for machines: the API and the exports carry it
    "created_at",
    "updated_at",
    "version",
}


@pytest.fixture
def report(db):
    """A verified report with a value in every field, so that every column has something to show."""
    article = ArticleFactory(
        url="https://example.org/moscow", body="The envoy said: We will not participate in the Moscow talks."
    )
    return ReportFactory(
        article=article,
        speaker=ParticipantFactory(name="Sibghatullah Ahmadi"),
        via="Reuters",
        review="verified",
        reported_on=datetime.date(2018, 8, 21),
        status_on=datetime.date(2018, 8, 20),
    )


def field_names(serializer_class):
    return list(serializer_class().fields)


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_json_list_and_detail_answer_every_field(api_client, report, resource):
    spec = RESOURCES[resource]
    rows = api_client.get(f"/api/{resource}/").json()["results"]
    assert rows, resource
    assert all(list(row) == field_names(spec.serializer) for row in rows)
    detail = api_client.get(spec.detail(spec.of_report(report))).json()
    assert list(detail) == field_names(spec.detail_serializer)


@pytest.mark.parametrize("resource", RESOURCES)
def test_csv_and_the_export_have_a_column_for_every_field(api_client, report, resource):
    names = field_names(RESOURCES[resource].serializer)
    for address in (f"/api/{resource}/?format=csv", f"/api/{resource}/export/?format=csv"):
        response = api_client.get(address)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        header = next(csv.reader(io.StringIO(body.decode())))
        assert header == names, address
    response = api_client.get(f"/api/{resource}/export/?format=ndjson")
    first = json.loads(b"".join(response.streaming_content).decode().splitlines()[0])
    assert list(first) == names


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_admin_page_of_a_record_shows_every_field(admin_user, report, resource):
    list_serializer = RESOURCES[resource].serializer
    record = RESOURCES[resource].of_report(report)
    model_admin = admin.site._registry[type(record)]
    request = RequestFactory().get("/")
    request.user = admin_user
    shown = {*model_admin.get_fields(request, record), *model_admin.get_readonly_fields(request, record)}
    missing = set(field_names(list_serializer)) - shown - ADMIN_OMITS
    assert not missing, f"{type(model_admin).__name__} does not show {sorted(missing)}"


def test_the_admin_page_of_an_article_lists_every_field_of_its_reports(admin_user, report):
    """Reports are added on their article's page: its inline has every field a report is written with."""
    article_admin = admin.site._registry[type(report.article)]
    request = RequestFactory().get("/")
    request.user = admin_user
    (inline,) = [i for i in article_admin.get_inline_instances(request, report.article) if i.model is type(report)]
    writable = {name for name, field in serializers.ReportSerializer().fields.items() if not field.read_only}
    missing = writable - set(inline.get_fields(request, report.article)) - {"attendance", "article"}
    assert not missing, f"the article page's report rows lack {sorted(missing)}"


def test_the_public_page_shows_every_field_of_a_report(client, report):
    fields = set(field_names(serializers.ReportSerializer))
    unplaced = fields - PUBLIC_PAGE_SHOWS.keys() - PUBLIC_PAGE_OMITS
    assert not unplaced, f"say whether the public page shows {sorted(unplaced)}: PUBLIC_PAGE_SHOWS or _OMITS"
    page = client.get(report.attendance.event.get_absolute_url()).content.decode()
    for name, shown in PUBLIC_PAGE_SHOWS.items():
        assert shown(report) in page, name
