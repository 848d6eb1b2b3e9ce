"""Unique sets of fields (UniqueTogether): a clash names the field to change, for every entry point."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.state import ProjectState

from events.models import Article, Attendance, ParticipantProposal
from events.models.constraints import UniqueTogether
from tests.factories import ArticleFactory, AttendanceFactory

pytestmark = pytest.mark.django_db


def clash(record):
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    return refused.value.message_dict


def test_a_second_attendance_is_told_under_participant():
    attendance = AttendanceFactory()

    twin = Attendance(event=attendance.event, participant=attendance.participant)

    assert clash(twin) == {"participant": ["This participant already has an attendance at this event."]}


def test_a_second_article_of_a_publisher_on_a_day_with_a_title_is_told_under_title():
    article = ArticleFactory(published_on=datetime.date(2018, 8, 22))

    twin = Article(title=article.title, publisher=article.publisher, published_on=article.published_on, body="Text.")

    assert clash(twin) == {"title": ["This publisher already has an article with this title on this date."]}


def test_a_record_is_no_clash_with_itself():
    attendance = AttendanceFactory()

    attendance.full_clean()  # no error: it is the stored row


@pytest.mark.parametrize("model", [Attendance, Article, ParticipantProposal], ids=lambda model: model.__name__)
def test_every_unique_set_of_several_fields_names_a_field(model):
    """No unique set of several fields falls back to Django's or DRF's message that names none."""
    several = [
        constraint
        for constraint in model._meta.constraints
        if getattr(constraint, "fields", ()) and len(constraint.fields) > 1
    ]

    assert several
    assert all(isinstance(constraint, UniqueTogether) for constraint in several)
    assert all(model._meta.get_field(constraint.field) for constraint in several)


def test_the_constraint_clones_and_alters_with_no_sql():
    """Its field and message survive a migration's copy, and changing them is no change to the database."""
    (constraint,) = Attendance._meta.constraints
    clone = constraint.clone()
    reworded = UniqueTogether(fields=constraint.fields, name=constraint.name, field="event", message="Taken.")

    assert clone == constraint
    assert (clone.field, clone.violation_error_message) == (constraint.field, constraint.violation_error_message)
    assert reworded != constraint
    autodetector = MigrationAutodetector(ProjectState(), ProjectState())
    assert not autodetector._constraint_should_be_dropped_and_recreated(constraint, reworded)
