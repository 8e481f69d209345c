"""The demo as a newcomer meets it: the shop's own error pages and its icon."""

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import RequestFactory

from home import views
from tests.factories import build_site

PROJECT = Path(__file__).resolve().parents[2]


def dev_settings(**environment) -> str:
    """DEBUG and SERVE_MEDIA as the settings of `make run` read them."""
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import theke.settings.dev as s; print(s.DEBUG, s.SERVE_MEDIA)",
        ],
        cwd=PROJECT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


class Icons(HTMLParser):
    """The icons a page names in its head: (rel, type, href)."""

    def __init__(self):
        super().__init__()
        self.icons = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in {"icon", "apple-touch-icon"}:
            self.icons.append((attrs["rel"], attrs.get("type", ""), attrs["href"]))


def icons_of(html: str) -> list[tuple[str, str, str]]:
    parser = Icons()
    parser.feed(html)
    return parser.icons


def test_make_run_shows_the_shops_error_pages_unless_debug_is_asked_for():
    assert dev_settings() == "False True"
    assert dev_settings(DEBUG="true") == "True True"


@pytest.mark.django_db
def test_an_unknown_address_shows_the_shops_own_404_page(client):
    build_site()

    response = client.get("/gibt-es-nicht/")

    html = response.content.decode()
    assert response.status_code == 404
    assert 'class="error-page' in html
    assert "URLconf" not in html
    assert icons_of(html)


def test_the_500_page_names_the_icon_without_the_database():
    request = RequestFactory().get("/")

    response = views.server_error(request)

    assert response.status_code == 500
    assert {rel for rel, _, _ in icons_of(response.content.decode())} == {
        "icon",
        "apple-touch-icon",
    }


@pytest.mark.django_db
def test_every_page_names_an_svg_and_a_png_icon_that_are_served(client):
    build_site()

    icons = icons_of(client.get("/").content.decode())

    assert {kind for _, kind, _ in icons} >= {"image/svg+xml", "image/png"}
    for _, _, href in icons:
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"].startswith("image/"), href


@pytest.mark.django_db
def test_favicon_ico_answers_with_the_icon(client):
    response = client.get("/favicon.ico", follow=True)

    body = b"".join(response.streaming_content) if response.streaming else b""
    assert response.status_code == 200
    assert body.startswith(b"\x00\x00\x01\x00")
