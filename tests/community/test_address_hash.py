"""No client address is stored; a keyed hash only when the site keeps one, and
only for as many days as it says."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from community.models import Comment
from tests.factories import (
    BlogPageFactory,
    add_comment,
    build_site,
    form_data,
    member,
)

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.9"


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog)


def post_as_member(client, post, address=ADDRESS):
    client.force_login(member("Anna Berger"))
    client.post("/comments/post/", form_data(post), REMOTE_ADDR=address)
    return Comment.objects.get()


def test_by_default_neither_address_nor_hash_is_stored(client, post):
    comment = post_as_member(client, post)

    assert comment.ip_address is None
    assert comment.address_hash == ""


def test_a_keyed_hash_and_never_the_address_is_kept_when_switched_on(
    client, settings, post
):
    settings.COMMUNITY_KEEP_ADDRESS_HASH_DAYS = 7

    comment = post_as_member(client, post)

    assert comment.ip_address is None
    assert len(comment.address_hash) == 64
    assert ADDRESS not in comment.address_hash
    stored = Comment.objects.filter(pk=comment.pk).values()[0]
    assert not any(ADDRESS in str(value) for value in stored.values())


def test_the_hash_is_keyed_with_the_secret_key(client, settings, post):
    settings.COMMUNITY_KEEP_ADDRESS_HASH_DAYS = 7
    from django.test import RequestFactory

    from community.discussions.comments import address_hash

    request = RequestFactory().get("/", REMOTE_ADDR=ADDRESS)
    first = address_hash(request)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    second = address_hash(request)

    assert first and second and first != second
    assert address_hash(RequestFactory().get("/", REMOTE_ADDR="198.51.100.1")) != second


def test_purge_blanks_the_hashes_older_than_the_days_kept(client, settings, post):
    settings.COMMUNITY_KEEP_ADDRESS_HASH_DAYS = 7
    bernd = member("Bernd Leser")
    old = add_comment(post, bernd, "Alt", address_hash="a" * 64)
    new = add_comment(post, bernd, "Neu", address_hash="b" * 64)
    Comment.objects.filter(pk=old.pk).update(
        submit_date=timezone.now() - timedelta(days=8)
    )
    out = StringIO()

    call_command("purge_address_hashes", stdout=out)

    assert Comment.objects.get(pk=old.pk).address_hash == ""
    assert Comment.objects.get(pk=new.pk).address_hash == "b" * 64
    assert "Blanked 1 address hash(es)" in out.getvalue()


def test_purge_blanks_all_hashes_once_the_setting_is_off(settings, post):
    settings.COMMUNITY_KEEP_ADDRESS_HASH_DAYS = 0
    add_comment(post, member("Bernd Leser"), "Neu", address_hash="b" * 64)

    call_command("purge_address_hashes", stdout=StringIO())

    assert not Comment.objects.exclude(address_hash="").exists()
