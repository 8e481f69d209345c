"""A customer asks about a product; staff answer and accept it in the admin."""

import re

import pytest
from django.core import mail

from community.models import ProductQuestion
from tests.factories import (
    PASSWORD,
    WIDTHS,
    answer,
    ask,
    build_shop,
    describe,
    log_in,
    member,
    staff,
    violations,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

QUESTION = "Wie lange hält sich der Heumilch-Bergkäse im Kühlschrank?"


@pytest.fixture
def shop(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    return build_shop()


@pytest.fixture
def page(context, live_server):
    """A page in English, the wording these checks read."""
    context.add_cookies(
        [{"name": "django_language", "value": "en", "url": live_server.url}]
    )
    return context.new_page()


def test_a_customer_asks_and_staff_answer_and_accept_in_the_admin(
    live_server, shop, page, context
):
    from playwright.sync_api import expect

    member("Anna vom Hof", "anna@example.org", verified=True)
    product_path = f"/products/{shop['cheese'].slug}/"
    log_in(page, live_server, "anna@example.org", product_path)
    page.fill("textarea[name=text]", QUESTION)
    page.locator("#ask button[type=submit]").click()
    page.wait_for_url(re.compile(r"/community/questions/\d+/$"))
    expect(page.locator(".question__text")).to_have_text(QUESTION)
    question = ProductQuestion.objects.get()

    staff(email="greta@lindenhof.example", username="greta", superuser=True)
    team = context.browser.new_context(locale="en-GB")
    admin = team.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.fill("#id_username", "greta")
    admin.fill("#id_password", PASSWORD)
    admin.locator("form button[type=submit]").click()
    admin.wait_for_url(re.compile(r"/admin/$"))
    panel = admin.locator("#unanswered-questions-title").locator("xpath=..")
    expect(panel).to_contain_text("1 product question waits for an answer")
    panel.get_by_role("link", name=re.compile("Heumilch-Bergkäse im")).click()
    admin.wait_for_url(re.compile(rf"/productquestion/edit/{question.pk}/$"))
    admin.fill(
        "textarea[name=new_answer]",
        "Gut eingepackt in Käsepapier hält er sich drei bis vier Wochen.",
    )
    admin.check("input[name=accept_new_answer]")
    admin.locator("button[type=submit]", has_text="Save").first.click()
    admin.wait_for_url(re.compile(r"/admin/snippets/community/productquestion/$"))
    team.close()

    question.refresh_from_db()
    assert question.accepted_answer is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert f"/community/questions/{question.pk}/" in mail.outbox[0].body

    page.goto(live_server.url + product_path)
    accepted = page.locator(".answer--accepted")
    expect(accepted).to_contain_text("Accepted answer")
    expect(accepted).to_contain_text("drei bis vier Wochen")


def test_the_questions_section_and_a_question_page_pass_axe(live_server, shop, page):
    jana = member()
    staff = member("Greta Lindner", "greta@example.org", is_staff=True)
    question = ask(shop["cheese"], jana)
    given = answer(question, staff)
    question.accepted_answer = given
    question.save()
    ask(shop["cheese"], jana, "Gibt es den Käse auch am Stück?")
    member("Anna vom Hof", "anna@example.org", verified=True)
    log_in(page, live_server, "anna@example.org", f"/products/{shop['cheese'].slug}/")

    for path in (
        f"/products/{shop['cheese'].slug}/",
        f"/community/questions/{question.pk}/",
    ):
        for width in WIDTHS.values():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + path)
            found = violations(page)
            assert not found, describe(found, f"{path} at {width}px")


def test_similar_questions_show_while_typing(live_server, shop, page):
    from playwright.sync_api import expect

    earlier = ask(shop["cheese"], member(), "Ist der Bergkäse laktosefrei?")
    member("Anna vom Hof", "anna@example.org", verified=True)
    log_in(page, live_server, "anna@example.org", f"/products/{shop['cheese'].slug}/")

    page.locator("textarea[name=text]").press_sequentially(
        "Ist der Käse wirklich laktosefrei?", delay=10
    )

    similar = page.locator("[data-similar-list]")
    expect(similar).to_be_visible()
    expect(similar.get_by_role("link")).to_have_attribute(
        "href", f"/community/questions/{earlier.pk}/"
    )
    found = violations(page)
    assert not found, describe(found, "the ask form with similar questions")

    page.locator("#ask button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Has this been asked already?"
    )
    expect(page.locator("textarea[name=text]")).to_have_value(
        "Ist der Käse wirklich laktosefrei?"
    )
    found = violations(page)
    assert not found, describe(found, "the similar questions step")
    page.get_by_role("button", name="My question is different – ask it").click()
    page.wait_for_url(re.compile(r"/community/questions/\d+/$"))
    assert ProductQuestion.objects.count() == 2
