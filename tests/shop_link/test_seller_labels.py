"""Product cards say who sells a product and who made it, so the shop's name is
never read as the producer's."""

import re

import pytest
from django.utils import translation

from tests.factories import (
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    ProductSourceFactory,
    build_catalogue,
    build_site,
    products_block,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    home, blog, producers = build_site()
    catalogue = build_catalogue(home)
    wendt = ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")
    source = ProductSourceFactory(shop_name="Hofladen Lindenhof")
    cheese = ProductFactory(
        source=source, title="Bergkäse", producer=wendt, brand="Wendt"
    )
    bag = ProductFactory(
        source=source, title="Einkaufsbeutel", producer=None, brand="Leinenweberei Pohl"
    )
    post = BlogPageFactory(parent=blog, body=[products_block(cheese, bag)])
    return {"catalogue": catalogue, "wendt": wendt, "post": post, "bag": bag}


def words(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def cards(html):
    """The visible words of each product card, by the product's title."""
    found = {}
    for card in re.findall(
        r'<article class="product-card[^"]*">.*?</article>', html, re.S
    ):
        title = re.search(r'class="product-card__link" href="[^"]*">([^<]+)<', card)
        visible = re.sub(r'<span class="visually-hidden">.*?</span>', "", card)
        found[title.group(1)] = words(visible)
    return found


def test_a_card_names_the_producer_and_the_shop_that_sells_it(client, shop):
    html = client.get(shop["post"].url).content.decode()

    card = cards(html)["Bergkäse"]
    assert card.startswith("Von Hofkäserei Wendt Bergkäse")
    assert card.endswith("Im Shop kaufen Verkauft von Hofladen Lindenhof")
    assert card.count("Hofladen Lindenhof") == 1


def test_without_a_known_producer_a_card_names_the_brand_as_such(client, shop):
    html = client.get(shop["post"].url).content.decode()

    card = cards(html)["Einkaufsbeutel"]
    assert card.startswith("Marke: Leinenweberei Pohl Einkaufsbeutel")
    assert "Verkauft von Hofladen Lindenhof" in card


def test_readers_of_the_screen_hear_the_seller_with_its_label(client, shop):
    html = client.get(shop["post"].url).content.decode()

    sellers = re.findall(r'<span class="product-card__seller"[^>]*>([^<]*)<', html)
    assert sellers == ["Verkauft von Hofladen Lindenhof"] * 2
    assert 'class="product-card__seller" aria-hidden' not in html
    hidden = re.findall(r'<span class="visually-hidden">: ([^<]*)</span>', html)
    assert hidden == ["Bergkäse (andere Website)", "Einkaufsbeutel (andere Website)"]


def test_on_the_producers_own_page_cards_still_name_the_seller(client, shop):
    html = client.get(shop["wendt"].url).content.decode()

    card = cards(html)["Bergkäse"]
    assert not card.startswith("Von")
    assert card.endswith("Verkauft von Hofladen Lindenhof")


def test_cards_label_maker_and_seller_in_english(client, shop):
    with translation.override("en"):
        html = client.get(
            shop["post"].url, headers={"accept-language": "en"}
        ).content.decode()

    found = cards(html)
    assert found["Bergkäse"].startswith("Made by Hofkäserei Wendt Bergkäse")
    assert found["Bergkäse"].endswith("Sold by Hofladen Lindenhof")
    assert found["Einkaufsbeutel"].startswith("Brand: Leinenweberei Pohl")


def test_a_product_page_without_a_producer_names_the_brand_as_such(client, shop):
    url = shop["catalogue"].url + f"{shop['bag'].slug}/"

    html = client.get(url).content.decode()

    assert '<p class="product__by">Marke: Leinenweberei Pohl</p>' in html
