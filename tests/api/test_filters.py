"""Every filter of every list, through the HTTP API: each with records that match and records that do not."""

import datetime
from types import SimpleNamespace

import pytest

from events.models import Event, Participant
from tests.factories import ArticleFactory, AttendanceFactory, EventFactory, ParticipantFactory, ReportFactory

pytestmark = pytest.mark.django_db


def date(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def world():
    """Four events, four participants, their attendances, three articles and five reports.

    ======== ========== ===================== ================================================
    event    dates      place (host)          attendances: participant role status
    ======== ========== ===================== ================================================
    kabul    08-19      Kabul AF (afghanistan) none
    moscow   09-04      Moscow RU (russia)    russia host confirmed, taliban participant
                                              confirmed, afghanistan participant declined,
                                              usa observer declined
    geneva   11-27..28  Geneva CH             afghanistan participant confirmed, taliban
                                              participant declined, usa observer attended
    doha     2019-02-25 Doha QA               taliban observer invited, usa participant
             ..03-12                          attended
    ======== ========== ===================== ================================================

    Geneva is the trap for the same-attendance rule: the Taliban were there (and
    declined) while Afghanistan confirmed; the United States observed it, as they did
    Moscow, while the Taliban observed only Doha.
    """
    p = SimpleNamespace(
        russia=ParticipantFactory(slug="russia", name="Russia", kind="state", country="RU"),
        taliban=ParticipantFactory(slug="taliban", name="Taliban", kind="armed_group", country="AF"),
        afghanistan=ParticipantFactory(slug="afghanistan", name="Afghanistan", kind="government", country="AF"),
        usa=ParticipantFactory(slug="usa", name="United States", kind="state", country="US"),
        mujahid=ParticipantFactory(slug="zabihullah-mujahid", name="Zabihullah Mujahid", kind="person"),
        ahmadi=ParticipantFactory(slug="sibghat-ahmadi", name="Sibghat Ahmadi", kind="person"),
    )
    e = SimpleNamespace(
        kabul=EventFactory(
            slug="kabul",
            title="Three-month ceasefire offer",
            kind="ceasefire",
            status="cancelled",
            start_date=date("2018-08-19"),
            city="Kabul",
            country="AF",
            host=p.afghanistan,
            description="The government offered a ceasefire.",
        ),
        moscow=EventFactory(
            slug="moscow",
            title="Moscow talks on Afghanistan",
            kind="peace_talks",
            status="scheduled",
            start_date=date("2018-09-04"),
            city="Moscow",
            country="RU",
            host=p.russia,
        ),
        geneva=EventFactory(
            slug="geneva",
            title="Geneva conference on Afghanistan",
            kind="conference",
            status="held",
            start_date=date("2018-11-27"),
            end_date=date("2018-11-28"),
            city="Geneva",
            country="CH",
        ),
        doha=EventFactory(
            slug="doha",
            title="US–Taliban meeting in Doha",
            kind="meeting",
            status="proposed",
            start_date=date("2019-02-25"),
            end_date=date("2019-03-12"),
            city="Doha",
            country="QA",
            description="Direct talks between the United States and the Taliban.",
        ),
    )
    a = {}
    for event, participant, role, status in [
        ("moscow", "russia", "host", "confirmed"),
        ("moscow", "taliban", "participant", "confirmed"),
        ("moscow", "afghanistan", "participant", "declined"),
        ("moscow", "usa", "observer", "declined"),
        ("geneva", "afghanistan", "participant", "confirmed"),
        ("geneva", "taliban", "participant", "declined"),
        ("geneva", "usa", "observer", "attended"),
        ("doha", "taliban", "observer", "invited"),
        ("doha", "usa", "participant", "attended"),
    ]:
        a[event, participant] = AttendanceFactory(
            event=getattr(e, event), participant=getattr(p, participant), role=role, status=status
        )
    articles = SimpleNamespace(
        moscow=ArticleFactory(
            title="Afghanistan will not attend Moscow talks",
            publisher="Al Jazeera",
            published_on=date("2018-08-22"),
            body="The Taliban will attend the talks. We will not participate in the Moscow talks.",
        ),
        washington=ArticleFactory(
            title="US declines Moscow invitation",
            publisher="TOLOnews",
            published_on=date("2018-08-23"),
            body="Washington will not send anyone to Moscow.",
        ),
        geneva=ArticleFactory(
            title="Geneva conference opens",
            publisher="Reuters",
            published_on=date("2018-11-27"),
            body="Kabul sent a delegation to Geneva. The Taliban said they would not go.",
        ),
        doha=ArticleFactory(
            title="Preparations in Qatar",
            publisher="al jazeera",
            published_on=date("2019-02-01"),
            body="Diplomats prepare a meeting.",
        ),
    )
    r = SimpleNamespace(
        taliban_confirmed=ReportFactory(
            attendance=a["moscow", "taliban"],
            status="confirmed",
            review="verified",
            reported_on=date("2018-08-21"),
            article=articles.moscow,
            quote="The Taliban will attend the talks.",
            speaker=p.mujahid,
        ),
        kabul_declined=ReportFactory(
            attendance=a["moscow", "afghanistan"],
            status="declined",
            review="draft",
            reported_on=date("2018-08-22"),
            article=articles.moscow,
            quote="We will not participate in the Moscow talks.",
            speaker=p.ahmadi,
        ),
        kabul_confirmed=ReportFactory(
            attendance=a["geneva", "afghanistan"],
            status="confirmed",
            review="draft",
            reported_on=date("2018-11-20"),
            article=articles.geneva,
            quote="Kabul sent a delegation to Geneva.",
        ),
        taliban_declined=ReportFactory(
            attendance=a["geneva", "taliban"],
            status="declined",
            review="rejected",
            reported_on=date("2018-11-21"),
            article=articles.geneva,
            quote="The Taliban said they would not go.",
            speaker=p.mujahid,
        ),
        usa_declined=ReportFactory(
            attendance=a["moscow", "usa"],
            status="declined",
            review="verified",
            reported_on=date("2018-08-23"),
            article=articles.washington,
            quote="Washington will not send anyone to Moscow.",
        ),
    )
    return SimpleNamespace(participants=p, events=e, attendances=a, articles=articles, reports=r)


def results(response):
    assert response.status_code == 200, response.json()
    return response.json()["results"]


def slugs(response):
    return {row["slug"] for row in results(response)}


def pairs(response):
    """The attendances of a response as (event slug, participant slug)."""
    return {(row["event"], row["participant"]) for row in results(response)}


def ids(response):
    return {row["id"] for row in results(response)}


# ------------------------------------------------------------------------------
# Events
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"kabul", "moscow", "geneva", "doha"}),
        ({"kind": "peace_talks"}, {"moscow"}),
        ({"kind": ["conference", "meeting"]}, {"geneva", "doha"}),
        ({"status": "scheduled"}, {"moscow"}),
        ({"status": ["held", "cancelled"]}, {"geneva", "kabul"}),
        ({"country": "RU"}, {"moscow"}),
        ({"country": "ru"}, {"moscow"}),
        ({"country": "Ch"}, {"geneva"}),
        ({"country": "US"}, set()),
        ({"city": "Geneva"}, {"geneva"}),
        ({"city": "geneva"}, {"geneva"}),
        ({"city": "Paris"}, set()),
        ({"host": "russia"}, {"moscow"}),
        ({"host": "afghanistan"}, {"kabul"}),
        ({"host": "taliban"}, set()),
        ({"participant": "russia"}, {"moscow"}),
        ({"participant": "taliban"}, {"moscow", "geneva", "doha"}),
        ({"participant": "zabihullah-mujahid"}, set()),
        ({"participant_status": "confirmed"}, {"moscow", "geneva"}),
        ({"participant_status": "invited"}, {"doha"}),
        ({"participant_status": ["declined", "attended"]}, {"moscow", "geneva", "doha"}),
        ({"participant_status": "withdrawn"}, set()),
        ({"participant_role": "host"}, {"moscow"}),
        ({"participant_role": "observer"}, {"moscow", "geneva", "doha"}),
        ({"participant_role": ["host", "mediator"]}, {"moscow"}),
        ({"search": "talks"}, {"moscow", "doha"}),  # a title, a description
        ({"search": "AFGHANISTAN"}, {"moscow", "geneva"}),
        ({"search": "kabul"}, {"kabul"}),  # a city
        ({"search": "summit"}, set()),
    ],
)
def test_event_filters(api_client, world, query, expected):
    """Each event filter keeps the events that match and only those; several values of a choice mean OR."""
    assert slugs(api_client.get("/api/events/", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Taliban confirmed Moscow; at Geneva they declined while Afghanistan confirmed.
        ({"participant": "taliban", "participant_status": "confirmed"}, {"moscow"}),
        # Taliban declined Geneva; at Moscow Afghanistan and the United States declined.
        ({"participant": "taliban", "participant_status": "declined"}, {"geneva"}),
        ({"participant": "taliban", "participant_status": ["confirmed", "declined"]}, {"moscow", "geneva"}),
        ({"participant": "russia", "participant_status": "declined"}, set()),
        # Taliban observed Doha only; the United States observed Moscow and Geneva.
        ({"participant": "taliban", "participant_role": "observer"}, {"doha"}),
        ({"participant": "usa", "participant_role": "participant"}, {"doha"}),
        # All three on the one attendance: the United States observed and attended Geneva only.
        ({"participant": "usa", "participant_role": "observer", "participant_status": "attended"}, {"geneva"}),
        ({"participant_role": "observer", "participant_status": "attended"}, {"geneva"}),
        ({"participant_role": "host", "participant_status": "declined"}, set()),
    ],
)
def test_event_participant_filters_describe_one_attendance(api_client, world, query, expected):
    """``participant`` with ``participant_status``/``participant_role`` means that participant's own attendance."""
    assert slugs(api_client.get("/api/events/", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # kabul 08-19 (one day), moscow 09-04 (one day), geneva 11-27..11-28, doha 2019-02-25..03-12
        ({"date_after": "2018-09-04"}, {"moscow", "geneva", "doha"}),  # a one-day event on the bound
        ({"date_after": "2018-09-05"}, {"geneva", "doha"}),  # a one-day event the day before
        ({"date_after": "2018-11-28"}, {"geneva", "doha"}),  # the last day of a multi-day event
        ({"date_after": "2018-11-29"}, {"doha"}),
        ({"date_after": "2019-03-01"}, {"doha"}),  # started before, still running
        ({"date_after": "2019-03-13"}, set()),
        ({"date_before": "2018-08-18"}, set()),
        ({"date_before": "2018-08-19"}, {"kabul"}),
        ({"date_before": "2018-09-04"}, {"kabul", "moscow"}),
        ({"date_before": "2018-11-27"}, {"kabul", "moscow", "geneva"}),  # the first day of a multi-day event
        ({"date_before": "2018-11-26"}, {"kabul", "moscow"}),
        ({"date_after": "2018-09-04", "date_before": "2018-09-04"}, {"moscow"}),
        ({"date_after": "2018-11-28", "date_before": "2018-11-28"}, {"geneva"}),
        ({"date_after": "2019-03-01", "date_before": "2019-03-05"}, {"doha"}),  # inside the event
        ({"date_after": "2018-01-01", "date_before": "2019-12-31"}, {"kabul", "moscow", "geneva", "doha"}),
        ({"date_after": "2018-09-05", "date_before": "2018-11-26"}, set()),  # a gap between events
    ],
)
def test_event_date_filters_overlap(api_client, world, query, expected):
    """``date_after``/``date_before`` keep the events whose days overlap the inclusive range."""
    assert slugs(api_client.get("/api/events/", query)) == expected


def test_event_article_filter(token_client, world):
    """``article`` keeps the events whose reports cite that article."""
    articles = world.articles

    assert slugs(token_client.get("/api/events/", {"article": articles.moscow.pk})) == {"moscow"}
    assert slugs(token_client.get("/api/events/", {"article": articles.washington.pk})) == {"moscow"}
    assert slugs(token_client.get("/api/events/", {"article": articles.geneva.pk})) == {"geneva"}
    assert slugs(token_client.get("/api/events/", {"article": articles.doha.pk})) == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": ["held", "scheduled"], "country": "ru"}, {"moscow"}),
        ({"kind": "peace_talks", "country": "AF"}, set()),
        ({"participant": "usa", "date_after": "2018-11-01"}, {"geneva", "doha"}),
        ({"participant": "taliban", "search": "Doha"}, {"doha"}),
        ({"participant_status": "confirmed", "host": "russia"}, {"moscow"}),
        ({"participant_status": "confirmed", "date_before": "2018-09-03"}, set()),
    ],
)
def test_event_filters_combine_with_and(api_client, world, query, expected):
    """Different filters all apply."""
    assert slugs(api_client.get("/api/events/", query)) == expected


def titles(response):
    return [row["title"] for row in results(response)]


def test_event_default_order_is_latest_start_first(api_client, world):
    """Without ``ordering`` events come latest start first."""
    response = api_client.get("/api/events/")

    assert [row["slug"] for row in results(response)] == ["doha", "geneva", "moscow", "kabul"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("start_date", ["kabul", "moscow", "geneva", "doha"]),
        ("-start_date", ["doha", "geneva", "moscow", "kabul"]),
        ("title", ["geneva", "moscow", "kabul", "doha"]),
        ("-title", ["doha", "kabul", "moscow", "geneva"]),
    ],
)
def test_event_ordering(api_client, world, ordering, expected):
    """``ordering`` sorts by the field given, descending with ``-``."""
    response = api_client.get("/api/events/", {"ordering": ordering})

    assert [row["slug"] for row in results(response)] == expected


def test_event_ordering_by_last_update(api_client, world):
    """``ordering=-updated_at`` puts the most recently changed event first."""
    base = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    for days, slug in enumerate(["geneva", "kabul", "doha", "moscow"]):
        Event.objects.filter(slug=slug).update(updated_at=base + datetime.timedelta(days=days))

    response = api_client.get("/api/events/", {"ordering": "-updated_at"})

    assert [row["slug"] for row in results(response)] == ["moscow", "doha", "kabul", "geneva"]


def test_event_ordering_ties_are_stable(api_client):
    """Events with the same start date come in the same order on every page."""
    for n in range(6):
        EventFactory(slug=f"same-day-{n}", start_date=date("2018-09-04"))

    pages = [
        [row["slug"] for row in results(api_client.get("/api/events/", {"page_size": 2, "page": page}))]
        for page in (1, 2, 3)
    ]

    assert sorted(slug for page in pages for slug in page) == [f"same-day-{n}" for n in range(6)]


# ------------------------------------------------------------------------------
# Participants
# ------------------------------------------------------------------------------
@pytest.fixture
def people():
    """Participants with aliases and affiliations, and the events they attend."""
    p = SimpleNamespace()
    p.russia = ParticipantFactory(
        slug="russia", name="Russia", kind="state", country="RU", aliases=["Russian Federation"]
    )
    p.mfa_russia = ParticipantFactory(
        slug="mfa-russia",
        name="Russian Ministry of Foreign Affairs",
        kind="government",
        country="RU",
        affiliation=p.russia,
    )
    p.taliban = ParticipantFactory(
        slug="taliban", name="Taliban", kind="armed_group", country="AF", aliases=["Islamic Emirate of Afghanistan"]
    )
    p.afghan_mfa = ParticipantFactory(
        slug="afghan-mfa", name="Afghan Ministry of Foreign Affairs", kind="government", country="AF"
    )
    p.zakharova = ParticipantFactory(
        slug="maria-zakharova", name="Maria Zakharova", kind="person", country="RU", affiliation=p.mfa_russia
    )
    p.ahmadi = ParticipantFactory(
        slug="sibghat-ahmadi",
        name="Sibghat Ahmadi",
        kind="person",
        country="AF",
        aliases=["Sibghatullah Ahmadi"],
        affiliation=p.afghan_mfa,
    )
    p.kabulov = ParticipantFactory(
        slug="zamir-kabulov", name="Zamir Kabulov", kind="person", country="RU", aliases=["Zamir Kābulov"]
    )
    moscow = EventFactory(slug="moscow")
    geneva = EventFactory(slug="geneva")
    for event, participant in [(moscow, p.russia), (moscow, p.taliban), (geneva, p.afghan_mfa), (geneva, p.taliban)]:
        AttendanceFactory(event=event, participant=participant)
    return p


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "person"}, {"maria-zakharova", "sibghat-ahmadi", "zamir-kabulov"}),
        ({"kind": ["state", "armed_group"]}, {"russia", "taliban"}),
        ({"kind": "organization"}, set()),
        ({"country": "ru"}, {"russia", "mfa-russia", "maria-zakharova", "zamir-kabulov"}),
        ({"country": "AF"}, {"taliban", "afghan-mfa", "sibghat-ahmadi"}),
        ({"country": "CH"}, set()),
        ({"search": "Sibghat Ahmadi"}, {"sibghat-ahmadi"}),  # the name
        ({"search": "Sibghatullah"}, {"sibghat-ahmadi"}),  # an alias only
        ({"search": "sibghatullah ahmadi"}, {"sibghat-ahmadi"}),  # any case
        ({"search": "Russian Federation"}, {"russia"}),  # an alias, not the ministry's name
        ({"search": "Ministry"}, {"mfa-russia", "afghan-mfa"}),
        ({"search": "emirate"}, {"taliban"}),
        ({"search": "Kābulov"}, {"zamir-kabulov"}),  # an alias outside ASCII
        ({"search": "Hekmatyar"}, set()),
        ({"event": "moscow"}, {"russia", "taliban"}),
        ({"event": "geneva"}, {"afghan-mfa", "taliban"}),
        ({"affiliation": "russia"}, {"mfa-russia"}),
        ({"affiliation": "mfa-russia"}, {"maria-zakharova"}),
        ({"affiliation": "taliban"}, set()),
        ({"country": "RU", "kind": "person"}, {"maria-zakharova", "zamir-kabulov"}),
        ({"event": "moscow", "kind": "armed_group"}, {"taliban"}),
        ({"search": "Ministry", "affiliation": "russia"}, {"mfa-russia"}),
    ],
)
def test_participant_filters(api_client, people, query, expected):
    """Each participant filter keeps the participants that match and only those, and filters combine with AND."""
    assert slugs(api_client.get("/api/participants/", query)) == expected


@pytest.mark.parametrize(
    "text",
    ["Emirate of", "ahmadi", "Kābulov", "n Fed", "%", "_", "\\", "Afghanistan\nSib", "of AFGHANISTAN\nsibghatullah's"],
)
def test_participant_search_reads_aliases_one_a_line(api_client, people, text):
    """An alias search finds what the aliases joined one a line would give: each alias on its own, and a text
    with a line break across two aliases, as on PostgreSQL (``events.models.search.alias_match``)."""
    people.taliban.aliases = ["Islamic Emirate of Afghanistan", "Sibghatullah's % _ \\ group"]
    people.taliban.save()
    joined = {
        participant.slug
        for participant in Participant.objects.all()
        if any(text.casefold() in part.casefold() for part in [participant.name, participant.slug])
        or text.casefold() in "\n".join(participant.aliases).casefold()
    }

    assert slugs(api_client.get("/api/participants/", {"search": text})) == joined
    assert joined  # each text finds someone: the test is not empty


# ------------------------------------------------------------------------------
# Attendances
# ------------------------------------------------------------------------------
MOSCOW = {("moscow", "russia"), ("moscow", "taliban"), ("moscow", "afghanistan"), ("moscow", "usa")}
GENEVA = {("geneva", "afghanistan"), ("geneva", "taliban"), ("geneva", "usa")}
DOHA = {("doha", "taliban"), ("doha", "usa")}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, MOSCOW | GENEVA | DOHA),
        ({"event": "doha"}, DOHA),
        ({"event": "kabul"}, set()),
        ({"participant": "russia"}, {("moscow", "russia")}),
        ({"participant": "usa"}, {("moscow", "usa"), ("geneva", "usa"), ("doha", "usa")}),
        ({"status": "confirmed"}, {("moscow", "russia"), ("moscow", "taliban"), ("geneva", "afghanistan")}),
        ({"status": ["invited", "attended"]}, {("doha", "taliban"), ("geneva", "usa"), ("doha", "usa")}),
        ({"status": "withdrawn"}, set()),
        ({"role": "host"}, {("moscow", "russia")}),
        ({"role": ["observer", "mediator"]}, {("moscow", "usa"), ("geneva", "usa"), ("doha", "taliban")}),
        ({"participant_kind": "armed_group"}, {("moscow", "taliban"), ("geneva", "taliban"), ("doha", "taliban")}),
        (
            {"participant_kind": ["government", "state"]},
            {("moscow", "russia"), ("moscow", "afghanistan"), ("moscow", "usa"), ("geneva", "afghanistan")}
            | {("geneva", "usa"), ("doha", "usa")},
        ),
        ({"participant_kind": "person"}, set()),
        ({"date_after": "2018-09-05"}, GENEVA | DOHA),
        ({"date_after": "2018-09-04", "date_before": "2018-09-04"}, MOSCOW),  # a one-day event
        ({"date_after": "2018-11-28"}, GENEVA | DOHA),  # the last day of a multi-day event
        ({"date_after": "2019-03-12"}, DOHA),
        ({"date_before": "2019-02-24"}, MOSCOW | GENEVA),
        ({"date_before": "2019-02-25"}, MOSCOW | GENEVA | DOHA),
        ({"date_before": "2018-09-03"}, set()),
        ({"country": "ch"}, GENEVA),
        ({"country": "QA"}, DOHA),
        ({"country": "AF"}, set()),  # the event's country, not the participant's
        ({"event": "moscow", "status": "declined"}, {("moscow", "afghanistan"), ("moscow", "usa")}),
        ({"participant": "usa", "role": "observer"}, {("moscow", "usa"), ("geneva", "usa")}),
        ({"participant": "taliban", "date_after": "2018-10-01", "status": "invited"}, {("doha", "taliban")}),
    ],
)
def test_attendance_filters(api_client, world, query, expected):
    """Each attendance filter keeps the attendances that match and only those, and filters combine with AND."""
    assert pairs(api_client.get("/api/attendances/", query)) == expected


# ------------------------------------------------------------------------------
# Reports
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"taliban_confirmed", "kabul_declined", "kabul_confirmed", "taliban_declined", "usa_declined"}),
        ({"event": "moscow"}, {"taliban_confirmed", "kabul_declined", "usa_declined"}),
        ({"event": "doha"}, set()),
        ({"participant": "afghanistan"}, {"kabul_declined", "kabul_confirmed"}),
        ({"participant": "russia"}, set()),
        ({"status": "confirmed"}, {"taliban_confirmed", "kabul_confirmed"}),
        (
            {"status": ["confirmed", "declined"]},
            {"taliban_confirmed", "kabul_declined", "kabul_confirmed", "taliban_declined", "usa_declined"},
        ),
        ({"status": "attended"}, set()),
        ({"review": "verified"}, {"taliban_confirmed", "usa_declined"}),
        ({"review": ["draft", "rejected"]}, {"kabul_declined", "kabul_confirmed", "taliban_declined"}),
        ({"speaker": "zabihullah-mujahid"}, {"taliban_confirmed", "taliban_declined"}),
        ({"speaker": "sibghat-ahmadi"}, {"kabul_declined"}),
        ({"speaker": "russia"}, set()),
        ({"reported_after": "2018-08-22"}, {"kabul_declined", "usa_declined", "kabul_confirmed", "taliban_declined"}),
        ({"reported_after": "2018-11-22"}, set()),
        ({"reported_before": "2018-08-22"}, {"taliban_confirmed", "kabul_declined"}),
        ({"reported_before": "2018-08-20"}, set()),
        ({"reported_after": "2018-08-22", "reported_before": "2018-08-23"}, {"kabul_declined", "usa_declined"}),
        ({"event": "geneva", "review": "rejected"}, {"taliban_declined"}),
        ({"participant": "taliban", "status": "confirmed", "speaker": "zabihullah-mujahid"}, {"taliban_confirmed"}),
    ],
)
def test_report_filters(token_client, world, query, expected):
    """Each report filter keeps the reports that match and only those, and filters combine with AND."""
    reports = world.reports

    assert ids(token_client.get("/api/reports/", query)) == {getattr(reports, name).pk for name in expected}


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        ("moscow", {"taliban_confirmed", "kabul_declined"}),
        ("geneva", {"kabul_confirmed", "taliban_declined"}),
        ("washington", {"usa_declined"}),
        ("doha", set()),
    ],
)
def test_report_article_filter(token_client, world, article, expected):
    """``article`` keeps the reports citing that article."""
    reports = world.reports

    response = token_client.get("/api/reports/", {"article": getattr(world.articles, article).pk})

    assert ids(response) == {getattr(reports, name).pk for name in expected}


# ------------------------------------------------------------------------------
# Articles
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"moscow", "washington", "geneva", "doha"}),
        ({"publisher": "Al Jazeera"}, {"moscow", "doha"}),  # any case
        ({"publisher": "Reuters"}, {"geneva"}),
        ({"publisher": "TASS"}, set()),
        ({"published_after": "2018-08-23"}, {"washington", "geneva", "doha"}),
        ({"published_after": "2019-02-02"}, set()),
        ({"published_before": "2018-08-22"}, {"moscow"}),
        ({"published_before": "2018-08-21"}, set()),
        ({"published_after": "2018-08-23", "published_before": "2018-11-27"}, {"washington", "geneva"}),
        ({"search": "geneva"}, {"geneva"}),  # the title and the text
        ({"search": "Washington"}, {"washington"}),  # the text only
        ({"search": "tolonews"}, {"washington"}),  # the publisher
        ({"search": "Moscow"}, {"moscow", "washington"}),
        ({"search": "Islamabad"}, set()),
        ({"event": "moscow"}, {"moscow", "washington"}),
        ({"event": "geneva"}, {"geneva"}),
        ({"event": "doha"}, set()),
        ({"participant": "taliban"}, {"moscow", "geneva"}),
        ({"participant": "usa"}, {"washington"}),
        ({"participant": "russia"}, set()),
        ({"event": "moscow", "participant": "usa"}, {"washington"}),
        ({"publisher": "al jazeera", "published_after": "2018-09-01"}, {"doha"}),
        ({"search": "Moscow", "event": "geneva"}, set()),
    ],
)
def test_article_filters(token_client, world, query, expected):
    """Each article filter keeps the articles that match and only those, and filters combine with AND."""
    articles = world.articles

    assert ids(token_client.get("/api/articles/", query)) == {getattr(articles, name).pk for name in expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Mujahid attends nothing: he is only the speaker of the Taliban's reports.
        ({"participant": "zabihullah-mujahid"}, {"moscow", "geneva"}),
        ({"participant": "sibghat-ahmadi"}, {"moscow"}),
        ({"participant": "sibghat-ahmadi", "event": "geneva"}, set()),
        ({"participant": "zabihullah-mujahid", "event": "geneva"}, {"geneva"}),
        # Afghanistan is reported on, never quoted as the speaker.
        ({"participant": "afghanistan"}, {"moscow", "geneva"}),
        ({"participant": "russia"}, set()),
    ],
)
def test_article_participant_filter_finds_speakers(token_client, world, query, expected):
    """``participant`` keeps the articles whose reports are on that participant or quote it as the speaker."""
    articles = world.articles

    assert ids(token_client.get("/api/articles/", query)) == {getattr(articles, name).pk for name in expected}


# ------------------------------------------------------------------------------
# Bad parameters
# ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "query", "parameter"),
    [
        # unknown slugs
        ("/api/events/", {"host": "atlantis"}, "host"),
        ("/api/events/", {"participant": "atlantis"}, "participant"),
        ("/api/participants/", {"event": "yalta-1945"}, "event"),
        ("/api/participants/", {"affiliation": "atlantis"}, "affiliation"),
        ("/api/attendances/", {"event": "yalta-1945"}, "event"),
        ("/api/attendances/", {"participant": "atlantis"}, "participant"),
        ("/api/reports/", {"event": "yalta-1945"}, "event"),
        ("/api/reports/", {"participant": "atlantis"}, "participant"),
        ("/api/reports/", {"speaker": "atlantis"}, "speaker"),
        ("/api/articles/", {"event": "yalta-1945"}, "event"),
        ("/api/articles/", {"participant": "atlantis"}, "participant"),
        # unknown article ids
        ("/api/events/", {"article": 0}, "article"),
        ("/api/events/", {"article": "first"}, "article"),
        ("/api/reports/", {"article": 0}, "article"),
        # unknown choices
        ("/api/events/", {"kind": "picnic"}, "kind"),
        ("/api/events/", {"status": ["held", "rumoured"]}, "status"),
        ("/api/events/", {"participant_status": "maybe"}, "participant_status"),
        ("/api/events/", {"participant_role": "spectator"}, "participant_role"),
        ("/api/participants/", {"kind": "alien"}, "kind"),
        ("/api/attendances/", {"status": "maybe"}, "status"),
        ("/api/attendances/", {"role": "spectator"}, "role"),
        ("/api/attendances/", {"participant_kind": "alien"}, "participant_kind"),
        ("/api/reports/", {"status": "maybe"}, "status"),
        ("/api/reports/", {"review": "pending"}, "review"),
        # unknown ordering fields
        ("/api/events/", {"ordering": "popularity"}, "ordering"),
        ("/api/events/", {"ordering": "-host"}, "ordering"),
        ("/api/participants/", {"ordering": "age"}, "ordering"),
        ("/api/attendances/", {"ordering": "notes"}, "ordering"),
        ("/api/reports/", {"ordering": "quote"}, "ordering"),
        ("/api/articles/", {"ordering": "body"}, "ordering"),
        # malformed dates
        ("/api/events/", {"date_after": "2018-02-30"}, "date_after"),
        ("/api/events/", {"date_before": "yesterday"}, "date_before"),
        ("/api/attendances/", {"date_after": "2018-09-31"}, "date_after"),
        ("/api/attendances/", {"date_before": "2018-9"}, "date_before"),
        ("/api/reports/", {"reported_after": "2018-13-01"}, "reported_after"),
        ("/api/reports/", {"reported_before": "soon"}, "reported_before"),
        ("/api/articles/", {"published_after": "2018-00-10"}, "published_after"),
        ("/api/articles/", {"published_before": "last week"}, "published_before"),
        # ambiguous, non-ISO dates
        ("/api/events/", {"date_after": "04/09/2018"}, "date_after"),
        ("/api/reports/", {"reported_before": "09/04/2018"}, "reported_before"),
        # reversed ranges
        ("/api/events/", {"date_after": "2018-09-05", "date_before": "2018-09-04"}, "date_after"),
        ("/api/attendances/", {"date_after": "2019-01-01", "date_before": "2018-01-01"}, "date_after"),
        ("/api/reports/", {"reported_after": "2018-08-23", "reported_before": "2018-08-22"}, "reported_after"),
        ("/api/articles/", {"published_after": "2018-08-23", "published_before": "2018-08-22"}, "published_after"),
    ],
)
def test_bad_parameter_is_400_naming_it(api_client, world, url, query, parameter):
    """A bad filter value is a JSON 400 whose body names the parameter, never an empty or unfiltered list."""
    response = api_client.get(url, query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [parameter]
    assert response.json()[parameter]


def test_reversed_range_names_both_bounds(api_client, world):
    """The error for ``date_after`` later than ``date_before`` says which dates conflict."""
    response = api_client.get("/api/events/", {"date_after": "2018-09-05", "date_before": "2018-09-04"})

    message = " ".join(response.json()["date_after"])
    assert "2018-09-05" in message
    assert "date_before" in message


def test_unknown_slug_error_names_the_slug(api_client, world):
    """The error for an unknown slug repeats it."""
    response = api_client.get("/api/events/", {"participant": "atlantis"})

    assert "atlantis" in " ".join(response.json()["participant"])


# ------------------------------------------------------------------------------
# Ordering on every list
# ------------------------------------------------------------------------------
ORDERINGS = {
    "/api/events/": "title",
    "/api/participants/": "-name",
    "/api/attendances/": "status",
    "/api/reports/": "status",
    "/api/articles/": "title",
}


def order(response):
    return [row["id"] for row in results(response)]


@pytest.mark.parametrize("template", ["{},", ",{}", "{},,"])
@pytest.mark.parametrize("url", ORDERINGS)
def test_empty_ordering_items_are_ignored(api_client, world, url, template):
    """``ordering=title,`` or ``ordering=,title`` orders as ``ordering=title``."""
    field = ORDERINGS[url]
    by_field = order(api_client.get(url, {"ordering": field}))
    assert by_field != order(api_client.get(url))

    assert order(api_client.get(url, {"ordering": template.format(field)})) == by_field


@pytest.mark.parametrize("value", [",", ",,"])
@pytest.mark.parametrize("url", ORDERINGS)
def test_ordering_of_only_empty_items_keeps_the_default_order(api_client, world, url, value):
    """``ordering=,`` is no ordering: the list comes in its default order."""
    assert order(api_client.get(url, {"ordering": value})) == order(api_client.get(url))


TIES = {
    # url: (ordering field, maker of a record with a value of that field, a lower value, a higher value)
    "/api/events/": (
        "start_date",
        lambda value: EventFactory(start_date=value),
        date("2018-09-03"),
        date("2018-09-04"),
    ),
    "/api/participants/": ("kind", lambda value: ParticipantFactory(kind=value), "armed_group", "state"),
    "/api/attendances/": (
        "start_date",
        lambda value: AttendanceFactory(event__start_date=value),
        date("2018-09-03"),
        date("2018-09-04"),
    ),
    "/api/reports/": (
        "reported_on",
        lambda value: ReportFactory(reported_on=value),
        date("2018-08-21"),
        date("2018-08-22"),
    ),
    "/api/articles/": (
        "published_on",
        lambda value: ArticleFactory(published_on=value),
        date("2018-08-21"),
        date("2018-08-22"),
    ),
}


@pytest.mark.parametrize("url", TIES)
def test_ties_break_in_the_direction_of_the_ordering(api_client, url):
    """Records that tie come entered first first under ``field`` and entered last first under ``-field``."""
    field, make, lower, higher = TIES[url]
    first, second, third = make(higher), make(higher), make(higher)
    lowest = make(lower)  # entered last, but its value puts it at the low end

    ascending = order(api_client.get(url, {"ordering": field}))
    descending = order(api_client.get(url, {"ordering": f"-{field}"}))

    assert ascending == [lowest.pk, first.pk, second.pk, third.pk]
    assert descending == [third.pk, second.pk, first.pk, lowest.pk]


def test_report_entered_last_comes_first_under_descending_date(api_client):
    """``ordering=-reported_on`` lists the same-day report entered last first; ``reported_on`` lists it last."""
    earlier = ReportFactory(reported_on=date("2018-08-22"))
    later = ReportFactory(reported_on=date("2018-08-22"))

    descending = order(api_client.get("/api/reports/", {"ordering": "-reported_on"}))
    ascending = order(api_client.get("/api/reports/", {"ordering": "reported_on"}))

    assert descending == [later.pk, earlier.pk]
    assert ascending == [earlier.pk, later.pk]


def test_ties_follow_the_first_field_not_the_last(api_client):
    """Under ``-reported_on,status`` ties on both come entered last first."""
    first, second = (ReportFactory(reported_on=date("2018-08-22"), status="declined") for _ in range(2))

    response = api_client.get("/api/reports/", {"ordering": "-reported_on,status"})

    assert order(response) == [second.pk, first.pk]


# ------------------------------------------------------------------------------
# Empty values
# ------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["", ["", ""]], ids=["one", "repeated"])
@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/events/", "kind"),
        ("/api/events/", "status"),
        ("/api/events/", "participant_status"),
        ("/api/events/", "participant_role"),
        ("/api/participants/", "kind"),
        ("/api/attendances/", "status"),
        ("/api/attendances/", "role"),
        ("/api/attendances/", "participant_kind"),
        ("/api/reports/", "status"),
        ("/api/reports/", "review"),
    ],
)
def test_empty_choice_value_means_no_filter(api_client, world, url, parameter, value):
    """``?kind=`` keeps every row, as an empty value of any other parameter does."""
    everything = ids(api_client.get(url))
    assert everything

    assert ids(api_client.get(url, {parameter: value})) == everything


def test_empty_choice_value_beside_a_value_filters_by_that_value(token_client, world):
    """``?status=&status=declined`` keeps the declined rows only."""
    reports = world.reports

    assert ids(token_client.get("/api/reports/", {"status": ["", "declined"]})) == {
        reports.kabul_declined.pk,
        reports.taliban_declined.pk,
        reports.usa_declined.pk,
    }
    assert pairs(token_client.get("/api/attendances/", {"status": ["", "declined"]})) == {
        ("moscow", "afghanistan"),
        ("moscow", "usa"),
        ("geneva", "taliban"),
    }
    assert slugs(token_client.get("/api/events/", {"kind": ["", "conference"]})) == {"geneva"}


def test_empty_choice_value_does_not_hide_a_bad_one(api_client, world):
    """``?status=&status=rumoured`` is still a 400 on ``status``."""
    response = api_client.get("/api/reports/", {"status": ["", "rumoured"]})

    assert response.status_code == 400
    assert list(response.json()) == ["status"]
