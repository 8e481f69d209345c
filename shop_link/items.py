"""What a feed parser hands to the sync: one product as the feed states it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One product of a feed, checked and normalised, ready to be stored.

    Prices are Decimals in `currency`; text fields are plain text (markup removed);
    `link` and `image_link` are absolute http(s) URLs (or image links relative to a
    local feed file, resolved by the sync).
    """

    external_id: str
    title: str
    link: str
    price: Decimal
    currency: str
    description: str = ""
    image_link: str = ""
    sale_price: Decimal | None = None
    availability: str = "in_stock"
    brand: str = ""
    category: str = ""
    gtin: str = ""
    sku: str = ""
    unit_quantity: Decimal | None = None
    unit_measure: str = ""
    unit_base_quantity: Decimal | None = None
    unit_base_measure: str = ""
    origin_region: str = ""
    origin_country: str = ""
    certifications: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    # A digest of the entry as read, before any check (see parse_feed's `known`);
    # empty when the result also depends on the day (a dated sale price).
    fingerprint: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class RejectedItem:
    """A feed entry that could not be used, with where it stood and why."""

    location: str
    reason: str
    external_id: str = ""


@dataclass(frozen=True, slots=True)
class UnchangedItem:
    """A feed entry read exactly as the last time: the stored product still holds it."""

    external_id: str
    fingerprint: str


class FeedError(Exception):
    """The feed as a whole cannot be used: nothing may be changed."""
