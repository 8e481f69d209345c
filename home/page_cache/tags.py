"""What a cached page shows, and purging every page that shows a thing.

A page records tags while it is rendered: the site as a whole, the object it
is about, every object it shows a card of, and the kinds of objects it lists.
Each tag has a version in the shared cache; a stored page keeps the versions
it saw, and is served only while they are all still current. Purging a tag
gives it a new version, so every page that recorded it, on every process, is
rendered anew on its next request, and every other page stays stored.

A version carries the time it was made. A page whose rendering began before
one of its tags was purged may have read the old data, so it is not stored
(see `middleware.py`); a purge inside a transaction is repeated when it commits.

While the shared cache cannot be reached there is no generation, no page is
found current, and a purge cannot be written: the cache deletes the versions
it could not write at its next contact (`home/shared_cache.py`), and a tag
without a version gets a new one, which no stored page has seen.
"""

import secrets
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page

# Everything on every page: the shop's settings, navigation, announcements.
SITE = "site"

_VERSION_PREFIX = "pc:v:"
GENERATION_KEY = "pc:generation"
# The tags recorded by the page being rendered; None outside a cacheable render.
_recording: ContextVar[set | None] = ContextVar("page_cache_recording", default=None)
# The earliest moment what the page shows changes by itself (an announcement
# that starts or ends): a timestamp, or None.
_valid_until: ContextVar[float | None] = ContextVar("page_cache_until", default=None)


def tag_for(obj) -> str:
    """The tag of one object: "page:<id>" for every kind of page (a page is
    purged under its id whatever its type), "<app>.<model>:<pk>" otherwise."""
    if isinstance(obj, Page):
        return f"page:{obj.pk}"
    return f"{obj._meta.label_lower}:{obj.pk}"


def object_tag(model, pk) -> str:
    """The tag of the object of `model` with `pk`, without loading it."""
    if issubclass(model, Page):
        return page_tag(pk)
    return f"{model._meta.label_lower}:{pk}"


def page_tag(page_id) -> str:
    return f"page:{page_id}"


def activity_tag(tag: str) -> str:
    """The tag of what readers add to the object tagged `tag` as its cards
    count it (comments): purged by a new comment, which leaves the parts of
    the object's own page that do not show it (its story) stored."""
    return f"activity:{tag}"


def list_tag(model) -> str:
    """The tag of every page that lists objects of `model` (a model class or
    its "app_label.model_name"): purged when one is added, removed or moved."""
    label = model if isinstance(model, str) else model._meta.label_lower
    return f"list:{label.lower()}"


def start_recording() -> tuple:
    """Begin recording the tags of one page; returns the token for `stop_recording`."""
    return _recording.set(set()), _valid_until.set(None)


def stop_recording(token) -> tuple[set, float | None]:
    """The tags the page recorded, with the site's, and the moment it stops
    being valid by itself (or None). The tags are empty when it recorded none:
    a view that names nothing it shows takes no part in the cache."""
    tags = _recording.get() or set()
    until = _valid_until.get()
    _recording.reset(token[0])
    _valid_until.reset(token[1])
    return (tags | {SITE} if tags else tags), until


@dataclass
class Recorded:
    """What a part of a page recorded while it rendered (see `recording`)."""

    tags: set = field(default_factory=set)
    until: float | None = None


@contextmanager
def recording():
    """Record the tags of one part of a page (a fragment stored on its own),
    whether or not the page itself is recorded. What the part records is the
    page's too: a page that holds the part is purged with it."""
    outer = _recording.get()
    token = start_recording()
    found = Recorded()
    try:
        yield found
    finally:
        found.tags, found.until = stop_recording(token)
        if outer is not None:
            outer.update(found.tags)
            valid_until_timestamp(found.until)


def valid_until(moment) -> None:
    """Note that what the page being rendered shows changes by itself at
    `moment` (a datetime): it is not served from the cache after it."""
    if moment is not None:
        valid_until_timestamp(moment.timestamp())


def valid_until_timestamp(stamp: float | None) -> None:
    """`valid_until` for a moment in seconds since the epoch."""
    if _recording.get() is None or stamp is None:
        return
    earlier = _valid_until.get()
    if earlier is None or stamp < earlier:
        _valid_until.set(stamp)


def depends_on(*tags: str) -> None:
    """Note that the page being rendered shows what `tags` name. Outside a
    cacheable render (a member's page, a form's answer) this does nothing."""
    recorded = _recording.get()
    if recorded is not None:
        recorded.update(tags)


def shows(*objects, activity=True) -> None:
    """Note that the page being rendered shows `objects` (cards, bylines…),
    with what their cards count of readers' activity unless `activity` is
    False (a link with a name and a picture counts nothing)."""
    recorded = _recording.get()
    if recorded is not None:
        for obj in objects:
            if obj is not None:
                tag = tag_for(obj)
                recorded.update((tag, activity_tag(tag)) if activity else (tag,))


def purge(*tags: str) -> None:
    """Give `tags` new versions: every page that recorded any of them is
    rendered anew on its next request, on every process.

    Inside a transaction the tags are purged at once and again when it
    commits: a page rendered in between may have read the data from before
    the change, and the second purge drops it too.
    """
    tags = {tag for tag in tags if tag}
    if not tags:
        return
    _bump(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(tags))


def purge_own(user_id) -> None:
    """Tell every process that what one member alone sees changed: their
    interests, hidden categories, dismissed announcements, or a comment of
    theirs waiting for a moderator. No stored page shows these (members' pages
    are never stored), but each process remembers them while nothing was
    purged (`recent.remembered`)."""
    if user_id is not None:
        purge(f"own:{user_id}")


def purge_objects(*objects) -> None:
    purge(*(tag_for(obj) for obj in objects if obj is not None))


def purge_everything() -> None:
    purge(SITE)


def _bump(tags) -> None:
    stamp = new_version()
    versions = {_VERSION_PREFIX + tag: stamp for tag in tags}
    cache.set_many({**versions, GENERATION_KEY: stamp}, timeout=None)


def generation() -> str | None:
    """A version that changes with every purge of anything: while it stays
    the same, every page checked against it is still current. None while the
    shared cache cannot be reached."""
    found = cache.get(GENERATION_KEY)
    if found is None:
        cache.add(GENERATION_KEY, f"0-{secrets.token_hex(4)}", timeout=None)
        found = cache.get(GENERATION_KEY)
    return found


def new_version() -> str:
    return f"{time.time_ns()}-{secrets.token_hex(4)}"


def version_time(version: str) -> float:
    """When `version` was made, in seconds since the epoch."""
    return int(version.split("-", 1)[0]) / 1e9


def current_versions(tags) -> dict:
    """The current version of every tag, making one for a tag that has none.
    While the shared cache cannot be reached, a tag gets a version of this
    call's own, which no stored version shares: what is stored under it (if
    the cache is back by then) is never served."""
    keys = {_VERSION_PREFIX + tag: tag for tag in tags}
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        # A tag never purged has been the same since the beginning of time:
        # a page rendered now may be stored under it.
        stamp = f"0-{secrets.token_hex(4)}"
        for key in missing:
            # add() keeps a version another process made in the meantime.
            cache.add(key, stamp, timeout=None)
        found.update(cache.get_many(missing))
    versions = {keys[key]: version for key, version in found.items()}
    for tag in keys.values():
        versions.setdefault(tag, f"0-{secrets.token_hex(8)}")
    return versions


def rendered_after_every_purge(versions: dict, started: float) -> bool:
    """Whether a rendering that began at `started` began after the last purge
    of each of its tags: one that began earlier may have read what the purge
    replaced, and is not stored. The margin allows for clocks of several
    machines that differ a little."""
    latest = started - settings.PAGE_CACHE_CLOCK_MARGIN
    return all(version_time(version) < latest for version in versions.values())


def still_current(versions: dict) -> bool:
    """Whether every tag still has the version a stored page saw."""
    if not versions:
        return True
    keys = {_VERSION_PREFIX + tag: version for tag, version in versions.items()}
    found = cache.get_many(keys)
    return all(found.get(key) == version for key, version in keys.items())


def versions_key(tags) -> str:
    """One string that changes whenever any of `tags` is purged: for fragments
    stored under a key of their own (a rendered discussion)."""
    versions = current_versions(tags)
    return ".".join(versions[tag] for tag in sorted(versions))
