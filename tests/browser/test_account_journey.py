"""A customer signs up, confirms from the outbox and sees their name in the header."""

import re

import pytest
from django.core import mail

from community.models import Profile
from tests.factories import (
    PASSWORD,
    WIDTHS,
    build_site,
    confirmation_path,
    describe,
    member,
    sign_up,
    violations,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def page(context, live_server):
    """A page in English, the wording these checks read."""
    context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )
    return context.new_page()


def test_a_customer_signs_up_confirms_by_mail_and_sees_their_name(
    live_server, site, page
):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/")
    page.locator(".account-nav").get_by_role("link").nth(1).click()
    page.wait_for_url(re.compile(r"/account/signup/"))
    sign_up(page, live_server)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    assert len(mail.outbox) == 1
    page.goto(live_server.url + confirmation_path(mail.outbox[0]))
    page.locator(".account-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/account/profile/$"))

    member = page.locator(".account-nav__link--member")
    expect(member).to_contain_text("Anna vom Hof")
    expect(member.locator(".avatar--initials")).to_have_text("AV")
    expect(page.locator(".account-messages")).to_contain_text("anna@example.org")
    expect(page.locator(".account-facts")).to_contain_text("anna@example.org")
    page.fill("input[name=display_name]", "Anna K.")
    page.locator(".account-form button[type=submit]").click()
    expect(page.locator(".account-nav__link--member")).to_contain_text("Anna K.")
    assert Profile.objects.get(user__email="anna@example.org").display_name == "Anna K."

    page.locator(".account-section").get_by_role("button").click()
    expect(page.locator(".account-nav__link--member")).to_have_count(0)


def test_hostile_input_on_sign_up_is_explained_next_to_the_field(
    live_server, site, page
):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/account/signup/")
    page.fill("input[name=email]", "gast@example.org")
    page.fill("input[name=display_name]", "<script>alert(1)</script>")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator(".account-form button[type=submit]").click()

    field = page.locator("input[name=display_name]")
    expect(field).to_have_value("<script>alert(1)</script>")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".form-field__errors")).to_contain_text("“<” or “>”")
    expect(page.locator("input[name=password1]")).to_have_value("")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_account_pages_have_no_accessibility_violations(
    live_server, site, page, width
):
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("/account/login/", "/account/signup/"):
        page.goto(live_server.url + path)
        found = violations(page)
        assert not found, describe(found, f"{path} at {width}px")

    # The error state of the sign-up form, too.
    page.locator(".account-form button[type=submit]").click()
    found = violations(page)
    assert not found, describe(found, f"the sign-up errors at {width}px")

    member(None, "berta@example.org", username="member-berta", verified=True)
    page.goto(live_server.url + "/account/login/")
    page.fill("input[name=login]", "berta@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator(".account-form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/")
    page.goto(live_server.url + "/account/profile/")
    found = violations(page)
    assert not found, describe(found, f"/account/profile/ at {width}px")
