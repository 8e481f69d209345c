"""The load benchmark's side inside Django: the built database, the static
files, the member's session and the queries each page takes."""

from __future__ import annotations

import io
import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from blog.models import BlogPage
from community.discussions.caching import forget
from community.models import Comment, Topic
from home.page_cache.tags import SITE, purge
from shop_link.models import Product

from . import large_demo

HOST = "127.0.0.1"


def size_for(label: str) -> large_demo.Size:
    return large_demo.QUICK if label == "quick" else large_demo.FULL


def build_database(size: large_demo.Size) -> None:
    """Migrate the empty database and build the large demo into it."""
    call_command("migrate", interactive=False, verbosity=0)
    large_demo.build(size)


def collect_static(name: str) -> str:
    """Collect the static files into this run's folder; the path of `name`
    as pages link it (with its content hash)."""
    call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
    return staticfiles_storage.url(name)


def summary() -> str:
    """What the database holds, in words."""
    return (
        f"{BlogPage.objects.live().count():,} posts, "
        f"{Product.objects.count():,} products, "
        f"{Comment.objects.count():,} comments, "
        f"{Topic.objects.count():,} topics"
    )


def pages() -> dict[str, str]:
    return large_demo.landmarks()


def member_cookie() -> str:
    """A session of the benchmark's member, as logging in leaves it, as a
    Cookie header's value."""
    member = large_demo.benchmark_member()
    session = SessionStore()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def discussed() -> dict:
    """The measured pages that carry a discussion, by name: what each is about."""
    return large_demo.discussed()


def count_queries(
    path: str, cookie: str, patience: float, target=None
) -> tuple[int, int, int, float]:
    """The queries of `path` rendered for an anonymous reader after a new
    comment on `target` (or after everything was purged, for a page without
    a discussion), for the member, and for an anonymous reader after
    everything was purged; and the seconds the slowest render took.

    Each count is of a request that renders the page, after one that filled
    what it keeps. A page whose first render takes longer than `patience`
    seconds is counted on its first request of each kind instead, once.
    """
    anonymous = Client()
    rebuilt, seconds = counted(anonymous, path)
    member = Client()
    name, _equals, value = cookie.partition("=")
    member.cookies[name] = value
    if seconds > patience:
        member_queries, member_seconds = counted(member, path)
        return rebuilt, member_queries, rebuilt, max(seconds, member_seconds)
    purge(SITE)
    settle()
    rebuilt, seconds = counted(anonymous, path)
    if target is not None:
        forget(target)
    else:
        purge(SITE)
    settle()
    anonymous_queries, _seconds = counted(anonymous, path)
    get(member, path)
    member_queries, member_seconds = counted(member, path)
    return anonymous_queries, member_queries, rebuilt, max(seconds, member_seconds)


def settle() -> None:
    """Wait out the page cache's clock margin: what renders within it of a
    purge is not kept (other machines' clocks may differ by that much), and
    the count is of the request that fills the cache, as the next readers'."""
    time.sleep(settings.PAGE_CACHE_CLOCK_MARGIN + 0.05)


def counted(client: Client, path: str) -> tuple[int, float]:
    """The queries one request for `path` takes, and its seconds."""
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        get(client, path)
    return len(queries), time.perf_counter() - started


def get(client: Client, path: str):
    response = client.get(path, secure=True, headers={"host": HOST})
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code} in process, not 200.")
    return response


def forget_run(cookie: str) -> None:
    """Delete what this run left behind: the member's session, and everything
    stored under the run's own key prefix in the shared cache (versions of
    tags never expire by themselves)."""
    SessionStore(session_key=cookie.partition("=")[2]).delete()
    shared = caches["default"]
    if isinstance(shared, RedisCache):
        client = shared._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{shared.key_prefix}:*", count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
    close_connections()


def close_connections() -> None:
    """Let go of the database before the server's workers use it."""
    connections.close_all()


def database_version() -> str:
    with connection.cursor():
        version = (
            connection.Database.sqlite_version if connection.vendor == "sqlite" else ""
        )
        if connection.vendor == "postgresql":
            number = connection.pg_version
            version = f"{number // 10000}.{number % 10000}"
    return version
