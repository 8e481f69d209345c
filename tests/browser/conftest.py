"""Playwright driving Debian's chromium against pytest-django's live server."""

import io
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.core.management import call_command

from tests.factories import WIDTHS

# Playwright's sync API runs an event loop in the test thread; Django refuses
# database access from a thread with a running loop unless told it is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

MISSING_CHROMIUM = (
    "Browser tests need Debian's chromium: apt-get install chromium "
    "(set CHROMIUM to use another binary)."
)


def find_chromium():
    """Path of the chromium binary, or None when it is not installed."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def running_in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        if running_in_ci():
            pytest.fail(f"CI must run the browser tests. {MISSING_CHROMIUM}")
        pytest.skip(MISSING_CHROMIUM)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path, django_db_setup):
    """One chromium for the whole session; each test gets its own context."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        # With Playwright's event loop in this thread Django hands out a fresh
        # set of connections; serialized rollback needs the snapshot on them too.
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile: no cookies, German preferred, desktop width."""
    ctx = browser.new_context(
        locale="de-DE",
        viewport={"width": WIDTHS["wide"], "height": 900},
    )
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_shop(media_root):
    """The demo shop, with small pictures to keep the build quick."""
    call_command("load_demo", image_scale=0.1, stdout=io.StringIO())


@pytest.fixture
def served_media(context, settings, media_root):
    """Serve uploaded images from MEDIA_ROOT, as the web server does in production."""
    root = Path(media_root).resolve()

    def fulfil(route):
        relative = unquote(urlparse(route.request.url).path)[len(settings.MEDIA_URL) :]
        file = (root / relative).resolve()
        if root in file.parents and file.is_file():
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404)

    context.route(re.compile(r"^https?://[^/]+/media/"), fulfil)


@pytest.fixture
def failed_requests(page):
    """Every response from the site that came back with an error status."""
    failures = []
    page.on(
        "response",
        lambda response: (
            failures.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    # A request the browser dropped because the reader went on to the next
    # page (a picture still loading) is not an error of the site.
    page.on(
        "requestfailed",
        lambda request: (
            failures.append(f"failed {request.url}: {request.failure}")
            if request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    return failures
