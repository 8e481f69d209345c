import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    BASE,
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    ProducerPageFactory,
    build_site,
    make_draft,
    make_private,
    read_sitemap,
)


def local_day(moment):
    """The day a sitemap gives for a moment: the shop's own, not UTC's."""
    return timezone.localdate(moment).isoformat()


@pytest.fixture
def site(db):
    return build_site()


@pytest.fixture
def live(site):
    home, blog, producers = site
    author = AuthorFactory(name="Greta Hansen")
    category = CategoryFactory(name="Neues vom Hof", slug="neues-vom-hof")
    post = BlogPageFactory(parent=blog, authors=[author], categories_list=[category])
    producer = ProducerPageFactory(parent=producers, title="Hof Lindenau")
    return {"post": post, "producer": producer, "blog": blog, "producers": producers}


def test_the_sitemap_lists_every_live_page_with_its_lastmod(client, live):
    sitemap = read_sitemap(client)
    for page in (live["post"], live["producer"], live["blog"], live["producers"]):
        assert BASE + page.url in sitemap
        assert sitemap[BASE + page.url] == local_day(page.last_published_at)
    assert BASE + "/" in sitemap


def test_the_sitemap_lists_categories_and_authors_dated_by_their_newest_post(
    client, live
):
    sitemap = read_sitemap(client)
    newest = local_day(live["post"].last_published_at)
    assert sitemap[BASE + "/blog/category/neues-vom-hof/"] == newest
    assert sitemap[BASE + "/blog/author/greta-hansen/"] == newest
    assert sitemap[BASE + "/blog/"] == newest


def test_every_sitemap_entry_has_a_valid_lastmod(client, live):
    for location, lastmod in read_sitemap(client).items():
        assert lastmod, location
        datetime.date.fromisoformat(lastmod)


def test_drafts_and_private_pages_are_not_in_the_sitemap(client, live):
    blog, producers = live["blog"], live["producers"]
    hidden_author = AuthorFactory(name="Nur Entwurf")
    hidden_category = CategoryFactory(name="Geheim", slug="geheim")
    draft = make_draft(
        BlogPageFactory(
            parent=blog, authors=[hidden_author], categories_list=[hidden_category]
        )
    )
    private = make_private(
        BlogPageFactory(
            parent=blog, authors=[hidden_author], categories_list=[hidden_category]
        )
    )
    private_producer = make_private(ProducerPageFactory(parent=producers))
    draft_producer = make_draft(ProducerPageFactory(parent=producers))

    sitemap = read_sitemap(client)
    for page in (draft, private, private_producer, draft_producer):
        assert not any(location.endswith(page.url) for location in sitemap)
    assert BASE + "/blog/category/geheim/" not in sitemap
    assert BASE + "/blog/author/nur-entwurf/" not in sitemap
    assert BASE + live["post"].url in sitemap


def test_the_pages_below_a_private_page_are_not_in_the_sitemap(client, live):
    make_private(live["blog"])
    sitemap = read_sitemap(client)
    assert not any("/blog/" in location for location in sitemap)
    assert BASE + live["producer"].url in sitemap


@pytest.mark.usefixtures("rendered")
def test_sitemap_queries_do_not_grow_with_posts_categories_or_authors(client, site):
    _, blog, _ = site

    def add_post():
        BlogPageFactory(
            parent=blog,
            authors=[AuthorFactory(), AuthorFactory()],
            categories_list=[CategoryFactory()],
        )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries)

    add_post()
    count()  # warm the site cache
    few = count()
    for _ in range(5):
        add_post()
    assert count() == few


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_may_be_cached(client, db):
    response = client.get("/robots.txt")
    assert "max-age=86400" in response["Cache-Control"]
