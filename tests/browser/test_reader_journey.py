import re

import pytest

from blog.models import BlogIndexPage, BlogPage, ProducerPage
from tests.factories import (
    STYLED,
    WIDTHS,
    describe,
    violations,
)

# The migrations create the home page; serialized rollback brings it back for
# every test after a transactional test has emptied the tables.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# True when a stylesheet of the site's own loaded and has rules.


def search_word(title):
    """The longest word of a title, a term the search must find its post by."""
    return max(re.findall(r"\w+", title), key=len)


def html_lang(page):
    return page.locator("html").get_attribute("lang")


def test_a_reader_follows_a_story_to_its_category_searches_and_reads_in_english(
    live_server, demo_shop, page, served_media, failed_requests
):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "de")

    teaser = page.locator("main article").get_by_role("link").first
    title = teaser.inner_text().strip()
    teaser.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    post = BlogPage.objects.live().get(title=title)

    category = post.categories.first()
    elsewhere = BlogPage.objects.live().exclude(categories=category).first()
    page.locator("main").get_by_role("link", name=category.name, exact=True).click()
    page.wait_for_url(re.compile(re.escape(category.slug)))
    main = page.locator("main")
    expect(main.locator("[aria-current=page]")).to_contain_text(category.name)
    expect(main.get_by_role("link", name=post.title, exact=True)).to_be_visible()
    expect(main.get_by_role("link", name=elsewhere.title, exact=True)).to_have_count(0)

    word = search_word(post.title)
    search = page.get_by_role("search").first.locator("input[name=q]")
    search.fill(word)
    search.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(
        page.locator("main").get_by_role("link", name=post.title, exact=True)
    ).to_be_visible()

    expect(page.get_by_role("button", name="Deutsch")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="English")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("button", name="Deutsch")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert "/search/" in page.url, "the reader stays on the page they switched on"

    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    assert failed_requests == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_reader_pages_have_no_accessibility_violations(
    live_server, demo_shop, page, served_media, failed_requests, width
):
    post = BlogPage.objects.live().order_by("-date").first()
    pages = {
        "home": "/",
        "blog index": BlogIndexPage.objects.get().url,
        "post": post.url,
        "producer": ProducerPage.objects.live().first().url,
        "search results": f"/search/?q={search_word(post.title)}",
    }
    page.set_viewport_size({"width": width, "height": 900})
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
