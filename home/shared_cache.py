"""The shared cache in Redis, which the site outlives.

While Redis cannot be reached, a read is a miss and a write is skipped: pages
are rendered from the database, slower but whole, and whatever a reader sends
(a comment, a sign-up) is stored there as always. Rate limits count nothing
then: they let everyone through rather than no one. One warning is logged
when the cache goes away and one line when it answers again, not one per
request. While it is away, each process tries it again at most once every
`RETRY_SECONDS`, so that a Redis that does not answer at all stalls one
request a second, not every one.

A write that could not be made may have been meant to replace something: a
new version of a purged page's tag, a menu's new version, shop settings that
changed. A Redis cut off by the network keeps the old value and hands it out
again once it is back. So every key this process could not write (set, set
many, increment, delete) is deleted at its next contact, before anything else
is read: whatever the site keeps in the cache is rebuilt from the database
when it is missing, and a missing tag version is a new one, which no stored
page has seen.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Redis refused, dropped or did not answer in time; any other error of Redis
# (a wrong command, a full memory) is a fault to see, and is raised.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)

# How long a connection and an answer may take, in seconds, unless the
# settings' OPTIONS say otherwise: Redis on the same network answers in a
# millisecond, and a request should not wait long for one that is gone.
CONNECT_TIMEOUT = 0.5
ANSWER_TIMEOUT = 1.0


class _Contact:
    """What every thread of this process knows of one Redis: since when it is
    away, when it was last tried, and the keys it could not write meanwhile."""

    def __init__(self):
        self.lock = threading.Lock()
        self.away_since: float | None = None
        self.tried_at = 0.0
        self.unwritten: set[str] = set()

    def may_try(self, retry_seconds: float) -> bool:
        """Whether to try Redis now: always while it answers, and while it is
        away once every `retry_seconds`, by one thread."""
        if self.away_since is None:
            return True
        with self.lock:
            now = time.monotonic()
            if now - self.tried_at < retry_seconds:
                return False
            self.tried_at = now
            return True

    def owe(self, keys) -> None:
        if keys:
            with self.lock:
                self.unwritten.update(keys)

    def lost(self, error, keys) -> None:
        """Redis did not answer: note it, and warn once per outage."""
        with self.lock:
            self.unwritten.update(keys)
            self.tried_at = time.monotonic()
            if self.away_since is not None:
                return
            self.away_since = self.tried_at
        logger.warning(
            "The shared cache cannot be reached (%s). Pages are rendered from the "
            "database, nothing is stored in the cache and rate limits count "
            "nothing until it answers again.",
            error,
        )

    def settle(self, client) -> None:
        """Delete the keys that could not be written, before any other command."""
        if not self.unwritten:
            return
        with self.lock:
            keys = list(self.unwritten)
        client.delete_many(keys)
        with self.lock:
            self.unwritten.difference_update(keys)

    def reached(self, deleted: int) -> None:
        if self.away_since is None:
            return
        with self.lock:
            since, self.away_since = self.away_since, None
        if since is not None:
            logger.warning(
                "The shared cache answers again after %.1f seconds; %d keys "
                "that could not be written meanwhile were deleted.",
                time.monotonic() - since,
                deleted,
            )


_contacts: dict[tuple, _Contact] = {}
_contacts_lock = threading.Lock()


def _contact_for(servers) -> _Contact:
    """The one `_Contact` of this process for `servers`, shared by the cache
    objects Django makes for each thread."""
    with _contacts_lock:
        return _contacts.setdefault(tuple(servers), _Contact())


class _KeptClients(RedisCacheClient):
    """Django's client to Redis, which makes a redis-py client anew for every
    command (a third of a small read's time); this one makes one per server
    and keeps it. A redis-py client takes its connections from the server's
    pool, so threads may share it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedRedisCache(RedisCache):
    """Django's Redis cache, for which an unreachable Redis is a miss.

    OPTIONS takes `RETRY_SECONDS` (how often a process tries a Redis that is
    away, 1 by default) besides redis-py's connection options, of which
    `socket_connect_timeout` and `socket_timeout` have short defaults here.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 1.0))
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", ANSWER_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _KeptClients
        self._contact = _contact_for(self._servers)

    def _reach(self, command, fallback, written=()):
        """`command()`'s answer, or `fallback` while Redis cannot be reached;
        `written` names the keys the command replaces or deletes."""
        contact = self._contact
        if not contact.may_try(self.retry_seconds):
            contact.owe(written)
            return fallback
        owed = len(contact.unwritten)
        try:
            contact.settle(self._cache)
            answer = command()
        except UNREACHABLE as error:
            contact.lost(error, written)
            return fallback
        contact.reached(owed)
        return answer

    def _made(self, key, version):
        return self.make_and_validate_key(key, version=version)

    def get(self, key, default=None, version=None):
        return self._reach(lambda: RedisCache.get(self, key, default, version), default)

    def get_many(self, keys, version=None):
        return self._reach(lambda: RedisCache.get_many(self, keys, version), {})

    def has_key(self, key, version=None):
        return self._reach(lambda: RedisCache.has_key(self, key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # An add that fails replaces nothing: there is nothing to undo.
        return self._reach(
            lambda: RedisCache.add(self, key, value, timeout, version), False
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._reach(lambda: RedisCache.touch(self, key, timeout, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._reach(
            lambda: RedisCache.set(self, key, value, timeout, version),
            None,
            written=[self._made(key, version)],
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's promise: the keys that could not be set.
        return self._reach(
            lambda: RedisCache.set_many(self, data, timeout, version),
            list(data),
            written=[self._made(key, version) for key in data],
        )

    def delete(self, key, version=None):
        return self._reach(
            lambda: RedisCache.delete(self, key, version),
            False,
            written=[self._made(key, version)],
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._reach(
            lambda: RedisCache.delete_many(self, keys, version),
            None,
            written=[self._made(key, version) for key in keys],
        )

    def incr(self, key, delta=1, version=None):
        """As Django's; a counter that cannot be reached is one that does not
        exist (ValueError), which its callers answer by starting afresh."""
        missing = object()
        answer = self._reach(
            lambda: RedisCache.incr(self, key, delta, version),
            missing,
            written=[self._made(key, version)],
        )
        if answer is missing:
            raise ValueError(f"Key '{key}' not found: the shared cache is away.")
        return answer
