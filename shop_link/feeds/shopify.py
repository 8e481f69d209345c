"""Shopify's products.json, each variant a product of its own.

A variant has its own price, content and stock, and German price law asks for a
unit price per size sold: one product with a price range could carry neither.
So each variant becomes a product with the id "<product id>-<variant id>", the
title "<product> – <variant>" (just "<product>" for Shopify's "Default Title"),
and the link "<shop>/products/<handle>?variant=<variant id>".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO
from urllib.parse import quote

from django.utils.translation import gettext as _

from ..items import FeedError, FeedItem, RejectedItem
from ..pricing import parse_measure
from .checks import ItemBuilder
from .raw import RawItem
from .variants import variant_title

# Option names under which a variant states its content ("Gewicht: 250 g").
CONTENT_OPTIONS = frozenset(
    {
        "inhalt",
        "füllmenge",
        "gewicht",
        "größe",
        "menge",
        "packungsgröße",
        "content",
        "size",
        "weight",
        "volume",
        "amount",
    }
)
# Tags that state the content or the unit price's base ("unit_pricing_measure:250g").
MEASURE_TAGS = frozenset({"unit_pricing_measure", "inhalt"})
BASE_TAGS = frozenset({"unit_pricing_base_measure", "grundpreis je", "grundpreis"})
DEFAULT_TITLE = "Default Title"


def parse_shopify(
    stream: BinaryIO, builder: ItemBuilder, *, max_bytes: int
) -> Iterator[FeedItem | RejectedItem]:
    """Each variant of each product; the whole file is read, up to `max_bytes`."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FeedError(
            _(
                "The file is larger than %(size)d MB, the most a products.json may "
                "be here; split it into pages."
            )
            % {"size": max_bytes // (1024 * 1024)}
        )
    products = _products(data)
    base = builder.base_url.rstrip("/")
    for number, product in enumerate(products, 1):
        location = _("product %(number)d") % {"number": number}
        if not isinstance(product, dict):
            yield RejectedItem(location, _("the product is not a JSON object"))
            continue
        variants = product.get("variants")
        if not isinstance(variants, list) or not variants:
            yield RejectedItem(
                location,
                _("the product has no variants, so no price"),
                str(product.get("id", "")),
            )
            continue
        for position, variant in enumerate(variants, 1):
            yield builder.build(read_variant(product, variant, number, position, base))


def _products(data: bytes) -> list[Any]:
    try:
        document = json.loads(data, parse_float=str)
    except UnicodeDecodeError:
        raise FeedError(_("The file is not UTF-8 text, so not JSON.")) from None
    except json.JSONDecodeError as error:
        raise FeedError(
            _(
                "The file is not valid JSON: %(reason)s "
                "(line %(line)d, column %(column)d)"
            )
            % {"reason": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    except RecursionError:
        raise FeedError(
            _("The file nests JSON too deeply to be a product list.")
        ) from None
    if isinstance(document, list):
        raise FeedError(
            _(
                "The file is a JSON list, not a Shopify products.json (an object with "
                'a "products" list).'
            )
        )
    if not isinstance(document, dict) or not isinstance(document.get("products"), list):
        raise FeedError(
            _(
                "The file is JSON but not a Shopify products.json: "
                'it has no "products" list.'
            )
        )
    return document["products"]


def read_variant(
    product: dict[str, Any], variant: Any, number: int, position: int, base: str
) -> RawItem:
    """One variant of a product as a RawItem."""
    raw = RawItem(
        location=_("product %(number)d variant %(position)d")
        % {"number": number, "position": position}
    )
    if not isinstance(variant, dict):
        raw.problems.append(_("the variant is not a JSON object"))
        return raw

    def scalar(source: dict[str, Any], key: str) -> str:
        value = source.get(key)
        if value is None or isinstance(value, bool):
            return ""
        if isinstance(value, str | int):
            return str(value)
        raw.problems.append(_("%(field)s is not a text or a number") % {"field": key})
        return ""

    product_id, variant_id = scalar(product, "id"), scalar(variant, "id")
    if product_id and variant_id:
        raw.external_id = f"{product_id}-{variant_id}"
    title, option = scalar(product, "title"), scalar(variant, "title")
    options = [] if option.strip() == DEFAULT_TITLE else [option]
    raw.title = variant_title(title, options)
    raw.description = scalar(product, "body_html")
    handle = scalar(product, "handle").strip()
    if base and handle and variant_id:
        raw.link = f"{base}/products/{quote(handle)}?variant={quote(variant_id)}"
    elif not base:
        raw.missing_link_reason = _(
            "missing link: products.json has no product links, and no shop address "
            "is set to make them"
        )
    raw.image_link = _image(product, variant)
    raw.price = scalar(variant, "price")
    raw.compare_at_price = scalar(variant, "compare_at_price")
    raw.availability = "out_of_stock" if variant.get("available") is False else ""
    raw.brand = scalar(product, "vendor")
    raw.category = scalar(product, "product_type")
    raw.sku = scalar(variant, "sku")
    raw.gtin = scalar(variant, "barcode")
    _read_tags(raw, product.get("tags"))
    _read_content(raw, product, variant)
    return raw


def _image(product: dict[str, Any], variant: dict[str, Any]) -> str:
    """The variant's own picture if it has one, else the product's first."""
    featured = variant.get("featured_image")
    if isinstance(featured, dict) and isinstance(featured.get("src"), str):
        return featured["src"]
    images = [image for image in product.get("images") or [] if isinstance(image, dict)]
    for image in images:
        if image.get("id") is not None and image.get("id") == variant.get("image_id"):
            return str(image.get("src") or "")
    if images and isinstance(images[0].get("src"), str):
        return images[0]["src"]
    return ""


def _read_tags(raw: RawItem, tags: Any) -> None:
    """Origin, certifications and content from "name:value" tags."""
    if isinstance(tags, str):
        tags = tags.split(",")
    if not isinstance(tags, list):
        return
    for tag in tags:
        if not isinstance(tag, str):
            continue
        name, colon, value = tag.partition(":")
        if not colon:
            continue
        key = " ".join(name.split()).casefold()
        if key in MEASURE_TAGS:
            raw.unit_pricing_measure = value
        elif key in BASE_TAGS:
            raw.unit_pricing_base_measure = value
        else:
            raw.add_detail(name, value)


def _read_content(
    raw: RawItem, product: dict[str, Any], variant: dict[str, Any]
) -> None:
    """The variant's content, for its unit price.

    Taken from Shopify's unit price measurement if there is one, else from an
    option such as "Gewicht: 250 g"; tags were read before and count last.
    Shipping weight (grams) is never used: it includes the packaging.
    """
    measurement = variant.get("unit_price_measurement")
    if isinstance(measurement, dict):
        quantity = measurement.get("quantity_value")
        unit = measurement.get("quantity_unit")
        if quantity is not None and isinstance(unit, str):
            raw.unit_pricing_measure = f"{quantity} {unit}"
            reference = measurement.get("reference_value")
            reference_unit = measurement.get("reference_unit")
            if reference is not None and isinstance(reference_unit, str):
                raw.unit_pricing_base_measure = f"{reference} {reference_unit}"
            return
    options = product.get("options")
    if not isinstance(options, list):
        return
    for index, option in enumerate(options[:3], 1):
        name = option.get("name") if isinstance(option, dict) else option
        value = variant.get(f"option{index}")
        if (
            isinstance(name, str)
            and isinstance(value, str)
            and name.strip().casefold() in CONTENT_OPTIONS
            and parse_measure(value)
        ):
            raw.unit_pricing_measure = value
            return
