"""Addresses find their page without walking the page tree each time, and
follow every change of the tree at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.page_cache.tags import purge_everything
from tests.factories import BlogPageFactory, build_site, make_draft, member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    """A member, whose pages are rendered every time (never from the page cache)."""
    client.force_login(member("Jana Petersen"))
    return client


@pytest.fixture
def blog():
    return build_site()[1]


def slug_lookups(client, url) -> tuple[int, int]:
    """The status of `url` and how many queries looked a page up by its slug
    among its parent's children, as Wagtail's routing does level by level."""
    with CaptureQueriesContext(connection) as served:
        status = client.get(url).status_code
    lookups = sum('"wagtailcore_page"."slug" =' in q["sql"] for q in served)
    return status, lookups


def test_an_address_found_once_is_not_looked_up_again(reader, blog):
    post = BlogPageFactory(parent=blog, title="Im Käsekeller")
    reader.get("/")  # makes the shop's settings, which purges every page

    assert slug_lookups(reader, post.url) == (200, 2)  # the blog, then the post
    assert slug_lookups(reader, post.url) == (200, 0)
    purge_everything()
    assert slug_lookups(reader, post.url) == (200, 2)


def test_an_unpublished_page_is_gone_at_once_and_back_when_published(reader, blog):
    post = BlogPageFactory(parent=blog, title="Im Käsekeller")
    assert reader.get(post.url).status_code == 200
    make_draft(post)
    assert reader.get(post.url).status_code == 404
    publish(post)
    assert reader.get(post.url).status_code == 200


def test_a_renamed_page_is_found_at_its_new_address_at_once(reader, blog):
    post = BlogPageFactory(parent=blog, title="Im Käsekeller", slug="kaesekeller")
    old = post.url
    assert reader.get(old).status_code == 200
    post.slug = "reifekeller"
    publish(post)

    assert reader.get(post.url).status_code == 200
    assert post.url != old
    assert reader.get(old).status_code in (301, 302, 404)


def test_a_sub_route_of_a_remembered_page_is_routed_by_it(reader, blog):
    post = BlogPageFactory(parent=blog, title="Im Käsekeller", tag_names=["kaese"])
    for _ in range(2):
        answer = reader.get(f"{blog.url}tag/kaese/")
        assert answer.status_code == 200
        assert post.title in answer.content.decode()
    assert reader.get(f"{blog.url}tag/").status_code == 404


def test_the_home_page_routes_on_every_visit(reader, blog):
    for _ in range(3):
        assert reader.get("/").status_code == 200


def test_a_page_below_a_remembered_one_is_still_found(reader, blog):
    reader.get(blog.url)
    reader.get(blog.url)
    post = BlogPageFactory(parent=blog, title="Neu im Blog")

    assert reader.get(post.url).status_code == 200


def site_lookups(client, url) -> tuple[int, int]:
    """The status of `url` and how many queries read Wagtail's sites."""
    with CaptureQueriesContext(connection) as served:
        status = client.get(url).status_code
    return status, sum('FROM "wagtailcore_site"' in q["sql"] for q in served)


def test_the_site_of_a_host_is_looked_up_once_while_nothing_changes(reader, blog):
    reader.get("/")  # makes the shop's settings, which purges every page

    assert site_lookups(reader, blog.url) == (200, 1)
    assert site_lookups(reader, blog.url) == (200, 0)
    assert site_lookups(reader, "/") == (200, 0)
    purge_everything()
    assert site_lookups(reader, blog.url) == (200, 1)


def test_a_changed_site_is_used_at_once(reader, blog):
    reader.get("/")
    reader.get("/")
    site = Site.objects.get(is_default_site=True)
    assert "Neu im Blog" not in reader.get("/").content.decode()
    BlogPageFactory(parent=blog, title="Neu im Blog")

    site.root_page = blog
    site.save()

    # The blog is the site's root now: its address is the site's own.
    assert "Neu im Blog" in reader.get("/").content.decode()
