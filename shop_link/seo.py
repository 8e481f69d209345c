"""Structured data for product pages: a schema.org Product with its offer."""

from home.seo import SCHEMA_CONTEXT, image_object

from .display import UNIT_CODES
from .models.products import Availability

AVAILABILITY = {
    Availability.IN_STOCK: "https://schema.org/InStock",
    Availability.OUT_OF_STOCK: "https://schema.org/OutOfStock",
    Availability.PREORDER: "https://schema.org/PreOrder",
    Availability.BACKORDER: "https://schema.org/BackOrder",
    Availability.DISCONTINUED: "https://schema.org/Discontinued",
}
GTIN_LENGTHS = {8: "gtin8", 12: "gtin12", 13: "gtin13", 14: "gtin14"}


def plain_number(number) -> str:
    """A decimal without trailing zeros or exponent: 100, 0.75."""
    return format(number.normalize(), "f")


def gtin_property(gtin: str) -> str:
    """The schema.org property for a GTIN of this length, e.g. gtin13 for an EAN."""
    return GTIN_LENGTHS.get(len(gtin), "gtin") if gtin.isdigit() else "gtin"


def offer(product) -> dict:
    """What the shop asks for the product, and where to buy it."""
    source = product.source
    seller = {"@type": "Organization", "name": source.shop_name}
    if source.shop_url:
        seller["url"] = source.shop_url
    data = {
        "@type": "Offer",
        "price": str(product.current_price),
        "priceCurrency": product.currency,
        "availability": AVAILABILITY.get(product.availability),
        "url": product.link,
        "seller": seller,
    }
    specifications = []
    if product.current_price != product.price:
        specifications.append(
            {
                "@type": "UnitPriceSpecification",
                "priceType": "https://schema.org/StrikethroughPrice",
                "price": str(product.price),
                "priceCurrency": product.currency,
            }
        )
    if unit_price := product.unit_price:
        amount, base_quantity, base_unit = unit_price
        specifications.append(
            {
                "@type": "UnitPriceSpecification",
                "price": str(amount),
                "priceCurrency": product.currency,
                "referenceQuantity": {
                    "@type": "QuantitativeValue",
                    "value": plain_number(base_quantity),
                    "unitCode": UNIT_CODES[base_unit],
                },
            }
        )
    if specifications:
        data["priceSpecification"] = specifications
    return data


def product_json_ld(request, product, url: str, producer=None) -> dict:
    """The product as a schema.org Product whose page on this site is at url."""
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Product",
        "name": product.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
    }
    if product.description:
        data["description"] = product.description
    if product.image:
        data["image"] = image_object(product.image, request)
    if product.sku:
        data["sku"] = product.sku
    if product.gtin:
        data[gtin_property(product.gtin)] = product.gtin
    if product.category:
        data["category"] = product.category
    brand = product.brand or (producer.title if producer else "")
    if brand:
        data["brand"] = {"@type": "Brand", "name": brand}
    if producer is not None:
        data["manufacturer"] = {
            "@type": "Organization",
            "name": producer.title,
            "url": producer.get_full_url(request),
        }
    if product.origin_country:
        data["countryOfOrigin"] = {"@type": "Country", "name": product.origin_country}
    if product.unit_quantity and product.unit_measure in UNIT_CODES:
        data["size"] = {
            "@type": "QuantitativeValue",
            "value": plain_number(product.unit_quantity),
            "unitCode": UNIT_CODES[product.unit_measure],
        }
    data["offers"] = offer(product)
    return data
