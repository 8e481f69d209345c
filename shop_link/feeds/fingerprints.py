"""Fingerprints of feed entries as read, so a sync can pass over entries it holds.

An entry whose fingerprint matches the one stored with its product is handed on
as an UnchangedItem, without being checked again: the checks would give the
same item as last time. The fingerprint covers the entry's raw values, the
options of the parse and the code that checks entries, so a changed entry, a
changed option or a new version of the checks means a full check again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import fields, replace
from operator import attrgetter
from pathlib import Path

from ..items import FeedItem, RejectedItem, UnchangedItem
from .checks import ItemBuilder
from .raw import RawItem

# Where an entry stands is no part of what it says.
_RAW_VALUES = attrgetter(
    *(f.name for f in fields(RawItem) if f.name not in ("location", "position"))
)


def code_version() -> str:
    """A digest of the code that turns entries into items."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    paths = [*package.glob("*.py"), package.parent / "items.py"]
    paths.append(package.parent / "pricing.py")
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


CODE_VERSION = code_version()


class FingerprintingBuilder(ItemBuilder):
    """An ItemBuilder that recognises entries read exactly as the last time."""

    def __init__(self, *, known: Mapping[str, str], **options) -> None:
        super().__init__(**options)
        self.known = known

    def build(self, raw: RawItem) -> FeedItem | RejectedItem | UnchangedItem:
        fingerprint = self.fingerprint(raw)
        external_id = raw.external_id
        if (
            fingerprint
            and self.known.get(external_id) == fingerprint
            and external_id not in self.seen
        ):
            self.seen[external_id] = raw.position or raw.location
            return UnchangedItem(external_id, fingerprint)
        item = super().build(raw)
        if fingerprint and isinstance(item, FeedItem):
            return replace(item, fingerprint=fingerprint)
        return item

    def fingerprint(self, raw: RawItem) -> str:
        """A digest of the entry and the parse's options; empty for dated sales."""
        if raw.sale_price_effective_date.strip():
            return ""  # whether the sale is on depends on the day of the sync
        options = (
            CODE_VERSION,
            self.price_style,
            self.default_currency,
            self.base_url,
            self.feed_url,
            self.leave_out_free,
            self.html_descriptions,
        )
        text = repr((options, _RAW_VALUES(raw)))
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
