"""A reader opens a long thread from its discussion, pages through it and
returns, without JavaScript doing any of it; both views pass axe."""

import os

import pytest
from playwright.sync_api import expect

from tests.factories import (
    WIDTHS,
    BlogPageFactory,
    build_site,
    describe,
    long_thread,
    member,
    violations,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.COMMUNITY_REPLIES_SHOWN = 5
    settings.COMMUNITY_THREAD_PAGE_SIZE = 20


@pytest.fixture
def thread():
    __, blog, __ = build_site()
    post = BlogPageFactory(parent=blog, title="Sauerteig im Winter")
    people = [member(f"Person Nummer{n}", f"person{n}@example.org") for n in range(3)]
    root, replies = long_thread(post, 45, people)
    return post, root, replies


def shoot(page, name, width):
    """A picture for a person to look at, when THEKE_SHOTS names a folder."""
    folder = os.environ.get("THEKE_SHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_a_reader_pages_through_a_long_thread_and_back(
    live_server, page, thread, width
):
    post, root, replies = thread
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + post.url + "#discussion")
    expect(page.locator(".comments .comment")).to_have_count(6)
    reports = []
    found = violations(page)
    if found:
        reports.append(describe(found, f"collapsed thread at {width}px"))
    shoot(page, "collapsed", width)

    page.locator(".comment__more a").click()
    expect(page.locator(f"#c{root.pk}")).to_be_visible()
    expect(page.locator(f"#c{replies[18].pk}")).to_be_attached()
    expect(page.locator(f"#c{replies[19].pk}")).to_have_count(0)
    found = violations(page)
    if found:
        reports.append(describe(found, f"thread view at {width}px"))
    shoot(page, "thread", width)

    page.locator(".discussion__pages a[rel=next]").click()
    expect(page.locator(f"#c{replies[19].pk}")).to_be_attached()
    expect(page.locator(f"#c{root.pk}")).to_have_count(0)
    shoot(page, "thread-page-2", width)

    page.locator(".discussion__thread a").click()
    expect(page.locator(".comment__more a")).to_be_visible()
    assert not reports, "\n\n".join(reports)
