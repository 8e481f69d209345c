"""A reader without an account walks through the shop blog in a real browser."""

import re

import pytest

from tests.browser.accessibility import describe, violations
from tests.browser.conftest import WIDTHS
from tests.factories import (
    BlogPageFactory,
    CategoryFactory,
    ProducerPageFactory,
    build_site,
    paragraph,
)

# The migrations create the home page; serialized rollback brings it back for
# every test after a transactional test has emptied the tables.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEARCH_WORD = "Heumilch"

# True when a stylesheet of the site's own loaded and has rules.
STYLED = "[...document.styleSheets].some((s) => s.href && s.cssRules.length > 0)"


@pytest.fixture
def shop():
    """A small shop: two posts in different categories and one producer."""
    home, blog, producers = build_site()
    for section in (blog, producers):
        section.show_in_menus = True
        section.save_revision().publish()
    farm = ProducerPageFactory(parent=producers, title="Hof Lindenblüte")
    cheese = CategoryFactory(name="Käse", slug="kaese")
    bread = CategoryFactory(name="Brot", slug="brot")
    cheese_post = BlogPageFactory(
        parent=blog,
        title="Bergkäse aus der Felsenhöhle",
        body=[paragraph(f"Der Käse reift aus {SEARCH_WORD} vom Hof Lindenblüte.")],
        categories_list=[cheese],
        producers=[farm],
    )
    bread_post = BlogPageFactory(
        parent=blog,
        title="Sauerteig vom Holzofen",
        body=[paragraph("Roggen aus der Uckermark, lange geführt.")],
        categories_list=[bread],
    )
    return {
        "home": home,
        "blog": blog,
        "producer": farm,
        "cheese": cheese,
        "cheese_post": cheese_post,
        "bread_post": bread_post,
    }


@pytest.fixture
def served_media(context, settings):
    """Serve uploaded images from MEDIA_ROOT, as the web server does in production."""
    from pathlib import Path
    from urllib.parse import unquote, urlparse

    root = Path(settings.MEDIA_ROOT).resolve()

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
    page.on("requestfailed", lambda request: failures.append(f"failed {request.url}"))
    return failures


def html_lang(page):
    return page.locator("html").get_attribute("lang")


def test_a_reader_follows_a_story_to_its_category_searches_and_reads_in_english(
    live_server, shop, page, served_media, failed_requests
):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/")
    assert html_lang(page) == "de"

    cheese_post = shop["cheese_post"]
    page.get_by_role("link", name=cheese_post.title).first.click()
    page.wait_for_url(f"**{cheese_post.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(cheese_post.title)

    page.get_by_role("link", name="Käse", exact=True).first.click()
    page.wait_for_url(re.compile(r"kaese"))
    main = page.locator("main")
    expect(main).to_contain_text("Käse")
    expect(main.get_by_role("link", name=cheese_post.title)).to_be_visible()
    expect(main.get_by_role("link", name=shop["bread_post"].title)).to_have_count(0)

    search = page.get_by_role("search").locator("input[name=q]")
    search.fill(SEARCH_WORD)
    search.press("Enter")
    page.wait_for_url(re.compile(rf"/search/\?q={SEARCH_WORD}"))
    expect(
        page.locator("main").get_by_role("link", name=cheese_post.title)
    ).to_be_visible()
    expect(
        page.locator("main").get_by_role("link", name=shop["bread_post"].title)
    ).to_have_count(0)

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="English")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("button", name="Deutsch")).to_have_attribute(
        "aria-pressed", "false"
    )

    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    assert failed_requests == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_reader_pages_have_no_accessibility_violations(
    live_server, shop, page, served_media, failed_requests, width
):
    page.set_viewport_size({"width": width, "height": 900})
    pages = {
        "home": "/",
        "blog index": shop["blog"].url,
        "post": shop["cheese_post"].url,
        "producer": shop["producer"].url,
        "search results": f"/search/?q={SEARCH_WORD}",
    }
    reports = []
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{name} ({path}) answered {response.status}"
        assert page.evaluate(STYLED), f"{name} ({path}) has no stylesheet applied"
        found = violations(page)
        if found:
            reports.append(describe(found, f"{name} {path} at {width}px"))
    assert not reports, "\n\n".join(reports)
    assert failed_requests == []
