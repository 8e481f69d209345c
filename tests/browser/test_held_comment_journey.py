"""A new member's held reply appears in place for them, marked as waiting, with
the message why above the form; another reader sees nothing of it."""

import re

import pytest

from community.models import Comment
from tests.factories import BlogPageFactory, build_site, log_in, member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WAITING = "Waiting for a moderator – only you can see this."


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 1
    settings.COMMUNITY_RATE_LIMIT = None


@pytest.fixture
def discussion():
    __, blog, __ = build_site()
    post = BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")
    olaf = member("Olaf Brandt", "olaf@example.org", verified=True)
    first = Comment(
        content_object=post,
        site_id=1,
        user=olaf,
        user_name="Olaf Brandt",
        user_email=olaf.email,
        comment="Wann ist das Heu eingefahren?",
        is_public=True,
    )
    first.save()
    return post, first


@pytest.fixture
def page(context, live_server):
    context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )
    return context.new_page()


def test_a_held_reply_shows_in_place_for_its_author_alone(
    live_server, browser, page, discussion
):
    from playwright.sync_api import expect

    post, first = discussion
    member("Tobias Neumann", "tobias@example.org", verified=True)
    log_in(page, live_server, "tobias@example.org")
    page.goto(live_server.url + post.url)
    page.evaluate("window.stayedOnPage = true")

    page.locator(f"#c{first.pk} .comment__actions a").first.click()
    page.fill("#comment-form textarea[name=comment]", "Am Donnerstag, bei Sonne.")
    page.locator("#comment-form button[type=submit]").click()

    held = page.locator(".comment--waiting")
    expect(held).to_contain_text("Am Donnerstag, bei Sonne.")
    reply = Comment.objects.get(comment="Am Donnerstag, bei Sonne.")
    assert not reply.is_public
    assert page.evaluate("window.stayedOnPage") is True
    expect(page.locator(f"#c{first.pk} #c{reply.pk}")).to_contain_text(WAITING)
    expect(page.locator("#comment-form .comment-form__notice")).to_contain_text(
        "Your comment waits for a moderator"
    )
    assert page.locator(f"#c{reply.pk} .comment__actions").inner_text().split() == [
        "Edit",
        "Delete",
    ]
    assert re.search(rf"#c{reply.pk}$", page.url)

    # Another reader, and the same page after a reload for its author.
    reader = browser.new_context()
    other = reader.new_page()
    other.goto(live_server.url + post.url)
    expect(other.locator("#discussion")).to_contain_text("Wann ist das Heu")
    expect(other.locator("#discussion")).not_to_contain_text("Am Donnerstag")
    reader.close()
    page.reload()
    expect(page.locator(f"#c{reply.pk}")).to_contain_text(WAITING)
