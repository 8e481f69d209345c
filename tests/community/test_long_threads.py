"""A long thread stays usable: its discussion page shows the first replies and
a link, its own view shows all of them page by page, in fixed queries."""

import re

import pytest

from community.discussions.threads import comment_url
from tests.factories import (
    BlogPageFactory,
    add_comment,
    build_site,
    long_thread,
    member,
    queries_to_render,
)

pytestmark = pytest.mark.django_db

SHOWN = 20
PAGE_SIZE = 100
NODE = re.compile(r'<li class="comment comment--level-\d[^"]*" id="c(\d+)"')


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_REPLIES_SHOWN = SHOWN
    settings.COMMUNITY_THREAD_PAGE_SIZE = PAGE_SIZE
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def blog():
    __, blog, __ = build_site()
    return blog


@pytest.fixture
def people():
    return [member(f"Person Nummer{n}", f"person{n}@example.org") for n in range(4)]


def ids_on(html):
    return [int(pk) for pk in NODE.findall(html)]


def test_a_long_thread_shows_its_first_replies_and_a_link_to_all(client, blog, people):
    post = BlogPageFactory(parent=blog)
    root, replies = long_thread(post, 1000, people)
    short_root = add_comment(post, people[1], "Kurzer Faden")
    add_comment(post, people[2], "Einzige Antwort", parent=short_root)

    html = client.get(post.url).content.decode()

    shown = ids_on(html)
    assert shown[: SHOWN + 1] == [root.pk] + [reply.pk for reply in replies[:SHOWN]]
    assert len([pk for pk in shown if pk != short_root.pk]) <= SHOWN + 2
    assert f'id="c{replies[SHOWN].pk}"' not in html
    assert "Show all 1000 replies" in html
    assert f'href="?thread={root.pk}#thread"' in html
    # A thread that is shown whole links nowhere.
    assert html.count("Show all") == 1
    assert "Einzige Antwort" in html


def test_the_thread_view_pages_through_all_replies(client, blog, people):
    post = BlogPageFactory(parent=blog)
    root, replies = long_thread(post, 1000, people)
    seen = []
    pages = (1001 + PAGE_SIZE - 1) // PAGE_SIZE
    for number in range(1, pages + 1):
        html = client.get(f"{post.url}?thread={root.pk}&tpage={number}").content
        html = html.decode()
        on_page = ids_on(html)
        assert 0 < len(on_page) <= PAGE_SIZE
        seen += on_page
        assert "Back to the whole discussion" in html
        assert "Pages of this thread" in html
        assert f"tpage={pages}" in html
        assert "Show all" not in html
    assert seen == [root.pk] + [reply.pk for reply in replies]


def test_replies_whose_parent_is_on_an_earlier_page_head_the_page(client, blog, people):
    post = BlogPageFactory(parent=blog)
    root, replies = long_thread(post, 150, people)
    html = client.get(f"{post.url}?thread={root.pk}&tpage=2").content.decode()
    # Reply 100 (index 99) answers reply 99 on page 1: it stands at the top.
    first = replies[PAGE_SIZE - 1]
    assert first.parent_id == replies[PAGE_SIZE - 2].pk
    top = html.split('<ol class="comments" id="comments" role="list">', 1)[1]
    assert top.lstrip().startswith(
        f'<li class="comment comment--level-2" id="c{first.pk}"'
    )


def test_a_thread_of_another_page_or_a_bad_number_shows_the_discussion(
    client, blog, people
):
    post = BlogPageFactory(parent=blog)
    other = BlogPageFactory(parent=blog)
    root, __ = long_thread(post, 30, people)
    foreign = add_comment(other, people[0], "Anderswo")
    for query in (f"thread={foreign.pk}", "thread=abc", f"thread={root.pk + 5}"):
        html = client.get(f"{post.url}?{query}").content.decode()
        assert "Show all 30 replies" in html
        assert "Back to the whole discussion" not in html


# The discussion, and one thread's page of it: the post page's own; the
# threads come rendered from the shared cache (tests/community/
# test_discussion_cache.py counts rendering them anew).
DISCUSSION_QUERIES = 7
THREAD_PAGE_QUERIES = 7
# A member's session, user and profile (the admin's bar is for the team only).
# Their own reactions and waiting comments on the page each process remembers
# while nothing was purged: read on the first visits.
MEMBER_QUERIES = 3


@pytest.mark.parametrize("logged_in", [False, True])
@pytest.mark.usefixtures("rendered")
def test_a_long_thread_renders_in_the_same_queries_as_a_shorter_one(
    client, blog, people, logged_in
):
    short_post = BlogPageFactory(parent=blog)
    long_post = BlogPageFactory(parent=blog)
    short_root, __ = long_thread(short_post, 100, people)
    long_root, __ = long_thread(long_post, 1000, people)
    if logged_in:
        client.force_login(member("Anna Berger"))
    # Twice: the first views make the shop's settings, which purges every page
    # and what a process remembers of addresses.
    for _ in range(2):
        for post, root in ((short_post, short_root), (long_post, long_root)):
            queries_to_render(client, post.url)
            queries_to_render(client, f"{post.url}?thread={root.pk}")
        queries_to_render(client, f"{long_post.url}?thread={long_root.pk}&tpage=7")
    member_queries = MEMBER_QUERIES if logged_in else 0
    assert (
        queries_to_render(client, short_post.url)
        == queries_to_render(client, long_post.url)
        == DISCUSSION_QUERIES + member_queries
    )
    assert (
        queries_to_render(client, f"{short_post.url}?thread={short_root.pk}")
        == queries_to_render(client, f"{long_post.url}?thread={long_root.pk}&tpage=7")
        == THREAD_PAGE_QUERIES + member_queries
    )


def test_a_permalink_to_a_late_reply_lands_on_the_page_that_shows_it(
    client, blog, people
):
    post = BlogPageFactory(parent=blog)
    root, replies = long_thread(post, 1000, people)
    reply = replies[899]

    url = comment_url(reply)

    assert url == f"{post.url}?thread={root.pk}&tpage=10#c{reply.pk}"
    html = client.get(url.split("#")[0]).content.decode()
    assert f'id="c{reply.pk}"' in html
    # One of the first replies is shown on the discussion's own page.
    early = replies[SHOWN - 1]
    assert comment_url(early) == f"{post.url}#c{early.pk}"
    assert f'id="c{early.pk}"' in client.get(post.url).content.decode()
