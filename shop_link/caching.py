"""Which cached pages a change to products purges.

A product shows on its own page, on the cards of listings, posts, topics and
its producer's page (all of which record its tag), and in the catalogue and
the sitemap, which list products. A changed product purges its tag and the
listings; a new or newly discontinued one also its producer's page, which
lists what the producer sells. A sync that changes very many products
purges every page: one version for each would cost more than rendering anew.
"""

from wagtail.models import Page

from home.page_cache.tags import list_tag, object_tag, page_tag, purge, purge_everything

from .models.products import Product

# More changed products than this purge every page at once.
MANY_PRODUCTS = 500


def purge_products(product_ids) -> None:
    """Purge the pages that show the products with `product_ids`."""
    product_ids = list(product_ids)
    if not product_ids:
        return
    if len(product_ids) > MANY_PRODUCTS:
        purge_everything()
        return
    producers = (
        Product.objects.filter(pk__in=product_ids, producer__isnull=False)
        .values_list("producer_id", flat=True)
        .distinct()
    )
    purge(
        list_tag(Product),
        *(object_tag(Product, pk) for pk in product_ids),
        *(page_tag(pk) for pk in producers),
    )


def purge_product(product) -> None:
    tags = {list_tag(Product), object_tag(Product, product.pk)}
    if product.producer_id:
        tags.add(object_tag(Page, product.producer_id))
    purge(*tags)
