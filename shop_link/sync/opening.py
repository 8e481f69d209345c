"""Opening a feed: a file in an allowed folder, or a download to a temporary file."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from .. import net
from ..conf import setting
from ..items import FeedError
from ..locations import allowed_feed_path, feed_path, is_url


@dataclass
class Feed:
    """An open feed and where relative links in it point to.

    `feed_url` is the address the feed was downloaded from, for relative links
    only: it is never the shop's address, from which links are made.
    """

    stream: BinaryIO
    feed_url: str = ""
    base_location: str = ""


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
    """(the feed's URL for the parser, base location for pictures) of a location.

    A local feed's relative image links stay relative in the products; the
    picture step resolves them, and only inside the feed's folder.
    """
    if not location:
        return "", ""
    if is_url(location):
        return location, location
    return "", str(feed_path(location).resolve())


@contextmanager
def _download(url: str) -> Iterator[tuple[BinaryIO, str]]:
    """The feed at `url` in a temporary file, and the address it came from."""
    limits = net.Limits(
        timeout=setting("SHOP_LINK_FEED_TIMEOUT"),
        deadline=setting("SHOP_LINK_FEED_DEADLINE"),
        max_bytes=setting("SHOP_LINK_FEED_MAX_BYTES"),
    )
    with tempfile.TemporaryFile(prefix="feed-") as copy:
        try:
            downloaded = net.download(url, copy, limits)
        except net.DownloadError as error:
            raise FeedError(
                _("The feed %(url)s cannot be downloaded: %(reason)s.")
                % {"url": url, "reason": error}
            ) from error
        copy.seek(0)
        yield copy, downloaded.url
