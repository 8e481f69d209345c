"""The comment form tells the reader about the length limit before sending."""

import re

import pytest

from community.models import Comment
from tests.factories import BlogPageFactory, build_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True


def test_a_comment_past_the_limit_is_not_sent_and_the_reader_is_told(
    live_server, context
):
    from playwright.sync_api import expect

    __, blog, __ = build_site()
    post = BlogPageFactory(parent=blog, title="Heuernte")
    context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}{post.url}?write=1")
    text = page.locator("#comment-form textarea[name=comment]")

    # Typing stops at the limit, and the reader is told so in passing.
    text.fill("K" * 4999)
    text.press("End")
    text.type("äse")
    notice = page.locator(".comment-form__notice")
    expect(notice).to_contain_text("reached the 5000 characters")
    assert text.input_value() == "K" * 4999 + "ä"

    # A text past the limit by other means is kept and not sent.
    text.evaluate("(field) => { field.value = 'x'.repeat(6000); }")
    page.locator("#comment-form button[type=submit]").click()
    expect(notice).to_contain_text("so it was not sent")
    assert re.fullmatch(r"x{6000}", text.input_value())
    assert not Comment.objects.exists()
