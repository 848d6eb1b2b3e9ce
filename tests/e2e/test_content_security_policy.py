"""The HTML pages work under the Content-Security-Policy (base settings', which production serves): Chromium
reports no violation on the admin, the API docs and an event page."""

import pytest

from tests.e2e.steps import log_in
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def violations(page):
    """Every CSP violation Chromium reports on the console or as a securitypolicyviolation event."""
    seen = []
    page.on(
        "console",
        lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def open_page(page, path):
    response = page.goto(path)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")


def test_admin_login_has_no_violation(page, violations):
    open_page(page, "/admin/login/")
    assert violations == []


def test_api_docs_render_with_no_violation(page, violations):
    """Swagger UI starts from a script file (/api/docs/?script), not an inline script."""
    open_page(page, "/api/docs/")
    page.wait_for_selector(".opblock-summary", timeout=20_000)  # the operations, read from /api/schema/
    assert violations == []


def test_event_page_and_its_admin_form_have_no_violation(page, violations, staff_curator):
    event = EventFactory(title="Moscow talks")
    open_page(page, f"/events/{event.slug}/")
    assert page.locator("h1").first.inner_text()

    log_in(page, staff_curator)
    open_page(page, f"/admin/events/event/{event.pk}/change/")
    assert violations == []
