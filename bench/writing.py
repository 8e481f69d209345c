"""Many members commenting at once while others read, and the check that no
comment was lost, doubled or put in the wrong place.

Each writer is a logged-in member with a session of their own, posting
through the site's comment form as a browser does (the CSRF cookie and field,
the form's signed fields) and asking for the JSON answer the page's script
asks for. About a third of their comments answer one another. Readers load
the posts meanwhile. Afterwards the database is compared with what the
writers were told: every accepted comment is stored exactly once, every
thread's parents, levels and order are as xtd keeps them, and each post shows
as many comments as it has. `write_bench.py` runs this against gunicorn;
`tests/bench/test_writing.py` runs a small version against the test server.
"""

from __future__ import annotations

import http.client
import random
import re
import secrets
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.db import SessionStore

from community.discussions.forms import CommentForm
from community.discussions.targets import max_level
from community.models import Comment, Profile

# Where the comment form posts.
POST_PATH = "/comments/post/"
COMMENT_ID = re.compile(r"#c(\d+)")
SHOWN_COUNT = re.compile(r'class="discussion__count">\((\d+)\)<')


@dataclass(frozen=True)
class Plan:
    writers: int = 20
    comments: int = 50
    posts: int = 4
    readers: int = 4
    seed: int = 2026


@dataclass
class Writer:
    """One member as the writing clients see them: their session, their CSRF
    secret and what the site answered to each of their comments."""

    number: int
    user_id: int
    cookie: str
    csrf: str
    # (text, post id, parent comment id or 0, status, comment id or None)
    answers: list = field(default_factory=list)


@dataclass
class Outcome:
    writers: list
    seconds: float
    reads: int = 0
    read_errors: list = field(default_factory=list)


def make_writers(count: int) -> list[Writer]:
    """`count` members who may comment at once: verified, with a profile and
    a session each."""
    users = get_user_model()
    writers = []
    for number in range(count):
        email = f"schreiberin-{number}@example.org"
        user = users.objects.create_user(username=email, email=email)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        Profile.objects.update_or_create(
            user=user, defaults={"display_name": f"Schreiberin {number}"}
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        writers.append(
            Writer(
                number=number,
                user_id=user.pk,
                cookie=f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                csrf=secrets.token_hex(16),
            )
        )
    return writers


def signed_fields(posts) -> dict:
    """The comment form's signed fields for each post, as its page writes them."""
    return {post.pk: CommentForm(post).initial for post in posts}


def write_and_read(base_url, plan: Plan, posts, writers, headers=None) -> Outcome:
    """Let every writer post `plan.comments` comments on `posts` while
    `plan.readers` readers load them; what the site answered is kept."""
    fields = signed_fields(posts)
    addresses = {post.pk: urlsplit(post.full_url).path for post in posts}
    deepest = max_level()
    accepted = []  # (comment id, post id, level) of comments others may answer
    lock = threading.Lock()
    writing = threading.Event()
    writing.set()
    outcome = Outcome(writers=writers, seconds=0.0)

    def write(writer: Writer):
        rng = random.Random(plan.seed * 1000 + writer.number)
        connection = _connect(base_url)
        for number in range(plan.comments):
            post = rng.choice(posts)
            parent, level = 0, 0
            with lock:
                answerable = [c for c in accepted if c[1] == post.pk and c[2] < deepest]
            if answerable and rng.random() < 0.35:
                parent, __, level = rng.choice(answerable)
                level += 1
            text = (
                f"Kommentar {number} von Schreiberin {writer.number} "
                f"({secrets.token_hex(3)})"
            )
            data = {
                **fields[post.pk],
                "comment": text,
                "reply_to": parent,
                "name": "",
                "email": "",
                "honeypot": "",
                "csrfmiddlewaretoken": writer.csrf,
            }
            status, body = _post(connection, base_url, writer, data, headers)
            found = COMMENT_ID.search(body) if status == 200 else None
            comment_id = int(found.group(1)) if found else None
            writer.answers.append((text, post.pk, parent, status, comment_id))
            if comment_id is not None:
                with lock:
                    accepted.append((comment_id, post.pk, level))
        connection.close()

    def read(number: int):
        rng = random.Random(plan.seed * 7 + number)
        connection = _connect(base_url)
        while writing.is_set():
            path = addresses[rng.choice(posts).pk]
            try:
                connection.request("GET", path, headers=headers or {})
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = _connect(base_url)
                with lock:
                    outcome.read_errors.append(f"{path}: {type(error).__name__}")
                continue
            with lock:
                outcome.reads += 1
                if response.status != 200:
                    outcome.read_errors.append(f"{path}: {response.status}")
        connection.close()

    readers = [threading.Thread(target=read, args=(n,)) for n in range(plan.readers)]
    writing_threads = [threading.Thread(target=write, args=(w,)) for w in writers]
    started = time.perf_counter()
    for thread in readers + writing_threads:
        thread.start()
    for thread in writing_threads:
        thread.join()
    outcome.seconds = time.perf_counter() - started
    writing.clear()
    for thread in readers:
        thread.join()
    return outcome


def _connect(base_url: str) -> http.client.HTTPConnection:
    address = urlsplit(base_url)
    return http.client.HTTPConnection(address.hostname, address.port, timeout=60)


def _post(connection, base_url, writer, data, headers) -> tuple[int, str]:
    """POST one comment as `writer`, as the page's script does; the status and
    the answer's text (a connection the server closed is opened again)."""
    origin = f"{headers.get('X-Forwarded-Proto', 'http') if headers else 'http'}://"
    origin += urlsplit(base_url).netloc
    request_headers = {
        **(headers or {}),
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "Origin": origin,
        "Referer": origin + "/",
        "Cookie": f"{writer.cookie}; {settings.CSRF_COOKIE_NAME}={writer.csrf}",
    }
    body = urlencode(data)
    for attempt in range(2):
        try:
            connection.request("POST", POST_PATH, body=body, headers=request_headers)
            response = connection.getresponse()
            return response.status, response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException):
            connection.close()
            if attempt:
                return 0, "no answer"
            connection.connect()
    return 0, "no answer"


def problems(outcome: Outcome, posts, shown_counts=None) -> list[str]:
    """Everything that went wrong, worded for the reader: refused or failed
    posts, comments lost or stored twice, threads out of order, counts that
    differ from what the posts show."""
    found = []
    statuses = Counter(
        status for writer in outcome.writers for *__, status, __id in writer.answers
    )
    if set(statuses) - {200}:
        found.append(f"answers other than 200: {dict(sorted(statuses.items()))}")
    found += [f"reading {error}" for error in outcome.read_errors[:10]]
    stored = defaultdict(list)
    for row in Comment.objects.filter(
        user_id__in=[writer.user_id for writer in outcome.writers]
    ).values_list("comment", "pk", "parent_id", "object_pk"):
        stored[row[0]].append(row[1:])
    for writer in outcome.writers:
        for text, post_id, parent, status, comment_id in writer.answers:
            rows = stored.get(text, [])
            if status != 200:
                if rows:
                    found.append(f"{text!r} was refused ({status}) but is stored")
                continue
            if len(rows) != 1:
                found.append(f"{text!r} is stored {len(rows)} times, not once")
                continue
            pk, parent_id, object_pk = rows[0]
            if (pk, parent_id if parent else 0, object_pk) != (
                comment_id,
                parent,
                str(post_id),
            ):
                found.append(f"{text!r} is not stored where it was sent")
    found += thread_problems(posts)
    for post in posts:
        stored = Comment.objects.on(post).public().count()
        if shown_counts is not None and shown_counts.get(post.pk) != stored:
            found.append(
                f"{post.title}: shows {shown_counts.get(post.pk)} comments, "
                f"has {stored}"
            )
    return found


def thread_problems(posts) -> list[str]:
    """Threads not as xtd keeps them: a reply on another post or thread, at a
    level other than one below its parent, or orders that are not 1, 2, 3 …
    in each thread."""
    found = []
    for post in posts:
        comments = {c.pk: c for c in Comment.objects.on(post)}
        orders = defaultdict(list)
        for comment in comments.values():
            orders[comment.thread_id].append(comment.order)
            if comment.parent_id == comment.pk:
                if comment.level != 0 or comment.thread_id != comment.pk:
                    found.append(f"comment {comment.pk}: a root out of place")
                continue
            parent = comments.get(comment.parent_id)
            if parent is None:
                found.append(f"comment {comment.pk}: its parent is not on the post")
            elif comment.level != parent.level + 1:
                found.append(
                    f"comment {comment.pk}: level {comment.level} under {parent.level}"
                )
            elif comment.thread_id != parent.thread_id:
                found.append(f"comment {comment.pk}: in another thread than its parent")
        for thread_id, numbers in orders.items():
            if sorted(numbers) != list(range(1, len(numbers) + 1)):
                found.append(f"thread {thread_id}: orders {sorted(numbers)[:12]} …")
    return found


def shown_counts(base_url, posts, headers=None) -> dict:
    """How many comments each post's page says it has, for an anonymous reader."""
    connection = _connect(base_url)
    counts = {}
    for post in posts:
        connection.request("GET", urlsplit(post.full_url).path, headers=headers or {})
        response = connection.getresponse()
        found = SHOWN_COUNT.search(response.read().decode())
        counts[post.pk] = int(found.group(1)) if found else 0
    connection.close()
    return counts
