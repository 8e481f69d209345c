"""Storing many rows at once: models inherited over tables (pages, comments),
and comments in threads numbered as xtd numbers them when they are posted one
by one: each reply follows the replies already given to its parent, `order`
numbers a thread depth-first from its root, and `nested_count` counts
everything below a comment."""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django_comments.models import Comment as BaseComment
from django_comments_xtd.models import XtdComment

from community.models import Comment
from community.writing.sanitize import render_text

BATCH = 500


def thread_shape(count: int, rng: random.Random, max_level: int):
    """The parent (an index, None for the root), level, `order` and
    `nested_count` of each of `count` comments of one thread, in the order
    they were written."""
    parents, levels, children = [None], [0], [[]]
    for number in range(1, count):
        # Half answer the root; the rest one of the latest comments, or the
        # nearest comment above it that still takes replies.
        parent = 0 if rng.random() < 0.5 else rng.randrange(max(0, number - 4), number)
        while levels[parent] >= max_level:
            parent = parents[parent]
        parents.append(parent)
        levels.append(levels[parent] + 1)
        children.append([])
        children[parent].append(number)
    orders, stack = [0] * count, [0]
    position = 0
    while stack:
        node = stack.pop()
        position += 1
        orders[node] = position
        stack.extend(reversed(children[node]))
    nested = [0] * count
    for number in range(count - 1, 0, -1):
        nested[parents[number]] += nested[number] + 1
    return list(zip(parents, levels, orders, nested, strict=True))


class CommentWriter:
    """Collects comments thread by thread and stores them all at once."""

    def __init__(
        self,
        rng: random.Random,
        people: list,
        texts: list[str],
        first_day: datetime.datetime,
    ):
        self.rng = rng
        # When comments on what has no publication date of its own begin.
        self.first_day = first_day
        self.people = people
        self.texts = texts
        self.rendered = {text: render_text(text) for text in texts}
        self.max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
        self.pending: list[tuple[Comment, list, int | None]] = []
        self.count = 0

    def threads(self, target, sizes: list[int]) -> None:
        content_type = ContentType.objects.get_for_model(target)
        start = getattr(target, "first_published_at", None) or self.first_day
        for number, count in enumerate(sizes):
            began = start + datetime.timedelta(hours=3 + number * 5)
            thread = []
            shape = thread_shape(count, self.rng, self.max_level)
            for index, (parent, level, order, nested) in enumerate(shape):
                when = began + datetime.timedelta(minutes=index * 11)
                thread.append(
                    self.comment(content_type, target, when, level, order, nested)
                )
                self.pending.append((thread[-1], thread, parent))
            self.count += count

    def comment(self, content_type, target, when, level, order, nested) -> Comment:
        text = self.rng.choice(self.texts)
        author, name = (
            self.rng.choice(self.people) if self.rng.random() < 0.85 else (None, "")
        )
        return Comment(
            content_type=content_type,
            object_pk=str(target.pk),
            site_id=settings.SITE_ID,
            user=author,
            user_name=name or "Gast",
            user_email=author.email if author else "gast@example.org",
            user_url="",
            comment=text,
            body_html=self.rendered[text],
            submit_date=when,
            published_at=when,
            is_public=True,
            is_removed=False,
            level=level,
            order=order,
            nested_count=nested,
            followup=False,
        )

    def store(self) -> None:
        comments = [comment for comment, _thread, _parent in self.pending]
        store_inherited(
            comments, (BaseComment, XtdComment, Comment), then=self.link_threads
        )

    def link_threads(self) -> None:
        """Each comment's root and parent, by the keys the rows were given."""
        for comment, thread, parent in self.pending:
            comment.thread_id = thread[0].pk
            comment.parent_id = comment.pk if parent is None else thread[parent].pk


def store_inherited(objects: list, chain: tuple, then=None) -> None:
    """Insert objects of a model inherited over tables: the first table's rows
    with bulk_create, which gives the keys, then (after `then()`, which may
    set fields from the keys) each later table's rows. bulk_create refuses
    models inherited over tables."""
    base, *later = chain
    fields = [
        field for field in base._meta.local_concrete_fields if not field.primary_key
    ]
    rows = base.objects.bulk_create(
        [
            base(**{f.attname: getattr(obj, f.attname) for f in fields})
            for obj in objects
        ],
        batch_size=BATCH,
    )
    for obj, row in zip(objects, rows, strict=True):
        setattr(obj, base._meta.pk.attname, row.pk)
        for model in later:
            setattr(obj, model._meta.pk.attname, row.pk)
        obj._state.adding = False
    if then is not None:
        then()
    for model in later:
        insert_rows(model, objects)


def insert_rows(model, objects: list) -> None:
    """The rows of `model`'s own table for `objects`, whose keys are set."""
    for start in range(0, len(objects), BATCH):
        model._base_manager._insert(
            objects[start : start + BATCH],
            fields=model._meta.local_concrete_fields,
            raw=True,
        )
