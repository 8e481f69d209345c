"""The demo's discussions: customers and the team talk under posts, a producer,
a product and board topics, with reactions, and a second run adds nothing."""

import pytest
from wagtail.models import Site

from community.discussions.targets import comments_on
from community.models import Comment, Reaction, Topic
from demo.board import build_board_demo
from demo.discussions import DISCUSSIONS, build_discussions_demo
from demo.people import TEAM
from demo.run import DemoRun
from tests.factories import (
    AuthorFactory,
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    build_board,
    build_catalogue,
    build_site,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(settings):
    settings.LANGUAGE_CODE = "en"
    home, blog, producers = build_site()
    build_catalogue(home)
    build_board(home)
    for data in TEAM:
        AuthorFactory(name=data["author"])
    targets = {}
    for data in DISCUSSIONS:
        if "post" in data:
            page = BlogPageFactory(parent=blog, slug=data["post"], title=data["post"])
            targets[data["post"]] = page
        elif "producer" in data:
            page = ProducerPageFactory(parent=producers, slug=data["producer"])
            targets[data["producer"]] = page
        elif "product" in data:
            targets[data["product"]] = ProductFactory(external_id=data["product"])
    return DemoRun(site=Site.objects.get(is_default_site=True), home=home), targets


def test_the_demo_adds_threads_with_team_replies_and_reactions_once(shop):
    run, targets = shop
    build_board_demo(run)

    build_discussions_demo(run)
    again = DemoRun(site=run.site, home=run.home)
    build_discussions_demo(again)

    assert again.created == {}
    total = sum(len(data["comments"]) for data in DISCUSSIONS)
    assert Comment.objects.count() == total
    assert Comment.objects.filter(user__is_staff=True).count() >= 5
    assert Comment.objects.filter(level__gt=0).count() >= 5
    for target in targets.values():
        assert comments_on(target).filter(user__is_staff=False).exists()
        assert comments_on(target).filter(user__is_staff=True).exists()
    replied_topics = {data["topic"] for data in DISCUSSIONS if "topic" in data}
    for topic in Topic.objects.filter(slug__in=replied_topics):
        assert comments_on(topic).exists()
    assert Reaction.objects.count() >= 20
    for reaction in Reaction.objects.select_related("comment"):
        assert reaction.user_id != reaction.comment.user_id
    assert all(c.submit_date.year == 2026 for c in Comment.objects.all())


def test_the_team_replies_as_the_blog_authors(client, shop):
    run, targets = shop
    build_board_demo(run)
    build_discussions_demo(run)

    html = client.get(targets["sauerteig-zu-hause"].url).content.decode()

    assert "Greta Lindner" in html
    assert 'class="badge badge--team"' in html
    assert (
        '<span class="reaction__label">Helpful</span> '
        '<span class="reaction__count">4</span>'
    ) in html
