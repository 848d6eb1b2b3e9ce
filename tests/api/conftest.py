"""Fixtures for the API tests: expected payloads built from the records, and richer datasets."""

import datetime
import itertools

import pytest
from django.http import HttpRequest
from rest_framework.fields import DateTimeField
from rest_framework.test import APIClient

from events.models import Article, Attendance, Event, Participant, Report
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory


def iso(value):
    """A timestamp as the API writes it."""
    return DateTimeField().to_representation(value)


def as_text(value):
    """A date as the API writes it, or ``None``."""
    return value.isoformat() if value is not None else None


def slug_of(record):
    return record.slug if record is not None else None


class Payloads:
    """The JSON the API should answer for a record, read fresh from the database."""

    def event(self, event):
        event = Event.objects.get(pk=event.pk)
        return {
            "id": event.pk,
            "slug": event.slug,
            "title": event.title,
            "kind": event.kind,
            "status": event.status,
            "start_date": as_text(event.start_date),
            "end_date": as_text(event.end_date),
            "city": event.city,
            "country": event.country.code or "",
            "latitude": event.latitude,
            "longitude": event.longitude,
            "host": slug_of(event.host),
            "description": event.description,
            "cameo_code": event.cameo_code,
            "plover_type": event.plover_type,
            "plover_mode": event.plover_mode,
            "awaiting_review": event.awaiting_review,
            "created_at": iso(event.created_at),
            "updated_at": iso(event.updated_at),
            "version": event.version,
        }

    def event_detail(self, event):
        attendances = sorted(
            Attendance.objects.filter(event=event).select_related("participant"),
            key=lambda a: (a.participant.name, a.pk),
        )
        articles = sorted(
            {report.article for report in Report.objects.filter(attendance__event=event).select_related("article")},
            key=lambda a: (-a.published_on.toordinal(), a.pk),
        )
        return {
            **self.event(event),
            "attendances": [
                {
                    "id": a.pk,
                    "participant": a.participant.slug,
                    "participant_name": a.participant.name,
                    "participant_kind": a.participant.kind,
                    "role": a.role,
                    "status": a.status,
                    "status_date": as_text(a.status_date),
                }
                for a in attendances
            ],
            "articles": [
                {
                    "id": a.pk,
                    "title": a.title,
                    "publisher": a.publisher,
                    "published_on": as_text(a.published_on),
                    "url": a.url,
                }
                for a in articles
            ],
            "page_url": f"http://testserver/events/{event.slug}/",
        }

    def participant(self, participant):
        participant = Participant.objects.get(pk=participant.pk)
        return {
            "id": participant.pk,
            "slug": participant.slug,
            "name": participant.name,
            "kind": participant.kind,
            "country": participant.country.code or "",
            "aliases": participant.aliases,
            "affiliation": slug_of(participant.affiliation),
            "description": participant.description,
            "wikidata_id": participant.wikidata_id,
            "created_at": iso(participant.created_at),
            "updated_at": iso(participant.updated_at),
            "version": participant.version,
        }

    def participant_detail(self, participant):
        attendances = sorted(
            Attendance.objects.filter(participant=participant).select_related("event"),
            key=lambda a: (-a.event.start_date.toordinal(), a.pk),
        )
        return {
            **self.participant(participant),
            "attendances": [
                {
                    "id": a.pk,
                    "event": a.event.slug,
                    "event_title": a.event.title,
                    "start_date": as_text(a.event.start_date),
                    "role": a.role,
                    "status": a.status,
                    "status_date": as_text(a.status_date),
                }
                for a in attendances
            ],
        }

    def attendance(self, attendance):
        attendance = Attendance.objects.select_related("event", "participant").get(pk=attendance.pk)
        return {
            "id": attendance.pk,
            "event": attendance.event.slug,
            "participant": attendance.participant.slug,
            "role": attendance.role,
            "status": attendance.status,
            "status_date": as_text(attendance.status_date),
            "notes": attendance.notes,
            "awaiting_review": attendance.awaiting_review,
            "created_at": iso(attendance.created_at),
            "updated_at": iso(attendance.updated_at),
            "version": attendance.version,
        }

    def attendance_detail(self, attendance):
        reports = sorted(
            Report.objects.filter(attendance=attendance).select_related("speaker"),
            key=lambda r: (r.reported_on, r.pk),
            reverse=True,
        )
        return {
            **self.attendance(attendance),
            "reports": [
                {
                    "id": r.pk,
                    "uid": str(r.uid),
                    "status": r.status,
                    "review": r.review,
                    "reported_on": as_text(r.reported_on),
                    "status_on": as_text(r.status_on) if r.status_on else None,
                    "article": r.article_id,
                    "quote": r.quote,
                    "speaker": slug_of(r.speaker),
                    "via": r.via,
                }
                for r in reports
            ],
        }

    def report(self, report):
        report = Report.objects.select_related(
            "attendance__event", "attendance__participant", "speaker", "reviewed_by"
        ).get(pk=report.pk)
        return {
            "id": report.pk,
            "uid": str(report.uid),
            "attendance": report.attendance_id,
            "event": report.attendance.event.slug,
            "participant": report.attendance.participant.slug,
            "status": report.status,
            "review": report.review,
            # Who set the review and when: read-only, kept by every write that changes the review.
            "reviewed_by": report.reviewed_by.username if report.reviewed_by else None,
            "reviewed_at": iso(report.reviewed_at) if report.reviewed_at else None,
            "reported_on": as_text(report.reported_on),
            "status_on": as_text(report.status_on) if report.status_on else None,
            "article": report.article_id,
            "quote": report.quote,
            "speaker": slug_of(report.speaker),
            "via": report.via,
            "cameo_code": report.cameo_code,
            "created_at": iso(report.created_at),
            "updated_at": iso(report.updated_at),
            "version": report.version,
        }

    def article(self, article):
        article = Article.objects.get(pk=article.pk)
        return {
            "id": article.pk,
            "url": article.url,
            "title": article.title,
            "publisher": article.publisher,
            "published_on": as_text(article.published_on),
            "language": article.language,
            "body": article.body,
            "created_at": iso(article.created_at),
            "updated_at": iso(article.updated_at),
            "version": article.version,
        }


@pytest.fixture
def payloads():
    """Builders of the expected JSON of each record."""
    return Payloads()


@pytest.fixture
def populate():
    """Builds ``events`` events, each with ``attendances`` attendances of ``reports`` reports.

    Every attendance has its own participant (with an affiliation), every report its
    own article and speaker, so that a relation walked per row shows up as extra queries.
    """
    counter = itertools.count()

    def build(events, attendances=4, reports=2):
        built = []
        for _ in range(events):
            event = EventFactory(host=ParticipantFactory(affiliation=ParticipantFactory()))
            for _ in range(attendances):
                attendance = AttendanceFactory(
                    event=event, participant=ParticipantFactory(affiliation=ParticipantFactory())
                )
                for day in range(reports):
                    ReportFactory(
                        attendance=attendance,
                        reported_on=datetime.date(2018, 8, 1) + datetime.timedelta(days=day),
                        speaker=ParticipantFactory(),
                        article=ArticleFactory(url=f"https://example.org/{next(counter)}"),
                    )
            built.append(event)
        return built

    return build


@pytest.fixture
def session_client(curator):
    """A client logged in as a curator with a session, CSRF checks enforced as in a browser."""
    client = APIClient(enforce_csrf_checks=True)
    # django-axes counts sign-ins by request, so login() is given one.
    assert client.login(request=HttpRequest(), username="curator", password="curator-password")
    return client
