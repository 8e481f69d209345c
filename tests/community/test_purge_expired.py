"""`purge_expired`, the one daily command, removes expired sessions and blanks
comments' address hashes past the days they are kept."""

import io
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from community.models import Comment
from tests.factories import BlogPageFactory, add_comment, build_site, member

pytestmark = pytest.mark.django_db


def purge(**options):
    out = io.StringIO()
    call_command("purge_expired", stdout=out, **options)
    return out.getvalue()


def test_expired_sessions_are_removed_and_live_ones_kept():
    now = timezone.now()
    Session.objects.create(
        session_key="a" * 32, session_data="", expire_date=now - timedelta(days=1)
    )
    Session.objects.create(
        session_key="b" * 32, session_data="", expire_date=now + timedelta(days=1)
    )

    output = purge(only=["sessions"])

    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]
    assert "expired sessions" in output


def test_address_hashes_past_their_days_are_blanked(settings):
    settings.COMMUNITY_KEEP_ADDRESS_HASH_DAYS = 7
    __, blog, __ = build_site()
    post = BlogPageFactory(parent=blog)
    jana = member()
    old = add_comment(
        post,
        jana,
        "Alt",
        address_hash="x" * 64,
        submit_date=timezone.now() - timedelta(days=8),
    )
    new = add_comment(post, jana, "Neu", address_hash="y" * 64)

    output = purge()

    assert Comment.objects.get(pk=old.pk).address_hash == ""
    assert Comment.objects.get(pk=new.pk).address_hash == "y" * 64
    assert "Blanked 1 address hash(es)" in output
