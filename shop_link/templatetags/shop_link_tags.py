from urllib.parse import urlencode

from django import template

from shop_link import catalogue
from shop_link.display import (
    format_measure,
    format_money,
    format_unit_price,
)

register = template.Library()


@register.filter
def money(amount, currency="EUR"):
    """An amount in the reader's language: `3,20 €` or `€3.20`."""
    return format_money(amount, currency)


@register.filter
def unit_price_text(product):
    """The product's price per kilogram, litre or piece, or "" where it is the price.

    A unit price that repeats the price (1 kg at 3,20 €/kg) tells nothing.
    """
    unit_price = product.unit_price
    if unit_price is None:
        return ""
    _amount, base_quantity, base_unit = unit_price
    if (product.unit_quantity, product.unit_measure) == (base_quantity, base_unit):
        return ""
    return format_unit_price(unit_price, product.currency)


@register.filter
def content_text(product):
    """How much the product holds, such as `250 g`; "" for a single piece."""
    if product.unit_measure == "ct" and product.unit_quantity == 1:
        return ""
    return format_measure(product.unit_quantity, product.unit_measure)


@register.filter
def reduced(product):
    """Whether the product sells below its regular price."""
    return product.sale_price is not None and product.sale_price < product.price


@register.simple_tag(takes_context=True)
def product_url(context, product):
    """The product's page in the site's catalogue."""
    return catalogue.product_url(context.get("request"), product)


@register.simple_tag(takes_context=True)
def catalogue_url(context, **filters):
    """The catalogue's address, filtered as given (`producer=slug`), or ""."""
    request = context.get("request")
    page = catalogue.catalogue_for(request)
    if page is None:
        return ""
    url = page.get_url(request=request)
    query = urlencode({name: value for name, value in filters.items() if value})
    return f"{url}?{query}" if query else url
