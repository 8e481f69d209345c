"""The index of which live pages show which products, kept as pages are published.

A product page asks this index for the stories about it instead of reading the
StreamField JSON of every page. Publishing a page replaces its rows with the
products its product blocks hold; unpublishing removes them, and deleting a page
removes them through the foreign key.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from home.page_cache.tags import object_tag, purge
from home.public_pages import pages

from .blocks import ProductsBlock
from .models.products import Product, ProductMention


@cache
def product_block_names(model) -> dict[str, frozenset[str]]:
    """For each StreamField of a page model, the names of its product blocks."""
    names = {}
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            found = frozenset(
                name
                for name, block in field.stream_block.child_blocks.items()
                if isinstance(block, ProductsBlock)
            )
            if found:
                names[field.attname] = found
    return names


def _item_ids(items) -> Iterator[int]:
    """Product ids of a ListBlock's raw value, in its new or its old list format."""
    for item in items or []:
        if isinstance(item, dict):
            item = item.get("value")
        try:
            yield int(item)
        except (TypeError, ValueError):
            continue


def product_ids_in(page) -> list[int]:
    """The ids of the products the page's product blocks show, first mention first.

    Reads the stored (raw) stream data, so nothing is loaded from the database.
    """
    ids: dict[int, None] = {}
    for attname, block_names in product_block_names(type(page)).items():
        stream = getattr(page, attname, None)
        for child in getattr(stream, "raw_data", None) or []:
            if child.get("type") in block_names:
                value = child.get("value") or {}
                ids.update(dict.fromkeys(_item_ids(value.get("products"))))
    return list(ids)


def record_mentions(page) -> None:
    """Make the page's rows in the index match the products its blocks show now."""
    if not product_block_names(type(page)):
        return
    wanted = set(
        Product.objects.filter(pk__in=product_ids_in(page)).values_list("pk", flat=True)
    )
    with transaction.atomic():
        rows = ProductMention.objects.filter(page_id=page.pk)
        rows.exclude(product_id__in=wanted).delete()
        have = set(rows.values_list("product_id", flat=True))
        ProductMention.objects.bulk_create(
            [
                ProductMention(page_id=page.pk, product_id=product_id)
                for product_id in sorted(wanted - have)
            ],
            ignore_conflicts=True,
        )
    # A product's page lists the stories that mention it; one it no longer
    # lists showed this page's card, which is purged with the page.
    purge(*(object_tag(Product, pk) for pk in wanted - have))


def forget_mentions(page) -> None:
    """Remove the page from the index, as when it goes offline."""
    ProductMention.objects.filter(page_id=page.pk).delete()


def pages_with_product_blocks() -> list[type[Page]]:
    return [model for model in get_page_models() if product_block_names(model)]


def rebuild_mentions() -> int:
    """Rebuild the whole index from the live pages; returns the number of rows."""
    with transaction.atomic():
        live_ids = []
        for model in pages_with_product_blocks():
            for page in model.objects.live().iterator():
                record_mentions(page)
                live_ids.append(page.pk)
        ProductMention.objects.exclude(page_id__in=live_ids).delete()
        return ProductMention.objects.count()


def mentioning_pages(product):
    """Live, public pages that show the product, as a Page queryset."""
    return pages().live().public().filter(product_mentions__product=product)
