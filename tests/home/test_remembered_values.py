"""Small values every page reads from the shared cache (the menu, whether any
page is restricted, the announcements, a member's own state in a discussion)
are kept by each process while nothing was purged anywhere, and read again at
once after any change to them."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from wagtail.models import Site

from community.models import Announcement, Dismissal
from home.navigation import MENU_VERSION_KEY, bump_menu_version, menu_version
from home.page_cache.recent import RequestGenerationMiddleware, remembered
from home.page_cache.tags import purge
from tests.factories import (
    BlogPageFactory,
    build_site,
    links_of,
    make_draft,
    make_private,
    member,
    publish,
)

pytestmark = pytest.mark.django_db


def serving(read):
    """A request handler that answers what `remembered` gives for `read`."""
    return RequestGenerationMiddleware(
        lambda request: HttpResponse(str(remembered("test:value", read)))
    )


def counting():
    reads = []

    def read():
        reads.append(None)
        return len(reads)

    return read


def test_a_value_is_read_once_while_nothing_was_purged(rf):
    handler = serving(counting())

    assert handler(rf.get("/")).content == b"1"
    assert handler(rf.get("/")).content == b"1"

    purge("page:1")

    assert handler(rf.get("/")).content == b"2"
    assert handler(rf.get("/")).content == b"2"


def test_outside_a_request_a_value_is_read_every_time():
    read = counting()

    assert remembered("test:value", read) == 1
    assert remembered("test:value", read) == 2


def test_a_new_menu_version_is_seen_at_once_by_a_process_that_kept_the_old(rf):
    handler = RequestGenerationMiddleware(lambda request: HttpResponse(menu_version()))
    before = handler(rf.get("/")).content.decode()
    assert handler(rf.get("/")).content.decode() == before

    bump_menu_version()

    after = handler(rf.get("/")).content.decode()
    assert after != before
    assert after == cache.get(MENU_VERSION_KEY)


@pytest.fixture
def shop():
    home, blog, producers = build_site()
    blog.show_in_menus = True
    publish(blog)
    return {"home": home, "blog": blog, "site": Site.objects.get()}


@pytest.fixture
def reader(client):
    """A member: their pages are rendered every time, never stored whole."""
    client.force_login(member("Jana Petersen"))
    return client


def test_the_menu_follows_a_section_leaving_and_coming_back(reader, shop):
    blog = shop["blog"]
    assert links_of(reader.get("/")).to(blog.url)
    assert links_of(reader.get("/")).to(blog.url)

    make_draft(blog)
    assert not links_of(reader.get("/")).to(blog.url)

    publish(blog)
    assert links_of(reader.get("/")).to(blog.url)


def test_a_section_made_private_leaves_the_menu_of_a_process_that_kept_it(reader, shop):
    blog = shop["blog"]
    BlogPageFactory(parent=blog, title="Im Käsekeller")
    assert links_of(reader.get("/")).to(blog.url)

    make_private(blog)

    assert not links_of(reader.get("/")).to(blog.url)


def test_a_new_announcement_shows_on_the_next_page(reader, shop):
    assert "Hoffest am Samstag" not in reader.get("/").content.decode()

    Announcement.objects.create(
        text="Hoffest am Samstag", ends_at=timezone.now() + timedelta(days=2)
    )

    assert "Hoffest am Samstag" in reader.get("/").content.decode()


def test_a_members_own_choices_show_at_once_though_the_process_kept_them(client, shop):
    anna = member("Anna Berger")
    client.force_login(anna)
    hoffest = Announcement.objects.create(
        text="Hoffest am Samstag", ends_at=timezone.now() + timedelta(days=2)
    )
    assert "Hoffest am Samstag" in client.get("/").content.decode()
    assert "Hoffest am Samstag" in client.get("/").content.decode()

    Dismissal.objects.create(user=anna, announcement=hoffest)

    assert "Hoffest am Samstag" not in client.get("/").content.decode()
