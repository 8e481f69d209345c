"""Parts of pages rendered once per change and shared by every reader.

A logged-in member's page is never stored whole: their name, their banners
and their controls are on it. Most of it is still the same for everyone (a
post's story, its related posts, a product's details), and that part is
rendered once and kept in the shared cache (`{% fragment %}` in a template).
It records its tags while it renders, as a page does, and is served while
their versions are current: whatever purges a page that shows the part
purges the part too. Its tags become those of the page around it, so a
stored page that holds a stored part is purged with it.

A part is kept per address (scheme and host, as its links are made for them),
language and template. A process keeps the parts it served last, and serves
them again without a read while nothing at all was purged (`recent.py`).
Previews, the admin and a switched-off page cache render it every time.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.utils import translation
from django.utils.safestring import mark_safe

from .recent import RecentPages, generation_for
from .tags import (
    current_versions,
    depends_on,
    recording,
    rendered_after_every_purge,
    still_current,
    tag_for,
    valid_until_timestamp,
)

_KEY_PREFIX = "pc:f:"


_recent = RecentPages(settings.PAGE_CACHE_RECENT_PAGES)


@dataclass(frozen=True)
class StoredFragment:
    html: str
    versions: dict
    until: float | None

    def valid(self) -> bool:
        return self.until is None or time.time() < self.until


def shared(name: str, objects, request, render) -> str:
    """The part of a page called `name` about `objects`, as `render()` makes
    it: from the shared cache while everything it showed is unchanged,
    otherwise rendered, recording what it shows, and stored."""
    key = _key(name, objects, request)
    if key is None:
        return render()
    now = generation_for(request)
    if now is None:
        # The shared cache is away: rendered, and its tags still recorded.
        depends_on(*(tag_for(obj) for obj in objects))
        return render()
    stored = _recent.get(key, now)
    if stored is None or not stored.valid():
        stored = cache.get(key)
        if stored is not None and stored.valid() and still_current(stored.versions):
            _recent.keep(key, now, stored)
        else:
            stored = None
    if stored is not None:
        depends_on(*stored.versions)
        valid_until_timestamp(stored.until)
        return mark_safe(stored.html)  # noqa: S308 - rendered by a template
    started = time.time()
    with recording() as recorded:
        depends_on(*(tag_for(obj) for obj in objects))
        html = render()
    versions = current_versions(recorded.tags)
    timeout = settings.PAGE_CACHE_TIMEOUT
    if recorded.until is not None:
        timeout = min(timeout, int(recorded.until - time.time()))
    if timeout > 0 and rendered_after_every_purge(versions, started):
        stored = StoredFragment(str(html), versions, recorded.until)
        cache.set(key, stored, timeout)
        _recent.keep(key, now, stored)
    return html


def _key(name, objects, request) -> str | None:
    """The part's key, or None where it is rendered every time."""
    if request is None or not settings.PAGE_CACHE_ENABLED:
        return None
    if getattr(request, "is_preview", False):
        return None
    if request.path_info.startswith("/admin/"):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    address = "\n".join(
        (
            name,
            *(tag_for(obj) for obj in objects),
            request.scheme,
            host,
            translation.get_language() or "",
        )
    )
    return _KEY_PREFIX + hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
