"""A real streaming replica of the test database's cluster, as the alias ``replica_0``, for the PostgreSQL suite."""

import copy
import os

import pytest
from django.conf import settings
from django.db import connections

from bench.replica import ReplicaError, StreamingReplica

ALIAS = "replica_0"


@pytest.fixture(scope="session")
def streaming_replica(django_db_setup):
    """A hot standby of the primary, made after the suite's test database so it holds it; fails, not skips, in CI."""
    primary = connections["default"].settings_dict
    if connections["default"].vendor != "postgresql":
        pytest.skip("read replicas need PostgreSQL (DATABASE_URL=postgres://...)")
    replica = StreamingReplica(host=primary["HOST"] or "127.0.0.1", port=primary["PORT"] or 5432)
    try:
        replica.create()
        replica.start()
    except (ReplicaError, OSError) as error:
        replica.destroy()
        message = f"the streaming replica did not start (see .ci/allow-replication): {error}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    alias = {**copy.deepcopy(primary), "PORT": replica.port, "HOST": "127.0.0.1"}
    # A mirror: the suite neither creates, flushes nor serializes it (it is read-only anyway).
    alias["TEST"] = {**alias["TEST"], "MIRROR": "default"}
    connections.settings[ALIAS] = alias
    settings.DATABASES[ALIAS] = alias
    yield replica
    connections[ALIAS].close()
    del connections[ALIAS]  # this thread's connection
    connections.settings.pop(ALIAS, None)
    settings.DATABASES.pop(ALIAS, None)
    replica.destroy()
