"""Product feeds read into FeedItems: Merchant Center XML and text, CSV, Shopify JSON.

`parse_feed` yields one FeedItem or RejectedItem per product and raises FeedError
when the file as a whole is no feed of the format asked for. What each format's
fields become is documented in docs/feeds.md.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from django.utils.translation import gettext as _

from ..conf import setting
from ..items import FeedError, FeedItem, RejectedItem, UnchangedItem
from .checks import ItemBuilder
from .fingerprints import FingerprintingBuilder
from .merchant import parse_tsv, parse_xml
from .prices import CURRENCIES, PriceStyle
from .shopify import parse_shopify
from .tabular import parse_csv

__all__ = ["FORMATS", "parse_feed", "sniff_format"]

HEAD_BYTES = 4096
FORMATS = ("merchant-xml", "merchant-tsv", "csv", "shopify-json")
PRICE_STYLES: dict[str, PriceStyle] = {
    "merchant-xml": "merchant",
    "merchant-tsv": "merchant",
    "csv": "shop",
    "shopify-json": "plain",
}
FIRST_ELEMENT = re.compile(r"<([A-Za-z_][\w.:-]*)")
XML_PROLOGUE = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^[>]*(?:\[.*?\])?\s*>|\s+)*", re.S | re.I
)


def parse_feed(
    stream: BinaryIO,
    feed_format: str,
    *,
    default_currency: str = "EUR",
    base_url: str = "",
    feed_url: str = "",
    known: Mapping[str, str] | None = None,
    free_items: str = "show",
) -> Iterator[FeedItem | RejectedItem | UnchangedItem]:
    """Each product of the feed, checked: a FeedItem, or a RejectedItem with the reason.

    Raises FeedError, possibly only once iteration has begun, when the file is
    empty, binary, an HTML page, of another format, or broken (truncated XML).
    `default_currency` serves feeds that state no currency. `base_url` is the
    shop's address: links that a format lacks are made from it. Relative links
    are resolved against `feed_url`, the address the feed came from, else the
    shop's; a feed's address is never taken for the shop's.

    `free_items` "leave-out" passes over products priced 0.00 as if the feed did
    not list them; "show" keeps them (shown as free).

    `known` maps ids to the fingerprints a sync stored with its products: an
    entry read exactly as then is yielded as an UnchangedItem, without checks,
    and every FeedItem carries its fingerprint (see fingerprints.py).
    """
    if feed_format not in FORMATS:
        raise FeedError(
            _("Unknown feed format %(format)s; choose one of %(formats)s.")
            % {"format": feed_format, "formats": ", ".join(FORMATS)}
        )
    if default_currency.strip().upper() not in CURRENCIES:
        raise FeedError(
            _("The default currency %(currency)s is not an ISO 4217 code.")
            % {"currency": default_currency}
        )
    options = {
        "price_style": PRICE_STYLES[feed_format],
        "default_currency": default_currency,
        "base_url": base_url,
        "feed_url": feed_url,
        "leave_out_free": free_items == "leave-out",
    }
    entries = _parse(stream, feed_format, options, known)
    if options["leave_out_free"]:
        return (entry for entry in entries if not _free(entry))
    return entries


def _free(entry: FeedItem | RejectedItem | UnchangedItem) -> bool:
    return isinstance(entry, FeedItem) and not entry.price


def _parse(
    stream: BinaryIO,
    feed_format: str,
    options: dict,
    known: Mapping[str, str] | None = None,
) -> Iterator[FeedItem | RejectedItem | UnchangedItem]:
    head = _read_head(stream)
    _refuse_other_content(head, feed_format)
    source = io.BufferedReader(_Rewound(head, stream))
    if known is None:
        builder = ItemBuilder(**options)
    else:
        builder = FingerprintingBuilder(known=known, **options)
    if feed_format == "merchant-xml":
        yield from parse_xml(source, builder)
    elif feed_format == "merchant-tsv":
        yield from parse_tsv(source, builder)
    elif feed_format == "csv":
        yield from parse_csv(source, builder)
    else:
        builder.html_descriptions = True
        max_bytes = setting("SHOP_LINK_JSON_MAX_BYTES")
        yield from parse_shopify(source, builder, max_bytes=max_bytes)


def sniff_format(head: bytes) -> str | None:
    """The feed format the first bytes of a file suggest, or None if none fits."""
    text = _head_text(head)
    if text is None:
        return None
    stripped = text.lstrip()
    if stripped.startswith("<"):
        return "merchant-xml" if _root_name(stripped) in ("rss", "feed") else None
    if stripped.startswith("{"):
        return "shopify-json"
    if stripped.startswith("["):
        return None
    header = stripped.splitlines()[0] if stripped else ""
    cells = [cell.strip().strip('"').casefold() for cell in header.split("\t")]
    if len(cells) > 1 and ("id" in cells or "g:id" in cells):
        return "merchant-tsv"
    if "," in header or ";" in header:
        return "csv"
    return None


def _head_text(head: bytes) -> str | None:
    """The first bytes as text, or None when they are binary."""
    for bom, encoding in (
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="replace")
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    if controls > len(text) // 20 or text.count("\ufffd") > len(text) // 4:
        return None
    return text


def _root_name(text: str) -> str | None:
    """The local name of the first element of an XML text, lowercased."""
    match = FIRST_ELEMENT.match(text, XML_PROLOGUE.match(text).end())
    return match.group(1).rpartition(":")[2].casefold() if match else None


def _read_head(stream: BinaryIO) -> bytes:
    head = b""
    while len(head) < HEAD_BYTES:
        chunk = stream.read(HEAD_BYTES - len(head))
        if not chunk:
            break
        head += chunk
    return head


LABELS = {
    "merchant-xml": "Merchant Center XML",
    "merchant-tsv": "Merchant Center text (tab-separated)",
    "csv": "CSV",
    "shopify-json": "Shopify products.json",
}


def _refuse_other_content(head: bytes, feed_format: str) -> None:
    """Raise FeedError when the file is empty, binary, a web page or another format."""
    if not head.strip():
        raise FeedError(_("The file is empty."))
    text = _head_text(head)
    if text is None:
        raise FeedError(_("The file is binary data, not a feed."))
    stripped = text.lstrip()
    if re.match(r"<!doctype\s+html|<html[\s>]", stripped, re.I) or (
        stripped.startswith("<") and _root_name(stripped) == "html"
    ):
        raise FeedError(
            _("The file is a web page (HTML), not a feed: is the address right?")
        )
    if stripped.startswith("[") and feed_format != "shopify-json":
        raise FeedError(
            _("The file looks like JSON, not %(expected)s.")
            % {"expected": LABELS[feed_format]}
        )
    guess = sniff_format(head)
    if guess and guess != feed_format:
        raise FeedError(
            _(
                "The file looks like %(found)s, not %(expected)s: choose the format "
                "%(format)s."
            )
            % {"found": LABELS[guess], "expected": LABELS[feed_format], "format": guess}
        )


class _Rewound(io.RawIOBase):
    """The head already read, then the rest of the stream; never closes the stream."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self.head = memoryview(head)
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
