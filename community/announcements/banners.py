"""Which announcements a reader sees now, from a list kept in the shared cache.

The announcements that have not ended stay in the cache until one is saved or
deleted, so they cost an anonymous page no query, and every anonymous reader
gets the same ones: those for everyone. A logged-in member also gets those for
the interests they chose, less those they dismissed and those about a category
they hid; each of these costs a query only when an announcement needs it.
"""

from django.core.cache import cache
from django.utils import timezone

from home.page_cache.recent import remembered
from home.page_cache.tags import valid_until

from ..conf import setting
from ..members.preferences import reader_of
from .models import EVERYONE, Announcement, Dismissal

CACHE_KEY = "theke:announcements"


def not_ended() -> list[Announcement]:
    """The announcements that are shown now or will be, from the cache (and
    this process's copy while nothing was purged: a change purges everything)."""
    return remembered(CACHE_KEY, _not_ended)


def _not_ended() -> list[Announcement]:
    found = cache.get(CACHE_KEY)
    if found is None:
        found = list(Announcement.objects.not_ended())
        cache.set(CACHE_KEY, found, None)
    return found


def _changes_after(announcements, now):
    for found in announcements:
        for moment in (found.starts_at, found.ends_at):
            if moment is not None and moment > now:
                yield moment


def forget() -> None:
    """Drop the cached list: an announcement was saved or deleted."""
    cache.delete(CACHE_KEY)


def shown_to(request) -> list[Announcement]:
    """The announcements this reader sees on the page now, newest first."""
    now = timezone.now()
    upcoming = not_ended()
    current = [found for found in upcoming if found.is_shown_at(now)]
    # A cached page is rendered anew when an announcement starts or ends.
    valid_until(min(_changes_after(upcoming, now), default=None))
    reader = reader_of(request)
    if reader is None:
        shown = [found for found in current if found.audience == EVERYONE]
    else:
        shown = _for_member(reader, current)
    return shown[: setting("COMMUNITY_ANNOUNCEMENTS_SHOWN")]


def _for_member(reader, current) -> list[Announcement]:
    if any(found.audience != EVERYONE for found in current):
        audiences = {EVERYONE, *reader.interests}
        current = [found for found in current if found.audience in audiences]
    if any(found.blog_category_id or found.product_category for found in current):
        hidden = reader.hidden
        current = [
            found
            for found in current
            if found.blog_category_id not in hidden.blog
            and found.product_category not in hidden.products
        ]
    if current:
        dismissed = _dismissed_by(reader.user)
        current = [found for found in current if found.pk not in dismissed]
    return current


def _dismissed_by(user) -> frozenset[int]:
    """The announcements the member dismissed, remembered by the process
    while nothing was purged (a dismissal purges, `purge_own`)."""
    return remembered(
        f"own:{user.pk}:dismissed",
        lambda: frozenset(
            Dismissal.objects.filter(user=user).values_list(
                "announcement_id", flat=True
            )
        ),
    )


def banner_section(request, page, slot):
    """The "banner" slot at the top of every page."""
    if slot != "banner" or request is None:
        return None
    announcements = shown_to(request)
    if not announcements:
        return None
    return "community/announcements.html", {"announcements": announcements}
