"""The load benchmark's large demo: its shape, not its speed."""

import random
from collections import defaultdict

from django.db import connection
from django.test import TestCase
from wagtail.models import Page

from bench import site_pages
from bench.bulk import thread_shape
from bench.large_demo import (
    BIG_POST_SLUG,
    LONG_THREAD_SLUG,
    Size,
    benchmark_member,
    build,
    discussed,
    landmarks,
)
from blog.models import BlogIndexPage, BlogPage
from community.models import Comment, Topic
from shop_link.models import Product

TINY = Size(
    posts=12, products=6, comments=400, topics=5, members=8, big_post=40, long_thread=60
)


def test_a_thread_is_numbered_depth_first_as_xtd_numbers_it():
    shape = thread_shape(300, random.Random(7), max_level=3)
    parents = [parent for parent, _level, _order, _nested in shape]
    levels = [level for _parent, level, _order, _nested in shape]
    orders = [order for _parent, _level, order, _nested in shape]

    assert shape[0][:3] == (None, 0, 1)
    assert sorted(orders) == list(range(1, 301))
    assert max(levels) == 3
    for number, (parent, level, order, nested) in enumerate(shape[1:], start=1):
        assert levels[parent] + 1 == level
        # Everything below a comment follows it directly in the thread's order.
        below = [n for n in range(300) if is_below(n, number, parents)]
        assert nested == len(below)
        assert sorted(orders[n] for n in below) == list(
            range(order + 1, order + 1 + nested)
        )
        # A reply comes after the replies its parent already had.
        earlier = [n for n in range(1, number) if parents[n] == parent]
        assert all(orders[n] < order for n in earlier)


def is_below(node, ancestor, parents):
    """Whether `node` is a reply below `ancestor`, at any depth."""
    node = parents[node]
    while node is not None:
        if node == ancestor:
            return True
        node = parents[node]
    return False


class LargeDemoTests(TestCase):
    """The builder at a tiny size, once for all of these."""

    @classmethod
    def setUpTestData(cls):
        build(TINY)

    def test_the_large_demo_holds_what_its_size_asks_for(self):
        blog = BlogIndexPage.objects.get()

        assert BlogPage.objects.live().child_of(blog).count() >= TINY.posts
        assert Product.objects.count() >= TINY.products
        assert Topic.objects.published().count() >= TINY.topics
        assert Comment.objects.public().count() >= TINY.comments
        assert Page.find_problems() == ([], [], [], [], [])
        big = BlogPage.objects.get(slug=BIG_POST_SLUG)
        assert Comment.objects.on(big).public().count() == TINY.big_post
        long_post = BlogPage.objects.get(slug=LONG_THREAD_SLUG)
        threads = Comment.objects.on(long_post).values_list("thread_id", flat=True)
        assert len(threads) == TINY.long_thread
        assert len(set(threads)) == 1

    def test_the_query_planner_has_statistics_of_the_comments(self):
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'django_comments'"
                )
            else:
                cursor.execute(
                    "SELECT count(*) FROM pg_stats WHERE tablename = 'django_comments'"
                )
            assert cursor.fetchone()[0] > 0

    def test_every_comment_sits_in_its_thread_as_xtd_would_have_put_it(self):
        comments = {c.pk: c for c in Comment.objects.all()}
        threads = defaultdict(list)
        for comment in comments.values():
            threads[comment.thread_id].append(comment)

        for thread_id, members in threads.items():
            root = comments[thread_id]
            assert (root.level, root.order, root.parent_id) == (0, 1, root.pk)
            orders = sorted(c.order for c in members)
            assert orders == list(range(1, len(members) + 1))
            assert root.nested_count == len(members) - 1
        for comment in comments.values():
            if comment.level:
                parent = comments[comment.parent_id]
                assert parent.thread_id == comment.thread_id
                assert parent.level + 1 == comment.level
                assert parent.order < comment.order
                assert (parent.content_type_id, parent.object_pk) == (
                    comment.content_type_id,
                    comment.object_pk,
                )

    def test_the_pages_the_benchmark_reads_answer_readers_and_the_member(self):
        paths = landmarks()
        anonymous = {
            name: self.client.get(path).status_code for name, path in paths.items()
        }
        self.client.force_login(benchmark_member())
        member = {
            name: self.client.get(path).status_code for name, path in paths.items()
        }

        assert set(paths) == {
            "home",
            "blog index",
            "post, 200 comments",
            "thread, 1,000 comments",
            "product",
            "board",
        }
        assert set(anonymous.values()) == {200}
        assert set(member.values()) == {200}

    def test_the_post_shows_its_comments_and_the_thread_page_its_thread(self):
        paths = landmarks()
        big = BlogPage.objects.get(slug=BIG_POST_SLUG)
        some_reply = Comment.objects.on(big).filter(level=2).first()
        long_post = BlogPage.objects.get(slug=LONG_THREAD_SLUG)
        late = Comment.objects.on(long_post).get(order=50)

        post = self.client.get(paths["post, 200 comments"]).content.decode()
        thread = self.client.get(paths["thread, 1,000 comments"]).content.decode()

        assert big.title in post
        assert f'id="c{some_reply.pk}"' in post
        assert f'id="c{late.pk}"' in thread

    def test_a_new_comment_leaves_the_story_stored_for_the_next_reader(self):
        path = landmarks()["post, 200 comments"]
        post = discussed()["post, 200 comments"]
        cookie = site_pages.member_cookie()

        after_comment, member, rebuilt, _seconds = site_pages.count_queries(
            path, cookie, 60.0, post
        )

        assert set(discussed()) == {
            "post, 200 comments",
            "thread, 1,000 comments",
            "product",
        }
        # The story, its head and related posts stay stored: only the
        # discussion is rendered again.
        assert 0 < after_comment < rebuilt
        assert member > 0
