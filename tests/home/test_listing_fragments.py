"""A member's home page, blog and product page built from parts every reader
shares: teasers, product cards, the hero, the producers and the product's own
part are rendered once per change, and the member's own bits (tools, hidden
categories, the sections for them) every time."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.members.preferences import hide_blog_category
from home.models import ShopSettings
from home.page_cache.tags import SITE, purge
from shop_link.sync.runs import sync_source
from tests.factories import (
    BlogPageFactory,
    add_comment,
    member,
    merchant_item,
    merchant_xml,
)
from tests.home.test_page_cache import build_shop, fetch, public_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    return build_shop()


@pytest.fixture
def urls(shop):
    return public_urls(shop)


@pytest.fixture
def reader(client, shop):
    client.force_login(shop["member"])
    return client


def read_tables(client, url) -> str:
    """The SQL of one request, to tell what it read."""
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    return " ".join(query["sql"] for query in captured.captured_queries)


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url)
    return len(captured)


@pytest.mark.parametrize("name", ["home", "blog index", "product"])
def test_a_members_second_view_takes_the_shared_parts(reader, urls, name):
    fetch(reader, urls[name])
    stored = count(reader, urls[name])
    purge(SITE)
    rendered = count(reader, urls[name])

    assert stored < rendered


def test_the_home_page_keeps_its_producers_stored_for_members(reader, urls):
    fetch(reader, urls["home"])

    assert "blog_certification" not in read_tables(reader, urls["home"])


def test_the_product_page_reads_its_stories_only_when_it_renders_them(reader, urls):
    fetch(reader, urls["product"])

    assert "shop_link_productmention" not in read_tables(reader, urls["product"])


def test_a_new_post_shows_to_members_at_once(reader, shop, urls):
    fetch(reader, urls["home"])
    fetch(reader, urls["blog index"])
    BlogPageFactory(parent=shop["blog"], title="Erntedank auf dem Hof")

    assert "Erntedank auf dem Hof" in fetch(reader, urls["home"]).text
    assert "Erntedank auf dem Hof" in fetch(reader, urls["blog index"]).text


def test_a_new_comment_counts_on_the_members_teaser_at_once(
    reader, shop, urls, django_capture_on_commit_callbacks
):
    fetch(reader, urls["blog index"])
    with django_capture_on_commit_callbacks(execute=True):
        add_comment(shop["bread_post"], member("Ole Brandt"), "Wann backt ihr?")

    assert (
        "1 comment" in fetch(reader, urls["blog index"], HTTP_ACCEPT_LANGUAGE="en").text
    )


def test_a_new_tagline_shows_on_the_members_home_page_at_once(reader, urls):
    fetch(reader, urls["home"])
    shop_settings = ShopSettings.objects.get()
    shop_settings.tagline = "Frisch vom Hof seit 1921"
    shop_settings.save()

    assert "Frisch vom Hof seit 1921" in fetch(reader, urls["home"]).text


def test_a_price_change_shows_on_the_members_product_page_at_once(reader, shop, urls):
    fetch(reader, urls["product"])
    fetch(reader, urls["catalogue"])
    feed = merchant_xml(
        merchant_item("KAESE-1", title="Heumilch-Bergkäse", price="5.10 EUR"),
        merchant_item("MEHL-1", title="Dinkelmehl", price="3.20 EUR"),
    )
    sync_source(shop["source"], stream=io.BytesIO(feed), fetch_images=False)

    assert "5,10" in fetch(reader, urls["product"]).text
    assert "5,10" in fetch(reader, urls["catalogue"]).text


def test_a_member_who_hid_a_category_gets_no_stored_card_of_it(
    client, reader, shop, urls
):
    # Another reader's visit stores the cards of both stories.
    fetch(client, urls["blog index"])
    fetch(client, urls["home"])
    hide_blog_category(shop["member"], shop["cheese_stories"])

    for name in ("blog index", "home"):
        html = fetch(reader, urls[name]).text
        assert "Im Käsekeller" not in html, name
        assert "Backtag" in html, name


def test_the_member_tools_on_a_stored_card_are_the_members_own(
    client, reader, shop, urls
):
    fetch(client, urls["blog index"])
    hide_blog_category(shop["member"], shop["cheese_stories"])

    html = fetch(
        reader, f"{urls['blog index']}?hidden=show", HTTP_ACCEPT_LANGUAGE="en"
    ).text

    assert "Im Käsekeller" in html
    assert "Show “Käse” again" in html
    assert "Not interested in this category" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_every_reader_gets_the_same_cards(client, reader, urls):
    for_member = fetch(reader, urls["blog index"]).text
    reader.logout()
    for_anyone = fetch(client, urls["blog index"]).text

    def teasers(html):
        html = re.sub(r'<div class="card-tools">.*?</div>\n', "", html, flags=re.S)
        return re.findall(r'<article class="teaser">.*?</article>', html, flags=re.S)

    assert teasers(for_member) == teasers(for_anyone)
    assert len(teasers(for_anyone)) == 2


# A member's warm request once every shared part is stored: the session, the
# account and profile, the listing with what each card's tools need, and the
# member's own sections (their interests, hidden categories and own reactions
# and waiting comments under a discussion are remembered by each process while
# nothing was purged). A higher number means that a part every
# reader shares is read again for each member.
PINNED_WITH_PARTS_STORED = {"home": 7, "blog index": 10, "product": 6}


def test_a_members_page_with_its_parts_stored_costs_its_pinned_queries(reader, urls):
    counts = {}
    for name in PINNED_WITH_PARTS_STORED:
        fetch(reader, urls[name])
        counts[name] = count(reader, urls[name])

    assert counts == PINNED_WITH_PARTS_STORED
