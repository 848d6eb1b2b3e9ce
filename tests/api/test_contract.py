"""The API against its own OpenAPI schema: schemathesis generates requests, every check judges the answers.

Every operation, reads and writes, is run twice: anonymously and as a curator with a
token. The database holds the seed fixture; each request runs in a savepoint that is
rolled back, so every request meets the same records. The seed is fixed, so a run is
repeatable; ``schemathesis run`` against a live server tries other seeds (see docs/api.md).
"""

import tomllib
import zlib
from collections import Counter

import pytest
import schemathesis
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from rest_framework.authtoken.models import Token

from tests.factories import RESOURCES

# Slow: over a thousand generated requests, most of a minute (`make test-fast` leaves it out).
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

EXAMPLES = 20  # per operation and client: 31 operations x 2 clients x 20 = 1,240 requests
MINIMUM_REQUESTS = 1000


def contract_config():
    """``schemathesis.toml`` (which ``schemathesis run`` reads too), with a fixed seed and the suite's phases."""
    config = tomllib.loads((settings.BASE_DIR / "schemathesis.toml").read_text(encoding="utf-8"))
    config["seed"] = 20180822
    config["generation"].update({"max-examples": EXAMPLES, "deterministic": True})
    # The coverage phase's thousands of boundary cases take minutes on two cores: the
    # suite runs the fuzzing phase, `schemathesis run` all phases (docs/api.md).
    config["phases"] = {"coverage": {"enabled": False}}
    # No replay of failures kept from earlier runs: every run makes the same requests.
    config["cache"] = {"enabled": False}
    return schemathesis.Config.from_dict(config)


schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application(), config=contract_config())

REQUESTS = Counter()


@schema.hook
def map_case(context, case):
    """About half the valid cases of a detail operation address a stored record, so they get past the 404.

    No case names ``fields=``: a sparse answer leaves out fields the schema lists as always
    there, which OpenAPI cannot make depend on a parameter (tests/api/test_sparse.py checks it).
    """
    if case.query:
        case.query.pop("fields", None)
    if not case.path_parameters or case.meta is None or not case.meta.generation.mode.is_positive:
        return case
    resource = RESOURCES[case.operation.path.split("/")[2]]
    name, value = next(iter(case.path_parameters.items()))
    digest = zlib.crc32(repr(value).encode())
    if digest % 2:
        keys = list(resource.model.objects.order_by("pk").values_list(resource.lookup, flat=True))
        case.path_parameters[name] = keys[digest // 2 % len(keys)]
    return case


@pytest.fixture(scope="module")
def curator_token(django_db_setup, django_db_blocker):
    """The seed fixture and a curator's token, for the whole module; rolled back after it.

    Schemathesis calls the WSGI application itself, so, as Django's test client does, the
    connection is kept open across requests (Django closes it after each one otherwise,
    which would end the transaction holding the seed).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", "seed", verbosity=0)
        user = User.objects.create_user("contract-curator")
        user.groups.add(Group.objects.get(name="curators"))
        yield Token.objects.create(user=user).key
        transaction.set_rollback(True)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call_and_validate(case, client, headers):
    REQUESTS[client] += 1
    with transaction.atomic():
        case.call_and_validate(headers=headers)
        transaction.set_rollback(True)


@schema.parametrize()
def test_anonymous_client(case, curator_token):
    """Anonymous: reads answer as documented, writes are refused as documented, nothing is a 5xx."""
    call_and_validate(case, "anonymous", {})


@schema.parametrize()
def test_curator_client(case, curator_token):
    """A curator with a token: reads and writes answer as documented, nothing is a 5xx."""
    call_and_validate(case, "curator", {"Authorization": f"Token {curator_token}"})


def test_the_run_made_enough_requests(capsys):
    """Runs after the two tests above (pytest keeps a module's order): they made at least 1,000 requests."""
    with capsys.disabled():
        print(f"\nschemathesis: {dict(REQUESTS)} requests, {REQUESTS.total()} in all")
    assert set(REQUESTS) == {"anonymous", "curator"}, "run the whole module"
    assert REQUESTS.total() >= MINIMUM_REQUESTS
