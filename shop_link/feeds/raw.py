"""A feed entry as the format readers hand it over, and how messages name its place."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import text

# Names under which feeds state origin and certifications: Merchant Center's
# product_detail attribute names, WooCommerce attributes, Shopify tags.
DETAIL_NAMES = {
    **dict.fromkeys(("herkunft", "origin", "provenance"), "origin"),
    **dict.fromkeys(
        (
            "herkunftsregion",
            "region",
            "anbaugebiet",
            "origin region",
            "origin_region",
            "region of origin",
        ),
        "origin_region",
    ),
    **dict.fromkeys(
        (
            "ursprungsland",
            "herkunftsland",
            "country of origin",
            "origin country",
            "origin_country",
        ),
        "origin_country",
    ),
    **dict.fromkeys(
        (
            "zertifizierung",
            "zertifizierungen",
            "siegel",
            "certification",
            "certifications",
        ),
        "certifications",
    ),
}


@dataclass(slots=True)
class RawItem:
    """One feed entry as read, all values still text, before any check."""

    # Where the entry stands ("product 3 variant 2"); formats that number their
    # entries give `position` instead, and the builder words it when needed.
    location: str = ""
    position: int = 0
    external_id: str = ""
    title: str = ""
    description: str = ""
    link: str = ""
    image_link: str = ""
    price: str = ""
    sale_price: str = ""
    # A former or list price: when above `price`, it becomes the price and
    # `price` the sale price (Shopify's compare_at_price, Shopware's list price).
    compare_at_price: str = ""
    sale_price_effective_date: str = ""
    currency: str = ""
    availability: str = ""
    brand: str = ""
    category: str = ""
    gtin: str = ""
    sku: str = ""
    unit_pricing_measure: str = ""
    unit_pricing_base_measure: str = ""
    origin: str = ""
    origin_region: str = ""
    origin_country: str = ""
    certifications: list[str] = field(default_factory=list)
    # Why there is no link, when the format knows better than "missing link".
    missing_link_reason: str = ""
    # Problems the format's reader found already (a value of the wrong type …).
    problems: list[str] = field(default_factory=list)

    def add_detail(self, name: str, value: str) -> None:
        """Take a named detail ("Herkunft: Allgäu") if it states origin or a seal."""
        target = DETAIL_NAMES.get(" ".join(name.split()).casefold())
        if target is None or not value.strip():
            return
        if target == "certifications":
            self.certifications.append(value)
        elif not getattr(self, target):
            setattr(self, target, value)


def describe(value: str, limit: int = 60) -> str:
    """A value shortened and made single-line for a message."""
    value = " ".join(text.HIDDEN.sub("", value).split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def locate_item(number: int, external_id: str = "") -> str:
    """Where the XML item of this number (and id) stands, for messages."""
    shown = describe(external_id)
    if shown:
        return _("item %(number)d (id %(id)s)") % {"number": number, "id": shown}
    return _("item %(number)d") % {"number": number}


def locate_line(line: int, external_id: str = "") -> str:
    """Where the row starting on this line stands, for messages."""
    return _("line %(line)d") % {"line": line}
