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

import logging
from collections.abc import Callable
from typing import BinaryIO

from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..caching import purge_products
from ..images import attach_images
from ..items import FeedError
from ..models.products import Product, ProductSource, SyncRun
from .opening import open_feed
from .writing import BATCH_SIZE, Tally, write_products

logger = logging.getLogger(__name__)


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
    run: SyncRun | None = None,
    stream: BinaryIO | None = None,
    progress: Callable[[int], object] | None = None,
    fetch_images: bool = True,
) -> SyncRun:
    """Sync one source from its feed (or from `stream`) and return the run.

    The run is saved as running first, so the admin sees it; it ends as
    succeeded or failed, with the counts, the problems and a message. `run` is
    a queued run of this source, which then becomes this run; without one a
    new run is made.
    """
    run = _start(source, run)
    tally = Tally()
    try:
        with open_feed(source.location, stream) as feed:
            image_ids = write_products(source, feed, tally, progress=progress)
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


def _start(source: ProductSource, queued: SyncRun | None) -> SyncRun:
    if queued is None:
        return SyncRun.objects.create(source=source, status=SyncRun.Status.RUNNING)
    queued.status = SyncRun.Status.RUNNING
    # A run's time counts from its start, not from the wait in the queue.
    queued.started_at = timezone.now()
    queued.save(update_fields=["status", "started_at"])
    return queued


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


def _attach_images(product_ids: list[int], base_location: str, tally: Tally) -> None:
    """Fetch the pictures of these products; failures become problems."""
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
    purge_products(product_ids)
