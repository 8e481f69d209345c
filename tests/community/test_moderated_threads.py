"""A root comment a moderator removes, or holds, keeps its public replies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Comment
from community.moderation import actions
from community.moderation import queue as moderation
from tests.factories import (
    BlogPageFactory,
    add_comment,
    build_site,
    member,
    staff,
)

pytestmark = pytest.mark.django_db

REMOVED = "Removed by a moderator."
HELD = "Hidden until a moderator has looked at it."


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")


@pytest.fixture
def moderator():
    return staff(email="mona@team.example.org", username="mona", superuser=True)


def thread(post, root_text="Unverschämter Beitrag", number=""):
    rita = member(f"Rita Root{number}", f"rita{number.lower()}@example.org")
    carla = member(f"Carla Dorn{number}", f"carla{number.lower()}@example.org")
    root = add_comment(post, rita, root_text)
    reply = add_comment(post, carla, "Eine gute Antwort darauf", parent=root)
    add_comment(post, rita, "Und eine Antwort darauf", parent=reply)
    return root


@pytest.mark.parametrize("action", [actions.REJECT, actions.MARK_SPAM])
def test_a_removed_root_keeps_its_replies_under_a_placeholder(
    client, post, moderator, action
):
    root = thread(post)

    actions.act(action, {moderation.COMMENT: [root.pk]}, moderator)
    html = client.get(post.url).content.decode()

    assert not Comment.objects.get(pk=root.pk).is_public
    assert "Unverschämter Beitrag" not in html
    assert REMOVED in html
    assert "Eine gute Antwort darauf" in html
    assert "Und eine Antwort darauf" in html
    assert f"reply_to={root.pk}" not in html
    assert f"/report/comment/{root.pk}/" not in html
    placeholder = html.split(f'id="c{root.pk}"')[1].split("comments--replies")[0]
    assert REMOVED in placeholder
    assert "Rita Root" not in placeholder


def test_a_held_root_with_public_replies_keeps_them_under_its_own_placeholder(
    client, post
):
    root = thread(post)
    Comment.objects.filter(pk=root.pk).update(is_public=False, held_reason="Reports")

    html = client.get(post.url).content.decode()

    assert "Unverschämter Beitrag" not in html
    assert HELD in html and REMOVED not in html
    assert "Eine gute Antwort darauf" in html


def test_a_removed_root_without_public_replies_leaves_no_trace(client, post, moderator):
    root = add_comment(post, member("Anna Berger"), "Allein")
    kept = add_comment(post, member("Carla Dorn"), "Bleibt stehen")
    reply = add_comment(post, member("Dora Eck"), "Auch weg", parent=root)
    Comment.objects.filter(pk=reply.pk).update(is_public=False)

    actions.act(actions.REJECT, {moderation.COMMENT: [root.pk]}, moderator)
    html = client.get(post.url).content.decode()

    assert "Allein" not in html and REMOVED not in html and HELD not in html
    assert "Bleibt stehen" in html
    assert f'id="c{kept.pk}"' in html


def test_approving_the_root_again_shows_it_with_its_replies(client, post, moderator):
    root = thread(post)
    actions.act(actions.REJECT, {moderation.COMMENT: [root.pk]}, moderator)

    actions.act(actions.APPROVE, {moderation.COMMENT: [root.pk]}, moderator)
    html = client.get(post.url).content.decode()

    assert "Unverschämter Beitrag" in html and REMOVED not in html
    assert "Eine gute Antwort darauf" in html


def _queries(client, url):
    client.get(url)  # the page the address leads to, remembered after a purge
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_placeholders_cost_no_queries_however_many(client, post, moderator):
    few = BlogPageFactory(parent=post.get_parent(), title="Wenige")
    few_roots = [thread(few, f"Wenig {n}", f"W{n}") for n in range(2)]
    many_roots = [thread(post, f"Viel {n}", f"V{n}") for n in range(12)]
    held = many_roots[-1]
    actions.act(
        actions.REJECT,
        {moderation.COMMENT: [few_roots[0].pk] + [r.pk for r in many_roots[:6]]},
        moderator,
    )
    Comment.objects.filter(pk=held.pk).update(is_public=False)
    client.force_login(member("Leser Lena"))
    _queries(client, few.url)
    _queries(client, post.url)

    assert _queries(client, few.url) == _queries(client, post.url)
    assert client.get(post.url).content.decode().count(REMOVED) == 6
