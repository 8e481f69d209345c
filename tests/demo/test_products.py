"""The demo shop's products: the committed sample feeds and what load_demo makes."""

from collections import Counter
from decimal import Decimal
from pathlib import PurePosixPath

import pytest
from wagtail.models import Revision

from blog.models import BlogPage, ProducerPage
from demo.products import (
    BRAND_RULES,
    DEMO_DIR,
    FEED_IMAGES,
    SOURCES,
    ensure_source,
    feed_location,
)
from demo.run import DemoRun
from shop_link.feeds import parse_feed
from shop_link.items import FeedItem, RejectedItem
from shop_link.mentions import pages_with_product_blocks, product_ids_in
from shop_link.models import (
    Availability,
    Product,
    ProductIndexPage,
    ProductMention,
    ProductSource,
    SyncRun,
)
from tests.factories import run_load_demo

pytestmark = pytest.mark.django_db


def feed_items(source):
    path = DEMO_DIR / source["file"]
    with path.open("rb") as stream:
        return list(parse_feed(stream, source["format"]))


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s["file"])
def test_the_sample_feeds_parse_without_a_rejected_item_or_warning(source):
    items = feed_items(source)

    assert items
    assert [item for item in items if isinstance(item, RejectedItem)] == []
    assert [item.warnings for item in items if item.warnings] == []


def test_the_shops_own_feed_has_what_the_demo_shows():
    items = feed_items(SOURCES[0])
    availability = Counter(item.availability for item in items)

    assert len(items) >= 25
    assert availability["out_of_stock"] >= 1
    assert availability["preorder"] >= 1
    assert availability["backorder"] >= 1
    assert sum(item.sale_price is not None for item in items) >= 2
    assert sum(bool(item.gtin) for item in items) >= 5
    assert all(item.price > Decimal(0) and item.currency == "EUR" for item in items)
    assert sum(item.unit_quantity is not None for item in items) >= 25
    assert all(item.origin_region for item in items if item.brand in BRAND_RULES)
    assert {item.brand for item in items} >= set(BRAND_RULES)


def test_every_picture_a_feed_links_to_is_drawn_by_the_demo():
    links = {
        PurePosixPath(item.image_link).name
        for source in SOURCES
        for item in feed_items(source)
        if isinstance(item, FeedItem)
    }

    assert links == set(FEED_IMAGES)


def test_a_source_made_before_the_feeds_moved_is_pointed_at_them():
    data = SOURCES[0]
    ProductSource.objects.create(
        name=data["name"],
        format=data["format"],
        location=f"shop_link/demo/{data['file']}",
        shop_name=data["shop_name"],
    )
    run = DemoRun(site=None, home=None)

    source = ensure_source(run, data)

    source.refresh_from_db()
    assert source.location == feed_location(data["file"]) == "demo/feeds/feed.xml"
    assert run.created == {}


class TestDemoProducts:
    def test_the_catalogue_is_in_the_menu_at_products(self, demo):
        catalogue = ProductIndexPage.objects.get()

        assert catalogue.live
        assert catalogue.show_in_menus
        assert (catalogue.slug, catalogue.title) == ("products", "Produkte")
        assert catalogue.url == "/products/"

    def test_both_sources_are_synced_and_say_which_shop_sells(self, demo):
        sources = ProductSource.objects.order_by("name")

        assert [source.shop_name for source in sources] == [
            "Hofkäserei Wendt",
            "Hofladen Lindenhof",
        ]
        for source in sources:
            assert not source.location.startswith("/"), "a path inside the project"
            assert source.last_run.status == SyncRun.Status.SUCCEEDED
            assert source.last_run.problems == []

    def test_every_producer_has_products_and_every_feed_product_a_picture(self, demo):
        on_sale = Product.objects.on_sale()

        assert on_sale.count() >= 30
        for producer in ProducerPage.objects.all():
            assert on_sale.filter(producer=producer).exists(), producer.title
        assert not on_sale.filter(image__isnull=True).exists()

    def test_one_product_is_no_longer_sold(self, demo):
        gone = Product.objects.get(availability=Availability.DISCONTINUED)

        assert gone.mentions.exists(), "a story still shows it"

    def test_stories_show_products_and_the_index_knows_them(self, demo):
        expected = set()
        for model in pages_with_product_blocks():
            for page in model.objects.live():
                expected |= {(page.pk, pk) for pk in product_ids_in(page)}

        assert len(expected) >= 12
        assert set(ProductMention.objects.values_list("page_id", "product_id")) == (
            expected
        )
        assert (
            BlogPage.objects.filter(product_mentions__isnull=False).distinct().count()
            >= 3
        )

    def test_hand_written_notes_are_there(self, demo):
        assert Product.objects.exclude(how_made="").count() >= 3

    def test_the_pages_render(self, demo, client):
        product = Product.objects.get(external_id="KW-02")
        post = BlogPage.objects.get(slug="zu-besuch-in-der-hofkaeserei-wendt")
        for url in ("/products/", f"/products/{product.slug}/", post.url):
            assert client.get(url, headers={"host": "localhost:8000"}).status_code == (
                200
            ), url

    def test_a_second_run_changes_nothing_and_syncs_nothing(self, demo):
        before = {
            "runs": SyncRun.objects.count(),
            "revisions": Revision.objects.count(),
            "products": list(
                Product.objects.order_by("pk").values_list("pk", "updated_at")
            ),
            "mentions": ProductMention.objects.count(),
        }

        output = run_load_demo()

        assert "nothing changed" in output
        assert {
            "runs": SyncRun.objects.count(),
            "revisions": Revision.objects.count(),
            "products": list(
                Product.objects.order_by("pk").values_list("pk", "updated_at")
            ),
            "mentions": ProductMention.objects.count(),
        } == before
