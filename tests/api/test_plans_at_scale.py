"""Every page of every list, planned by SQLite as at 100,000 events.

The module's dataset is small (600 events), and SQLite plans by the statistics ``ANALYZE`` left in
``sqlite_stat1``. Here the statistics of `generate_dataset --events 100000 --seed 1` (1,030,126
attendances, 2,221,379 reports, 298,199 articles) are written over them for the test, so the plans
are those of that size.
"""

from urllib.parse import urlencode

import pytest
from django.conf import settings

from events.models import Attendance, Event

from .test_indexes import NARROWING, PAGE_CASES, dataset_keys, full_scan, full_sort, plan_at_scale

__all__ = ["dataset_keys"]  # the module's dataset, a fixture of tests/api/test_indexes.py

# Skipped before the dataset is made: PostgreSQL's plans are checked in tests/api/test_indexes.py.
pytestmark = pytest.mark.skipif(
    "sqlite" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite's planner, told the statistics of 100,000 events",
)

# Participants have no records awaiting review: the public reads the same list.
SCALE_CASES = [(*case, False) for case in PAGE_CASES]
SCALE_CASES += [(*case, True) for case in PAGE_CASES if case[0] in (Event, Attendance)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case",
    SCALE_CASES,
    ids=[f"{m.__name__}-{urlencode(p) or 'default'}{'-public' * public}" for m, _f, p, public in SCALE_CASES],
)
def test_a_page_at_100000_events_reads_its_order_from_an_index(dataset_keys, case):
    model, filterset, params, public = case
    params = {name: dataset_keys.get(value, value) for name, value in params.items()}
    plan = plan_at_scale(model, filterset, params, public=public)
    if NARROWING & set(params):
        assert not full_scan(plan, "sqlite", ["events_attendance", "events_report"]), plan
    else:
        assert not full_sort(plan, "sqlite", model._meta.db_table), plan
