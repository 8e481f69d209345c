"""A reader follows a story's product card to the product, its producer and the shop."""

import re

import pytest

from blog.models import BlogPage
from shop_link.models import Product
from tests.factories import (
    STYLED,
    WIDTHS,
    describe,
    violations,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STORY = "zu-besuch-in-der-hofkaeserei-wendt"


def test_a_reader_goes_from_a_product_card_to_the_product_its_producer_and_shop(
    live_server, demo_shop, page, served_media, failed_requests
):
    from playwright.sync_api import expect

    post = BlogPage.objects.get(slug=STORY)
    page.goto(live_server.url + post.url)

    card = page.locator(".story-products .product-card").first
    expect(card).to_be_visible()
    title = card.locator(".product-card__link").inner_text().strip()
    product = Product.objects.get(title=title)
    expect(card.locator(".product-card__shop")).to_have_attribute("href", product.link)
    card.locator(".product-card__link").click()

    page.wait_for_url(re.compile(re.escape(f"/products/{product.slug}/")))
    expect(page.get_by_role("heading", level=1)).to_have_text(product.title)
    buy = page.locator(".product__shop-link")
    expect(buy).to_contain_text(product.source.shop_name)
    expect(buy).to_have_attribute("href", product.link)
    assert set(buy.get_attribute("rel").split()) >= {"noopener", "external"}
    stories = page.locator("#product-stories-heading").locator("xpath=../..")
    expect(stories.get_by_role("link", name=post.title, exact=True)).to_be_visible()

    producer = product.producer
    page.locator(".product-maker").get_by_role(
        "link", name=producer.title, exact=True
    ).click()
    page.wait_for_url(re.compile(re.escape(producer.url)))
    expect(page.get_by_role("heading", level=1)).to_have_text(producer.title)
    products = page.locator(".producer-products")
    expect(products.get_by_role("link", name=product.title, exact=True)).to_be_visible()

    assert failed_requests == []


def test_a_reader_filters_the_catalogue_and_removes_the_filter_again(
    live_server, demo_shop, page, served_media, failed_requests
):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/products/")
    cards = page.locator(".product-grid--catalogue .product-card")
    everything = Product.objects.on_sale().count()
    expect(page.locator(".catalogue__count")).to_contain_text(str(everything))

    page.get_by_label("Erzeuger").select_option(label="Kranichmühle")
    page.get_by_role("button", name="Produkte zeigen").click()
    page.wait_for_url(re.compile(r"producer=kranichmuehle"))
    mill = Product.objects.on_sale().filter(producer__slug="kranichmuehle")
    expect(cards).to_have_count(mill.count())

    page.locator(".chip--remove").first.click()
    expect(page.locator(".catalogue__count")).to_contain_text(str(everything))
    assert failed_requests == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_product_pages_have_no_accessibility_violations(
    live_server, demo_shop, page, served_media, failed_requests, width
):
    product = Product.objects.get(external_id="KW-02")
    pages = {
        "catalogue": "/products/",
        "filtered catalogue": "/products/?availability=discontinued&q=dill",
        "product": f"/products/{product.slug}/",
        "product no longer sold": "/products/dill-bund/",
        "post with products": BlogPage.objects.get(slug=STORY).url,
        "producer with products": product.producer.url,
    }
    page.set_viewport_size({"width": width, "height": 900})
    reports = []
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{name} ({path}) answered {response.status}"
        assert page.evaluate(STYLED), f"{name} ({path}) has no stylesheet applied"
        found = violations(page)
        if found:
            reports.append(describe(found, f"{name} {path} at {width}px"))
    assert not reports, "\n\n".join(reports)
    assert failed_requests == []
