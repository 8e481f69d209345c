"""Two servers sharing one cache: what is posted through one is shown at once
by the other, which had the page stored."""

import re
import urllib.request
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.test import Client
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Site

from home.models import ShopSettings
from tests.factories import BlogPageFactory, build_site, form_data, member

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def call(server, path, *, cookies=None, data=None):
    """Status, headers and text of one request to `server`, cookies sent as given."""
    request = urllib.request.Request(server.url + path, data=data)  # noqa: S310
    if cookies:
        request.add_header(
            "Cookie", "; ".join(f"{name}={value}" for name, value in cookies.items())
        )
    opener = urllib.request.build_opener(NoRedirects)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def servers():
    first, second = LiveServer("127.0.0.1:0"), LiveServer("127.0.0.1:0")
    yield first, second
    first.stop()
    second.stop()


def test_a_comment_posted_through_one_server_shows_at_once_on_the_other(
    servers, settings
):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    writer_server, reader_server = servers
    _, blog, _ = build_site()
    post = BlogPageFactory(parent=blog, title="Im Käsekeller")
    # Made now, not by the first request, which would purge what it renders.
    ShopSettings.for_site(Site.objects.get(is_default_site=True))
    for expected in ("MISS", "HIT"):
        status, headers, _ = call(reader_server, post.url)
        assert (status, headers["X-Cache"]) == (200, expected)

    author = member("Jana Petersen")
    client = Client()
    client.force_login(author)
    cookies = {"sessionid": client.cookies["sessionid"].value}
    status, headers, page = call(writer_server, post.url, cookies=cookies)
    assert status == 200 and "X-Cache" not in headers
    set_cookie = SimpleCookie(headers["Set-Cookie"])
    cookies["csrftoken"] = set_cookie["csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = form_data(post, text="Frisch aus dem zweiten Prozess.")
    data["csrfmiddlewaretoken"] = token
    status, _, page = call(
        writer_server,
        "/comments/post/",
        cookies=cookies,
        data=urlencode(data).encode(),
    )
    assert status == 302, page

    status, headers, page = call(reader_server, post.url)
    assert status == 200
    assert headers["X-Cache"] == "MISS"
    assert "Frisch aus dem zweiten Prozess." in page
