"""A member hides a category from a card and sees it gone; chooses an interest
and sees the announcement for it; a reader dismisses a banner without a cookie."""

import datetime
import re

import pytest
from django.utils import timezone

from community.members.interests import TASTINGS
from community.models import Announcement, Dismissal, MemberInterest
from tests.factories import (
    WIDTHS,
    BlogPageFactory,
    CategoryFactory,
    build_site,
    describe,
    log_in,
    member,
    violations,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def shop():
    _home, blog, _producers = build_site()
    recipes = CategoryFactory(name="Rezepte", slug="rezepte")
    farm = CategoryFactory(name="Vom Hof", slug="vom-hof")
    BlogPageFactory(parent=blog, title="Kürbissuppe", categories_list=[recipes])
    BlogPageFactory(parent=blog, title="Apfelkuchen", categories_list=[recipes])
    BlogPageFactory(parent=blog, title="Heuernte", categories_list=[farm])
    return blog


@pytest.fixture
def page(context, live_server):
    """A page in English, the wording these checks read."""
    context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )
    return context.new_page()


def announce(text, audience="everyone"):
    now = timezone.now()
    return Announcement.objects.create(
        text=text,
        audience=audience,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
    )


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_a_member_hides_a_category_from_a_card_and_sees_it_gone(
    live_server, shop, page, width
):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    member("Anna Berger", verified=True)
    log_in(page, live_server, "anna@example.org", next_path="/blog/")
    titles = page.locator(".teaser__title")
    expect(titles).to_have_count(3)

    card = page.locator(".teaser", has_text="Kürbissuppe")
    card.get_by_role(
        "button", name=re.compile(r"^Not interested in this category\W+Rezepte$")
    ).click()

    page.wait_for_url(re.compile(r"/blog/$"))
    expect(titles).to_have_count(1)
    expect(titles).to_have_text(["Heuernte"])
    note = page.locator(".hidden-note")
    expect(note).to_contain_text("2 stories hidden by your settings")
    found = violations(page)
    assert found == [], describe(found, f"the blog at {width}")

    note.get_by_role("link", name="show them").click()
    expect(titles).to_have_count(3)
    expect(page.locator(".hidden-note")).to_contain_text(
        "Showing 2 stories your settings hide."
    )


def test_a_member_chooses_an_interest_and_sees_its_announcement(
    live_server, shop, page
):
    from playwright.sync_api import expect

    announce("Cheese tasting on Saturday at 11", audience=TASTINGS)
    anna = member("Anna Berger", verified=True)
    log_in(page, live_server, "anna@example.org")
    page.goto(live_server.url + "/")
    expect(page.locator(".announcement")).to_have_count(0)

    page.goto(live_server.url + "/account/interests/")
    box = page.get_by_role("checkbox", name="Tastings and events")
    expect(box).not_to_be_checked()
    # With the page's script the boxes need no "Save".
    expect(page.locator("[data-choice-save]").first).to_be_hidden()
    box.check()
    expect(page.locator("#interest-tastings [data-choice-status]")).to_have_text(
        "“Tastings and events” is chosen and counts from now on."
    )
    assert list(MemberInterest.objects.values_list("user", "interest")) == [
        (anna.pk, TASTINGS)
    ]
    found = violations(page)
    assert found == [], describe(found, "the interests page")

    page.goto(live_server.url + "/")
    banner = page.locator(".announcement")
    expect(banner).to_have_text(re.compile("Cheese tasting on Saturday at 11"))
    banner.get_by_role("button", name=re.compile("Dismiss")).click()
    expect(banner).to_have_count(0)
    assert Dismissal.objects.filter(user=anna).count() == 1
    page.reload()
    expect(page.locator(".announcement")).to_have_count(0)


def test_a_reader_dismisses_a_banner_without_any_cookie(live_server, shop, page):
    from playwright.sync_api import expect

    announce("Farm festival on Sunday")
    page.goto(live_server.url + "/blog/")
    banner = page.locator(".announcement")
    expect(banner).to_have_text(re.compile("Farm festival on Sunday"))

    banner.get_by_role("button", name=re.compile("Dismiss")).click()

    expect(banner).to_have_count(0)
    page.reload()
    expect(page.locator(".teaser").first).to_be_visible()
    expect(page.locator(".announcement")).to_have_count(0)
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    assert cookies == {"django_language"}
    assert not Dismissal.objects.exists()
