"""Behind a proxy, the limits per address count customers, not the proxy."""

import pytest
from django.test import RequestFactory

from community.models import Comment
from community.writing.clients import client_address
from tests.factories import (
    BlogPageFactory,
    build_site,
    form_data,
    member,
)

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = "2/m"
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog)


def request(**meta):
    return RequestFactory().get("/", **meta)


def test_without_a_trusted_proxy_the_address_is_the_connections():
    forged = request(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_address(forged) == "203.0.113.9"


def test_behind_a_trusted_proxy_its_last_forwarded_entry_counts(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # A client may send its own X-Forwarded-For; the proxy appends the real one.
    forwarded = request(
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9"
    )
    assert client_address(forwarded) == "203.0.113.9"
    assert client_address(request(REMOTE_ADDR=PROXY)) == PROXY


def test_a_header_named_by_the_site_counts(settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_address(request(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.9")) == (
        "203.0.113.9"
    )


def test_a_request_that_did_not_pass_the_trusted_proxies_counts_its_connection(
    settings,
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    direct = request(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_address(direct) == "203.0.113.9"


def test_a_missing_trusted_header_counts_the_connection(settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_address(request(REMOTE_ADDR="203.0.113.9")) == "203.0.113.9"


def send(client, post, forwarded_for, name):
    client.force_login(member(name))
    return client.post(
        "/comments/post/",
        form_data(post, text=f"Grüße von {name}"),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_customers_behind_one_proxy_do_not_share_an_address_limit(
    client, post, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for name in ("Anna Berger", "Bernd Kurz"):
        assert send(client, post, "203.0.113.9", name).status_code == 302

    same_address = send(client, post, "203.0.113.9", "Clara Voss")
    other_address = send(client, post, "203.0.113.10", "Dora Lenz")

    assert "You are posting very quickly" in same_address.content.decode()
    assert other_address.status_code == 302
    assert Comment.objects.count() == 3
