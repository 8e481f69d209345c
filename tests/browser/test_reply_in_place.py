"""With JavaScript, "Reply" opens the form under the comment and sending a comment
shows the discussion anew in place: no reload, nothing typed is lost."""

import re

import pytest

from community.models import Comment
from tests.factories import (
    BlogPageFactory,
    build_site,
    log_in,
    member,
)

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
    author = member("Jana Petersen", "jana@example.org", verified=True)
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
    member("Matthias Krüger", "matthias@example.org", verified=True)
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
    assert page.evaluate("window.stayedOnPage") is True
    assert page.url.endswith(f"#c{reply.pk}")
    assert page.evaluate("document.activeElement.closest('li').id") == f"c{reply.pk}"
    assert page.locator(".discussion__count").inner_text() == "(2)"
    # The discussion shown anew works as the first one did.
    page.locator(f"#c{reply.pk} .comment__actions a").first.click()
    assert page.locator("#comment-form").evaluate("(box) => box.closest('li').id") == (
        f"c{reply.pk}"
    )


def test_cancel_puts_the_form_back_for_a_new_comment(live_server, page, discussion):
    post, first = discussion
    member("Matthias Krüger", "matthias@example.org", verified=True)
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


def test_a_refused_comment_comes_back_in_place_with_its_text(
    live_server, page, discussion
):
    post, __ = discussion
    member("Matthias Krüger", "matthias@example.org", verified=True)
    log_in(page, live_server, "matthias@example.org")
    page.goto(live_server.url + post.url)
    page.evaluate("window.stayedOnPage = true")
    # The server refuses it; the page's script, which only knows the length,
    # sends it.
    refused = "Das Heu ist <b>fertig</b> und duftet."

    page.fill("#comment-form textarea[name=comment]", refused)
    page.locator("#comment-form button[type=submit]").click()

    error = page.locator("#comment-form .form-field__errors")
    error.wait_for()
    assert "HTML" in error.inner_text()
    assert page.evaluate("window.stayedOnPage") is True
    assert page.locator("#comment-form textarea[name=comment]").input_value() == (
        refused
    )
    assert page.evaluate("document.activeElement.name") == "comment"
    assert Comment.objects.count() == 1


def test_a_held_comment_says_so_in_place_and_clears_the_form(
    live_server, page, discussion, settings
):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 1
    post, __ = discussion
    member("Matthias Krüger", "matthias@example.org", verified=True)
    log_in(page, live_server, "matthias@example.org")
    page.goto(live_server.url + post.url)
    page.evaluate("window.stayedOnPage = true")

    page.fill("#comment-form textarea[name=comment]", "Gibt es Heumilch?")
    page.locator("#comment-form button[type=submit]").click()

    notice = page.locator("#comment-form .comment-form__notice[role=status]")
    notice.wait_for()
    assert "Your comment waits for a moderator" in notice.inner_text()
    assert page.evaluate("window.stayedOnPage") is True
    assert page.locator("#comment-form textarea[name=comment]").input_value() == ""
    held = Comment.objects.get(comment="Gibt es Heumilch?")
    assert not held.is_public


def test_a_lost_connection_keeps_what_was_typed(live_server, page, discussion):
    post, __ = discussion
    member("Matthias Krüger", "matthias@example.org", verified=True)
    log_in(page, live_server, "matthias@example.org")
    page.goto(live_server.url + post.url)
    page.route("**/comments/post/", lambda route: route.abort())

    page.fill("#comment-form textarea[name=comment]", "Bis Samstag!")
    page.locator("#comment-form button[type=submit]").click()

    notice = page.locator("#comment-form .comment-form__notice[role=alert]")
    notice.wait_for()
    assert "could not be sent" in notice.inner_text()
    assert page.locator("#comment-form textarea[name=comment]").input_value() == (
        "Bis Samstag!"
    )
    assert page.locator("#comment-form button[type=submit]").is_enabled()
    assert Comment.objects.count() == 1


def test_an_answer_that_is_no_comment_page_asks_for_a_reload(
    live_server, page, discussion
):
    post, __ = discussion
    member("Matthias Krüger", "matthias@example.org", verified=True)
    log_in(page, live_server, "matthias@example.org")
    page.goto(live_server.url + post.url)
    page.route(
        "**/comments/post/",
        lambda route: route.fulfill(
            status=403, content_type="text/html", body="<h1>Forbidden</h1>"
        ),
    )

    page.fill("#comment-form textarea[name=comment]", "Bis Samstag!")
    page.locator("#comment-form button[type=submit]").click()

    notice = page.locator("#comment-form .comment-form__notice[role=alert]")
    notice.wait_for()
    assert "reload the page" in notice.inner_text()
    assert page.locator("#comment-form textarea[name=comment]").input_value() == (
        "Bis Samstag!"
    )
