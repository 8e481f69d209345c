"""A member's own feed: a secret address, made only on request, whose stories leave
out the categories the member hid; the public feeds stay the same for everyone."""

import re

import feedparser
import pytest

from community.members.preferences import hide_blog_category
from community.models import PersonalFeed
from tests.factories import BlogPageFactory, CategoryFactory, build_site, member

pytestmark = pytest.mark.django_db

ADDRESS_URL = "/account/interests/feed/"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def shop():
    _home, blog, _producers = build_site()
    recipes = CategoryFactory(name="Rezepte", slug="rezepte")
    farm = CategoryFactory(name="Vom Hof", slug="vom-hof")
    BlogPageFactory(parent=blog, title="Kürbissuppe", categories_list=[recipes])
    BlogPageFactory(parent=blog, title="Heuernte", categories_list=[farm])
    return {"blog": blog, "recipes": recipes}


@pytest.fixture
def anna(client, shop):
    anna = member("Anna Berger")
    hide_blog_category(anna, shop["recipes"])
    client.force_login(anna)
    return anna


def feed_urls(client):
    html = client.get("/account/interests/").content.decode()
    return re.findall(r"http://testserver(/account/feed/[^<]+/(?:rss|atom)/)", html)


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    return response, [entry.title for entry in feed.entries]


def test_no_member_has_a_feed_address_until_they_ask(client, anna):
    assert feed_urls(client) == []
    assert not PersonalFeed.objects.exists()


def test_the_personal_feed_leaves_out_what_the_member_hid(client, anna):
    client.post(ADDRESS_URL, {"action": "make"})
    rss, atom = feed_urls(client)
    client.logout()

    for url in (rss, atom):
        response, found = titles(client, url)
        assert found == ["Heuernte"]
        assert "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"
        assert not response.cookies
    assert titles(client, "/blog/feed/")[1] == ["Heuernte", "Kürbissuppe"]


def test_the_public_feeds_stay_the_same_for_a_member_who_hid_categories(
    client, shop, anna
):
    client.logout()
    before = client.get("/blog/feed/").content
    client.force_login(anna)

    assert client.get("/blog/feed/").content == before


def test_a_new_address_ends_the_old_one(client, anna):
    client.post(ADDRESS_URL, {"action": "make"})
    old_rss, _atom = feed_urls(client)

    client.post(ADDRESS_URL, {"action": "renew"})

    new_rss, _atom = feed_urls(client)
    assert new_rss != old_rss
    assert client.get(old_rss).status_code == 404
    assert client.get(new_rss).status_code == 200


def test_a_removed_address_no_longer_works(client, anna):
    client.post(ADDRESS_URL, {"action": "make"})
    rss, _atom = feed_urls(client)

    client.post(ADDRESS_URL, {"action": "remove"})

    assert feed_urls(client) == []
    assert client.get(rss).status_code == 404


@pytest.mark.parametrize(
    "token", ["x" * 20, "A" * 43, "../../etc/passwd", "%00" * 10, "é" * 30]
)
def test_a_guessed_address_finds_nothing(client, anna, token):
    client.post(ADDRESS_URL, {"action": "make"})

    assert client.get(f"/account/feed/{token}/rss/").status_code == 404


def test_the_address_of_a_deactivated_account_stops_working(client, anna):
    client.post(ADDRESS_URL, {"action": "make"})
    rss, _atom = feed_urls(client)
    anna.is_active = False
    anna.save()

    assert client.get(rss).status_code == 404
