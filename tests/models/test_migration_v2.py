"""Upgrading a v1 database to contract v2 keeps every current status (migration 0006)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import Attendance as CurrentAttendance

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

V1 = [("events", "0005_report_review")]
V2 = [("events", "0006_report_status_on_v2")]


def migrate(targets):
    """Migrate to ``targets``; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def v1_apps():
    apps = migrate(V1)
    yield apps
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


def test_v1_drafts_become_verified_and_no_current_status_changes(v1_apps):
    """In v1 drafts counted: after the upgrade they are verified, rejected stay rejected, statuses as they were."""
    Participant, Event, Attendance = (
        v1_apps.get_model("events", name) for name in ("Participant", "Event", "Attendance")
    )
    Article, Report = v1_apps.get_model("events", "Article"), v1_apps.get_model("events", "Report")
    event = Event.objects.create(slug="talks", title="Talks", kind="peace_talks", start_date=datetime.date(2018, 9, 4))
    article = Article.objects.create(title="T", publisher="P", published_on=datetime.date(2018, 8, 22), body="")
    day = datetime.date(2018, 8, 20)
    # Historical models have no save() rules: each attendance is stored with the status its v1 reports gave.
    expected = {}
    for slug, reviews, status in [
        ("kabul", [("confirmed", "draft", 1)], "confirmed"),
        ("taliban", [("invited", "verified", 0), ("declined", "draft", 2)], "declined"),
        ("doha", [("confirmed", "draft", 1), ("withdrawn", "rejected", 3)], "confirmed"),
        ("moscow", [], "considering"),
    ]:
        participant = Participant.objects.create(slug=slug, name=slug.title(), kind="state")
        counted = [day + datetime.timedelta(days=offset) for _, review, offset in reviews if review != "rejected"]
        attendance = Attendance.objects.create(
            event=event,
            participant=participant,
            status=status,
            status_date=max(counted) if counted else None,
            curated_status="considering" if not reviews else "invited",
        )
        for said, review, offset in reviews:
            Report.objects.create(
                attendance=attendance,
                status=said,
                review=review,
                reported_on=day + datetime.timedelta(days=offset),
                article=article,
                quote=f"{slug} {said}",
            )
        expected[slug] = (attendance.status, attendance.status_date)

    apps = migrate(V2)

    Report, Attendance = apps.get_model("events", "Report"), apps.get_model("events", "Attendance")
    assert not Report.objects.filter(review="draft").exists()
    assert Report.objects.filter(review="rejected").count() == 1
    # The v2 rule, applied afresh to every attendance, gives each the status it had in v1.
    CurrentAttendance.objects.all().refresh_status_in_bulk(touch=False)
    after = {
        slug: (status, date)
        for slug, status, date in CurrentAttendance.objects.values_list("participant__slug", "status", "status_date")
    }
    assert after == expected
