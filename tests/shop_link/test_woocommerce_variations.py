"""WooCommerce variations take what they leave empty from their variable
product, as the shop shows them: its description, categories and picture.

The export is our own rows in WooCommerce's product CSV (its header, byte
order mark, `&amp;` in category names): a variation before its product, one
naming its product as `id:300`, one by its SKU, with a text and a picture of
its own. Synced end to end through `sync_products`.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from shop_link.models import Product, ProductSource

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).parent / "fixtures" / "exports" / "woocommerce_variations.csv"
PICTURES = "https://hof-lindenau.example/wp-content/uploads/2025/10/"


@pytest.fixture
def scarves():
    source = ProductSource.objects.create(
        name="Hofladen Lindenau",
        format="csv",
        location=str(EXPORT),
        shop_name="Hofladen Lindenau",
        shop_url="https://hof-lindenau.example",
    )
    with translation.override("en"):
        call_command(
            "sync_products",
            source.name,
            "--no-images",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    return {p.external_id: p for p in Product.objects.filter(source=source)}


def test_the_variable_product_is_a_container_not_an_article(scarves):
    assert sorted(scarves) == ["310", "311"]


def test_a_variation_takes_text_category_and_picture_from_its_product(scarves):
    red = scarves["310"]

    assert red.title == "Wollschal - Rot"
    assert red.description == "Jeder Schal ist ein Einzelstück."
    assert red.category == "Wolle & Felle"
    assert red.image_link == f"{PICTURES}schal.jpg"
    assert str(red.price) == "39.00"


def test_a_variation_keeps_what_it_says_itself(scarves):
    natural = scarves["311"]

    assert natural.description == "Ungefärbt, in der Farbe der Schafe."
    assert natural.image_link == f"{PICTURES}schal-natur.jpg"
    assert natural.category == "Wolle & Felle"
    assert str(natural.price) == "35.00"


def test_both_variations_link_to_their_product_in_the_shop(scarves):
    assert {p.link for p in scarves.values()} == {
        "https://hof-lindenau.example/?post_type=product&p=300"
    }
