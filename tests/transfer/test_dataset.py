"""generate_dataset: deterministic, realistic, and written through the import's checks."""

from collections import Counter

import pytest
from django.core.management import call_command

from events.models import Article, Attendance, Event, Participant, Report
from events.rules.quotes import quote_mismatch
from events.transfer import dataset

pytestmark = pytest.mark.django_db


def test_the_same_seed_makes_the_same_records_and_another_seed_others():
    first = [(record.model, record.fields) for record in dataset.generate(events=30, seed=7)]
    again = [(record.model, record.fields) for record in dataset.generate(events=30, seed=7)]
    other = [(record.model, record.fields) for record in dataset.generate(events=30, seed=8)]
    assert first == again
    assert first != other


def test_generate_dataset_writes_events_attendances_and_reports_within_the_bounds():
    call_command("generate_dataset", events=40, seed=3, no_progress=True)
    assert Event.objects.count() == 40
    per_event = Counter(Attendance.objects.values_list("event_id", flat=True))
    assert set(per_event) == set(Event.objects.values_list("pk", flat=True))
    assert all(2 <= count <= 30 for count in per_event.values())
    per_attendance = Counter(Report.objects.values_list("attendance_id", flat=True))
    assert len(per_attendance) == Attendance.objects.count()
    assert all(1 <= count <= 5 for count in per_attendance.values())
    years = {event.start_date.year for event in Event.objects.all()}
    assert max(years) - min(years) >= 20


def test_every_quote_occurs_in_its_article():
    call_command("generate_dataset", events=15, seed=4, no_progress=True)
    reports = Report.objects.select_related("article")
    assert reports.exists()
    assert [report.uid for report in reports if quote_mismatch(report.quote, report.article.body)] == []


def test_statuses_follow_the_rule_of_each_attendance():
    call_command("generate_dataset", events=40, seed=5, no_progress=True)
    wrong = []
    for attendance in Attendance.objects.all():
        latest = attendance.latest_report()
        expected = (latest.status, latest.reported_on) if latest else (attendance.curated_status, None)
        if (attendance.status, attendance.status_date) != expected:
            wrong.append(attendance.pk)
    assert wrong == []
    # The rule has something to decide: rejected reports and reports on the same day.
    assert Report.objects.filter(review="rejected").exists()
    same_day = Counter(Report.objects.values_list("attendance_id", "reported_on"))
    assert max(same_day.values()) > 1


def test_participants_have_zipf_like_popularity():
    call_command("generate_dataset", events=200, seed=6, no_progress=True)
    counts = sorted(Counter(Attendance.objects.values_list("participant_id", flat=True)).values(), reverse=True)
    top = sum(counts[: len(counts) // 100 or 1])
    # The busiest 1% of participants take far more than 1% of the attendances.
    assert top > 0.1 * sum(counts)
    assert Participant.objects.filter(kind="person", affiliation__isnull=False).exists()


def test_the_host_attends_as_host():
    call_command("generate_dataset", events=60, seed=9, no_progress=True)
    hosted = Event.objects.exclude(host=None)
    assert hosted.exists()
    for event in hosted:
        assert event.attendances.get(participant=event.host).role == "host"


def test_articles_are_spread_over_the_events():
    call_command("generate_dataset", events=10, seed=2, no_progress=True)
    assert Article.objects.count() >= 10


def stored_dataset():
    """Every generated record as stored, by natural keys (ids differ from run to run on PostgreSQL)."""
    from django.core import serializers

    tables = {}
    for model in (Participant, Event, Article, Attendance, Report):
        rows = serializers.serialize(
            "python", model.objects.all(), use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
        tables[model.__name__] = sorted(repr(row["fields"]) for row in rows)
    return tables


@pytest.mark.parametrize("workers", [1, 2])
def test_the_same_seed_writes_the_same_tables_with_workers(workers, monkeypatch):
    """Made in the command's own process or in worker processes, the same seed writes the same rows."""
    from django.db import transaction

    monkeypatch.setattr(dataset, "EVENTS_A_CHUNK", 10)  # several chunks, for the workers to share

    with transaction.atomic():
        call_command("generate_dataset", events=35, seed=9, workers=0, no_progress=True)
        alone = stored_dataset()
        transaction.set_rollback(True)
    with transaction.atomic():
        call_command("generate_dataset", events=35, seed=9, workers=workers, no_progress=True)
        in_workers = stored_dataset()
        transaction.set_rollback(True)
    assert {name: len(rows) for name, rows in alone.items()}["Event"] == 35
    assert in_workers == alone
