"""With JavaScript, "Reply" opens the comment form under the comment, no reload."""

import re

import pytest

from community.models import Comment
from tests.browser.people import log_in, member
from tests.factories import BlogPageFactory, build_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None


@pytest.fixture
def discussion():
    __, blog, __ = build_site()
    post = BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")
    author = member("Jana Petersen", "jana@example.org")
    first = Comment(
        content_object=post,
        site_id=1,
        user=author,
        user_name="Jana Petersen",
        user_email=author.email,
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


def test_reply_opens_the_form_under_the_comment_and_posts_a_reply(
    live_server, page, discussion
):
    post, first = discussion
    member("Matthias Krüger", "matthias@example.org")
    log_in(page, live_server, "matthias@example.org")
    page.goto(live_server.url + post.url)
    form = page.locator("#comment-form")
    page.evaluate("window.stayedOnPage = true")

    page.locator(f"#c{first.pk} .comment__actions a").first.click()

    assert page.evaluate("window.stayedOnPage") is True
    assert form.evaluate("(box) => box.closest('li').id") == f"c{first.pk}"
    assert page.locator("#comment-form .comment-form__title").inner_text() == (
        "Your reply"
    )
    assert page.evaluate("document.activeElement.name") == "comment"

    page.fill("#comment-form textarea[name=comment]", "Am Donnerstag, bei Sonne.")
    page.locator("#comment-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"#c\d+$"))

    reply = Comment.objects.get(comment="Am Donnerstag, bei Sonne.")
    assert reply.parent_id == first.pk
    assert reply.level == 1
    assert page.locator(f"#c{first.pk} #c{reply.pk}").is_visible()


def test_cancel_puts_the_form_back_for_a_new_comment(live_server, page, discussion):
    post, first = discussion
    member("Matthias Krüger", "matthias@example.org")
    log_in(page, live_server, "matthias@example.org")
    page.goto(live_server.url + post.url)

    page.locator(f"#c{first.pk} .comment__actions a").first.click()
    page.get_by_role("button", name="Cancel reply").click()

    assert page.locator("#comment-form").evaluate("(box) => box.closest('li')") is None
    assert page.locator("#comment-form .comment-form__title").inner_text() == (
        "Write a comment"
    )
    assert page.locator("#comment-form input[name=reply_to]").input_value() == "0"
    page.fill("#comment-form textarea[name=comment]", "Freue mich aufs Hoffest.")
    page.locator("#comment-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"#c\d+$"))
    assert Comment.objects.get(comment="Freue mich aufs Hoffest.").level == 0
