"""``review_written_by``: the one rule of who vouches for a report, which the API's serializer and the admin's
report forms both ask (tests/api/test_writers.py and tests/admin/test_audience.py see it at each entry point)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import ValidationError

from events.models.review import NOT_A_REVIEWER, review_written_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(django_user_model):
    """May add reports, but not change them: no curator."""
    user = django_user_model.objects.create_user("desk")
    user.user_permissions.add(Permission.objects.get(codename="add_report", content_type__app_label="events"))
    return user


@pytest.mark.parametrize("review", [None, "draft", "verified", "rejected"])
@pytest.mark.parametrize("new", [True, False])
def test_a_curator_writes_what_they_give_and_vouches_for_a_new_report_by_default(curator, review, new):
    assert review_written_by(curator, review, new=new) == review  # None: the model's default, verified


@pytest.mark.parametrize(
    ("review", "new", "stored"),
    [(None, True, "draft"), ("draft", True, "draft"), (None, False, None), ("draft", False, "draft")],
)
def test_another_writers_report_is_a_draft(writer, review, new, stored):
    assert review_written_by(writer, review, new=new) == stored  # None: the stored review is kept


@pytest.mark.parametrize("review", ["verified", "rejected"])
@pytest.mark.parametrize("new", [True, False])
def test_another_writer_may_not_verify_or_reject_naming_review(writer, review, new):
    for user in (writer, AnonymousUser(), None):
        with pytest.raises(ValidationError) as refused:
            review_written_by(user, review, new=new)

        assert refused.value.message_dict == {"review": [NOT_A_REVIEWER]}
