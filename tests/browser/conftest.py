"""Headless Chromium (Debian's, never a downloaded one) against pytest-django's live server.

One browser for the whole session; each test gets a fresh page, and the seed pages imported
into the live server's database with the search index rebuilt.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls the tests make between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="session")
def browser(django_db_setup, live_server):
    # Depending on the live server makes the browser close first: Chromium's keep-alive
    # connections would otherwise outlive the server and its shared test database.
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # The site's CSP forbids inline code: any refusal in the console is a bug in a template.
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_violations.append(message.text)
        ),
    )
    yield page
    context.close()


@pytest.fixture
def site(transactional_db, live_server, seed_pages_dir):
    """The live server's URL, with the seed pages imported and searchable."""
    from django.core.management import call_command

    from articles.importer import import_paths

    summary = import_paths([seed_pages_dir])
    assert not summary.failures, [result.error for result in summary.failures]
    call_command("rebuild_index", interactive=False, verbosity=0)
    return live_server.url


@pytest.fixture
def screenshot():
    """Saves a full-page screenshot to test-artifacts/ (and to docs/screenshots/ if asked)."""

    def save(page, name, docs=False):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        if docs:
            DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(DOCS_SCREENSHOTS / f"{name}.png"), full_page=False)

    return save
