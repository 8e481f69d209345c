"""Private sections are left out of listings by the listing's own query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import BlogIndexPage, BlogPage
from home.public_pages import any_restriction, pages
from tests.factories import BlogPageFactory, build_site, make_private

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog():
    return build_site()[1]


def titles(queryset):
    return sorted(page.title for page in queryset)


def test_a_private_page_and_everything_below_it_are_not_public(blog):
    BlogPageFactory(parent=blog, title="Offen")
    hidden = BlogPageFactory(parent=blog, title="Nur für Mitglieder")
    make_private(hidden)

    assert titles(BlogPage.objects.live().public()) == ["Offen"]
    assert titles(BlogPage.objects.live().not_public()) == ["Nur für Mitglieder"]
    make_private(blog)
    assert titles(BlogPage.objects.live().public()) == []
    assert titles(BlogIndexPage.objects.live().public()) == []


def test_a_private_section_hides_nothing_outside_it():
    _, blog, producers = build_site()
    BlogPageFactory(parent=blog, title="Offen")
    make_private(producers)

    assert titles(pages().type(BlogPage).live().public()) == ["Offen"]
    assert [p.pk for p in pages().live().not_public()] == [producers.pk]


def test_public_costs_no_query_of_its_own_while_no_page_is_restricted(blog):
    BlogPageFactory(parent=blog)
    BlogPageFactory(parent=blog)
    any_restriction()  # the shared cache knows there is none

    with CaptureQueriesContext(connection) as queries:
        assert len(list(BlogPage.objects.live().public())) == 2
        assert len(list(pages().live().public().type(BlogPage))) == 2

    assert len(queries) == 2


def test_a_new_restriction_is_noticed_at_once(blog):
    BlogPageFactory(parent=blog)
    hidden = BlogPageFactory(parent=blog)
    assert len(list(BlogPage.objects.live().public())) == 2
    make_private(hidden)
    assert [p.pk for p in BlogPage.objects.live().public()] != []
    assert hidden.pk not in [p.pk for p in BlogPage.objects.live().public()]


@pytest.mark.usefixtures("rendered")
def test_serving_a_page_checks_no_restriction_while_there_is_none(client, blog):
    post = BlogPageFactory(parent=blog, title="Offen")
    client.get(post.url)
    with CaptureQueriesContext(connection) as served:
        assert client.get(post.url).status_code == 200
    read = " ".join(query["sql"] for query in served.captured_queries)

    assert served.captured_queries
    assert "wagtailcore_pageviewrestriction" not in read


def test_a_page_below_a_restricted_one_asks_to_log_in_at_once(client, blog):
    post = BlogPageFactory(parent=blog, title="Nur für Mitglieder")
    assert client.get(post.url).status_code == 200
    make_private(blog)

    answer = client.get(post.url)
    assert answer.status_code == 302
    assert "/login/" in answer["Location"]
    assert post.get_view_restrictions().count() == 1
