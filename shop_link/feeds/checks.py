"""Checks every feed entry passes, whatever its format, before it becomes a FeedItem."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext as _

from ..items import FeedItem, RejectedItem
from ..pricing import parse_measure, unit_price
from . import text
from .prices import CENT, CURRENCIES, MAX_PRICE, PriceStyle, parse_price
from .raw import RawItem, describe, locate_item
from .values import (
    AVAILABILITY,
    AVAILABILITY_ALIASES,
    COUNTRIES,
    SIMPLE_WEB_ADDRESS,
    is_gtin,
    is_web_address,
    parse_moment,
    splits,
)

LIMITS = {
    "external_id": 255,
    "title": 300,
    "link": 1000,
    "image_link": 1000,
    "brand": 200,
    "category": 300,
    "sku": 100,
    "origin_region": 120,
    "origin_country": 120,
    "certification": 120,
}
# Longest text a field may hold (descriptions included) before it is refused, and
# longest price or measure read at all.
MAX_TEXT = 50_000
MAX_PRICE_TEXT = 40


NO_ORIGIN = {"origin_region": "", "origin_country": ""}


class _Invalid(ValueError):
    """A value that makes the entry unusable; the message says why."""


class ItemBuilder:
    """Turns a feed's raw entries into FeedItems or RejectedItems, one feed at a time.

    Remembers where each id was seen first, so a second entry with the same id is
    rejected; it keeps the number the format gives (`RawItem.position`) rather
    than the whole location, as memory counts with 100,000 items.
    """

    def __init__(
        self,
        *,
        price_style: PriceStyle,
        default_currency: str = "EUR",
        base_url: str = "",
        feed_url: str = "",
        leave_out_free: bool = False,
        html_descriptions: bool = False,
        locate: Callable[[int, str], str] = locate_item,
    ) -> None:
        self.price_style = price_style
        self.default_currency = default_currency.strip().upper()
        # The shop's address makes the links a format lacks; relative links are
        # resolved against the feed's own address, else the shop's.
        self.base_url = base_url.strip()
        self.feed_url = feed_url.strip()
        self.leave_out_free = leave_out_free
        self.html_descriptions = html_descriptions
        self.now = datetime.now(UTC)
        self.locate = locate
        self.seen: dict[str, int | str] = {}

    def build(self, raw: RawItem) -> FeedItem | RejectedItem:
        """The checked item, or the reasons it cannot be used."""
        check = _ItemCheck(self, raw)
        return check.run()


class _ItemCheck:
    """The checks of one entry, collecting errors and warnings as it goes."""

    __slots__ = ("builder", "errors", "raw", "warnings")

    def __init__(self, builder: ItemBuilder, raw: RawItem) -> None:
        self.builder = builder
        self.raw = raw
        self.errors: list[str] = list(raw.problems)
        self.warnings: list[str] = []

    def run(self) -> FeedItem | RejectedItem:
        raw = self.raw
        external_id = self.identifier()
        if external_id:
            first = self.builder.seen.get(external_id)
            if isinstance(first, int):
                first = self.builder.locate(first, "")
            if first is not None:
                reason = _(
                    'id "%(id)s" appears twice in the feed, first at %(first)s'
                ) % {
                    "id": describe(external_id),
                    "first": first,
                }
                return RejectedItem(self.location(external_id), reason, external_id)
            self.builder.seen[external_id] = raw.position or raw.location
        values = {
            "title": self.title(),
            "description": self.description(),
            "link": self.link(),
            "availability": self.availability(),
            "image_link": self.image_link(),
            "brand": self.short_text("brand", raw.brand),
            "category": self.short_text("category", raw.category),
            "sku": self.short_text("sku", raw.sku),
            "gtin": self.gtin(),
            "certifications": self.certifications(),
            **self.prices(),
            **self.origin(),
        }
        if self.errors:
            return RejectedItem(
                self.location(external_id), "; ".join(self.errors), external_id
            )
        values.update(self.unit_pricing(values["price"]))
        return FeedItem(
            external_id=external_id, warnings=tuple(self.warnings), **values
        )

    def location(self, external_id: str) -> str:
        """Where the entry stands, worded for a message."""
        if self.raw.location:
            return self.raw.location
        return self.builder.locate(self.raw.position, external_id)

    # Text

    def clean(self, name: str, value: str, *, multiline: bool = False) -> str | None:
        """Plain, safe text of a field, or None when the field is unusable."""
        if not value:
            return ""
        if len(value) > MAX_TEXT:
            self.errors.append(
                _("%(field)s is longer than %(limit)d characters")
                % {"field": name, "limit": MAX_TEXT}
            )
            return None
        if not text.SUSPECT.search(value):
            return text.paragraphs(value) if multiline else text.single_line(value)
        value, had_hidden = text.strip_hidden(value)
        if had_hidden:
            self.warnings.append(
                _("%(field)s contained control or invisible characters; removed")
                % {"field": name}
            )
        value, had_meta = text.strip_harmless_meta(value)
        if had_meta:
            self.warnings.append(
                _("%(field)s began with a <meta> tag (a character set); removed")
                % {"field": name}
            )
        converted = False
        for _round in range(3):
            unsafe = text.unsafe_markup(value)
            if unsafe:
                self.errors.append(
                    _("%(field)s contains %(what)s") % {"field": name, "what": unsafe}
                )
                return None
            if text.looks_like_html(value):
                if name == "id":
                    self.errors.append(_("%(field)s contains HTML") % {"field": name})
                    return None
                try:
                    value = text.html_to_text(value)
                except text.UnsafeText as error:
                    self.errors.append(
                        _("%(field)s contains %(what)s")
                        % {"field": name, "what": error}
                    )
                    return None
                converted = True
            elif text.ENTITY.search(value):
                value = text.unescape(value)
            else:
                break
        if converted and not multiline:
            self.warnings.append(
                _("%(field)s contained HTML; the tags were removed") % {"field": name}
            )
        elif converted and not self.builder.html_descriptions:
            self.warnings.append(
                _("%(field)s contained HTML; converted to plain text") % {"field": name}
            )
        return text.paragraphs(value) if multiline else text.single_line(value)

    def identifier(self) -> str:
        value = self.clean("id", self.raw.external_id) or ""
        if not value:
            self.errors.append(_("missing id"))
        elif len(value) > LIMITS["external_id"]:
            self.errors.append(
                _("id is longer than %(limit)d characters") % {"limit": 255}
            )
        return value

    def title(self) -> str:
        value = self.clean("title", self.raw.title)
        if value is None:
            return ""
        if not value:
            self.errors.append(_("missing title"))
        elif len(value) > LIMITS["title"]:
            self.errors.append(
                _("title is longer than %(limit)d characters (%(length)d)")
                % {"limit": LIMITS["title"], "length": len(value)}
            )
        return value

    def description(self) -> str:
        return self.clean("description", self.raw.description, multiline=True) or ""

    def short_text(self, name: str, value: str) -> str:
        """An optional one-line field; dropped with a warning when too long."""
        return self.within_limit(name, self.clean(name, value) or "")

    def within_limit(self, name: str, value: str) -> str:
        """The value, or nothing, with a warning, when too long for its field."""
        limit = LIMITS.get(name)
        if limit and len(value) > limit:
            self.warnings.append(
                _("%(field)s is longer than %(limit)d characters; left out")
                % {"field": name, "limit": limit}
            )
            return ""
        return value

    # Links

    def link(self) -> str:
        value = self.url(self.raw.link)
        if not value:
            self.errors.append(self.raw.missing_link_reason or _("missing link"))
            return ""
        if not is_web_address(value):
            self.errors.append(
                _('link "%(link)s" is not an absolute http(s) address')
                % {"link": describe(value)}
            )
        elif len(value) > LIMITS["link"]:
            self.errors.append(
                _("link is longer than %(limit)d characters") % {"limit": 1000}
            )
        return value

    def image_link(self) -> str:
        # A local feed's pictures given relative to the feed ("images/x.jpg")
        # stay relative: the picture step finds them in the feed's own folder.
        # A path from the root ("/bilder/x.jpg") is on the shop's server.
        value = self.url(self.raw.image_link, from_shop=False)
        if not value:
            return ""
        scheme = urlsplit(value).scheme if splits(value) else "?"
        if (scheme and not is_web_address(value)) or len(value) > LIMITS["image_link"]:
            self.warnings.append(
                _('image link "%(link)s" is not a usable http(s) address; left out')
                % {"link": describe(value)}
            )
            return ""
        return value

    def url(self, value: str, from_shop: bool = True) -> str:
        """The address trimmed, spaces encoded; relative to the feed's address, else
        to the shop's (for pictures only a path from the root)."""
        value = value.strip()
        if not value:
            return ""
        if SIMPLE_WEB_ADDRESS.match(value):
            return value
        value = re.sub(r"\s", "%20", text.HIDDEN.sub("", value))
        if value.startswith("//"):
            return "https:" + value
        base = self.builder.feed_url
        if not base and (from_shop or value.startswith("/")):
            base = self.builder.base_url
        if base and splits(value) and not urlsplit(value).scheme:
            return urljoin(base, value)
        return value

    # Prices

    def prices(self) -> dict[str, object]:
        raw, builder = self.raw, self.builder
        currency_column = raw.currency.strip().upper()
        if currency_column and currency_column not in CURRENCIES:
            self.errors.append(
                _("unknown currency %(currency)s (not an ISO 4217 code)")
                % {"currency": describe(currency_column, 10)}
            )
            return {"price": Decimal(0), "currency": "", "sale_price": None}
        fallback = currency_column or builder.default_currency
        try:
            price, currency = self.amount("price", raw.price, fallback, required=True)
            sale, sale_currency = self.amount("sale price", raw.sale_price, currency)
            former, former_currency = self.amount(
                "compare-at price", raw.compare_at_price, currency
            )
        except _Invalid as error:
            self.errors.append(str(error))
            return {"price": Decimal(0), "currency": "", "sale_price": None}
        if currency_column and currency != currency_column:
            self.errors.append(
                _("price is in %(other)s, the currency column says %(currency)s")
                % {"other": currency, "currency": currency_column}
            )
        for other in (sale_currency, former_currency):
            if other and other != currency:
                self.errors.append(
                    _("sale price is in %(other)s, the price in %(currency)s")
                    % {"other": other, "currency": currency}
                )
        if former is not None and price is not None and former > price:
            price, sale = former, price
        if sale is not None and price is not None:
            if sale > price:
                self.errors.append(
                    _("sale price %(sale)s is above the price %(price)s")
                    % {"sale": sale, "price": price}
                )
            elif sale == price or not self.sale_is_running():
                sale = None
        return {"price": price, "currency": currency, "sale_price": sale}

    def amount(
        self, name: str, value: str, currency: str, *, required: bool = False
    ) -> tuple[Decimal | None, str]:
        """A price field as (amount, currency); raises _Invalid with the reason."""
        if value:
            value = " ".join(text.HIDDEN.sub("", value).split())
        if not value:
            if required:
                raise _Invalid(_("missing price"))
            return None, ""
        style = self.builder.price_style
        parsed = parse_price(value, style) if len(value) <= MAX_PRICE_TEXT else None
        if parsed is None:
            if style == "merchant":
                message = _(
                    '%(field)s "%(value)s" cannot be read: write the amount with a '
                    "decimal point, then the currency code, as in 12.50 EUR"
                )
            else:
                message = _('%(field)s "%(value)s" is not a number')
            raise _Invalid(message % {"field": name, "value": describe(value)})
        amount, stated = parsed
        if stated and stated not in CURRENCIES:
            raise _Invalid(
                _(
                    '%(field)s "%(value)s" has an unknown currency '
                    "(not an ISO 4217 code)"
                )
                % {"field": name, "value": describe(value)}
            )
        if amount < 0:
            raise _Invalid(
                _('%(field)s "%(value)s" is negative')
                % {"field": name, "value": describe(value)}
            )
        if amount >= MAX_PRICE:
            raise _Invalid(
                _('%(field)s "%(value)s" is too large')
                % {"field": name, "value": describe(value)}
            )
        if amount.quantize(CENT) != amount:
            raise _Invalid(
                _('%(field)s "%(value)s" has more than two decimal places')
                % {"field": name, "value": describe(value)}
            )
        return amount.quantize(CENT), stated or currency

    def sale_is_running(self) -> bool:
        """Whether now lies in the sale's effective period (always, if none given)."""
        period = self.raw.sale_price_effective_date.strip()
        if not period:
            return True
        try:
            start, end = (parse_moment(part) for part in period.split("/"))
        except ValueError:
            self.warnings.append(
                _('sale_price_effective_date "%(value)s" cannot be read; ignored')
                % {"value": describe(period)}
            )
            return True
        return start <= self.builder.now <= end

    # Facts

    def availability(self) -> str:
        value = self.raw.availability.strip().casefold()
        if not value:
            return "in_stock"
        if value in AVAILABILITY:
            return value
        key = re.sub(r"[\s-]+", "_", value)
        key = AVAILABILITY_ALIASES.get(key, key)
        if key not in AVAILABILITY:
            self.errors.append(
                _('availability "%(value)s" is not one of %(accepted)s')
                % {"value": describe(value), "accepted": ", ".join(AVAILABILITY)}
            )
        return key

    def gtin(self) -> str:
        value = self.raw.gtin.strip()
        if not value:
            return ""
        first = re.split(r"[,;|]", value)[0]
        digits = re.sub(r"[\s-]", "", first)
        if not is_gtin(digits):
            self.warnings.append(
                _('GTIN "%(value)s" is not a valid GTIN-8, -12, -13 or -14; left out')
                % {"value": describe(value)}
            )
            return ""
        return digits

    def certifications(self) -> tuple[str, ...]:
        names: dict[str, str] = {}
        for value in self.raw.certifications:
            for part in re.split(r"[,;|]", value):
                name = self.clean("certification", part)
                if not name:
                    continue
                if len(name) > LIMITS["certification"]:
                    self.warnings.append(
                        _(
                            "a certification is longer than %(limit)d characters; "
                            "left out"
                        )
                        % {"limit": LIMITS["certification"]}
                    )
                    continue
                names.setdefault(name.casefold(), name)
        return tuple(names.values())

    def origin(self) -> dict[str, str]:
        raw = self.raw
        if not (raw.origin or raw.origin_region or raw.origin_country):
            return NO_ORIGIN
        region = self.clean("origin_region", raw.origin_region) or ""
        country = self.clean("origin_country", raw.origin_country) or ""
        stated = self.clean("origin", raw.origin) or ""
        if stated:
            place, _comma, land = stated.rpartition(",")
            if place.strip() and land.strip():
                region = region or place.strip()
                country = country or land.strip()
            elif stated.casefold() in COUNTRIES:
                country = country or stated
            else:
                region = region or stated
        return {
            "origin_region": self.within_limit("origin_region", region),
            "origin_country": self.within_limit("origin_country", country),
        }

    def unit_pricing(self, price: Decimal) -> dict[str, object]:
        """Content and base of the unit price; empty, with a warning, if unreadable."""
        raw = self.raw
        empty: dict[str, object] = {}
        if not raw.unit_pricing_measure or not raw.unit_pricing_measure.strip():
            return empty
        measure = _measure(raw.unit_pricing_measure)
        if measure is None:
            self.warnings.append(
                _('unit_pricing_measure "%(value)s" cannot be read; no unit price')
                % {"value": describe(raw.unit_pricing_measure)}
            )
            return empty
        values: dict[str, object] = {
            "unit_quantity": measure[0],
            "unit_measure": measure[1],
        }
        if raw.unit_pricing_base_measure.strip():
            base = _measure(raw.unit_pricing_base_measure)
            if base is None:
                self.warnings.append(
                    _('unit_pricing_base_measure "%(value)s" cannot be read; ignored')
                    % {"value": describe(raw.unit_pricing_base_measure)}
                )
            elif unit_price(price, *measure, *base) is None:
                self.warnings.append(
                    _(
                        'unit_pricing_base_measure "%(base)s" does not fit '
                        'unit_pricing_measure "%(measure)s"; no unit price'
                    )
                    % {
                        "base": describe(raw.unit_pricing_base_measure),
                        "measure": describe(raw.unit_pricing_measure),
                    }
                )
                return empty
            else:
                values["unit_base_quantity"] = base[0]
                values["unit_base_measure"] = base[1]
        return values


def _measure(value: str) -> tuple[Decimal, str] | None:
    if len(value) > MAX_PRICE_TEXT:
        return None
    return parse_measure(text.HIDDEN.sub("", value))
