"""Product cards in stories: what a reader sees of a product, and what it costs."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from shop_link.display import (
    format_measure,
    format_money,
    format_quantity,
    format_unit_price,
)
from shop_link.models import Availability
from tests.factories import (
    BlogPageFactory,
    ImageFactory,
    ProducerPageFactory,
    ProductFactory,
    ProductSourceFactory,
    build_catalogue,
    build_site,
    links_of,
    make_draft,
    paragraph,
    products_block,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(db):
    home, blog, producers = build_site()
    catalogue = build_catalogue(home)
    producer = ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")
    return {"blog": blog, "catalogue": catalogue, "producer": producer}


def post_with(shop, *products, heading="Aus dem Laden"):
    return BlogPageFactory(
        parent=shop["blog"],
        body=[paragraph("Ein Besuch."), products_block(*products, heading=heading)],
    )


def test_a_card_shows_price_unit_price_availability_and_the_shop_link(client, shop):
    seen = timezone.make_aware(datetime.datetime(2026, 6, 12, 8, 30))
    product = ProductFactory(
        title="Bergkäse, 12 Monate",
        producer=shop["producer"],
        image=ImageFactory(),
        price=Decimal("3.20"),
        unit_quantity=Decimal("250"),
        unit_measure="g",
        last_seen_at=seen,
        source=ProductSourceFactory(shop_name="Hofladen Lindenhof"),
    )
    post = post_with(shop, product)

    response = client.get(post.url)

    assert response.status_code == 200
    text = text_of(response)
    assert "Aus dem Laden" in text
    assert "3,20\u00a0€" in text
    assert "250\u00a0g · Grundpreis: 12,80\u00a0€/kg" in text
    assert "Auf Lager" in text
    assert "12. Juni 2026, 08:30" in text
    assert "Hofladen Lindenhof" in text
    links = links_of(response)
    (buy,) = links.to(product.link)
    assert set(buy["rel"].split()) >= {"noopener", "external"}
    assert "target" not in buy
    assert links.to(shop["catalogue"].url + f"{product.slug}/")
    assert links.to(shop["producer"].url)
    assert 'class="product-card__image"' in response.content.decode()


def test_a_sale_price_is_shown_with_the_old_price_struck_through(client, shop):
    product = ProductFactory(price=Decimal("6.90"), sale_price=Decimal("5.90"))

    html = client.get(post_with(shop, product).url).content.decode()

    assert re.search(r"<del class=\"price__was\">.*6,90\u00a0€</del>", html)
    assert "5,90\u00a0€" in html
    assert "23,60\u00a0€/kg" in html, "the unit price follows the price paid"


def test_a_product_no_longer_sold_says_so_plainly_and_offers_nothing_to_buy(
    client, shop
):
    product = ProductFactory(availability=Availability.DISCONTINUED)

    response = client.get(post_with(shop, product).url)

    assert "product-card--discontinued" in response.content.decode()
    assert "Nicht mehr im Sortiment" in text_of(response)
    assert links_of(response).to(product.link) == []
    assert links_of(response).to(shop["catalogue"].url + f"{product.slug}/")


def test_an_out_of_stock_product_links_to_the_shop_without_buying(client, shop):
    product = ProductFactory(availability=Availability.OUT_OF_STOCK)

    response = client.get(post_with(shop, product).url)

    (link,) = links_of(response).to(product.link)
    assert "Nicht auf Lager" in text_of(response)
    assert "kaufen" not in link["text"]


def test_a_deleted_product_leaves_no_empty_card(client, shop):
    kept, gone = ProductFactory(title="Butter"), ProductFactory(title="Quark")
    post = post_with(shop, kept, gone)
    gone.delete()

    html = client.get(post.url).content.decode()

    assert len(re.findall(r'class="product-card[ "]', html)) == 1
    assert "Quark" not in html


def test_prices_read_as_each_language_writes_them():
    with translation.override("de"):
        assert format_money(Decimal("3.2"), "EUR") == "3,20\u00a0€"
        assert format_money(Decimal("1234.5"), "EUR") == "1.234,50\u00a0€"
        assert format_money(Decimal("3.20"), "CHF") == "3,20\u00a0CHF"
    with translation.override("en"):
        assert format_money(Decimal("3.2"), "EUR") == "€3.20"
        assert format_money(Decimal("1234.5"), "GBP") == "£1,234.50"
        assert format_money(Decimal("3.20"), "CHF") == "CHF\u00a03.20"
    assert format_money(None, "EUR") == ""


def test_unit_prices_name_the_base_quantity_only_when_it_is_not_one():
    with translation.override("de"):
        assert format_unit_price((Decimal("12.80"), Decimal("1"), "kg"), "EUR") == (
            "12,80\u00a0€/kg"
        )
        assert format_unit_price(
            (Decimal("3.60"), Decimal("100.0000"), "g"), "EUR"
        ) == ("3,60\u00a0€/100\u00a0g")
        assert format_quantity(Decimal("0.7500")) == "0,75"
        assert format_measure(Decimal("2.5"), "kg") == "2,5\u00a0kg"
    with translation.override("en"):
        assert format_unit_price((Decimal("0.65"), Decimal("1"), "ct"), "EUR") == (
            "€0.65/piece"
        )
        assert format_measure(Decimal("6"), "ct") == "6\u00a0pieces"
        assert format_measure(Decimal("1"), "sqm") == "1\u00a0m²"


def test_a_unit_price_that_repeats_the_price_is_left_out(client, shop):
    product = ProductFactory(
        price=Decimal("2.40"),
        unit_quantity=Decimal("1"),
        unit_measure="kg",
        unit_base_quantity=Decimal("1"),
        unit_base_measure="kg",
    )

    text = text_of(client.get(post_with(shop, product).url))

    assert "1\u00a0kg" in text
    assert "€/kg" not in text


def test_cards_render_in_english_with_english_prices(client, shop):
    product = ProductFactory(price=Decimal("3.20"))

    with translation.override("en"):
        response = client.get(
            post_with(shop, product).url, headers={"accept-language": "en"}
        )

    text = text_of(response)
    assert "€3.20" in text
    assert "€12.80/kg" in text
    assert "In stock" in text


@pytest.mark.usefixtures("rendered")
def test_a_block_of_many_products_costs_no_more_queries_than_one(client, shop):
    one = post_with(shop, ProductFactory(image=ImageFactory()))
    many = post_with(
        shop,
        *[
            ProductFactory(producer=shop["producer"], image=ImageFactory())
            for _ in range(8)
        ],
    )
    counts = []
    for post in (one, many):
        client.get(post.url)
        client.get(post.url)  # after the first made the settings, which purge
        with CaptureQueriesContext(connection) as queries:
            assert client.get(post.url).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_without_a_live_catalogue_a_card_names_the_product_without_a_dead_link(
    client, shop
):
    make_draft(shop["catalogue"])
    product = ProductFactory(title="Süßrahmbutter")

    response = client.get(post_with(shop, product).url)

    assert "Süßrahmbutter" in text_of(response)
    assert links_of(response).to("") == []
    assert links_of(response).to(product.link)
