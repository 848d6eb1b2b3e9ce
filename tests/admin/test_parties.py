"""The article page's extraction section: propose reports, then confirm, merge or dismiss the new parties."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from events.models import Article, Participant, ParticipantProposal, Report
from tests.admin.conftest import admin_url
from tests.factories import ArticleFactory, EventFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Russia has invited the National Liberation Front to the Moscow talks, the foreign ministry said on Monday.\n\n"
    "The Revolutionary Awakening Movement said it would not attend the Moscow talks. "
    "The Taliban will attend the talks."
)
INVITED = "Russia has invited the National Liberation Front to the Moscow talks, the foreign ministry said on Monday."
DECLINED = "The Revolutionary Awakening Movement said it would not attend the Moscow talks."


@pytest.fixture
def article():
    russia = ParticipantFactory(slug="russia", name="Russia", aliases=["Moscow"])
    ParticipantFactory(slug="taliban", name="Taliban", kind="armed_group")
    EventFactory(
        slug="moscow-talks", title="Moscow talks on Afghanistan", start_date=datetime.date(2018, 9, 4), host=russia
    )
    return ArticleFactory(body=BODY, published_on=datetime.date(2018, 8, 22))


def statement(status, quote):
    return {
        "event": "moscow-talks",
        "event_title": "Moscow talks on Afghanistan",
        "new_event": None,
        "status": status,
        "quote": quote,
        "reported_on": "2018-08-22",
        "speaker": None,
        "via": "",
    }


def propose(article, name, kind, status, quote):
    proposal = ParticipantProposal(
        article=article, name=name, kind=kind, quote=quote, statements=[statement(status, quote)]
    )
    proposal.full_clean()
    proposal.save()
    return proposal


@pytest.fixture
def front(article):
    return propose(article, "National Liberation Front", "armed_group", "invited", INVITED)


def page(article):
    return admin_url(Article, "change", article.pk)


def act(client, proposal, action, **data):
    url = reverse("admin:events_article_party", args=[proposal.article_id, proposal.pk, action])
    return client.post(url, {f"party-{proposal.pk}-{k}": v for k, v in data.items()}, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_the_page_lists_pending_parties_with_their_statements_and_actions(admin_client, article, front):
    content = admin_client.get(page(article)).content.decode()
    assert 'id="extraction"' in content and 'value="Propose reports"' in content
    assert f'<tr id="party-{front.pk}" class="proposed-party">' in content
    assert "Armed group (guessed)" in content
    assert f"<strong>invited</strong>, Moscow talks on Afghanistan: “{INVITED}”" in content
    for action in ("confirm", "merge", "dismiss"):
        assert f'action="/admin/events/article/{article.pk}/parties/{front.pk}/{action}/"' in content
    assert f'name="party-{front.pk}-name" value="National Liberation Front"' in content
    assert '<option value="armed_group" selected>Armed group</option>' in content
    # The merge target is chosen with the participants' autocomplete.
    assert 'data-model-name="participantproposal" data-field-name="participant"' in content
    assert content.count("csrfmiddlewaretoken") >= 5  # the article's form, propose, and each action


def test_the_propose_button_writes_drafts_and_proposes_new_parties(admin_client, article):
    response = admin_client.post(reverse("admin:events_article_propose", args=[article.pk]), follow=True)
    assert response.redirect_chain == [(page(article) + "#extraction", 302)]
    (message,) = messages_of(response)
    assert message.startswith(f"“{article.title}”: 1 new draft report (0 already there), 1 new attendance")
    assert (
        "New parties to review on the article's page: National Liberation Front, Revolutionary Awakening Movement."
        in message
    )
    assert [r.attendance.participant.slug for r in Report.objects.filter(article=article)] == ["taliban"]
    rows = response.context["party_rows"]
    assert sorted(row.proposal.name for row in rows) == [
        "National Liberation Front",
        "Revolutionary Awakening Movement",
    ]


def test_confirm_with_an_edited_name_and_kind_shows_its_draft_report_in_the_rows(admin_client, article, front):
    response = act(admin_client, front, "confirm", name="National Liberation Front (NLF)", kind="organization")
    assert messages_of(response) == [
        "Confirmed “National Liberation Front” as a new participant National Liberation Front (NLF): "
        "1 new draft report (0 already there), to verify below."
    ]
    participant = Participant.objects.get(name="National Liberation Front (NLF)")
    assert (participant.kind, participant.aliases) == ("organization", ["National Liberation Front"])
    report = Report.objects.get(attendance__participant=participant)
    assert (report.status, report.review, report.quote) == ("invited", "draft", INVITED)
    (inline,) = response.context["inline_admin_formsets"]
    assert [form.instance.pk for form in inline.formset.initial_forms] == [report.pk]
    assert response.context["party_rows"] == []
    assert "National Liberation Front (confirmed: <a href=" in response.content.decode()


def test_merge_into_a_participant(admin_client, article, front):
    taliban = Participant.objects.get(slug="taliban")
    response = act(admin_client, front, "merge", into=taliban.pk)
    assert messages_of(response)[0].startswith("Merged “National Liberation Front” into Taliban: 1 new draft")
    taliban.refresh_from_db()
    assert taliban.aliases == ["National Liberation Front"]
    assert Report.objects.get(attendance__participant=taliban).quote == INVITED


@pytest.mark.parametrize(
    "digits", ["0123456789", "０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩"], ids=["ascii", "full-width", "arabic-indic"]
)
def test_merge_into_takes_an_id_in_ascii_digits_only(admin_client, article, front, digits):
    """Tester 37, N2: "３" (or "٣") was read as the id 3 and merged the party into whatever participant had it."""
    taliban = Participant.objects.get(slug="taliban")
    written = str(taliban.pk).translate(str.maketrans("0123456789", digits))

    (shown,) = messages_of(act(admin_client, front, "merge", into=written))

    if digits == "0123456789":
        assert shown.startswith("Merged “National Liberation Front” into Taliban")
    else:
        assert shown.startswith("“National Liberation Front”: nothing was changed. ") and "Into: " in shown
        assert ParticipantProposal.objects.get().status == "pending"
        assert Participant.objects.get(pk=taliban.pk).aliases == [] and not Report.objects.exists()


def test_dismiss(admin_client, article, front):
    response = act(admin_client, front, "dismiss")
    assert messages_of(response) == ["Dismissed “National Liberation Front”: no participant, no report."]
    assert ParticipantProposal.objects.get().status == "dismissed"
    assert not Report.objects.exists()
    assert messages_of(act(admin_client, front, "dismiss")) == [
        "“National Liberation Front” was already dismissed: nothing more to do."
    ]


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("confirm", {"name": "Ministry", "kind": "armed_group"}, "Name: “Ministry” names no party"),
        ("confirm", {"name": "Front", "kind": "dragon"}, "Kind: Select a valid choice."),
        ("confirm", {"name": "Taliban", "kind": "armed_group"}, "Name: Taliban (taliban) is already called"),
        ("merge", {}, "Into: Choose the participant to merge it into."),
    ],
)
def test_a_refused_answer_names_the_field_and_changes_nothing(admin_client, article, front, action, data, message):
    response = act(admin_client, front, action, **data)
    (shown,) = messages_of(response)
    assert shown.startswith("“National Liberation Front”: nothing was changed. ") and message in shown
    assert ParticipantProposal.objects.get().status == "pending"
    assert Participant.objects.count() == 2 and not Report.objects.exists()


def test_only_posts_and_known_actions(admin_client, article, front):
    url = reverse("admin:events_article_party", args=[article.pk, front.pk, "dismiss"])
    assert admin_client.get(url).status_code == 405
    assert admin_client.get(reverse("admin:events_article_propose", args=[article.pk])).status_code == 405
    bad = reverse("admin:events_article_party", args=[article.pk, front.pk, "delete"])
    assert admin_client.post(bad).status_code == 404
    other = ArticleFactory()
    elsewhere = reverse("admin:events_article_party", args=[other.pk, front.pk, "dismiss"])
    # Another article's party, or none: told on the article's page (tester 36, M6: Django's bare 404 page).
    for url in (elsewhere, reverse("admin:events_article_party", args=[article.pk, 999_999, "confirm"])):
        response = admin_client.post(url, follow=True)
        assert response.status_code == 200
        assert [m for m in messages_of(response) if "has no proposed party" in m]
    assert ParticipantProposal.objects.get().status == "pending"


@pytest.mark.parametrize("object_id", ["999999", "abc"])
def test_an_article_that_is_not_there_is_told_as_the_admin_tells_it(admin_client, article, front, object_id):
    """Tester 35, L12: a curator's propose or party address of no article was a bare 403, as for a permission."""
    for url in [
        reverse("admin:events_article_propose", args=[object_id]),
        reverse("admin:events_article_party", args=[object_id, front.pk, "confirm"]),
    ]:
        response = admin_client.post(url, follow=True)
        assert response.status_code == 200
        assert any("doesn’t exist" in message for message in messages_of(response)), messages_of(response)
    assert ParticipantProposal.objects.get().status == "pending"


def test_posts_need_the_csrf_token(admin_user, article, front):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    url = reverse("admin:events_article_party", args=[article.pk, front.pk, "dismiss"])
    assert client.post(url).status_code == 403
    assert ParticipantProposal.objects.get().status == "pending"


def test_users_who_may_not_add_participants_see_no_parties_and_cannot_settle_them(staff_client, article, front):
    client = staff_client("events.view_article", "events.change_article", "events.add_report")
    content = client.get(page(article)).content.decode()
    assert "proposed-party" not in content and 'value="Propose reports"' not in content
    response = act(client, front, "dismiss")
    assert messages_of(response) == [
        "To dismiss a proposed party you need the permissions events.add_participant, events.change_report."
    ]
    assert ParticipantProposal.objects.get().status == "pending"
    # Without even the right to view the article: refused outright.
    assert act(staff_client_without_article(), front, "dismiss").status_code == 403


def writer_with_every_add_and_view_permission(django_user_model):
    """Staff who may add and view every record but not change reports: a writer, no curator (``may_review``)."""
    user = django_user_model.objects.create_user("writer", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="events", codename__regex=r"^(add|view)_")
    )
    client = Client()
    client.force_login(user)
    return client


def test_a_writer_sees_no_proposed_parties_and_answers_none_of_them(django_user_model, article, front):
    """The parties, their statements (new events, unreviewed statuses) and the answers are for curators, as the
    API's ``parties`` are (the extract endpoint is a 403 to this writer): not the table, not the settled ones."""
    settled = propose(article, "Revolutionary Awakening Movement", "armed_group", "declined", DECLINED)
    ParticipantProposal.objects.filter(pk=settled.pk).update(status="dismissed")
    client = writer_with_every_add_and_view_permission(django_user_model)

    response = client.get(page(article))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="extraction"' not in content and "proposed-party" not in content
    assert "Parties settled before" not in content and "(guessed)" not in content
    assert "party_rows" not in response.context and "settled_parties" not in response.context
    for action in ("confirm", "merge", "dismiss"):
        (message,) = messages_of(act(client, front, action, name="Front", kind="armed_group"))
        assert message.startswith(f"To {action} a proposed party you need the permissions ")
        assert "events.change_report" in message
    assert ParticipantProposal.objects.get(pk=front.pk).status == "pending"
    assert Participant.objects.count() == 2 and not Report.objects.exists()


def staff_client_without_article():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("outsider", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def test_the_merge_autocomplete_finds_participants_by_alias(admin_client, article, front):
    query = "app_label=events&model_name=participantproposal&field_name=participant&term=Moscow"
    response = admin_client.get(f"{reverse('admin:autocomplete')}?{query}")
    assert [r["text"] for r in response.json()["results"]] == ["Russia"]


@pytest.mark.parametrize("parties", [1, 6])
def test_page_queries_do_not_grow_with_parties(admin_client, django_assert_num_queries, article, parties):
    for number in range(parties):
        propose(article, f"Northern Front {number}", "armed_group", "declined", DECLINED)
    ContentType.objects.clear_cache()
    with django_assert_num_queries(6):
        response = admin_client.get(page(article))
    assert len(response.context["party_rows"]) == parties


def test_an_article_that_cannot_be_read_is_an_error_message(admin_client, article, monkeypatch):
    from django.core.exceptions import ValidationError

    from events import services

    def refuse(**kwargs):
        raise ValidationError({"body": ["Too long to read in one request."]})

    monkeypatch.setattr(services, "propose_reports", refuse)
    response = admin_client.post(reverse("admin:events_article_propose", args=[article.pk]), follow=True)
    assert messages_of(response) == [f"“{article.title}”: Body: Too long to read in one request."]
    assert not Report.objects.exists()


def test_the_confirm_form_shows_the_aliases_it_adds_and_the_curator_may_remove_any(admin_client, article, front):
    """Tester 44, D3: the participant was created with aliases the confirm form never showed."""
    front.aliases = ["NLF", "Front of Liberation"]
    front.save()
    content = admin_client.get(page(article)).content.decode()
    field = f'<textarea name="party-{front.pk}-aliases"'
    assert field in content
    assert "NLF\nFront of Liberation</textarea>" in content

    response = act(
        admin_client, front, "confirm", name="National Liberation Front", kind="armed_group", aliases="NLF\n"
    )
    assert messages_of(response)[0].startswith("Confirmed “National Liberation Front”")
    assert Participant.objects.get(name="National Liberation Front").aliases == ["NLF"]


def test_an_alias_a_participant_may_not_have_is_refused_and_nothing_is_written(admin_client, article, front):
    response = act(admin_client, front, "confirm", name="National Liberation Front", kind="armed_group",
                   aliases="NLF\nNLF | Front")  # fmt: skip
    (message,) = messages_of(response)
    assert message.startswith("“National Liberation Front”: nothing was changed. Aliases:")
    assert not Participant.objects.filter(name="National Liberation Front").exists()


def test_a_party_confirmed_here_keeps_its_provenance_out_of_its_description(admin_client, article, front):
    """The assistant's note on where the party comes from is the participant's provenance, shown on its admin page
    (read-only), not its public description."""
    act(admin_client, front, "confirm", name="National Liberation Front", kind="armed_group")
    participant = Participant.objects.get(name="National Liberation Front")
    note = f"Proposed by the extraction assistant from “{article.title}”."
    assert (participant.description, participant.provenance) == ("", note)
    form = admin_client.get(admin_url(Participant, "change", participant.pk)).context["adminform"]
    assert "provenance" in form.readonly_fields and "provenance" not in form.form.fields
    assert note in admin_client.get(admin_url(Participant, "change", participant.pk)).content.decode()
