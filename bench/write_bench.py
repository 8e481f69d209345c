"""No comment lost: many members writing at once while others read.

Builds the demo shop in a fresh database (a SQLite file in a temporary
folder, or with DATABASE_URL set to PostgreSQL a new database on that
server), serves it with the production settings under gunicorn (two sync
workers) and lets 20 members post 50 comments each on four stories, about a
third of them replies to one another, while four readers load the stories
(`bench/writing.py`). Then it checks, and fails (exit status 1) unless,
every comment the site accepted is stored exactly once, nothing refused is
stored, no request failed, every thread keeps parents, levels and order as
xtd keeps them, and each story shows as many comments as it has.

    python -m bench.write_bench [--writers 20] [--comments 50] [--quick]
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.site_bench import HOST, PROXY_HEADERS, REDIS_URL, gunicorn

SETTINGS = "bench.write_settings"
POSTGRES_DATABASE = "theke_write_bench"


def database_url(work: Path) -> str:
    """A new, empty database for this run."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{work / 'write-bench.sqlite3'}"
    import psycopg
    from psycopg import sql

    server = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        name = sql.Identifier(POSTGRES_DATABASE)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return urlunsplit(urlsplit(url)._replace(path=f"/{POSTGRES_DATABASE}"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--comments", type=int, default=50, help="per writer")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 5 writers of 10 comments"
    )
    arguments = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="theke-write-bench-"))
    try:
        environment = dict(os.environ)
        environment.update(
            DJANGO_SETTINGS_MODULE=SETTINGS,
            DATABASE_URL=database_url(work),
            SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            MEDIA_ROOT=str(work / "media"),
            BENCH_STATIC_ROOT=str(work / "static"),
            REDIS_URL=os.environ.get("BENCH_REDIS_URL", REDIS_URL),
            CACHE_KEY_PREFIX=f"theke-write-bench-{secrets.token_hex(4)}",
            ALLOWED_HOSTS=f"{HOST},localhost",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            TASKS_BACKEND="immediate",
            PYTHONPATH=str(Path(__file__).resolve().parent.parent),
        )
        os.environ.update(environment)
        return run(arguments, environment, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(arguments, environment, work: Path) -> int:
    import django

    django.setup()
    # The project's modules need Django set up first, with this run's settings.
    from django.core.management import call_command
    from django.db import connections, transaction

    from bench import writing
    from bench.site_pages import collect_static, database_version
    from blog.models import BlogPage
    from demo.load import load_demo

    writers_count, comments = arguments.writers, arguments.comments
    if arguments.quick:
        writers_count, comments = 5, 10
    plan = writing.Plan(
        writers=writers_count, comments=comments, readers=arguments.readers
    )
    print("Building the demo shop …", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        load_demo()
    posts = list(BlogPage.objects.live().order_by("pk")[: plan.posts])
    writers = writing.make_writers(plan.writers)
    collect_static("css/theke.css")
    database = f"{connections['default'].vendor} {database_version()}"
    connections.close_all()
    print(
        f"{plan.writers} members post {plan.comments} comments each on "
        f"{len(posts)} stories while {plan.readers} readers read …",
        flush=True,
    )
    with gunicorn(environment, work / "gunicorn.log") as port:
        base_url = f"http://{HOST}:{port}"
        outcome = writing.write_and_read(base_url, plan, posts, writers, PROXY_HEADERS)
        counts = writing.shown_counts(base_url, posts, PROXY_HEADERS)
    found = writing.problems(outcome, posts, counts)
    sent = sum(len(writer.answers) for writer in writers)
    accepted = sum(
        1 for writer in writers for answer in writer.answers if answer[3] == 200
    )
    print()
    print(
        f"{database}: {sent:,} comments sent, {accepted:,} accepted and stored once, "
        f"in {outcome.seconds:.1f} s ({accepted / outcome.seconds:,.0f} comments/s) "
        f"beside {outcome.reads:,} page reads; {sum(counts.values()):,} comments "
        f"shown on {len(posts)} stories."
    )
    for problem in found[:40]:
        print(f"  PROBLEM  {problem}")
    if not found:
        print("  No comment lost, doubled or out of place.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
