"""Racing writers against a live server: of several writes from the same ETag exactly one wins."""

import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rest_framework.authtoken.models import Token

from events.models import Event
from tests.factories import EventFactory

# Each request runs in the server's own thread and transaction, on its own connection.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WRITERS = 8


@pytest.fixture
def token(django_user_model):
    return Token.objects.create(user=django_user_model.objects.create_superuser("racer")).key


def call(method, url, *, token=None, body=None, if_match=None):
    """One request: its status, headers and JSON body."""
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Token {token}")
    if if_match:
        request.add_header("If-Match", if_match)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, headers, content = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, content = error.code, error.headers, error.read()
    return status, headers, json.loads(content) if content else None


def race(calls):
    """Runs the calls in threads released together; their answers, in order."""
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def run(index, request):
        barrier.wait()
        answers[index] = request()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(answer is not None for answer in answers), "a writer did not finish"
    return answers


def test_racing_patches_with_one_etag_exactly_one_wins(live_server, token):
    """Eight PATCHes with the same If-Match at once: one 200, seven 412, and the stored title is the winner's."""
    event = EventFactory()
    url = f"{live_server.url}/api/events/{event.slug}/"
    _, headers, _ = call("GET", url)
    etag = headers["ETag"]

    answers = race(
        [
            lambda n=n: call("PATCH", url, token=token, body={"title": f"Title of writer {n}"}, if_match=etag)
            for n in range(WRITERS)
        ]
    )

    statuses = sorted(status for status, _, _ in answers)
    assert statuses == [200] + [412] * (WRITERS - 1), answers
    (winner,) = [body for status, _, body in answers if status == 200]
    event.refresh_from_db()
    assert (event.title, event.version) == (winner["title"], 2)
    assert [entry.history_type for entry in event.history.order_by("history_date")] == ["+", "~"]


def test_racing_patch_and_delete_with_one_etag_one_wins(live_server, token):
    """A PATCH and a DELETE from the same ETag at once: exactly one of them is applied."""
    event = EventFactory()
    url = f"{live_server.url}/api/events/{event.slug}/"
    _, headers, _ = call("GET", url)
    etag = headers["ETag"]

    answers = race(
        [
            lambda: call("PATCH", url, token=token, body={"city": "Kabul"}, if_match=etag),
            lambda: call("DELETE", url, token=token, if_match=etag),
        ]
    )

    patched, deleted = (status for status, _, _ in answers)
    assert sorted([patched, deleted]) in ([200, 412], [204, 412], [204, 404]), answers
    stored = Event.objects.filter(pk=event.pk).first()
    if deleted == 204:
        assert stored is None
    else:
        assert (stored.city, stored.version) == ("Kabul", 2)


def test_racing_creates_of_one_slug_one_wins_and_the_others_are_told_the_slug(live_server, token):
    """Tester 33, J6: of eight POSTs of one slug at once, the losers were 500s (the database's unique constraint)."""
    url = f"{live_server.url}/api/events/"

    answers = race(
        [
            lambda n=n: call(
                "POST",
                url,
                token=token,
                body={"slug": "race", "title": f"Event {n}", "kind": "meeting", "start_date": "2024-01-01"},
            )
            for n in range(WRITERS)
        ]
    )

    assert sorted(status for status, _, _ in answers) == [201] + [400] * (WRITERS - 1), answers
    assert all(list(body) == ["slug"] for status, _, body in answers if status == 400), answers
    assert Event.objects.filter(slug="race").count() == 1


def test_sequential_writers_each_from_the_last_etag_all_win(live_server, token):
    """Writers that each read the ETag the previous one left all go through: one version each."""
    event = EventFactory()
    url = f"{live_server.url}/api/events/{event.slug}/"

    for number in range(3):
        _, headers, _ = call("GET", url)
        status, _, body = call("PATCH", url, token=token, body={"city": f"City {number}"}, if_match=headers["ETag"])
        assert (status, body["version"]) == (200, number + 2)


# ------------------------------------------------------------------------------
# The admin
# ------------------------------------------------------------------------------
CSRF = "c" * 32  # an unmasked CSRF secret, sent as the cookie and as the form's token


@pytest.fixture
def admin_cookies(client, django_user_model):
    """The cookies of a logged-in superuser's browser: a session and a CSRF secret."""
    client.force_login(django_user_model.objects.create_superuser("editor"))
    return f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF}"


def post_form(url, cookies, fields):
    request = urllib.request.Request(url, method="POST", data=urllib.parse.urlencode(fields).encode())
    request.add_header("Cookie", cookies)
    request.add_header("Referer", url)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_racing_admin_saves_of_one_form_exactly_one_wins(live_server, admin_cookies):
    """Two curators save the change page they opened at the same version at once: one is saved (a redirect),
    the other gets the page again with the reason, and the record holds the winner's change only."""
    event = EventFactory(city="Moscow")
    url = f"{live_server.url}/admin/events/event/{event.pk}/change/"
    form = {
        "csrfmiddlewaretoken": CSRF,
        "slug": event.slug,
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "start_date": event.start_date.isoformat(),
        "end_date": "",
        "city": event.city,
        "country": event.country.code,
        "host": "",
        "description": "",
        "opened_version": event.version,
        "attendances-TOTAL_FORMS": 0,
        "attendances-INITIAL_FORMS": 0,
        "attendances-MIN_NUM_FORMS": 0,
        "attendances-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }

    answers = race(
        [lambda city=city: post_form(url, admin_cookies, {**form, "city": city}) for city in ["Kabul", "Doha"]]
    )

    assert sorted(status for status, _ in answers) == [200, 302], [status for status, _ in answers]
    (refused,) = [page for status, page in answers if status == 200]
    assert "was changed or deleted by someone else since version 1 was read" in refused
    event.refresh_from_db()
    assert event.version == 2
    assert event.city == ("Kabul" if answers[0][0] == 302 else "Doha")
