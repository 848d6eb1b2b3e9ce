"""Helpers for the admin tests: admin URLs, a staff curator, and the POST of an article's page."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse


def admin_url(model, action, *args):
    return reverse(f"admin:events_{model._meta.model_name}_{action}", args=args)


@pytest.fixture
def staff_client(django_user_model):
    """Logs in a staff user with the given permissions (``events.add_report``, ...), or as a curator."""

    def login(*permissions, curator=False):
        user = django_user_model.objects.create_user("desk", password="desk-password", is_staff=True)
        if curator:
            user.groups.add(Group.objects.get(name="curators"))
        for permission in permissions:
            app_label, codename = permission.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        client = Client()
        client.force_login(user)
        return client

    return login


def article_form_data(article, *, reports=(), new=(), **changes):
    """The POST of an article's change form: ``reports`` its existing reports (with changes), ``new`` rows added.

    Each item of ``reports`` is ``(report, changes)``; each of ``new`` a dict of the row's fields.
    """
    data = {
        "url": article.url,
        "title": article.title,
        "publisher": article.publisher,
        "published_on": article.published_on.isoformat(),
        "language": article.language,
        "body": article.body,
        "reports-TOTAL_FORMS": str(len(reports) + len(new)),
        "reports-INITIAL_FORMS": str(len(reports)),
        "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000",
        "_save": "Save",
        **changes,
    }
    rows = [
        {
            "id": report.pk,
            "event": report.attendance.event_id,
            "participant": report.attendance.participant_id,
            "status": report.status,
            "reported_on": report.reported_on.isoformat(),
            "speaker": report.speaker_id or "",
            "quote": report.quote,
            "via": report.via,
            "review": report.review,
            **row_changes,
        }
        for report, row_changes in reports
    ]
    rows += [{"id": "", "speaker": "", "via": "", "review": "verified", **row} for row in new]
    for index, row in enumerate(rows):
        data.update({f"reports-{index}-{name}": value for name, value in row.items()})
        data[f"reports-{index}-article"] = article.pk or ""
    return data
