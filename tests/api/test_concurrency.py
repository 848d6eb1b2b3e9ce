"""Racing writers against a live server: of several writes from the same ETag exactly one wins."""

import json
import threading
import urllib.error
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
    assert sorted([patched, deleted]) in ([200, 412], [204, 412], [404, 204]), answers
    stored = Event.objects.filter(pk=event.pk).first()
    if deleted == 204:
        assert stored is None
    else:
        assert (stored.city, stored.version) == ("Kabul", 2)


def test_sequential_writers_each_from_the_last_etag_all_win(live_server, token):
    """Writers that each read the ETag the previous one left all go through: one version each."""
    event = EventFactory()
    url = f"{live_server.url}/api/events/{event.slug}/"

    for number in range(3):
        _, headers, _ = call("GET", url)
        status, _, body = call("PATCH", url, token=token, body={"city": f"City {number}"}, if_match=headers["ETag"])
        assert (status, body["version"]) == (200, number + 2)
