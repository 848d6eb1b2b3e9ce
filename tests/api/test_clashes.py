"""A write whose unique record another write stored between its checks and its INSERT (tester 33, J6: the loser
of such a race was a 500). Here the other write is made at that very moment, so the race is lost every time."""

import pytest
from django.db import IntegrityError
from django.db.models import Model

from events.api.views import RecordViewSet
from events.models import Article, Attendance, Event, Participant
from tests.admin.conftest import admin_url
from tests.factories import ArticleFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def racing(monkeypatch):
    """``racing(store)``: the next write calls ``store()`` after its checks, just before its own INSERT."""
    pending = []

    def arm(store):
        pending.append(store)

    def in_the_way(original):
        def write(self, *args, **kwargs):
            while pending:
                pending.pop()()
            return original(self, *args, **kwargs)

        return write

    monkeypatch.setattr(RecordViewSet, "perform_create", in_the_way(RecordViewSet.perform_create))
    monkeypatch.setattr(RecordViewSet, "perform_update", in_the_way(RecordViewSet.perform_update))
    return arm


@pytest.fixture
def unseen_until_it_clashes(monkeypatch):
    """The model's checks of unique fields and sets see no other record until a write fails on the database's
    constraint: as when the other record was stored by a transaction that had not yet committed at the check."""
    seen = []

    def blind(original):
        def check(self, *args, **kwargs):
            return original(self, *args, **kwargs) if seen else None

        return check

    def save_base(self, *args, **kwargs):
        try:
            return Model.save_base.__wrapped__(self, *args, **kwargs)
        except IntegrityError:
            seen.append(self)
            raise

    save_base.__wrapped__ = Model.save_base
    monkeypatch.setattr(Model, "validate_unique", blind(Model.validate_unique))
    monkeypatch.setattr(Model, "validate_constraints", blind(Model.validate_constraints))
    monkeypatch.setattr(Model, "save_base", save_base)
    return seen


def test_an_event_whose_slug_was_taken_meanwhile_is_a_400_naming_slug(token_client, racing):
    racing(lambda: EventFactory(slug="talks"))

    body = {"slug": "talks", "title": "Talks", "kind": "meeting", "start_date": "2024-01-01"}

    answer = token_client.post("/api/events/", body, format="json")

    assert (answer.status_code, list(answer.json())) == (400, ["slug"])
    assert Event.objects.get().title != "Talks"


def test_a_participant_renamed_onto_a_slug_taken_meanwhile(token_client, racing):
    ParticipantFactory(slug="front")
    racing(lambda: ParticipantFactory(slug="new-front"))

    answer = token_client.patch("/api/participants/front/", {"slug": "new-front"}, format="json")

    assert (answer.status_code, list(answer.json())) == (400, ["slug"])
    assert Participant.objects.filter(slug="front").exists()


def test_an_attendance_made_meanwhile_is_the_pairs_400(token_client, racing):
    event, participant = EventFactory(), ParticipantFactory()
    racing(lambda: Attendance.objects.create(event=event, participant=participant))

    answer = token_client.post(
        "/api/attendances/", {"event": event.slug, "participant": participant.slug}, format="json"
    )

    assert answer.status_code == 400, answer.json()
    assert Attendance.objects.count() == 1


def test_an_article_stored_meanwhile_is_a_400(token_client, racing):
    body = {"title": "Talks begin", "publisher": "Wire", "published_on": "2024-01-02", "url": "https://example.org/a"}
    racing(lambda: ArticleFactory(title="Talks begin", publisher="Wire", published_on="2024-01-02"))

    answer = token_client.post("/api/articles/", body, format="json")

    assert answer.status_code == 400, answer.json()
    assert Article.objects.count() == 1


def test_the_admins_form_shows_the_clash_as_the_fields_error(admin_client, unseen_until_it_clashes):
    EventFactory(slug="talks")
    data = {
        "slug": "talks",
        "title": "Talks",
        "kind": "meeting",
        "status": "scheduled",
        "start_date": "2024-01-01",
        "attendances-TOTAL_FORMS": "0",
        "attendances-INITIAL_FORMS": "0",
        "attendances-MIN_NUM_FORMS": "0",
        "attendances-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }

    answer = admin_client.post(admin_url(Event, "add"), data)

    assert answer.status_code == 200
    assert list(answer.context["adminform"].form.errors) == ["slug"]
    assert Event.objects.get().title != "Talks"
    assert unseen_until_it_clashes, "the first save was not refused by the database"


def test_a_taken_slug_is_told_in_the_words_of_the_admin_and_the_importer(token_client):
    """Tester 33, J15: the API said "participant with this slug already exists." (DRF's), the admin and the
    importer "Participant with this Slug already exists." (the model's)."""
    ParticipantFactory(slug="russia", wikidata_id="Q159")
    body = {"slug": "russia", "name": "Russia", "kind": "state", "wikidata_id": "Q159"}

    answer = token_client.post("/api/participants/", body, format="json")

    assert answer.json() == {
        "slug": ["Participant with this Slug already exists."],
        "wikidata_id": ["Another participant has this Wikidata ID."],
    }
