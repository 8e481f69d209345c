"""Bring a source's products in line with its feed, in one transaction.

Rules a sync keeps:

- Products are matched by (source, external id). New ones are created, changed
  ones get the feed's fields written, unchanged ones are not written at all:
  only their `last_seen_at` moves, in one UPDATE per batch. The parser passes
  over entries read exactly as the last time without checking them again (see
  shop_link/feeds/fingerprints.py); `content_hash` holds that fingerprint and a
  digest of the stored values. Warnings about such an entry were reported when
  it was last read in full and are not repeated.
- What staff set by hand (producer chosen by hand, notes on origin, how it is
  made) is never written. A brand rule sets the producer of a product whose
  producer was not chosen by hand; a product whose brand matches no rule keeps
  the producer it has.
- Products of the source that the feed no longer lists become "no longer sold"
  and stay, so links to them keep working; when one comes back it takes the
  feed's availability again.
- A feed that cannot be read, or breaks off half-way, changes nothing.
- A feed without a single usable product (no entries, or every entry rejected)
  is refused while the source still has products on sale: that is far more
  often a broken export than a shop that has stopped selling everything.
- Pictures are fetched after the products are committed; a picture that fails
  leaves its product without one and is reported, nothing else fails.

Nothing here is cached: product pages read the rows the sync has just written.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import urllib.error
import urllib.request
from array import array
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import CharField, DecimalField
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.text import german_slug

from . import net
from .conf import setting
from .items import FeedError, FeedItem, RejectedItem, UnchangedItem
from .models import Availability, BrandProducer, Product, ProductSource, SyncRun

logger = logging.getLogger(__name__)

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

FEED_FIELDS = (
    "external_id",
    "title",
    "description",
    "link",
    "image_link",
    "price",
    "currency",
    "sale_price",
    "unit_quantity",
    "unit_measure",
    "unit_base_quantity",
    "unit_base_measure",
    "availability",
    "brand",
    "category",
    "gtin",
    "sku",
    "origin_region",
    "origin_country",
    "certifications",
)
# Written when a product changes; hand fields and the slug are never among them.
UPDATED_FIELDS = [
    *(name for name in FEED_FIELDS if name != "external_id"),
    "content_hash",
]
_feed_values = attrgetter(*FEED_FIELDS)
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
    for name in FEED_FIELDS:
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


def summary(run: SyncRun) -> str:
    """One line on what a run did: "created 3, updated 1, … in 0.4 s"."""
    counts = _(
        "created %(created)d, updated %(updated)d, unchanged %(unchanged)d, "
        "no longer sold %(discontinued)d, rejected %(rejected)d"
    ) % {
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "discontinued": run.discontinued,
        "rejected": run.rejected,
    }
    if run.duration is None:
        return counts
    seconds = run.duration.total_seconds()
    return _("%(counts)s in %(seconds).1f s") % {"counts": counts, "seconds": seconds}


def describe_problem(problem: dict) -> str:
    """A stored problem as "location: reason"."""
    if problem.get("location"):
        return f"{problem['location']}: {problem['reason']}"
    return problem["reason"]


def sync_source(
    source: ProductSource,
    *,
    stream: BinaryIO | None = None,
    progress: Callable[[int], object] | None = None,
    fetch_images: bool = True,
) -> SyncRun:
    """Sync one source from its feed (or from `stream`) and return the run.

    The run is saved as running first, so the admin sees it; it ends as
    succeeded or failed, with the counts, the problems and a message.
    """
    run = SyncRun.objects.create(source=source, status=SyncRun.Status.RUNNING)
    tally = Tally()
    try:
        with open_feed(source.location, stream) as feed:
            image_ids = _write_products(source, feed, tally, progress=progress)
    except FeedError as error:
        tally.nothing_written()
        return _finish(run, tally, failure=str(error))
    except DatabaseError as error:
        logger.exception("Sync of %s failed in the database", source)
        tally.nothing_written()
        return _finish(
            run,
            tally,
            failure=_("The database refused the changes (%(error)s).")
            % {"error": error},
        )
    except BaseException:
        tally.nothing_written()
        _finish(run, tally, failure=_("The sync stopped on an unexpected error."))
        raise
    if fetch_images and image_ids:
        _attach_images(image_ids, feed.base_location, tally)
    return _finish(run, tally)


def _finish(run: SyncRun, tally: Tally, failure: str = "") -> SyncRun:
    run.status = SyncRun.Status.FAILED if failure else SyncRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.created = tally.created
    run.updated = tally.updated
    run.unchanged = tally.unchanged
    run.discontinued = tally.discontinued
    run.rejected = tally.rejected
    run.problems = tally.problems
    run.problems_omitted = tally.omitted
    parts = [failure or summary(run)]
    if tally.omitted:
        parts.append(
            ngettext(
                "%(count)d more problem is not listed.",
                "%(count)d more problems are not listed.",
                tally.omitted,
            )
            % {"count": tally.omitted}
        )
    run.message = " ".join(parts)
    run.save()
    return run


# Opening a feed


@dataclass
class Feed:
    """An open feed and where relative links in it point to."""

    stream: BinaryIO
    base_url: str = ""
    base_location: str = ""


def is_url(location: str) -> bool:
    return urlsplit(location).scheme.lower() in ("http", "https")


# The demo shop's feeds, shipped with the code in the demo app; always readable.
DEMO_FEEDS = Path(__file__).resolve().parent.parent / "demo" / "feeds"


def feed_path(location: str) -> Path:
    """A local feed's path; relative paths are read from the project directory."""
    path = Path(location).expanduser()
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


def feed_folders() -> list[Path]:
    """The folders local feeds may be read from, resolved (links followed)."""
    configured = setting("SHOP_LINK_FEED_FOLDERS")
    folders = [feed_path(str(folder)) for folder in configured]
    return [folder.resolve() for folder in [*folders, DEMO_FEEDS]]


def allowed_feed_path(location: str) -> Path:
    """The local feed's resolved path, or FeedError when it lies outside the
    allowed folders. Checked before the file is opened, so a refusal tells
    nothing about the file."""
    path = feed_path(location).resolve()
    folders = feed_folders()
    if not any(path.is_relative_to(folder) for folder in folders):
        shown = ", ".join(str(folder) for folder in folders[:-1]) or "–"
        raise FeedError(
            _(
                "Feed files are read only from these folders: %(folders)s. Put "
                "%(location)s into one of them, or add its folder to the "
                "SHOP_LINK_FEED_FOLDERS setting."
            )
            % {"folders": shown, "location": location}
        )
    return path


@contextmanager
def open_feed(location: str, stream: BinaryIO | None = None) -> Iterator[Feed]:
    """Open a feed file or download a feed URL; `stream` is used as it is."""
    location = location.strip()
    if stream is not None:
        yield Feed(stream, *_bases(location))
        return
    if not location:
        raise FeedError(_("The source has no feed address."))
    scheme = urlsplit(location).scheme.lower()
    if scheme in ("http", "https"):
        with _download(location) as (downloaded, final_url):
            yield Feed(downloaded, final_url, final_url)
        return
    if len(scheme) > 1:
        raise FeedError(
            _("“%(location)s” is neither an http(s) address nor a file path.")
            % {"location": location}
        )
    path = allowed_feed_path(location)
    try:
        opened = path.open("rb")
    except IsADirectoryError as error:
        raise FeedError(
            _("%(location)s is a folder, not a feed file.") % {"location": location}
        ) from error
    except FileNotFoundError as error:
        raise FeedError(
            _("The feed file %(location)s does not exist.") % {"location": location}
        ) from error
    except OSError as error:
        raise FeedError(
            _("The feed file %(location)s cannot be read (%(error)s).")
            % {"location": location, "error": error.strerror or error}
        ) from error
    with opened:
        yield Feed(opened, *_bases(location))


def _bases(location: str) -> tuple[str, str]:
    """(base URL for the parser, base location for pictures) of a location.

    A local feed's relative image links stay relative in the products; the
    picture step resolves them, and only inside the feed's folder.
    """
    if not location:
        return "", ""
    if is_url(location):
        return location, location
    return "", str(feed_path(location).resolve())


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise FeedError(
                _("The feed address redirects to %(url)s, which is not http(s).")
                % {"url": newurl}
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@contextmanager
def _download(url: str) -> Iterator[tuple[BinaryIO, str]]:
    """The feed at `url` in a temporary file, and the address it came from."""
    timeout = setting("SHOP_LINK_FEED_TIMEOUT")
    max_bytes = setting("SHOP_LINK_FEED_MAX_BYTES")
    opener = net.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url, headers={"User-Agent": "Theke product sync", "Accept": "*/*"}
    )
    with tempfile.TemporaryFile(prefix="feed-") as copy:
        try:
            with opener.open(request, timeout=timeout) as response:
                final_url = response.geturl()
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise _too_large(url, max_bytes)
                size = 0
                while chunk := response.read(64 * 1024):
                    size += len(chunk)
                    if size > max_bytes:
                        raise _too_large(url, max_bytes)
                    copy.write(chunk)
        except urllib.error.HTTPError as error:
            raise FeedError(
                _("%(url)s answered %(status)d %(reason)s.")
                % {"url": url, "status": error.code, "reason": error.reason}
            ) from error
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise _timed_out(url, timeout) from error
            raise FeedError(
                _("%(url)s cannot be reached (%(reason)s).")
                % {"url": url, "reason": getattr(reason, "strerror", None) or reason}
            ) from error
        except TimeoutError as error:
            raise _timed_out(url, timeout) from error
        except OSError as error:
            raise FeedError(
                _("%(url)s cannot be read (%(reason)s).")
                % {"url": url, "reason": error}
            ) from error
        copy.seek(0)
        yield copy, final_url


def _too_large(url: str, max_bytes: int) -> FeedError:
    return FeedError(
        _("%(url)s is larger than %(size)s, the limit for feeds.")
        % {"url": url, "size": filesizeformat(max_bytes)}
    )


def _timed_out(url: str, timeout: float) -> FeedError:
    return FeedError(
        _("%(url)s did not answer within %(seconds)s seconds.")
        % {"url": url, "seconds": timeout}
    )


# Writing products


def _write_products(
    source: ProductSource,
    feed: Feed,
    tally: Tally,
    *,
    progress: Callable[[int], object] | None,
) -> list[int]:
    """Write the feed's products; returns the ids of products that need a picture."""
    from .feeds import parse_feed

    now = timezone.now()
    with transaction.atomic():
        _serialise(source)
        writer = BatchWriter(source, now, tally)
        entries = parse_feed(
            feed.stream,
            source.format,
            default_currency=source.default_currency,
            base_url=feed.base_url,
            known=writer.known,
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
            self.tally.created += len(new)
        for fields, products in changed.items():
            Product.objects.bulk_update(products, fields)
            self.tally.updated += len(products)
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
        values = dict(zip(FEED_FIELDS, _feed_values(item), strict=True))
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


# Pictures


def _attach_images(product_ids: list[int], base_location: str, tally: Tally) -> None:
    """Fetch the pictures of these products; failures become problems."""
    try:
        from .images import attach_images
    except ImportError:
        logger.warning("shop_link.images is missing: pictures are not fetched")
        return
    for start in range(0, len(product_ids), BATCH_SIZE):
        chunk = product_ids[start : start + BATCH_SIZE]
        products = Product.objects.filter(pk__in=chunk).order_by("pk")
        try:
            problems = attach_images(products, base_location=base_location)
        except Exception as error:  # a picture must never undo a finished sync
            logger.exception("Fetching pictures failed")
            reason = _("Pictures failed: %(error)s") % {"error": error}
            tally.problem("image", "", reason)
            continue
        for problem in problems:
            tally.problem("image", problem.get("location", ""), problem["reason"])
