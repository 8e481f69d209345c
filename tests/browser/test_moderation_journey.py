"""A new member's first comment is held; a moderator approves it in the admin's
queue and marks another post as spam."""

import re

import pytest

from community.models import Comment
from tests.factories import PASSWORD, BlogPageFactory, build_site, log_in, member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 1
    settings.COMMUNITY_RATE_LIMIT = None


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")


@pytest.fixture
def page(context, live_server):
    context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )
    return context.new_page()


def test_a_moderator_approves_a_held_first_post_and_marks_another_as_spam(
    live_server, context, page, post
):
    from playwright.sync_api import expect

    member("Tobias Neumann", "tobias@example.org", verified=True)
    spammer = member("Best Deals", "deals@example.net", verified=True)
    spam = Comment(
        content_object=post,
        site_id=1,
        user=spammer,
        user_name="Best Deals",
        user_email=spammer.email,
        comment="Markenuhren ab 9 Euro!",
        is_public=False,
        held_reason="First post of a new member.",
    )
    spam.save()
    member(
        "Mona Moderation",
        "mona@example.org",
        verified=True,
        is_staff=True,
        groups=["Community moderators"],
    )

    # The new member's first comment is held, and they are told so.
    log_in(page, live_server, "tobias@example.org")
    page.goto(live_server.url + post.url)
    page.fill("#comment-form textarea[name=comment]", "Wann ist das Heu eingefahren?")
    page.locator("#comment-form button[type=submit]").click()
    expect(page.locator("#comment-form .comment-form__notice")).to_contain_text(
        "Your comment waits for a moderator"
    )
    held = Comment.objects.get(comment="Wann ist das Heu eingefahren?")
    assert not held.is_public
    page.goto(live_server.url + post.url)
    # Only its author sees it before it is approved, marked as waiting.
    expect(page.locator(f"#c{held.pk}")).to_contain_text("Waiting for a moderator")

    # The moderator logs into the admin and finds both in the queue.
    admin = context.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.fill("input[name=username]", "mona@example.org")
    admin.fill("input[name=password]", PASSWORD)
    admin.locator("button[type=submit]").click()
    admin.wait_for_url(re.compile(r"/admin/$"))
    admin.get_by_role("link", name=re.compile(r"^Moderation \(2\)")).click()
    admin.wait_for_url(re.compile(r"/admin/moderation/$"))
    queue = admin.locator("table.theke-moderation")
    expect(queue).to_contain_text("Wann ist das Heu eingefahren?")
    expect(queue).to_contain_text("Tobias Neumann")
    expect(queue).not_to_contain_text("tobias@example.org")

    admin.locator(f'button[name=do][value="approve comment:{held.pk}"]').click()
    expect(admin.locator(".messages")).to_contain_text("1 post approved.")
    expect(queue).not_to_contain_text("Wann ist das Heu eingefahren?")

    admin.locator(f'input[name=items][value="comment:{spam.pk}"]').check()
    admin.select_option("select[name=action]", "spam")
    admin.get_by_role("button", name="Apply").click()
    expect(admin.locator(".messages")).to_contain_text("1 post marked as spam.")
    admin.goto(live_server.url + "/admin/moderation/spam/")
    expect(admin.locator("table.theke-moderation")).to_contain_text(
        "Markenuhren ab 9 Euro!"
    )

    # On the site, the approved comment shows and the spam stays hidden.
    page.goto(live_server.url + post.url)
    discussion = page.locator("#discussion")
    expect(discussion).to_contain_text("Wann ist das Heu eingefahren?")
    expect(discussion).not_to_contain_text("Markenuhren")
    spam.refresh_from_db()
    assert spam.is_spam and not spam.is_public
