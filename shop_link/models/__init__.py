"""The products app's models: products and their feeds, and the catalogue page."""

from .pages import ProductIndexPage
from .products import (
    Availability,
    BrandProducer,
    FeedFormat,
    FeedImage,
    FreeItems,
    Product,
    ProductMention,
    ProductQuerySet,
    ProductSource,
    SyncRun,
)

__all__ = [
    "Availability",
    "BrandProducer",
    "FeedFormat",
    "FeedImage",
    "FreeItems",
    "Product",
    "ProductIndexPage",
    "ProductMention",
    "ProductQuerySet",
    "ProductSource",
    "SyncRun",
]
