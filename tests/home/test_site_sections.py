"""The site's sections (its blog, catalogue, board) and its menu come from the
shared cache, and are looked up again as soon as pages or their access change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from blog.models import BlogIndexPage
from home.navigation import live_page, main_menu
from tests.factories import build_site, links_of, make_draft, make_private, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    home, blog, producers = build_site()
    for section in (blog, producers):
        section.show_in_menus = True
        publish(section)
    return {"site": Site.objects.get(is_default_site=True), "blog": blog}


def test_a_section_is_looked_up_once_until_pages_change(site):
    assert live_page(BlogIndexPage, site["site"]).pk == site["blog"].pk

    with CaptureQueriesContext(connection) as queries:
        assert live_page(BlogIndexPage, site["site"]).pk == site["blog"].pk
    assert len(queries) == 0

    make_draft(site["blog"])
    assert live_page(BlogIndexPage, site["site"]) is None


def test_a_site_without_the_section_is_remembered_too(site):
    site["blog"].delete()
    assert live_page(BlogIndexPage, site["site"]) is None

    with CaptureQueriesContext(connection) as queries:
        assert live_page(BlogIndexPage, site["site"]) is None
    assert len(queries) == 0


def test_a_section_made_private_leaves_the_menu_and_the_home_page(client, site):
    blog = site["blog"]
    assert links_of(client.get("/")).to(blog.url)

    make_private(blog)

    assert not links_of(client.get("/")).to(blog.url)
    assert live_page(BlogIndexPage, site["site"]) is None
    assert live_page(BlogIndexPage, public=False).pk == blog.pk


def test_a_section_made_public_again_comes_back(rf, site):
    blog = site["blog"]
    make_private(blog)
    request = rf.get("/")
    assert blog.url not in [item["url"] for item in main_menu(request)]

    PageViewRestriction.objects.filter(page=blog).delete()

    assert blog.url in [item["url"] for item in main_menu(request)]
    assert live_page(BlogIndexPage, site["site"]).pk == blog.pk
