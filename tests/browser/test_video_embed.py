"""A reader meets an embedded video: nothing reaches the provider before a click."""

import re

import pytest

from tests.factories import BlogPageFactory, build_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIDEO_URL = "https://www.youtube.com/watch?v=abcdefghijk"


@pytest.fixture
def video_post():
    _, blog, _ = build_site()
    return BlogPageFactory(
        parent=blog,
        title="Ein Tag auf dem Hof",
        body=[("video", {"url": VIDEO_URL, "title": "Melken am Morgen"})],
    )


@pytest.fixture
def leaving_requests(context, live_server):
    """Requests to anywhere but the test server, held back and recorded."""
    leaving = []

    def hold_back(route):
        leaving.append(route.request.url)
        route.abort()

    context.route(
        lambda url: not url.startswith(live_server.url),
        hold_back,
    )
    return leaving


def test_the_video_reaches_its_provider_only_after_the_reader_clicks(
    live_server, video_post, page, leaving_requests
):
    from playwright.sync_api import expect

    page.goto(live_server.url + video_post.url)
    page.wait_for_load_state("networkidle")
    assert leaving_requests == []
    expect(page.locator("iframe")).to_have_count(0)

    page.get_by_role("button", name=re.compile("YouTube")).click()

    frame = page.locator("iframe")
    expect(frame).to_have_count(1)
    expect(frame).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/abcdefghijk")
    )
    expect(frame).to_have_attribute("title", "Melken am Morgen")
    expect(frame).to_be_focused()


def test_without_javascript_the_video_is_a_plain_link(browser, live_server, video_post):
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + video_post.url)
        expect(page.locator("[data-video-load]")).to_be_hidden()
        expect(page.get_by_role("link", name=re.compile("YouTube"))).to_have_attribute(
            "href", VIDEO_URL
        )
        expect(page.locator("iframe")).to_have_count(0)
    finally:
        context.close()
