"""The product sections shop_link adds to posts and producer pages."""

from wagtail.models import Page

from blog.models import ProducerPage

from .mentions import product_ids_in
from .models.products import Product

# A producer page shows this many products, then links to the rest.
PRODUCER_PRODUCTS = 8


def story_products(page) -> list[Product]:
    """The products the page's blocks show, in the order they first appear."""
    ids = product_ids_in(page)
    if not ids:
        return []
    found = Product.objects.filter(pk__in=ids).for_listing().in_bulk()
    return [found[pk] for pk in ids if pk in found]


def producer_products(producer) -> list[Product]:
    """The producer's products still on sale, one more than are shown."""
    products = Product.objects.filter(producer=producer).on_sale().for_listing()
    return list(products[: PRODUCER_PRODUCTS + 1])


def product_sections(request, page, slot):
    """The "products" slot: a post's products, or a producer's."""
    if slot != "products" or not isinstance(page, Page):
        return None
    if isinstance(page, ProducerPage):
        products = producer_products(page)
        if not products:
            return None
        return (
            "shop_link/producer_products.html",
            {
                "products": products[:PRODUCER_PRODUCTS],
                "more_products": len(products) > PRODUCER_PRODUCTS,
                "producer": page,
            },
        )
    products = story_products(page)
    if not products:
        return None
    return ("shop_link/story_products.html", {"products": products})
