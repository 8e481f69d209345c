"""A rate-limited account request gets the site's own page, in the reader's language."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import build_site

# The first part of the limit counts the requests from one client address.
RESETS_PER_ADDRESS = int(
    settings.ACCOUNT_RATE_LIMITS["reset_password"].split(",")[0].split("/")[0]
)


@pytest.fixture
def site(db):
    return build_site()


def request_resets(client, count, language):
    """Ask for password resets for `count` different addresses, one by one."""
    return [
        client.post(
            reverse("account_reset_password"),
            {"email": f"kunde{number}@example.org"},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        for number in range(count)
    ]


@pytest.mark.parametrize(
    ("language", "heading", "front_page"),
    [
        ("en", "Too many attempts in a short time", "Go to the front page"),
        ("de", "Zu viele Versuche in kurzer Zeit", "Zur Startseite"),
    ],
)
def test_too_many_password_resets_get_the_sites_429_page(
    client, site, language, heading, front_page
):
    *allowed, refused = request_resets(client, RESETS_PER_ADDRESS + 1, language)
    assert [response.status_code for response in allowed] == [302] * len(allowed)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html
    assert front_page in html
    assert f'<a class="button" href="{reverse("wagtail_serve", args=[""])}">' in html
    assert "429 Too Many Requests" not in html
