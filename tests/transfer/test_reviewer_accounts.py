"""A reviewer's account is made by ``import_records`` only for the reports written that keep their reviewer: not
for a draft, stored without one, nor for a report refused (tester 46, D4)."""

import pytest

from events.models import Report
from tests.transfer.test_importer import run, talks

pytestmark = pytest.mark.django_db

MADE = "Made 1 reviewer account, inactive and with no usable password, for the reports that name them: carol."


def reviewed(records, *reviews):
    """The talks' three reports, each given a review and a reviewer: ``(review, username)`` in order."""
    reports = [record for record in records if record["model"] == "events.report"]
    for record, (review, username) in zip(reports, reviews, strict=True):
        record["fields"].update(review=review, reviewed_by=[username])
    return records


def test_a_draft_that_names_a_reviewer_makes_no_account(ndjson, capsys, django_user_model):
    records = reviewed(talks(), ("verified", "carol"), ("draft", "dave"), ("rejected", "carol"))

    run(ndjson(records))

    assert list(django_user_model.objects.values_list("username", "is_active")) == [("carol", False)]
    assert capsys.readouterr().out.splitlines()[-1] == MADE
    stored = Report.objects.order_by("reported_on", "pk").values_list("review", "reviewed_by__username")
    assert sorted(stored, key=str) == sorted([("verified", "carol"), ("draft", None), ("rejected", "carol")], key=str)


def test_a_report_refused_makes_no_account(ndjson, capsys, django_user_model):
    """With ``--skip-invalid`` the good reports are written: only their reviewers are made."""
    records = reviewed(talks(), ("verified", "carol"), ("verified", "erin"), ("verified", "carol"))
    records[7]["fields"]["quote"] = "words the article does not hold"

    run(ndjson(records), skip_invalid=True)

    assert list(django_user_model.objects.values_list("username", flat=True)) == ["carol"]
    assert MADE in capsys.readouterr().out.splitlines()
    assert Report.objects.count() == 2
