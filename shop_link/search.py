"""Products in the site search, through home's "theke_search" hook."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from home.search import MAX_RESULTS, SearchResult

from .display import format_money
from .models.pages import ProductIndexPage
from .models.products import Product

SUMMARY_WORDS = 30


def product_summary(product) -> str:
    """Who makes it, what it costs and whether it is sold, then its description."""
    facts = [
        product.producer.title if product.producer_id else product.brand,
        format_money(product.current_price, product.currency),
        product.get_availability_display(),
    ]
    lead = " · ".join(str(fact) for fact in facts if fact)
    description = Truncator(product.description).words(SUMMARY_WORDS)
    return f"{lead}. {description}" if description else lead


def search_products(request, query: str) -> list[SearchResult]:
    """Products whose title, brand, category or description hold every word."""
    page = ProductIndexPage.for_request(request)
    if page is None:
        return []
    products = (
        Product.objects.select_related("producer")
        .matching(query)
        .order_by("still_sold", "title_match", "title", "pk")[:MAX_RESULTS]
    )
    return [
        SearchResult(
            title=product.title,
            url=page.product_url(product, request=request),
            summary=product_summary(product),
            kind="product",
            label=_("Product"),
        )
        for product in products
    ]
