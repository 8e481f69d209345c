"""Serving anonymous readers from the shared cache.

Placed right after whitenoise, before sessions and everything else: a reader
without a session who asks for a page that is stored, and whose tags are all
still current, gets it from two reads of the shared cache and nothing more,
or from one when this process served it since the last purge.
Every other anonymous GET is rendered while its tags are recorded and, if the
view named what it shows (a Wagtail page always does) and the answer is the
same for every reader (a 200 that sets no cookie and is not marked private),
stored. Members, staff, previews, forms and the admin never
touch the store, and what is not stored says so in `Cache-Control`.
While the shared cache cannot be reached, every page is rendered for its
reader and kept by no one (`home/shared_cache.py`).
"""

import hashlib
import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_request

from .recent import RecentPages, generation_for
from .store import VARY, StoredPage
from .tags import (
    current_versions,
    rendered_after_every_purge,
    start_recording,
    still_current,
    stop_recording,
)

_KEY_PREFIX = "pc:p:"
# What a view may say that keeps its answer out of every shared cache.
_PERSONAL = ("private", "no-store", "no-cache")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request) if _may_use_store(request) else None
        if key is None:
            return _marked(request, self.get_response(request))
        storable = _query_may_be_stored(request)
        now = generation_for(request)
        if now is None:
            # The shared cache is away: rendered for this reader, kept by no one.
            return _marked(request, self.get_response(request))
        recent = _recent.get(key, now)
        if recent is not None and recent.valid():
            return recent.response_for(request, hit=True)
        stored = cache.get(key)
        if stored is not None and stored.valid() and still_current(stored.versions):
            _recent.keep(key, now, stored)
            return stored.response_for(request, hit=True)
        started = time.time()
        recording = start_recording()
        try:
            response = self.get_response(request)
        finally:
            tags, until = stop_recording(recording)
        if not (tags and storable) or not _same_for_everyone(request, response):
            return _marked(request, response)
        versions = current_versions(tags)
        page = StoredPage.of(response, versions, now=started, until=until)
        timeout = settings.PAGE_CACHE_TIMEOUT
        if until is not None:
            timeout = min(timeout, int(until - time.time()))
        if timeout > 0 and rendered_after_every_purge(versions, started):
            cache.set(key, page, timeout)
            _recent.keep(key, now, page)
        return page.response_for(request, hit=False)


_recent = RecentPages(settings.PAGE_CACHE_RECENT_PAGES)


def _may_use_store(request) -> bool:
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return not request.path_info.startswith(settings.PAGE_CACHE_SKIP_PATHS)


def _key(request) -> str | None:
    """The stored page's key: address, query and language; None for a host
    the site does not serve (Django answers that with a 400 of its own)."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    address = "\n".join(
        (
            request.scheme,
            host,
            request.path,
            urlencode(_page_params(request)),
            get_language_from_request(request),
        )
    )
    return _KEY_PREFIX + hashlib.blake2b(address.encode(), digest_size=16).hexdigest()


def _page_params(request) -> list:
    """The query's parameters less those that only tell where a reader came
    from (a newsletter's utm_ tags): the page is the same with or without."""
    return sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not name.startswith(settings.PAGE_CACHE_IGNORED_PARAMS)
        for value in values
    )


def _query_may_be_stored(request) -> bool:
    """Whether a page rendered for this query may be stored: one that names
    only parameters the site's pages read, briefly, and no ignored one (its
    links would carry them to the next reader). Other queries are rendered
    for the reader, so that no one fills the shared cache with made-up ones,
    while a link with utm_ tags is still served the stored page."""
    query = request.META.get("QUERY_STRING", "")
    if len(query) > settings.PAGE_CACHE_MAX_QUERY:
        return False
    shapes = settings.PAGE_CACHE_QUERY_PARAMS
    for name, values in request.GET.lists():
        shape = shapes.get(name)
        if shape is None or len(values) != 1:
            return False
        if not re.fullmatch(shape, values[0]):
            return False
    return True


def _same_for_everyone(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in _PERSONAL):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    varies = {
        part.strip().lower() for part in response.get("Vary", "").split(",") if part
    }
    return varies <= {name.lower() for name in VARY}


def _marked(request, response):
    """An answer that is not from the store says whether others may keep it:
    one that sets a cookie or is someone's own is private and never stored."""
    if response.cookies or (
        request.method in ("GET", "HEAD") and response.status_code == 200
    ):
        if "Cache-Control" not in response or response.cookies:
            patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ("Cookie",))
    return response
