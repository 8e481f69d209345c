import datetime

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from blog.models import Author, BlogCategory
from home.models import HomePage
from shop_link.models import Product
from tests.factories import (
    BASE,
    AuthorFactory,
    BlogPageFactory,
    CategoryFactory,
    ProducerPageFactory,
    ProductFactory,
    build_catalogue,
    build_site,
    make_draft,
    make_private,
    read_sitemap,
    read_sitemap_file,
    read_sitemap_index,
)

SECTIONS = ("pages", "blog", "products")


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
    build_catalogue()

    def add_post():
        BlogPageFactory(
            parent=blog,
            authors=[AuthorFactory(), AuthorFactory()],
            categories_list=[CategoryFactory()],
        )
        ProductFactory()

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = ["/sitemap.xml", *(f"/sitemap-{name}.xml" for name in SECTIONS)]
    add_post()
    for url in urls:
        count(url)  # warm the site cache
    few = {url: count(url) for url in urls}
    for _ in range(5):
        add_post()
    for url in urls:
        count(url)  # the blog and the catalogue looked up again after publishing
    assert {url: count(url) for url in urls} == few


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert read_sitemap_index(client)  # an index, naming the files


def test_robots_txt_may_be_cached(client, db):
    response = client.get("/robots.txt")
    assert "max-age=86400" in response["Cache-Control"]


# --- the index and its sections --------------------------------------------


@pytest.fixture
def shop(live):
    catalogue = build_catalogue()
    products = [ProductFactory(slug=f"kaese-{n}") for n in range(5)]
    return {**live, "catalogue": catalogue, "products": products}


def test_the_sitemap_is_an_index_of_one_file_per_section(client, shop):
    files = read_sitemap_index(client)
    assert list(files) == [f"{BASE}/sitemap-{name}.xml" for name in SECTIONS]
    products = read_sitemap_file(client, f"{BASE}/sitemap-products.xml")
    assert products == {
        f"{BASE}/products/{product.slug}/": local_day(product.synced_at)
        for product in sorted(shop["products"], key=lambda product: product.slug)
    }
    pages = read_sitemap_file(client, f"{BASE}/sitemap-pages.xml")
    assert f"{BASE}/products/" in pages
    assert not any("/blog/category/" in location for location in pages)


def test_each_file_in_the_index_is_dated_by_the_newest_of_its_section(client, shop):
    newest_product = max(product.synced_at for product in shop["products"])
    newest_page = Page.objects.live().aggregate(Max("last_published_at"))
    files = {
        location.removeprefix(BASE): datetime.datetime.fromisoformat(lastmod)
        for location, lastmod in read_sitemap_index(client).items()
    }
    assert files["/sitemap-products.xml"] == newest_product
    assert files["/sitemap-blog.xml"] == shop["post"].last_published_at
    # The catalogue, among the pages, is dated by its newest product.
    assert files["/sitemap-pages.xml"] == max(
        newest_product, newest_page["last_published_at__max"]
    )


@pytest.mark.usefixtures("rendered")
def test_past_the_limit_a_section_is_split_into_numbered_files(client, shop, settings):
    whole = read_sitemap(client)
    settings.SITEMAP_LIMIT = 2
    files = read_sitemap_index(client)
    pages = [location for location in files if "/sitemap-pages.xml" in location]
    assert pages[0] == f"{BASE}/sitemap-pages.xml"
    assert pages[1:] == [
        f"{BASE}/sitemap-pages.xml?p={number}" for number in range(2, len(pages) + 1)
    ]
    assert f"{BASE}/sitemap-products.xml?p=3" in files
    entries = [read_sitemap_file(client, location) for location in files]
    assert all(1 <= len(entry) <= 2 for entry in entries)
    # Every address in exactly one file, none lost or doubled.
    assert sum(len(entry) for entry in entries) == len(whole)
    assert {k: v for entry in entries for k, v in entry.items()} == whole


@pytest.mark.usefixtures("rendered")
@pytest.mark.parametrize(
    "query",
    ["?p=0", "?p=-1", "?p=99999999999999999999999", "?p=abc", "?p=1.5", "?p=", "?p=4"],
)
def test_a_file_past_the_last_or_not_a_number_is_not_found(
    client, shop, settings, query
):
    settings.SITEMAP_LIMIT = 2
    for name in SECTIONS:
        assert client.get(f"/sitemap-{name}.xml{query}").status_code == 404, name
    assert client.get("/sitemap-products.xml?p=3").status_code == 200


def test_a_section_that_does_not_exist_is_not_found(client, shop):
    assert client.get("/sitemap-kunden.xml").status_code == 404


def test_a_section_with_nothing_to_list_is_left_out_of_the_index(client, live):
    assert f"{BASE}/sitemap-products.xml" not in read_sitemap_index(client)


def test_a_full_file_stays_under_the_protocols_50_mb(settings):
    """The longest address Theke can make, SITEMAP_LIMIT times: a host name of
    253 characters and a port, then slugs of their longest, as many as the
    tree rules and the pages' routes (a product, a category, an author) allow
    below the home page. Slugs need no escaping."""
    levels = _levels(HomePage) - 1  # the home page's own slug is in no address
    longest = len("https://") + 253 + len(":65535") + len("/category")
    longest += levels * (_SLUG_LENGTH + 1) + 1
    entry = len("<url><loc></loc><lastmod>2026-01-01</lastmod></url>") + longest
    assert settings.SITEMAP_LIMIT * entry < 50 * 1000 * 1000


_SLUG_LENGTH = max(
    Page._meta.get_field("slug").max_length,
    Product._meta.get_field("slug").max_length,
    BlogCategory._meta.get_field("slug").max_length,
    Author._meta.get_field("slug").max_length,
)


def _levels(page_type, seen=()) -> int:
    """How many slugs the longest address at or below a page of `page_type`
    has: its own, those of the pages the tree rules allow below it, or one
    of its routes."""
    below = [
        _levels(child, (*seen, page_type))
        for child in page_type.allowed_subpage_models()
        if child not in seen and child is not page_type
    ]
    routed = 1 if issubclass(page_type, RoutablePageMixin) else 0
    return 1 + max([routed, *below])
