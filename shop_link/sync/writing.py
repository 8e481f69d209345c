"""Writing a feed's products: one transaction, a batch at a time.

Products are matched by (source, external id). New ones are created, changed
ones get the feed's fields written, unchanged ones are not written at all: only
their `last_seen_at` moves, in one UPDATE per batch. `content_hash` holds the
parser's fingerprint of the entry and a digest of the stored values. What a
batch creates or rewrites goes into the search index with it, in one write.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from operator import attrgetter

from django.db import connection, transaction
from django.db.models import CharField, DecimalField
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.text import german_slug

from ..caching import purge_products
from ..feeds import parse_feed
from ..indexing import index_products, measure_index
from ..items import FeedError, FeedItem, RejectedItem, UnchangedItem
from ..models.products import Availability, BrandProducer, Product, ProductSource
from .opening import Feed

# Entries written per round trip: small enough for SQLite's 999 query parameters
# in one `pk IN (...)`, large enough that round trips do not dominate.
BATCH_SIZE = 900
# A run keeps this many problems for the admin; the rest are only counted.
MAX_PROBLEMS = 500
# Raise when the meaning of the stored fields changes, so every product is
# written once more on the next sync.
HASH_VERSION = "1"
# Serialises syncs on PostgreSQL, so two sources never claim the same new slug.
SYNC_LOCK_KEY = 0x7468656B65  # "theke"

# Written when a product changes; hand fields and the slug are never among them.
UPDATED_FIELDS = [
    *(name for name in Product.FEED_FIELDS if name != "external_id"),
    "content_hash",
]
_feed_values = attrgetter(*Product.FEED_FIELDS)
# Stands in for the parser's fingerprint where there is none; never matches one.
NO_FINGERPRINT = "-" * 32


def content_hash(item: FeedItem) -> str:
    """What the sync stores in `Product.content_hash` for a feed item.

    Two digests in one: of the entry as the feed gave it (the parser's
    fingerprint, which lets it pass over an entry read exactly as the last time),
    and of the values stored (which decides whether a row is written at all).
    """
    return (item.fingerprint or NO_FINGERPRINT) + data_hash(item)


def data_hash(item: FeedItem) -> str:
    """A digest of every value the sync stores from a feed item."""
    text = f"{HASH_VERSION}\x1e{_feed_values(item)!r}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _limits() -> tuple[dict[str, int], dict[str, Decimal]]:
    lengths, maxima = {}, {}
    for name in Product.FEED_FIELDS:
        model_field = Product._meta.get_field(name)
        if isinstance(model_field, CharField):
            lengths[name] = model_field.max_length
        elif isinstance(model_field, DecimalField):
            digits = model_field.max_digits - model_field.decimal_places
            maxima[name] = Decimal(10) ** digits
    return lengths, maxima


TEXT_LIMITS, NUMBER_LIMITS = _limits()
AVAILABILITIES = frozenset(Availability.values)


def why_unstorable(item: FeedItem) -> str | None:
    """Why the item does not fit the product table, or None if it fits."""
    for name, limit in TEXT_LIMITS.items():
        if len(getattr(item, name)) > limit:
            return _("%(field)s is longer than %(limit)d characters") % {
                "field": name,
                "limit": limit,
            }
    for name, limit in NUMBER_LIMITS.items():
        value = getattr(item, name)
        if value is not None and not abs(value) < limit:
            return _("%(field)s is too large") % {"field": name}
    if item.availability not in AVAILABILITIES:
        return _("unknown availability “%(value)s”") % {"value": item.availability}
    return None


@dataclass
class Tally:
    """What a run did, and the problems it met (the first MAX_PROBLEMS of them)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    discontinued: int = 0
    rejected: int = 0
    problems: list[dict] = field(default_factory=list)
    omitted: int = 0

    def problem(self, kind: str, location: str, reason: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append({"kind": kind, "location": location, "reason": reason})
        else:
            self.omitted += 1

    def reject(self, location: str, reason: str) -> None:
        self.rejected += 1
        self.problem("rejected", location, reason)

    def nothing_written(self) -> None:
        """Forget the writes of a run whose transaction was rolled back."""
        self.created = self.updated = self.unchanged = self.discontinued = 0


def write_products(
    source: ProductSource,
    feed: Feed,
    tally: Tally,
    *,
    progress: Callable[[int], object] | None,
) -> list[int]:
    """Write the feed's products; returns the ids of products that need a picture."""
    now = timezone.now()
    with transaction.atomic():
        _serialise(source)
        writer = BatchWriter(source, now, tally)
        entries = parse_feed(
            feed.stream,
            source.format,
            default_currency=source.default_currency,
            base_url=source.shop_url,
            feed_url=feed.feed_url,
            known=writer.known,
            free_items=source.free_items,
        )
        done = 0
        for entry in entries:
            done += 1
            if isinstance(entry, RejectedItem):
                location = entry.location
                if entry.external_id and entry.external_id not in location:
                    location = f"{location} ({entry.external_id})"
                tally.reject(location, entry.reason)
            else:
                writer.add(entry)
            if done % BATCH_SIZE == 0:
                writer.flush()
                if progress:
                    progress(done)
        writer.flush()
        if progress:
            progress(done)
        if not writer.usable:
            on_sale = Product.objects.filter(source=source).on_sale().count()
            if on_sale:
                raise FeedError(
                    ngettext(
                        "The feed holds no usable product, but %(count)d product "
                        "of this source is on sale. Nothing was changed: an empty "
                        "feed is more often a broken export than an empty shop.",
                        "The feed holds no usable product, but %(count)d products "
                        "of this source are on sale. Nothing was changed: an empty "
                        "feed is more often a broken export than an empty shop.",
                        on_sale,
                    )
                    % {"count": on_sale}
                )
        tally.discontinued = writer.discontinue_missing()
        if tally.created:
            measure_index()
        purge_products(writer.changed_ids)
    return list(writer.needs_image)


def _serialise(source: ProductSource) -> None:
    """Wait for any other sync of this source (on PostgreSQL: of any source)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SYNC_LOCK_KEY])
    # SQLite starts every transaction IMMEDIATE (see the settings): writers
    # already take turns there, and select_for_update is a no-op.
    list(ProductSource.objects.select_for_update().filter(pk=source.pk).values("pk"))


class KnownFingerprints(Mapping):
    """The parser's view of the stored products: id → fingerprint.

    Products no longer sold are left out, so an entry that brings one back is
    read in full and its availability taken over.
    """

    def __init__(self, rows: dict[str, tuple]):
        self.rows = rows

    def __getitem__(self, external_id: str) -> str:
        row = self.rows[external_id]
        if row[ROW_AVAILABILITY] == Availability.DISCONTINUED:
            raise KeyError(external_id)
        return row[ROW_HASH][:32]

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


# What BatchWriter keeps of each stored product, by external id.
ROW_FIELDS = (
    "pk",
    "content_hash",
    "availability",
    "image_link",
    "image_id",
    "producer_id",
    "brand",
)
ROW_PK, ROW_HASH, ROW_AVAILABILITY = 0, 1, 2


class BatchWriter:
    """Collects feed entries and writes them a batch at a time.

    The stored products of the source are read once, by id, with only what the
    comparison needs (about half a kilobyte each); rows are let go as their
    entries come by.
    """

    def __init__(self, source: ProductSource, now: datetime, tally: Tally):
        self.source = source
        self.now = now
        self.tally = tally
        self.rows: dict[str, tuple] = {
            external_id: rest
            for external_id, *rest in Product.objects.filter(source=source)
            .values_list("external_id", *ROW_FIELDS)
            .iterator(chunk_size=2000)
        }
        # Few products have a producer chosen by hand; asking for them apart
        # spares a boolean conversion on every row above.
        self.chosen_by_hand = set(
            Product.objects.filter(
                source=source, producer_set_by_hand=True
            ).values_list("pk", flat=True)
        )
        self.known = KnownFingerprints(self.rows)
        self.pending: list[tuple[FeedItem | UnchangedItem, tuple | None]] = []
        self.usable = 0
        # What grows with the feed is kept where the garbage collector does not
        # look: dicts of strings (it stops tracking them) and an array of ids.
        # A set or list of 100,000 entries would be walked at every full
        # collection, and the import would no longer grow linearly.
        self.needs_image = array("q")
        # The products this sync added, changed or discontinued.
        self.changed_ids = array("q")
        self.rules = {
            _brand_key(brand): producer_id
            for brand, producer_id in BrandProducer.objects.values_list(
                "brand", "producer_id"
            )
        }
        self._slugs: dict[str, None] | None = None
        self._next_suffix: dict[str, int] = {}

    def add(self, entry: FeedItem | UnchangedItem) -> None:
        """Take an entry; the parser has refused second entries with the same id."""
        external_id = entry.external_id
        if isinstance(entry, FeedItem):
            reason = why_unstorable(entry)
            if reason:
                self.tally.reject(external_id, reason)
                return
            for warning in entry.warnings:
                self.tally.problem("warning", external_id, warning)
        self.usable += 1
        self.pending.append((entry, self.rows.pop(external_id, None)))

    def flush(self) -> None:
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        new: list[Product] = []
        changed: dict[tuple[str, ...], list[Product]] = {}
        unchanged: list[int] = []
        rehashed: list[Product] = []
        for entry, row in pending:
            if row is None:
                if isinstance(entry, FeedItem):
                    new.append(self._new_product(entry))
                continue  # an unchanged product deleted meanwhile: nothing to do
            pk, stored_hash, availability, image_link, image_id, producer, brand = row
            if isinstance(entry, FeedItem):
                brand = entry.brand
            rule_producer = self.rules.get(_brand_key(brand))
            set_producer = (
                rule_producer is not None
                and rule_producer != producer
                and pk not in self.chosen_by_hand
            )
            if isinstance(entry, UnchangedItem):
                if set_producer:
                    product = Product(pk=pk, producer_id=rule_producer)
                    self._changed(product, changed, ["producer"])
                else:
                    unchanged.append(pk)
                if image_link and image_id is None:
                    self.needs_image.append(pk)
                continue
            digest = content_hash(entry)
            if (
                digest[32:] == stored_hash[32:]
                and availability != Availability.DISCONTINUED
                and not set_producer
            ):
                unchanged.append(pk)
                if digest != stored_hash:
                    rehashed.append(Product(pk=pk, content_hash=digest))
                if entry.image_link and image_id is None:
                    self.needs_image.append(pk)
                continue
            product = Product(pk=pk, **self._values(entry, digest))
            fields = list(UPDATED_FIELDS)
            if set_producer:
                product.producer_id = rule_producer
                fields.append("producer")
            if entry.image_link != image_link:
                product.image_id = None
                fields.append("image")
            if entry.image_link and (entry.image_link != image_link or not image_id):
                self.needs_image.append(pk)
            self._changed(product, changed, fields)
        if new:
            # In slug order the unique index on slugs, the one index new rows do
            # not reach in order anyway, is filled page by page.
            new.sort(key=attrgetter("slug"))
            Product.objects.bulk_create(new)
            self.needs_image.extend(p.pk for p in new if p.image_link)
            self.changed_ids.extend(p.pk for p in new)
            self.tally.created += len(new)
        rewritten = []
        for fields, products in changed.items():
            Product.objects.bulk_update(products, fields)
            self.changed_ids.extend(p.pk for p in products)
            self.tally.updated += len(products)
            if "title" in fields:  # the feed's fields, not just the producer
                rewritten += products
        # One index write per batch: bulk writes send no signals.
        index_products(new + rewritten)
        if rehashed:
            # The entry reads differently but stores the same: only the
            # fingerprint is new, and the product is not counted as changed.
            Product.objects.bulk_update(rehashed, ["content_hash"])
        if unchanged:
            Product.objects.filter(pk__in=unchanged).update(last_seen_at=self.now)
            self.tally.unchanged += len(unchanged)

    def discontinue_missing(self) -> int:
        """Mark the products the feed no longer lists as no longer sold."""
        # What is left of the rows read at the start is what the feed lacked.
        missing = [
            row[ROW_PK]
            for row in self.rows.values()
            if row[ROW_AVAILABILITY] != Availability.DISCONTINUED
        ]
        discontinued = 0
        for start in range(0, len(missing), BATCH_SIZE):
            chunk = missing[start : start + BATCH_SIZE]
            self.changed_ids.extend(chunk)
            discontinued += Product.objects.filter(pk__in=chunk).update(
                availability=Availability.DISCONTINUED,
                synced_at=self.now,
                updated_at=self.now,
            )
        return discontinued

    def _changed(self, product: Product, changed: dict, fields: list[str]) -> None:
        product.updated_at = product.synced_at = product.last_seen_at = self.now
        fields = list(
            dict.fromkeys([*fields, "updated_at", "synced_at", "last_seen_at"])
        )
        changed.setdefault(tuple(fields), []).append(product)

    def _values(self, item: FeedItem, digest: str) -> dict:
        values = dict(zip(Product.FEED_FIELDS, _feed_values(item), strict=True))
        values["certifications"] = list(item.certifications)
        values["content_hash"] = digest
        return values

    def _new_product(self, item: FeedItem) -> Product:
        return Product(
            source=self.source,
            slug=self._claim_slug(item),
            producer_id=self.rules.get(_brand_key(item.brand)),
            last_seen_at=self.now,
            synced_at=self.now,
            **self._values(item, content_hash(item)),
        )

    def _claim_slug(self, item: FeedItem) -> str:
        if self._slugs is None:
            self._slugs = dict.fromkeys(Product.objects.values_list("slug", flat=True))
        base = german_slug(item.title) or german_slug(item.external_id) or "product"
        slug = base
        while slug in self._slugs:
            suffix = self._next_suffix.get(base, 2)
            self._next_suffix[base] = suffix + 1
            slug = f"{base}-{suffix}"
        self._slugs[slug] = None
        return slug


def _brand_key(brand: str) -> str:
    return " ".join(brand.split()).casefold()
