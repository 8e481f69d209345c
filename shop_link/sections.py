"""The product section shop_link adds to producer pages, after their story."""

from blog.models import ProducerPage

from .mentions import product_ids_in
from .models.products import Product

# A producer page shows this many products, then links to the rest.
PRODUCER_PRODUCTS = 8


def not_shown_in_blocks(page, products):
    """The products a section after the page's text may list: each product is
    shown once, so those the page's own product blocks show as cards are left out.
    """
    return products.exclude(pk__in=product_ids_in(page))


def producer_products(producer) -> list[Product]:
    """The producer's products still on sale that their story does not show as
    cards, one more than are listed."""
    products = not_shown_in_blocks(
        producer, Product.objects.filter(producer=producer).on_sale()
    )
    return list(products.for_listing()[: PRODUCER_PRODUCTS + 1])


def product_sections(request, page, slot):
    """The "products" slot of a producer page: the products they still sell.

    A post names its products only through the product blocks of its body, which
    show them as cards where the writer put them; a list of the same products
    after the story would show each one twice, so posts get no section here.
    """
    if slot != "products" or not isinstance(page, ProducerPage):
        return None
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
