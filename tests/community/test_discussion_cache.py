"""A discussion is rendered once per change and kept in the shared cache: its
page costs the same few queries with ten times the comments, each reader gets
their own controls around the stored part, and every kind of change renders
that discussion anew and leaves the others stored."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from blog.models import ProducersIndexPage
from community.discussions import caching, reading
from community.discussions.models import Reaction
from community.moderation.actions import APPROVE, MARK_SPAM, REJECT, act
from community.privacy.deletion import KEEP, delete_member
from home.page_cache.tags import activity_tag, current_versions, tag_for
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    ProducerPageFactory,
    add_comment,
    build_site,
    long_thread,
    make_draft,
    member,
    publish,
    staff,
)

pytestmark = pytest.mark.django_db

# The post page's own queries (routing, settings, the post's authors,
# categories, tags, related posts and producers), with the discussion stored.
PAGE_QUERIES = 7
# A member's session, user and profile (the header). The admin's bar, and its
# permission lookups, are for the team only.
MEMBER_QUERIES = 3
# A member's own reactions and waiting comments here: read after any purge,
# remembered by each process until the next.
OWN_STATE = 1
# After any purge a process finds an address's site and page anew: the site,
# its root page, the two levels' lookups and the page.
ROUTE_WALK = 5
# Rendering a page of threads anew: the threads with the counts of the pager
# and the header, the comments with their reactions, and their authors.
THREADS_RENDERED = 3
# Rendering a page of one thread anew: its comments with their counts and
# reactions, and their authors.
THREAD_PAGE_RENDERED = 2


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_REACTION_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def blog():
    __, blog, __ = build_site()
    return blog


@pytest.fixture
def people():
    return [member(f"Person Nummer{n}", f"person{n}@example.org") for n in range(4)]


@pytest.fixture
def changing(django_capture_on_commit_callbacks):
    """Make changes as a request does: purges run when they commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def threads(post, count, people, replies=9):
    """`count` threads of a root and `replies` replies each on `post`."""
    for __ in range(count):
        long_thread(post, replies, people)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return captured


def render_anew(target, changing):
    with changing():
        caching.forget(target)


# Queries


@pytest.mark.parametrize("logged_in", [False, True])
@pytest.mark.usefixtures("rendered")
def test_200_comments_cost_the_same_queries_as_2000(
    client, blog, people, changing, logged_in
):
    small = BlogPageFactory(parent=blog)
    large = BlogPageFactory(parent=blog)
    threads(small, 20, people)
    threads(large, 200, people)
    if logged_in:
        client.force_login(member("Anna Berger"))
    own = MEMBER_QUERIES + OWN_STATE if logged_in else 0
    own_state = OWN_STATE if logged_in else 0
    for post in (small, large):
        queries(client, post.url)  # renditions and the site's caches
        render_anew(post, changing)
        assert len(queries(client, post.url)) == (
            PAGE_QUERIES + own + THREADS_RENDERED + ROUTE_WALK
        )
        assert len(queries(client, post.url)) == PAGE_QUERIES + own - own_state


@pytest.mark.parametrize("logged_in", [False, True])
@pytest.mark.usefixtures("rendered")
def test_a_page_of_a_1000_reply_thread_costs_the_same_as_of_10000(
    client, blog, people, changing, logged_in
):
    small = BlogPageFactory(parent=blog)
    large = BlogPageFactory(parent=blog)
    small_root, __ = long_thread(small, 1000, people)
    large_root, __ = long_thread(large, 10000, people)
    if logged_in:
        client.force_login(member("Anna Berger"))
    own = MEMBER_QUERIES + OWN_STATE if logged_in else 0
    own_state = OWN_STATE if logged_in else 0
    for post, root in ((small, small_root), (large, large_root)):
        url = f"{post.url}?thread={root.pk}&tpage=7"
        queries(client, url)
        render_anew(post, changing)
        rendered = len(queries(client, url))
        assert rendered == PAGE_QUERIES + own + THREAD_PAGE_RENDERED + ROUTE_WALK
        assert len(queries(client, url)) == PAGE_QUERIES + own - own_state


def test_a_stored_discussion_reads_no_comment_author_or_reaction(client, blog, people):
    post = BlogPageFactory(parent=blog)
    threads(post, 3, people, replies=3)
    client.get(post.url)

    sql = " ".join(query["sql"] for query in queries(client, post.url))

    for table in ("community_comment", "community_reaction", "auth_user"):
        assert table not in sql


@pytest.mark.parametrize("number", ["3", "9223372036854775807", "abc"])
def test_a_page_past_the_last_shows_the_last(client, blog, people, settings, number):
    settings.COMMUNITY_THREADS_PER_PAGE = 2
    post = BlogPageFactory(parent=blog)
    for n in range(3):
        add_comment(post, people[n], f"Faden {n}")

    html = client.get(f"{post.url}?cpage={number}").content.decode()

    shown = "Faden 0" if number == "abc" else "Faden 2"
    assert shown in html
    assert '<span class="discussion__count">(3)</span>' in html


# What each reader gets


def test_guests_get_the_same_links_as_before_and_no_form(client, blog, people):
    post = BlogPageFactory(parent=blog)
    root = add_comment(post, people[0], "Wie lange reift der Käse?")
    guest = add_comment(post, None, "Drei Monate", parent=root, name="Gerda")
    Reaction.objects.create(comment=guest, user=people[1], kind="helpful")

    html = client.get(f"{post.url}?cpage=1").content.decode()

    assert f'href="?cpage=1&amp;reply_to={root.pk}#comment-form"' in html
    assert 'Reply<span class="visually-hidden"> to Person Nummer0</span>' in html
    report = reverse("community_report", args=["comment", guest.pk])
    assert f'<a class="comment__report" href="{report}" rel="nofollow">' in html
    login = reverse("account_login")
    assert f'href="{login}?next={post.url}%3Fcpage%3D1%23c{guest.pk}"' in html
    assert '<span class="reaction__count">1</span>' in html
    assert "/edit/" not in html
    assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in client.cookies
    assert "<!--reader:" not in html


def test_each_member_gets_their_own_controls_around_the_stored_part(
    client, blog, people
):
    post = BlogPageFactory(parent=blog)
    anna, bernd = people[0], people[1]
    mine = add_comment(post, anna, "Mein Kommentar")
    theirs = add_comment(post, bernd, "Sein Kommentar")
    Reaction.objects.create(comment=theirs, user=anna, kind="thanks")

    client.force_login(anna)
    annas = client.get(post.url).content.decode()
    client.force_login(bernd)
    bernds = client.get(post.url).content.decode()

    edit = reverse("community_comment_edit", args=[mine.pk])
    assert annas.count(edit) == 1 and edit not in bernds
    react = reverse("community_comment_react", args=[theirs.pk])
    assert react in annas and react not in bernds
    pressed = re.search(
        rf'action="{react}".*?name="kind" value="thanks" aria-pressed="(\w+)"',
        annas,
        re.S,
    )
    assert pressed.group(1) == "true"
    assert 'name="csrfmiddlewaretoken"' in annas
    # Bernd's own comment shows Anna's thanks as a count he cannot press.
    assert '<span class="reaction reaction--static">Thanks' in bernds


def test_a_member_sees_their_waiting_comment_and_nobody_else_does(client, blog, people):
    post = BlogPageFactory(parent=blog)
    add_comment(post, people[1], "Öffentlich")
    add_comment(post, people[0], "Wartet noch", is_public=False)
    client.get(post.url)  # the shared part is stored

    client.force_login(people[0])
    own = client.get(post.url).content.decode()
    client.logout()
    guest = client.get(post.url).content.decode()

    assert "Wartet noch" in own and "only you can see this" in own
    assert "Öffentlich" in own
    assert "Wartet noch" not in guest


# Every kind of change renders its discussion anew, and only that one


@pytest.fixture
def two_posts(client, blog, people):
    """Two posts with a comment each, both discussions stored."""
    post = BlogPageFactory(parent=blog)
    other = BlogPageFactory(parent=blog)
    comment = add_comment(post, people[0], "Erster Kommentar")
    add_comment(other, people[0], "Woanders")
    for page in (post, other):
        client.get(page.url)
    return post, other, comment


def stored_for(target):
    """The stored first page of `target`'s discussion, oldest first, or None."""
    view = reading.view_of(RequestFactory().get("/"))
    with translation.override("en"):
        key = caching.fragment_key(
            target, [view.get(name, "") for name in reading.VIEW_PARAMETERS]
        )
    return caching.stored(key)


def assert_only(post, other, change, client, changing, shows, counted=True):
    """After `change`, `post` shows `shows`; `other` stays stored, and only
    `post`'s discussion has a new version, with the listings that count its
    comments when the change is `counted`. The post's story stays stored."""
    tags = [
        tag
        for page in (post, other)
        for tag in (
            caching.discussion_tag(page),
            activity_tag(tag_for(page)),
            tag_for(page),
        )
    ]
    before = current_versions(tags)
    with changing():
        change()
    after = current_versions(tags)
    changed = {tag for tag in tags if after[tag] != before[tag]}
    assert stored_for(other) is not None
    assert stored_for(post) is None
    assert changed == {
        caching.discussion_tag(post),
        *([activity_tag(tag_for(post))] if counted else []),
    }
    assert shows(client.get(post.url).content.decode())


def test_a_new_comment(client, two_posts, people, changing):
    post, other, __ = two_posts
    assert_only(
        post,
        other,
        lambda: add_comment(post, people[1], "Neuer Kommentar"),
        client,
        changing,
        lambda html: "Neuer Kommentar" in html,
    )


def test_an_edited_comment(client, two_posts, people, changing):
    post, other, comment = two_posts
    client.force_login(people[0])
    url = reverse("community_comment_edit", args=[comment.pk])
    assert_only(
        post,
        other,
        lambda: client.post(url, {"comment": "Nachgebessert"}),
        client,
        changing,
        lambda html: "Nachgebessert" in html and "Erster Kommentar" not in html,
    )


def test_a_deleted_comment(client, two_posts, people, changing):
    post, other, comment = two_posts
    client.force_login(people[0])
    url = reverse("community_comment_delete", args=[comment.pk])
    assert_only(
        post,
        other,
        lambda: client.post(url),
        client,
        changing,
        lambda html: "Deleted comment" in html and "Erster Kommentar" not in html,
    )


@pytest.mark.parametrize("action", [REJECT, MARK_SPAM])
def test_a_rejected_or_spam_comment(client, two_posts, changing, action):
    post, other, comment = two_posts
    moderator = staff("Mona Moderator", superuser=True)
    assert_only(
        post,
        other,
        lambda: act(action, {"comment": [comment.pk]}, moderator),
        client,
        changing,
        lambda html: "Erster Kommentar" not in html,
    )


def test_an_approved_comment(client, two_posts, people, changing):
    post, other, __ = two_posts
    held = add_comment(post, people[1], "Endlich frei", is_public=False)
    client.get(post.url)
    moderator = staff("Mona Moderator", superuser=True)
    assert_only(
        post,
        other,
        lambda: act(APPROVE, {"comment": [held.pk]}, moderator),
        client,
        changing,
        lambda html: "Endlich frei" in html,
    )


def test_a_reaction_given_and_taken_back(client, two_posts, people, changing):
    post, other, comment = two_posts
    client.force_login(people[1])
    url = reverse("community_comment_react", args=[comment.pk])
    for count in ("1", ""):
        assert_only(
            post,
            other,
            lambda: client.post(url, {"kind": "helpful"}),
            client,
            changing,
            lambda html, count=count: (
                re.search(
                    r'value="helpful" aria-pressed="\w+">.*?data-reaction-count>(\d*)<',
                    html,
                    re.S,
                ).group(1)
                == count
            ),
            # Listings count comments, not reactions: they stay stored.
            counted=False,
        )


def test_a_member_changes_their_public_name(client, two_posts, people, changing):
    post, other, __ = two_posts
    add_comment(other, people[2], "Jemand anderes")
    client.get(other.url)
    profile = people[0].profile

    def rename():
        profile.display_name = "Anna Neuname"
        profile.save()

    with changing():
        rename()
    assert "Anna Neuname" in client.get(post.url).content.decode()
    assert "Anna Neuname" in client.get(other.url).content.decode()
    # A discussion where the member did not write stays stored.
    third = BlogPageFactory(parent=post.get_parent())
    add_comment(third, people[3], "Ganz woanders")
    client.get(third.url)
    with changing():
        profile.display_name = "Anna Zweitname"
        profile.save()
    assert stored_for(third) is not None


def test_a_member_changes_only_their_mail_language(client, two_posts, changing):
    post, other, comment = two_posts
    profile = comment.user.profile
    with changing():
        profile.language = "de"
        profile.save(update_fields=["language"])
    assert stored_for(post) is not None


def test_a_staff_author_renamed(client, two_posts, changing):
    post, other, __ = two_posts
    clerk = staff("Karl Theke")
    author = AuthorFactory(name="Karl vom Käse", user=clerk)
    with changing():
        add_comment(post, clerk, "Von der Theke")
    assert "Karl vom Käse" in client.get(post.url).content.decode()

    def rename():
        author.name = "Karl vom Hofladen"
        author.save()

    assert_only(
        post,
        other,
        rename,
        client,
        changing,
        lambda html: "Karl vom Hofladen" in html and "Karl vom Käse" not in html,
    )


def test_a_deleted_account(client, two_posts, people, changing):
    post, other, __ = two_posts
    leaving = people[1]
    with changing():
        add_comment(post, leaving, "Ich gehe bald")
    assert_only(
        post,
        other,
        lambda: delete_member(leaving, KEEP),
        client,
        changing,
        lambda html: "Ich gehe bald" in html and "Person Nummer1" not in html,
    )


def test_a_producers_page_renamed_or_taken_offline_changes_its_badge(
    client, two_posts, people, changing
):
    post, other, __ = two_posts
    producers = ProducersIndexPage.objects.get()
    farm = publish(ProducerPageFactory(parent=producers, title="Hofkäserei Wendt"))
    speaker = people[2]
    speaker.profile.producer = farm
    with changing():
        speaker.profile.save()
        add_comment(post, speaker, "Frisch aus dem Keller")
    assert "Hofkäserei Wendt" in client.get(post.url).content.decode()

    def rename():
        farm.title = "Käserei Wendt & Töchter"
        publish(farm)

    assert_only(
        post,
        other,
        rename,
        client,
        changing,
        lambda html: "Käserei Wendt &amp; Töchter" in html,
    )
    with changing():
        make_draft(farm)
    assert "Käserei Wendt" not in client.get(post.url).content.decode()
