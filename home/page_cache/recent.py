"""What this process served last, kept while nothing was purged anywhere.

Every purge changes one shared generation (`tags.generation()`). A process
that read the generation once for a request knows whether anything at all
was purged since it last found a page or part current; if not, its own copy
is still current, and it serves it without another read.

The same holds for small values every page reads, and for what a member
alone sees (`remembered`): whatever changes one of them purges.

While the shared cache cannot be reached there is no generation (None): no
process can tell then whether anything was purged, so no copy is served or kept.
"""

import threading
from collections import OrderedDict
from contextvars import ContextVar

from .tags import generation

# The generation of the request this thread serves, for code that is not
# handed the request (`remembered`); None outside a request.
_request_generation = ContextVar("theke_request_generation", default=None)


def generation_for(request) -> str | None:
    """The shared generation, read once per request; None while the shared
    cache is away."""
    found = getattr(request, "_page_cache_generation", None)
    if found is None:
        found = generation()
        request._page_cache_generation = found
    return found


class RecentPages:
    """The pages (or parts of pages) this process served last, each with the
    purge generation it was found current in. While the shared generation is
    the same nothing at all was purged, so such a page is served without
    reading it again: one read of the shared cache answers the request. A
    copy only spares reads; every process still checks the shared generation
    on every request."""

    def __init__(self, size):
        self.size = size
        self.pages = OrderedDict()
        # A threaded server shares the copies between its threads.
        self.lock = threading.Lock()

    def get(self, key, current_generation):
        if current_generation is None:
            return None
        with self.lock:
            found = self.pages.get(key)
            if found is None or found[0] != current_generation:
                return None
            self.pages.move_to_end(key)
            return found[1]

    def keep(self, key, current_generation, page):
        if self.size <= 0 or current_generation is None:
            return
        with self.lock:
            self.pages[key] = (current_generation, page)
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


class RequestGenerationMiddleware:
    """Reads the shared generation once, as a request starts, for everything
    that answers it: `generation_for` and `remembered`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set(generation_for(request))
        try:
            return self.get_response(request)
        finally:
            _request_generation.reset(token)


_values = RecentPages(4096)


def remembered(key: str, read):
    """What `read()` gets (from the shared cache or the database), as this
    process read it last while nothing was purged anywhere; read every time
    outside a request.

    Only for small values that every change of purges: the menu, whether any
    page is restricted, the announcements (a page showing them is purged with
    them, and so is the copy), and a member's own choices (`tags.purge_own`).
    What is returned is shared between requests and never changed by its
    callers.
    """
    now = _request_generation.get()
    found = _values.get(key, now)
    if found is None:
        found = (read(),)
        _values.keep(key, now, found)
    return found[0]
