"""Many members writing at once, in small: every accepted comment stored
once, in its thread, and shown (`bench/writing.py`, which `make bench-write`
runs at full size against gunicorn)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from bench import writing
from community.models import Comment
from tests.factories import BlogPageFactory, add_comment, build_site

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def posts(settings):
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    __, blog, __ = build_site()
    return [
        BlogPageFactory(parent=blog, title="Sauerteig"),
        BlogPageFactory(parent=blog, title="Käsekeller"),
    ]


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the test server shares one in-memory SQLite connection between its "
    "threads; SQLite is loaded under gunicorn below",
)
def test_writers_at_once_lose_and_double_nothing(live_server, posts):
    plan = writing.Plan(writers=4, comments=6, posts=2, readers=2)
    writers = writing.make_writers(plan.writers)

    outcome = writing.write_and_read(live_server.url, plan, posts, writers)
    counts = writing.shown_counts(live_server.url, posts)

    assert writing.problems(outcome, posts, counts) == []
    answers = [answer for writer in writers for answer in writer.answers]
    assert len(answers) == 24
    assert {status for *__, status, __id in answers} == {200}
    assert sum(counts.values()) == Comment.objects.count() == 24
    assert outcome.reads > 0
    # Some of them answered one another.
    assert any(parent for __, __, parent, __, __ in answers)


def test_a_doubled_comment_or_a_thread_out_of_order_is_found(posts):
    writers = writing.make_writers(1)
    post = posts[0]
    first = add_comment(post, text="Einmal gesendet")
    add_comment(post, text="Einmal gesendet")
    writers[0].answers.append(("Einmal gesendet", post.pk, 0, 200, first.pk))
    Comment.objects.filter(pk=first.pk).update(user_id=writers[0].user_id)
    Comment.objects.exclude(pk=first.pk).update(user_id=writers[0].user_id)
    reply = add_comment(post, text="Antwort", parent=first)
    Comment.objects.filter(pk=reply.pk).update(order=7)

    found = writing.problems(writing.Outcome(writers, 1.0), posts)

    assert "'Einmal gesendet' is stored 2 times, not once" in found
    assert any(
        problem.startswith(f"thread {first.thread_id}: orders") for problem in found
    )


def test_the_write_benchmark_stores_every_comment_once_under_gunicorn():
    """`make bench-write` in small: its own database (a SQLite file, or a new
    PostgreSQL database where the suite runs on PostgreSQL), the production
    settings, two gunicorn workers, five members writing at once."""
    project = Path(__file__).resolve().parents[2]
    finished = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "bench.write_bench", "--quick"],
        cwd=project,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.write_settings"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "50 comments sent, 50 accepted and stored once" in finished.stdout
    assert "No comment lost, doubled or out of place." in finished.stdout
