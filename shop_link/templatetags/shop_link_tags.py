from urllib.parse import urlencode

from django import template

from shop_link.display import format_money, product_content, product_unit_price
from shop_link.models.pages import ProductIndexPage

register = template.Library()


@register.filter
def money(amount, currency="EUR"):
    """An amount in the reader's language: `3,20 €` or `€3.20`."""
    return format_money(amount, currency)


@register.filter
def unit_price_text(product):
    """The product's price per kilogram, litre or piece, or "" where it is the price."""
    return product_unit_price(product)


@register.filter
def content_text(product):
    """How much the product holds, such as `250 g`; "" for a single piece."""
    return product_content(product)


@register.filter
def reduced(product):
    """Whether the product sells below its regular price."""
    return product.sale_price is not None and product.sale_price < product.price


@register.simple_tag(takes_context=True)
def product_url(context, product):
    """The product's page in the site's catalogue, or "" without a live one."""
    request = context.get("request")
    page = ProductIndexPage.for_request(request)
    if page is None:
        return ""
    return page.product_url(product, request=request)


@register.simple_tag(takes_context=True)
def catalogue_url(context, **filters):
    """The catalogue's address, filtered as given (`producer=slug`), or ""."""
    request = context.get("request")
    page = ProductIndexPage.for_request(request)
    if page is None:
        return ""
    url = page.get_url(request=request)
    query = urlencode({name: value for name, value in filters.items() if value})
    return f"{url}?{query}" if query else url
