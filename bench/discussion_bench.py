"""How long a page with a discussion takes to render when no stored page serves it.

Builds, in a temporary SQLite database (or the one DATABASE_URL names), a post
with 200 comments (20 threads of a root and nine replies, with reactions) and a
post with one thread of 1,000 replies, then requests them through Django's test
client in this one process and prints, for each case, the median and the 99th
percentile of the time a request takes and its number of queries:

- "changed": the first request after a comment changed (the discussion is
  rendered anew),
- "guest": an anonymous reader whose page the page cache does not hold,
- "member": a logged-in member, who never gets a stored page.

    python bench/discussion_bench.py [--requests 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def setup(database_dir: str) -> None:
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theke.settings.test")
    os.environ.setdefault(
        "DATABASE_URL", f"sqlite:///{Path(database_dir) / 'bench.sqlite3'}"
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def build():
    """Two posts: 200 comments in 20 threads, and one thread of 1,000 replies."""
    from community.discussions.models import Reaction
    from tests.factories import (
        BlogPageFactory,
        add_comment,
        build_site,
        long_thread,
        member,
    )

    __, blog, __ = build_site()
    people = [member(f"Person Nummer{n}", f"person{n}@example.org") for n in range(8)]
    post = BlogPageFactory(parent=blog, title="Zweihundert Kommentare")
    for thread in range(20):
        root = add_comment(post, people[thread % 8], f"Frage {thread}")
        parent = root
        for number in range(9):
            author = people[(thread + number + 1) % 8]
            text = f"Antwort {number} auf https://example.org/{thread}"
            reply = add_comment(post, author, text, parent=parent)
            if number % 3 == 2:
                parent = root
            elif reply.level < 3:
                parent = reply
            if number % 2 == 0:
                Reaction.objects.create(comment=reply, user=people[0], kind="helpful")
    long_post = BlogPageFactory(parent=blog, title="Tausend Antworten")
    long_root, __ = long_thread(long_post, 1000, people)
    reader = member("Lena Leserin", "lena@example.org")
    return post, long_post, long_root, reader


def measure(client, url, requests, before=None):
    """Median and 99th percentile in milliseconds, and the queries of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times = []
    queries = 0
    for __ in range(requests):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries = len(captured)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as database_dir:
        setup(database_dir)
        from django.test import Client

        from home.page_cache.tags import purge, tag_for

        post, long_post, long_root, reader = build()

        def changed(target):
            def purge_discussion():
                purge(f"comments:{tag_for(target)}", tag_for(target))

            return purge_discussion

        guest = Client()
        member = Client()
        member.force_login(reader)
        thread_url = f"{long_post.url}?thread={long_root.pk}&tpage=5"
        cases = [
            ("200 comments, changed", guest, post.url, changed(post)),
            ("200 comments, guest", guest, post.url, None),
            ("200 comments, member", member, post.url, None),
            ("1,000-reply thread, changed", guest, thread_url, changed(long_post)),
            ("1,000-reply thread, guest", guest, thread_url, None),
            ("1,000-reply thread, member", member, thread_url, None),
        ]
        print(f"{'case':32} {'median ms':>10} {'p99 ms':>8} {'queries':>8}")
        for label, client, url, before in cases:
            median, p99, queries = measure(client, url, args.requests, before)
            print(f"{label:32} {median:10.1f} {p99:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
