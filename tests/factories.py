"""Factories for every record; each makes a valid record with its relations. And the table of the API's resources."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import factory

from events.api import serializers
from events.models import Article, Attendance, Event, Participant, Report


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"participant-{n}")
    name = factory.Sequence(lambda n: f"Participant {n}")
    kind = "state"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"Talks number {n}")
    kind = "peace_talks"
    status = "scheduled"
    start_date = datetime.date(2018, 9, 4)
    city = "Moscow"
    country = "RU"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "Al Jazeera"
    published_on = datetime.date(2018, 8, 22)
    body = "We will not participate in the Moscow talks. The Taliban will attend the talks."


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    event = factory.SubFactory(EventFactory)
    participant = factory.SubFactory(ParticipantFactory)
    role = "participant"


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    attendance = factory.SubFactory(AttendanceFactory)
    status = "declined"
    reported_on = datetime.date(2018, 8, 22)
    # Published the day it reports, as an article reports nothing after it is published.
    article = factory.SubFactory(ArticleFactory, published_on=factory.SelfAttribute("..reported_on"))
    quote = "We will not participate in the Moscow talks."
    # What a curator vouched for: what every reader sees (contract v2); drafts are asked for by name.
    review = "verified"


@dataclass(frozen=True)
class Resource:
    """An API resource, ``/api/<name>/``: its records, how its detail is addressed, and how it reads."""

    name: str
    model: type
    factory: type
    lookup: str  # the field its detail address takes
    change: dict  # a PATCH that changes a record made by the factory
    serializer: type  # the list's
    detail_serializer: type
    of_report: Callable  # the record of this resource that a report is, or belongs to

    @property
    def path(self):
        return f"/api/{self.name}/"

    def detail(self, record):
        return f"{self.path}{getattr(record, self.lookup)}/"


# Every API resource, in the order of the API root. Tests that cover each resource iterate this table.
RESOURCES = {
    resource.name: resource
    for resource in [
        Resource(
            name="events",
            model=Event,
            factory=EventFactory,
            lookup="slug",
            change={"title": "Moscow talks, again"},
            serializer=serializers.EventSerializer,
            detail_serializer=serializers.EventDetailSerializer,
            of_report=lambda report: report.attendance.event,
        ),
        Resource(
            name="participants",
            model=Participant,
            factory=ParticipantFactory,
            lookup="slug",
            change={"name": "Islamic Emirate"},
            serializer=serializers.ParticipantSerializer,
            detail_serializer=serializers.ParticipantDetailSerializer,
            of_report=lambda report: report.attendance.participant,
        ),
        Resource(
            name="attendances",
            model=Attendance,
            factory=AttendanceFactory,
            lookup="pk",
            change={"notes": "Seen in Moscow."},
            serializer=serializers.AttendanceSerializer,
            detail_serializer=serializers.AttendanceDetailSerializer,
            of_report=lambda report: report.attendance,
        ),
        Resource(
            name="reports",
            model=Report,
            factory=ReportFactory,
            lookup="pk",
            change={"via": "Reuters"},
            serializer=serializers.ReportSerializer,
            detail_serializer=serializers.ReportSerializer,
            of_report=lambda report: report,
        ),
        Resource(
            name="articles",
            model=Article,
            factory=ArticleFactory,
            lookup="pk",
            change={"title": "A new title"},
            serializer=serializers.ArticleSerializer,
            detail_serializer=serializers.ArticleSerializer,
            of_report=lambda report: report.article,
        ),
    ]
}

# The models of the resources: every record the API, the admin and the fixtures hold.
MODELS = [resource.model for resource in RESOURCES.values()]


def one_of_each(report):
    """One record of each resource, keyed by resource: the report and the records it belongs to."""
    return {name: resource.of_report(report) for name, resource in RESOURCES.items()}


def reader_proposal(participant, status, quote, event=None, **told):
    """A proposal as the extraction assistant's reader makes it, about the Moscow talks unless ``event`` is given.

    ``told`` sets what a newer reader tells too (``role``, ``status_on``).
    """
    from events.extraction import KnownEvent, Proposal

    if event is None:
        event = KnownEvent(
            slug="moscow-talks",
            title="Moscow talks on Afghanistan",
            kind="peace_talks",
            start_date=datetime.date(2018, 9, 4),
        )
    proposal = Proposal(
        event=event, participant=participant, status=status, quote=quote, reported_on=datetime.date(2018, 8, 22)
    )
    for name, value in told.items():
        setattr(proposal, name, value)
    return proposal
