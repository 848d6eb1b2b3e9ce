"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against pytest-django's live server.

Skipped, with the reason in the summary, where that Chromium is not installed. The
browser is never downloaded (no ``playwright install``): ``.ci/run`` installs it with apt-get.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
TIMEOUT_MS = 20_000


@pytest.fixture
def page(live_server):
    """A headless Chromium tab on the live server, started for this test alone.

    Playwright's sync API keeps an asyncio loop running in this thread while it is
    started. Inside it, Django refuses ORM calls (allowed here, for the test's own
    records) and hands out other connection objects than outside it, so the browser
    starts after the test database is set up and stops before it is flushed.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (requirements-dev)")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            # Each launch gets a fresh temporary profile.
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
            context.set_default_timeout(TIMEOUT_MS)
            yield context.new_page()
            connections.close_all()  # those the test opened inside the loop
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def screenshots():
    """The folder the tests save their screenshots in (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def staff_curator(curator):
    """A curator (the ``curators`` group) who may use the admin."""
    curator.is_staff = True
    curator.save(update_fields=["is_staff"])
    return curator
