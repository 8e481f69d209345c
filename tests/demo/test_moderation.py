"""The demo's moderation queue and moderator account."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Site

from community.moderation import queue as moderation
from demo.board import build_board_demo
from demo.moderation import MODERATION_COMMENTS, build_moderation_demo
from demo.run import DemoRun
from tests.factories import BlogPageFactory, build_board, build_catalogue, build_site

pytestmark = pytest.mark.django_db

MODERATORS = "Community moderators"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.WAGTAIL_I18N_ENABLED = False


def test_the_demo_adds_held_reported_and_spam_posts_once():
    home, blog, __ = build_site()
    build_board(home)
    build_catalogue(home)
    for slug in {data["post"] for data in MODERATION_COMMENTS}:
        BlogPageFactory(parent=blog, slug=slug, title=slug)
    run = DemoRun(site=Site.objects.get(is_default_site=True), home=home)
    build_board_demo(run)
    build_moderation_demo(run)
    again = DemoRun(site=run.site, home=run.home)
    build_board_demo(again)
    build_moderation_demo(again)
    call_command("ensure_moderator", password="secret-enough-1", verbosity=0)
    call_command("ensure_moderator", password="secret-enough-1", verbosity=0)

    assert again.created == {}
    queue = moderation.Queue()
    assert queue.count(moderation.PENDING) >= 2  # the held comment and topic
    assert queue.count(moderation.FLAGGED) == 1
    assert queue.count(moderation.SPAM) == 1
    demo_moderator = get_user_model().objects.get(username="moderation")
    assert demo_moderator.groups.filter(name=MODERATORS).exists()
    assert demo_moderator.has_perm("community.moderate_community")
    assert not demo_moderator.is_superuser


def test_the_demo_moderator_logs_in_on_the_site_with_their_address(client):
    call_command("ensure_moderator", password="secret-enough-1", verbosity=0)
    response = client.post(
        "/account/login/",
        {"login": "moderation@example.com", "password": "secret-enough-1"},
    )
    assert response.status_code == 302
    assert "confirm-email" not in response["Location"]
    assert client.get("/account/profile/").status_code == 200
