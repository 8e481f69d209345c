"""The demo's discussion board: its page, categories, members and topics."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from community.models import (
    BoardCategory,
    CommunityIndexPage,
    ModerationState,
    Profile,
    Topic,
)
from demo.board import CATEGORIES, TOPICS, build_board_demo
from demo.run import DemoRun
from tests.factories import ProductFactory, build_site

pytestmark = pytest.mark.django_db


def demo_run():
    home = build_site()[0]
    return DemoRun(site=Site.objects.get(is_default_site=True), home=home)


def test_the_demo_builds_the_board_with_categories_members_and_topics():
    ProductFactory(external_id="LH-2001", slug="roggenmehl-type-1150")
    run = demo_run()

    build_board_demo(run)

    board = CommunityIndexPage.objects.get()
    assert (board.slug, board.title, board.show_in_menus, board.live) == (
        "community",
        "Gemeinschaft",
        True,
        True,
    )
    assert BoardCategory.objects.count() == len(CATEGORIES)
    assert Topic.objects.count() == len(TOPICS)
    assert Topic.objects.filter(is_pinned=True).exists()
    assert Topic.objects.filter(is_closed=True).exists()
    assert Topic.objects.filter(status=Topic.Status.ANSWERED).exists()
    assert Topic.objects.filter(state=ModerationState.PENDING).exists()
    assert Topic.objects.get(slug="sauerteig-welches-mehl").products.count() == 1
    members = get_user_model().objects.filter(email__endswith="@example.org")
    assert all(not user.has_usable_password() for user in members)
    assert all(user.profile.display_name for user in members)
    assert all(
        user.emailaddress_set.filter(verified=True, primary=True).exists()
        for user in members
    )


def test_running_the_demo_twice_changes_nothing():
    run = demo_run()
    build_board_demo(run)
    before = {
        "topics": list(Topic.objects.values().order_by("pk")),
        "categories": list(BoardCategory.objects.values().order_by("pk")),
        "users": get_user_model().objects.count(),
        "profiles": Profile.objects.count(),
        "pages": CommunityIndexPage.objects.count(),
    }

    second = DemoRun(site=run.site, home=run.home)
    build_board_demo(second)

    assert second.created == {}
    assert before == {
        "topics": list(Topic.objects.values().order_by("pk")),
        "categories": list(BoardCategory.objects.values().order_by("pk")),
        "users": get_user_model().objects.count(),
        "profiles": Profile.objects.count(),
        "pages": CommunityIndexPage.objects.count(),
    }
