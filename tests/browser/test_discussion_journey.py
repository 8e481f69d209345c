"""A customer joins a discussion, is told of a reply by mail and unsubscribes; a
guest comments after confirming by mail."""

import re

import pytest
from django.core import mail

from community.models import Comment, Unsubscription
from tests.factories import (
    BlogPageFactory,
    add_comment,
    build_site,
    confirmation_path,
    describe,
    log_in,
    member,
    sign_up,
    violations,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _rules(settings):
    """A new member's first posts appear at once and nobody posts too fast."""
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True


@pytest.fixture
def discussion():
    """A post where Jana asked and Matthias answered her."""
    __, blog, __ = build_site()
    post = BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")
    jana = member("Jana Petersen", "jana@example.org", verified=True)
    matthias = member("Matthias Krüger", "matthias@example.org", verified=True)
    question = add_comment(post, jana, "Wann ist das Heu eingefahren?")
    answer = add_comment(post, matthias, "Am Donnerstag, bei Sonne.", parent=question)
    return post, answer


def english_page(context, live_server):
    context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )
    return context.new_page()


@pytest.fixture
def page(context, live_server):
    return english_page(context, live_server)


def path_in(message, prefix):
    """The path of the site's link in a mail; the mail names the site's own host."""
    return re.search(rf"https?://[^/\s]+({prefix}\S*)", message.body)[1]


def test_a_customer_comments_replies_edits_is_told_of_a_reply_and_unsubscribes(
    live_server, browser, page, discussion
):
    from playwright.sync_api import expect

    post, answer = discussion
    sign_up(page, live_server, email="anna@example.org", name="Anna vom Hof")
    page.goto(live_server.url + confirmation_path(mail.outbox[-1]))
    page.locator(".account-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/account/profile/$"))
    mail.outbox.clear()

    # A comment of her own; following replies is ticked for members.
    page.goto(live_server.url + post.url)
    form = page.locator("#comment-form")
    expect(form.get_by_label("Notify me of replies by e-mail")).to_be_checked()
    form.locator("textarea[name=comment]").fill("Gibt es das Heu auch im Laden?")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#c\d+$"))
    expect(page.locator(".comment__text").last).to_be_visible()

    # A reply to Matthias's reply, then edited within the window; the page
    # shows the discussion anew in place and moves to the reply.
    first_comment = page.url
    page.locator(f"#c{answer.pk} .comment__actions a").first.click()
    form.locator("textarea[name=comment]").fill("Danke, Donnerstg passt!")
    form.locator("button[type=submit]").click()
    page.wait_for_url(
        lambda url: url != first_comment and re.search(r"#c\d+$", url) is not None
    )
    reply = Comment.objects.get(comment="Danke, Donnerstg passt!")
    assert reply.parent_id == answer.pk and reply.level == 2
    assert reply.followup is True
    page.locator(f"#c{reply.pk} .comment__actions").get_by_role(
        "link", name="Edit"
    ).click()
    page.fill("textarea[name=comment]", "Danke, Donnerstag passt!")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(rf"#c{reply.pk}$"))
    expect(page.locator(f"#c{reply.pk} .comment__edited").first).to_have_text("edited")
    expect(page.locator(f"#c{reply.pk} .comment__text").first).to_contain_text(
        "Donnerstag passt"
    )
    assert mail.outbox == []  # nobody else follows this discussion yet

    # Jana, in a browser of her own, answers Anna.
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        jana = english_page(other, live_server)
        log_in(jana, live_server, "jana@example.org")
        jana.goto(live_server.url + post.url)
        jana.locator(f"#c{reply.pk} .comment__actions a").first.click()
        jana.fill("#comment-form textarea[name=comment]", "Ja, ab Samstag im Laden.")
        jana.locator("#comment-form button[type=submit]").click()
        jana.wait_for_url(re.compile(r"#c\d+$"))
    finally:
        other.close()

    (notice,) = mail.outbox
    assert notice.to == ["anna@example.org"]
    assert notice.subject == "New reply in “Heuernte am Lindenhof”"
    assert "Ja, ab Samstag im Laden." in notice.body
    assert "jana@example.org" not in notice.message().as_string()

    # The link in the mail: the reply, then the unsubscribe page and its button.
    page.goto(live_server.url + path_in(notice, f"{post.url}"))
    page.reload()  # Anna is on that page already: the link alone only scrolls
    expect(page.get_by_text("Ja, ab Samstag im Laden.")).to_be_visible()
    page.goto(live_server.url + "/account/profile/")
    expect(page.locator("#following")).to_contain_text("Heuernte am Lindenhof")
    found = violations(page)
    assert not found, describe(found, "the profile with followed discussions")
    page.goto(live_server.url + path_in(notice, "/comments/unsubscribe/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "No more e-mails about this discussion?"
    )
    found = violations(page)
    assert not found, describe(found, "the unsubscribe page")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    page.goto(live_server.url + "/account/profile/")
    expect(page.locator("#following")).to_contain_text("You follow no discussion.")
    assert not Comment.objects.filter(user_email="anna@example.org", followup=True)
    assert Unsubscription.objects.filter(email="anna@example.org").exists()


def test_a_guest_comments_after_confirming_by_mail(live_server, page, discussion):
    from playwright.sync_api import expect

    post, __ = discussion
    page.goto(live_server.url + post.url)

    # Reading sets no cookie (the language cookie is the test's own choice);
    # choosing to write opens the form in place.
    def cookies():
        return {cookie["name"] for cookie in page.context.cookies()}

    assert cookies() <= {"django_language"}
    page.get_by_role("link", name="Write a comment").click()
    form = page.locator("#comment-form")
    expect(form.locator("textarea[name=comment]")).to_be_focused()
    assert page.url == live_server.url + post.url
    assert "csrftoken" in cookies()
    expect(form.get_by_label("Notify me of replies by e-mail")).not_to_be_checked()
    found = violations(page)
    assert not found, describe(found, "a discussion with the guest's comment form")
    form.get_by_label("Your name").fill("Gerda Gast")
    form.get_by_label("Your e-mail address").fill("gerda@example.org")
    form.locator("textarea[name=comment]").fill("Gibt es Führungen über den Hof?")
    form.get_by_label("Notify me of replies by e-mail").check()
    form.locator("button[type=submit]").click()
    expect(form.locator(".comment-form__notice")).to_contain_text(
        "Please confirm your comment"
    )
    assert not Comment.objects.filter(user_email="gerda@example.org").exists()

    (request,) = mail.outbox
    assert request.to == ["gerda@example.org"]
    assert request.subject == "Please confirm your comment on “Heuernte am Lindenhof”"
    page.goto(live_server.url + path_in(request, "/comments/confirm/"))
    page.wait_for_url(re.compile(r"#c\d+$"))

    expect(page.get_by_text("Gibt es Führungen über den Hof?")).to_be_visible()
    guest = Comment.objects.get(user_email="gerda@example.org")
    assert guest.is_public and guest.followup
