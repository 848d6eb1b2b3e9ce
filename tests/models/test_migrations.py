"""The migrations: the curators group they create, and none missing for the models."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

pytestmark = pytest.mark.django_db

MODELS = ["participant", "event", "attendance", "report", "article"]
ACTIONS = ["add", "change", "delete", "view"]


def test_curators_group_holds_exactly_the_record_permissions():
    """The curators group may add, change, delete and view each of the five records, and nothing else."""
    curators = Group.objects.get(name="curators")
    granted = set(curators.permissions.values_list("content_type__app_label", "content_type__model", "codename"))
    assert granted == {("events", model, f"{action}_{model}") for model in MODELS for action in ACTIONS}
    assert len(granted) == 20


def test_curator_user_has_the_permissions(curator):
    """A user in the group holds every record permission through it."""
    expected = {f"events.{action}_{model}" for model in MODELS for action in ACTIONS}
    assert curator.get_all_permissions() == expected


def test_no_missing_migration():
    """The migrations describe the models as they are: makemigrations --check finds nothing to write."""
    try:
        call_command("makemigrations", "--check", "--dry-run", verbosity=0)
    except SystemExit as exit_:  # pragma: no cover - the failure message says what to do
        pytest.fail(f"makemigrations --check found changes without a migration (exit {exit_.code}).")
