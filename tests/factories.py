"""Factories for every record; each makes a valid record with its relations."""

import datetime

import factory

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
    article = factory.SubFactory(ArticleFactory)
    quote = "We will not participate in the Moscow talks."
    # What a curator vouched for: what every reader sees (contract v2); drafts are asked for by name.
    review = "verified"


# Each API resource: its factory, the field its address takes, and a PATCH that changes it.
RESOURCES = {
    "events": (EventFactory, "slug", {"title": "Moscow talks, again"}),
    "participants": (ParticipantFactory, "slug", {"name": "Islamic Emirate"}),
    "attendances": (AttendanceFactory, "pk", {"notes": "Seen in Moscow."}),
    "reports": (ReportFactory, "pk", {"via": "Reuters"}),
    "articles": (ArticleFactory, "pk", {"title": "A new title"}),
}
