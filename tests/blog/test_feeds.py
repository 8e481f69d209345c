import datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.feeds import FEED_LENGTH
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    build_site,
    make_draft,
    make_private,
)

FEEDS = ["/blog/feed/", "/blog/atom/"]


@pytest.fixture
def blog(db):
    _, blog, _ = build_site()
    return blog


@pytest.fixture
def posts(blog):
    farm = CategoryFactory(name="Neues vom Hof", slug="neues-vom-hof")
    recipes = CategoryFactory(name="Rezepte", slug="rezepte")
    greta = AuthorFactory(name="Greta Hansen")
    ole = AuthorFactory(name="Ole Brandt")
    spring = BlogPageFactory(
        parent=blog,
        title="Der erste Ziegenkäse des Jahres",
        intro="Im Mai kommt der erste Frischkäse von Hof Lindenau.",
        date=datetime.date(2026, 5, 2),
        authors=[greta, ole],
        categories_list=[farm],
    )
    bread = BlogPageFactory(
        parent=blog,
        title="Brot & Butter <richtig> backen",
        intro="Sauerteig braucht Zeit – und drei Zutaten.",
        date=datetime.date(2026, 4, 20),
        updated=datetime.date(2026, 5, 10),
        authors=[ole],
        categories_list=[recipes],
    )
    return {"spring": spring, "bread": bread, "farm": farm}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


def entry(feed, title):
    return next(item for item in feed.entries if item.title == title)


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_are_valid_and_list_posts_newest_first(client, posts, url):
    _, feed = parse(client, url)
    assert [item.title for item in feed.entries] == [
        "Der erste Ziegenkäse des Jahres",
        "Brot & Butter <richtig> backen",
    ]
    assert feed.feed.title == "Theke – Blog"
    assert feed.feed.link == "http://testserver/blog/"


def test_the_feeds_have_their_content_types(client, posts):
    assert client.get("/blog/feed/")["Content-Type"].startswith("application/rss+xml")
    assert client.get("/blog/atom/")["Content-Type"].startswith("application/atom+xml")


@pytest.mark.parametrize("url", FEEDS)
def test_an_item_has_summary_link_guid_and_categories(client, posts, url):
    _, feed = parse(client, url)
    item = entry(feed, "Brot & Butter <richtig> backen")
    assert item.summary == "Sauerteig braucht Zeit – und drei Zutaten."
    assert item.link == "http://testserver" + posts["bread"].url
    assert item.id == "http://testserver" + posts["bread"].url
    assert [tag.term for tag in item.tags] == ["Rezepte"]


@pytest.mark.parametrize("url", FEEDS)
def test_an_item_names_every_author(client, posts, url):
    _, feed = parse(client, url)
    item = entry(feed, "Der erste Ziegenkäse des Jahres")
    assert [author.name for author in item.authors] == ["Greta Hansen", "Ole Brandt"]


def test_atom_authors_link_to_their_pages(client, posts):
    _, feed = parse(client, "/blog/atom/")
    item = entry(feed, "Der erste Ziegenkäse des Jahres")
    assert item.authors[0].href == "http://testserver/blog/author/greta-hansen/"


def test_rss_names_authors_as_creators_not_as_email_authors(client, posts):
    response, _ = parse(client, "/blog/feed/")
    xml = response.content.decode()
    assert "<dc:creator>Greta Hansen</dc:creator>" in xml
    assert "<author>" not in xml


def parsed_time(struct) -> datetime.datetime:
    """A feedparser time, which is always UTC, as an aware datetime."""
    return datetime.datetime(*struct[:6], tzinfo=datetime.UTC)


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@pytest.mark.parametrize("url", FEEDS)
def test_an_item_is_dated_by_the_date_readers_see(client, posts, url):
    _, feed = parse(client, url)
    item = entry(feed, "Brot & Butter <richtig> backen")
    assert parsed_time(item.published_parsed) == local_midnight(
        datetime.date(2026, 4, 20)
    )


def test_an_atom_entry_is_updated_when_its_story_changed(client, posts):
    _, feed = parse(client, "/blog/atom/")
    item = entry(feed, "Brot & Butter <richtig> backen")
    assert parsed_time(item.updated_parsed) == local_midnight(
        datetime.date(2026, 5, 10)
    )
    unchanged = entry(feed, "Der erste Ziegenkäse des Jahres")
    assert unchanged.updated_parsed == unchanged.published_parsed


def test_a_post_published_on_its_date_keeps_the_hour(client, blog):
    post = BlogPageFactory(parent=blog, date=timezone.localdate())
    _, feed = parse(client, "/blog/atom/")
    published = parsed_time(feed.entries[0].published_parsed)
    assert abs(published - post.first_published_at) < datetime.timedelta(seconds=1)


@pytest.mark.parametrize("kind", ["feed", "atom"])
def test_a_category_feed_holds_only_that_category(client, posts, kind):
    _, feed = parse(client, f"/blog/category/neues-vom-hof/{kind}/")
    assert [item.title for item in feed.entries] == ["Der erste Ziegenkäse des Jahres"]
    assert feed.feed.title == "Theke – Blog: Neues vom Hof"
    assert feed.feed.link == "http://testserver/blog/category/neues-vom-hof/"


@pytest.mark.parametrize("kind", ["feed", "atom"])
def test_an_unknown_category_feed_is_not_found(client, posts, kind):
    assert client.get(f"/blog/category/gibt-es-nicht/{kind}/").status_code == 404


@pytest.mark.parametrize("url", FEEDS + ["/blog/category/neues-vom-hof/feed/"])
def test_drafts_and_private_posts_are_not_in_the_feeds(client, posts, blog, url):
    make_draft(
        BlogPageFactory(parent=blog, title="Entwurf", categories_list=[posts["farm"]])
    )
    make_private(
        BlogPageFactory(parent=blog, title="Intern", categories_list=[posts["farm"]])
    )
    _, feed = parse(client, url)
    titles = [item.title for item in feed.entries]
    assert "Entwurf" not in titles
    assert "Intern" not in titles
    assert "Der erste Ziegenkäse des Jahres" in titles


def test_a_feed_holds_the_newest_posts_only(client, blog):
    for _ in range(FEED_LENGTH + 2):
        BlogPageFactory(parent=blog)
    _, feed = parse(client, "/blog/feed/")
    assert len(feed.entries) == FEED_LENGTH


def test_atom_names_the_shop_as_author_of_unsigned_entries(client, blog):
    BlogPageFactory(parent=blog, title="Ohne Namen")
    _, feed = parse(client, "/blog/atom/")
    assert feed.feed.author == "Theke"
    assert "authors" not in feed.entries[0]


@pytest.mark.parametrize("url", FEEDS)
def test_feed_queries_do_not_grow_with_the_number_of_posts(client, blog, url):
    category = CategoryFactory()

    def add_post():
        BlogPageFactory(
            parent=blog,
            authors=[AuthorFactory(), AuthorFactory()],
            categories_list=[category, CategoryFactory()],
        )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add_post()
    count()  # warm the site and settings caches
    few = count()
    for _ in range(6):
        add_post()
    assert count() == few


def test_every_page_links_the_blog_feeds_in_its_head(client, posts):
    html = client.get("/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Theke – Blog (RSS)"'
        ' href="http://testserver/blog/feed/">' in html
    )
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Theke – Blog (Atom)"'
        ' href="http://testserver/blog/atom/">' in html
    )


def test_a_category_page_also_links_its_own_feeds(client, posts):
    html = client.get("/blog/category/neues-vom-hof/").content.decode()
    assert 'href="http://testserver/blog/category/neues-vom-hof/feed/"' in html
    assert 'href="http://testserver/blog/category/neues-vom-hof/atom/"' in html
