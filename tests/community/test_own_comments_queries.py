"""A member reading a discussion full of their own fresh comments costs no more
queries than one with a single one: whether each may still be edited is decided
without loading the page again per comment."""

import pytest

from tests.factories import (
    BlogPageFactory,
    add_comment,
    build_site,
    member,
    queries_to_render,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rules(settings):
    """Members are past their first posts and nobody posts too fast."""
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")


def test_own_editable_comments_do_not_add_queries(
    client, post, django_capture_on_commit_callbacks
):
    anna = member("Anna Berger")
    add_comment(post, anna, "Erster Gedanke")
    client.force_login(anna)
    client.get(post.url)  # warm the caches the page reads once
    client.get(post.url)  # and the page its address leads to (settings purged)
    one = queries_to_render(client, post.url)

    with django_capture_on_commit_callbacks(execute=True):
        for number in range(6):
            add_comment(post, anna, f"Noch ein Gedanke {number}")
    page = client.get(post.url).content.decode()
    many = queries_to_render(client, post.url)
    # (the comments purged the page, and so what the process remembered of its
    # address: the request before this one found it anew)

    assert page.count("/edit/") == 7
    assert many == one
