"""services.new_parties.record_parties: the names no participant has, proposed as parties with their statements."""

import datetime

import pytest

from events.extraction import KnownParticipant
from events.models import Participant, ParticipantProposal, Report
from events.services import database_catalog, dismiss_party, new_parties, propose_reports, record_parties
from tests.factories import ArticleFactory, EventFactory, ParticipantFactory, reader_proposal

pytestmark = pytest.mark.django_db

BODY = (
    "Russia has invited twelve countries to the Moscow talks on September 4, the foreign ministry said.\n\n"
    "The Revolutionary Awakening Movement said it would not attend the Moscow talks. "
    "The Taliban will attend the talks. "
    "The Islamic Salvation Front has been invited to the Moscow talks. For now, the Ministry has said nothing."
)
DECLINED = "The Revolutionary Awakening Movement said it would not attend the Moscow talks."


@pytest.fixture
def article():
    russia = ParticipantFactory(slug="russia", name="Russia", aliases=["Moscow"])
    ParticipantFactory(slug="taliban", name="Taliban", kind="armed_group")
    ParticipantFactory(slug="united-states", name="United States", aliases=["US"])
    EventFactory(
        slug="moscow-talks", title="Moscow talks on Afghanistan", start_date=datetime.date(2018, 9, 4), host=russia
    )
    return ArticleFactory(body=BODY, published_on=datetime.date(2018, 8, 22))


def test_propose_reports_proposes_the_parties_the_text_gives_a_status_for(article):
    outcome = propose_reports(article=article)
    parties = {p.name: p for p in ParticipantProposal.objects.filter(article=article)}
    assert sorted(parties) == ["Islamic Salvation Front", "Revolutionary Awakening Movement"]
    assert sorted(p.pk for p in outcome.parties) == sorted(p.pk for p in parties.values())
    movement = parties["Revolutionary Awakening Movement"]
    # Its kind is guessed (by the reader, or here from its name): the curator confirms or corrects it.
    assert (movement.status, movement.quote) == ("pending", DECLINED)
    assert [(s["event"], s["status"], s["quote"]) for s in movement.statements] == [
        ("moscow-talks", "declined", DECLINED)
    ]
    # Known parties' drafts are written as before; the new parties' wait for the curator.
    assert [r.attendance.participant.slug for r in Report.objects.all()] == ["taliban"]
    assert not Participant.objects.filter(name__in=parties).exists()


def test_a_second_run_proposes_no_party_twice_and_a_dismissed_one_stays_dismissed(article, curator):
    propose_reports(article=article)
    movement = ParticipantProposal.objects.get(name="Revolutionary Awakening Movement")
    dismiss_party(proposal=movement, by=curator)
    outcome = propose_reports(article=article)
    assert ParticipantProposal.objects.count() == 2
    assert sorted((p.name, p.status) for p in outcome.parties) == [
        ("Islamic Salvation Front", "pending"),
        ("Revolutionary Awakening Movement", "dismissed"),
    ]


def test_names_read_again_when_the_reader_gives_only_names(article):
    """Noise, a known party's other spelling and a name the text says nothing of are left out."""
    candidates = ["Ministry", "U.S.", "Deputy Foreign Minister", "Revolutionary Awakening Movement", "Geneva", "For"]
    parties = record_parties(article=article, candidates=candidates, catalog=database_catalog())
    assert [(p.name, p.kind, len(p.statements)) for p in parties] == [
        ("Revolutionary Awakening Movement", "armed_group", 1)
    ]


def test_the_reader_s_own_proposals_about_new_parties_need_no_second_reading(article, monkeypatch):
    monkeypatch.setattr(new_parties.extraction, "extract", lambda *a, **k: pytest.fail("read a second time"))
    movement = KnownParticipant(slug="new-ram", name="Revolutionary Awakening Movement", kind="other", country="SD",
                                aliases=("RAM", "Revolutionary Awakening Movement"))  # fmt: skip
    # A gazetteer's state that no participant is: in the catalog, yet new to the database.
    zubrowka = KnownParticipant(slug="zubrowka", name="The Zubrowka", kind="state", aliases=("Zubrowka",))
    catalog = database_catalog()
    catalog.participants.append(zubrowka)
    proposals = [
        reader_proposal(movement, "declined", DECLINED),
        reader_proposal(movement, "declined", DECLINED),  # said twice: one statement
        reader_proposal(zubrowka, "confirmed", DECLINED, role="mediator", status_on=datetime.date(2018, 8, 20)),
        reader_proposal(KnownParticipant(slug="new-ministry", name="Ministry"), "invited", DECLINED),  # noise
        reader_proposal(KnownParticipant(slug="new-us", name="U.S."), "invited", DECLINED),  # the United States
    ]
    parties = record_parties(article=article, candidates=[], catalog=catalog, proposals=proposals)
    assert sorted((p.name, p.kind, p.country.code or "", p.aliases, len(p.statements)) for p in parties) == [
        # Its kind is guessed when the reader's "other" says nothing.
        ("Revolutionary Awakening Movement", "armed_group", "SD", ["RAM"], 1),
        ("Zubrowka", "state", "", [], 1),
    ]
    state = next(p for p in parties if p.name == "Zubrowka")
    assert (state.statements[0]["role"], state.statements[0]["status_on"]) == ("mediator", "2018-08-20")
