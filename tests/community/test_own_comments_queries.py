"""A member reading a discussion full of their own fresh comments costs no more
queries than one with a single one: whether each may still be edited is decided
without loading the page again per comment."""

import pytest

from tests.community.test_comments import (
    _queries_to_render,
    _rules,  # noqa: F401 - the rules fixture of the comment tests
    add_comment,
    make_member,
    post,  # noqa: F401 - the post fixture of the comment tests
)

pytestmark = pytest.mark.django_db


def test_own_editable_comments_do_not_add_queries(client, post):  # noqa: F811
    anna = make_member("Anna Berger")
    add_comment(post, anna, "Erster Gedanke")
    client.force_login(anna)
    client.get(post.url)  # warm the caches the page reads once
    one = _queries_to_render(client, post.url)

    for number in range(6):
        add_comment(post, anna, f"Noch ein Gedanke {number}")
    page = client.get(post.url).content.decode()
    many = _queries_to_render(client, post.url)

    assert page.count("/edit/") == 7
    assert many == one
