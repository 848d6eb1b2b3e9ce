"""A sign-in lands on a page that exists (tester 31, G11): with no ``next``, or one refused as leading off the site,
it was /accounts/profile/, a 404."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "landing"),
    [
        ("/api-auth/login/", "/"),
        ("/api-auth/login/?next=https://evil.example/", "/"),
        ("/admin/login/?next=//evil.example/", "/"),
        ("/admin/login/?next=/admin/", "/admin/"),
        ("/api-auth/login/?next=/api/events/", "/api/events/"),
    ],
)
def test_a_sign_in_lands_where_it_may(client, django_user_model, url, landing):
    django_user_model.objects.create_user("curator", password="right-password", is_staff=True)

    answer = client.post(url, {"username": "curator", "password": "right-password"})

    assert answer.status_code == 302
    assert answer["Location"] == landing
    assert client.get(landing).status_code == 200
