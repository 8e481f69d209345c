"""A product appears once on a page: a section after the story leaves out the
products the story's own product blocks show as cards."""

import re

import pytest

from tests.factories import (
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    ProductSourceFactory,
    build_catalogue,
    build_site,
    links_of,
    paragraph,
    products_block,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    home, blog, producers = build_site()
    catalogue = build_catalogue(home)
    wendt = ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")
    source = ProductSourceFactory(shop_name="Hofladen Lindenhof")
    cheese = ProductFactory(
        source=source, title="Bergkäse, 12 Monate gereift", producer=wendt
    )
    butter = ProductFactory(source=source, title="Süßrahmbutter", producer=wendt)
    return {
        "blog": blog,
        "producers": producers,
        "catalogue": catalogue,
        "wendt": wendt,
        "source": source,
        "cheese": cheese,
        "butter": butter,
    }


def page_of(shop, product):
    return shop["catalogue"].url + f"{product.slug}/"


def cards(response):
    """The titles of the product cards on a page, in order."""
    return re.findall(
        r'class="product-card__link" href="[^"]*">([^<]+)</a>',
        response.content.decode(),
    )


def test_a_post_shows_the_product_of_its_block_once(client, shop):
    # The post names the cheese in a block of cards and its maker as the
    # producer of the story.
    post = BlogPageFactory(
        parent=shop["blog"],
        body=[paragraph("Um halb sechs."), products_block(shop["cheese"])],
        producers=[shop["wendt"]],
    )

    response = client.get(post.url)

    assert cards(response) == ["Bergkäse, 12 Monate gereift"]
    assert len(links_of(response).to(page_of(shop, shop["cheese"]))) == 1
    assert len(links_of(response).to(shop["cheese"].link)) == 1
    text = text_of(response)
    assert "Das Produkt aus dieser Geschichte" not in text
    assert "Die Produkte aus dieser Geschichte" not in text
    assert "Der Erzeuger aus dieser Geschichte" in text


def test_a_producer_page_lists_only_the_products_its_story_does_not_show(client, shop):
    wendt = shop["wendt"]
    wendt.story = [paragraph("Vierzig Kühe."), products_block(shop["cheese"])]
    wendt.save_revision().publish()

    response = client.get(wendt.url)

    assert cards(response) == ["Bergkäse, 12 Monate gereift", "Süßrahmbutter"]
    section = response.content.decode().split('id="producer-products-heading"')[1]
    assert "Süßrahmbutter" in section
    assert "Bergkäse" not in section
    assert "Produkte von Hofkäserei Wendt" in text_of(response)


def test_a_producer_whose_story_shows_all_their_products_has_no_section(client, shop):
    wendt = shop["wendt"]
    wendt.story = [products_block(shop["butter"], shop["cheese"])]
    wendt.save_revision().publish()

    response = client.get(wendt.url)

    assert cards(response) == ["Süßrahmbutter", "Bergkäse, 12 Monate gereift"]
    assert "producer-products" not in response.content.decode()


def test_products_the_story_shows_do_not_count_towards_the_link_to_the_rest(
    client, shop
):
    # With the cheese and butter, eight more: ten on sale, two shown in the
    # story, so the section lists all eight others and needs no link onwards.
    wendt = shop["wendt"]
    for n in range(8):
        ProductFactory(source=shop["source"], title=f"Schnittkäse {n}", producer=wendt)
    wendt.story = [products_block(shop["cheese"], shop["butter"])]
    wendt.save_revision().publish()

    response = client.get(wendt.url)

    section = response.content.decode().split('id="producer-products-heading"')[1]
    assert len(re.findall(r'class="product-card__link"', section)) == 8
    assert "Alle ihre Produkte" not in text_of(response)
    assert len(cards(response)) == 10
