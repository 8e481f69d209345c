"""The first-posts rule counts a member's public posts of every kind."""

import pytest

from community.models import (
    Comment,
    ModerationState,
    ProductQuestion,
    Topic,
)
from community.writing import rules
from tests.factories import (
    POST_URL,
    add_comment,
    answer,
    ask,
    build_shop,
    category,
    form_data,
    member,
    topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _hold_the_first_two(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 2
    settings.COMMUNITY_RATE_LIMIT = None
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def shop():
    return build_shop()


def test_every_kind_of_public_post_counts(shop):
    jana = member()
    other = member("Olaf Brandt")
    ask(shop["cheese"], jana)
    answer(ask(shop["cheese"], other), jana)
    topic(jana, category())
    add_comment(shop["cheese"], jana)

    assert rules.published_posts(jana) == 4


def test_held_removed_and_spam_posts_do_not_count(shop):
    jana = member()
    ask(shop["cheese"], jana, state=ModerationState.PENDING)
    topic(jana, category(), state=ModerationState.PENDING)
    add_comment(shop["cheese"], jana, is_removed=True)
    add_comment(shop["cheese"], jana, text="Spam", is_spam=True)
    add_comment(shop["cheese"], jana, text="Wartet", is_public=False)

    assert rules.published_posts(jana) == 0


def test_a_member_known_from_the_board_is_not_held_under_a_product(client, shop):
    jana = member()
    for title in ("Ofengemüse", "Grünkohl"):
        topic(jana, category(name=title), title=title)
    client.force_login(jana)

    response = client.post(POST_URL, form_data(shop["cheese"]))

    assert response.status_code == 302
    assert Comment.objects.get().is_public


def test_a_new_member_is_held_wherever_they_post_first(client, shop):
    jana = member()
    client.force_login(jana)

    client.post(POST_URL, form_data(shop["cheese"]))
    client.post(
        f"/questions/ask/{shop['cheese'].pk}/",
        {"text": "Wie lange hält sich der Käse?", "notify": "on"},
    )

    assert not Comment.objects.get().is_public
    assert ProductQuestion.objects.get().state == ModerationState.PENDING
    assert not Topic.objects.exists()
