"""A guest whose first try was refused sends again, and the page keeps no error
of the first try once the second is taken."""

import pytest
from django.core import mail

from tests.factories import (
    AuthorFactory,
    build_board,
    category,
    member,
    staff,
    topic,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TAKEN = "Diesen Namen trägt jemand aus dem Team des Ladens."


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True


@pytest.fixture
def started():
    """A topic on the board, and Greta of the team, whose name is taken."""
    build_board()
    AuthorFactory(user=staff("Greta vom Hof"), name="Greta Lindner")
    return topic(member(), category(), "Sauerteig mit Roggen")


def test_a_refused_name_is_forgotten_once_the_reply_is_sent(live_server, page, started):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/community/{started.slug}/")
    form = page.locator("#comment-form")
    form.get_by_label("Ihr Name").fill("Greta Lindner")
    form.get_by_label("Ihre E-Mail-Adresse").fill("gerda@example.org")
    form.locator("textarea[name=comment]").fill("Mit einem Löffel Honig.")
    form.locator("button[type=submit]").click()

    name_error = form.locator(".form-field__errors")
    expect(name_error).to_contain_text(TAKEN)
    expect(form.locator("input[name=name]")).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("window.location.pathname") == f"/community/{started.slug}/"

    form.get_by_label("Ihr Name").fill("Gerda aus Prenzlau")
    form.locator("button[type=submit]").click()

    expect(form.locator(".comment-form__notice")).to_contain_text(
        "Bitte bestätigen Sie Ihren Kommentar"
    )
    expect(form).not_to_contain_text(TAKEN)
    expect(form.locator(".form-field__errors, .form-errors")).to_have_count(0)
    expect(form.locator(".form-field--error, [aria-invalid]")).to_have_count(0)
    described = form.locator("input[name=name]").get_attribute("aria-describedby")
    assert "error" not in (described or "")
    # The guest's name and address stay for the next reply; the text is sent.
    expect(form.locator("input[name=name]")).to_have_value("Gerda aus Prenzlau")
    expect(form.locator("textarea[name=comment]")).to_have_value("")
    (request,) = mail.outbox
    assert request.to == ["gerda@example.org"]
