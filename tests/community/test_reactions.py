"""Reactions to comments: toggled by members with or without JavaScript, counted
for a whole discussion page at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.discussions.controls import own_state
from community.discussions.reactions import states_of, toggle, with_reaction_counts
from community.models import Comment, Reaction
from tests.factories import (
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    add_comment,
    build_board,
    build_catalogue,
    build_site,
    category,
    member,
    topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_RATE_LIMIT = None


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")


@pytest.fixture
def author():
    return member("Anna Berger")


@pytest.fixture
def reader():
    return member("Bernd Leser")


def react_url(comment):
    return f"/comments/{comment.pk}/react/"


def button(html, comment, kind):
    """The reaction button of `kind` under `comment`: (aria-pressed, count)."""
    block = html.split(f'id="c{comment.pk}"', 1)[1].split("</article>", 1)[0]
    form = re.search(
        rf'<button class="reaction" type="submit" name="kind" value="{kind}" '
        r'aria-pressed="(\w+)">.*?data-reaction-count>(\d*)<',
        block,
        re.S,
    )
    return (form.group(1), int(form.group(2) or 0)) if form else None


def test_a_member_marks_a_comment_helpful_and_is_sent_back_to_it(
    client, post, author, reader
):
    comment = add_comment(post, author, "Das Heu riecht nach Sommer.")
    client.force_login(reader)

    response = client.post(react_url(comment), {"kind": "helpful"})

    assert response.status_code == 302
    assert response["Location"] == f"{post.url}#c{comment.pk}"
    assert Reaction.objects.filter(
        comment=comment, user=reader, kind="helpful"
    ).exists()
    html = client.get(post.url).content.decode()
    assert button(html, comment, "helpful") == ("true", 1)
    assert button(html, comment, "thanks") == ("false", 0)


def test_the_reactions_under_a_comment_are_one_form_with_a_button_per_kind(
    client, post, author, reader
):
    comment = add_comment(post, author)
    client.force_login(reader)

    block = (
        client.get(post.url)
        .content.decode()
        .split(f'id="c{comment.pk}"', 1)[1]
        .split("</article>", 1)[0]
    )

    forms = re.findall(r"<form[^>]*data-reaction-form>(.*?)</form>", block, re.S)
    assert len(forms) == 1
    assert forms[0].count('name="csrfmiddlewaretoken"') == 1
    assert re.findall(r'<button[^>]* name="kind" value="(\w+)"', forms[0]) == [
        "helpful",
        "thanks",
    ]
    assert f'action="{react_url(comment)}"' in block


def test_a_second_click_takes_the_reaction_back(client, post, author, reader):
    comment = add_comment(post, author)
    client.force_login(reader)

    client.post(react_url(comment), {"kind": "thanks"})
    client.post(react_url(comment), {"kind": "thanks"})

    assert not Reaction.objects.exists()
    assert button(client.get(post.url).content.decode(), comment, "thanks") == (
        "false",
        0,
    )


def test_fetch_gets_the_new_state_as_json(client, post, author, reader):
    comment = add_comment(post, author)
    Reaction.objects.create(comment=comment, user=member("Cora"), kind="helpful")
    client.force_login(reader)

    response = client.post(
        react_url(comment), {"kind": "helpful"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 200
    assert response.json() == {
        "kind": "helpful",
        "label": "Helpful",
        "count": 2,
        "pressed": True,
    }


def test_guests_see_the_counts_as_links_to_log_in(client, post, author):
    comment = add_comment(post, author)
    Reaction.objects.create(comment=comment, user=member("Cora"), kind="helpful")

    html = client.get(post.url).content.decode()

    assert "data-reaction-form" not in html
    assert (
        '<a class="reaction reaction--login" href="/account/login/?next='
        f"{post.url}%23c{comment.pk}"
    ) in html
    assert (
        '<span class="reaction__label">Helpful</span> '
        '<span class="reaction__count">1</span>'
    ) in html
    assert "log in to react" in html


def test_the_author_sees_the_counts_of_their_own_comment(client, post, author):
    comment = add_comment(post, author)
    Reaction.objects.create(comment=comment, user=member("Cora"), kind="thanks")
    client.force_login(author)

    html = client.get(post.url).content.decode()

    assert (
        'class="reaction reaction--static">Thanks <span class="reaction__count">1'
    ) in html
    assert "Helpful <span" not in html


def test_the_reaction_form_needs_a_login_and_a_csrf_token(client, post, author):
    comment = add_comment(post, author)

    response = client.post(react_url(comment), {"kind": "helpful"})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")

    client.force_login(member("Bernd Leser"))
    client.handler.enforce_csrf_checks = True
    response = client.post(react_url(comment), {"kind": "helpful"})
    assert response.status_code == 403
    assert not Reaction.objects.exists()


def test_a_member_cannot_react_to_their_own_comment(client, post, author):
    comment = add_comment(post, author)
    client.force_login(author)

    html = client.get(post.url).content.decode()
    response = client.post(react_url(comment), {"kind": "helpful"})

    assert button(html, comment, "helpful") is None
    assert response.status_code == 403
    assert "You cannot react to your own comment." in response.content.decode()
    assert not Reaction.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"is_removed": True}, "This comment was deleted; it takes no reactions."),
        ({"is_public": False}, "This comment is not published; it takes no reactions."),
    ],
)
def test_deleted_and_held_comments_take_no_reactions(
    client, post, author, reader, fields, message
):
    comment = add_comment(post, author, **fields)
    client.force_login(reader)

    response = client.post(react_url(comment), {"kind": "helpful"})
    as_json = client.post(
        react_url(comment), {"kind": "helpful"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 403
    assert message in response.content.decode()
    assert as_json.status_code == 403
    assert as_json.json() == {"error": message}
    assert not Reaction.objects.exists()


NOT_PUBLIC = "This discussion is not public; its comments take no reactions."


def hidden_target(kind, author):
    """A discussion the public cannot read: an unpublished page or a held topic."""
    from community.models import ModerationState

    home, blog, __ = build_site()
    if kind == "draft":
        post = BlogPageFactory(parent=blog, title="Entwurf")
        post.unpublish()
        return post
    build_board(home)
    return topic(author, category(), state=ModerationState.PENDING)


@pytest.mark.parametrize("kind", ["draft", "held topic"])
def test_comments_of_a_discussion_nobody_can_read_take_no_reactions(
    client, author, reader, kind
):
    comment = add_comment(hidden_target(kind, author), author)
    client.force_login(reader)

    response = client.post(react_url(comment), {"kind": "helpful"})
    as_json = client.post(
        react_url(comment), {"kind": "helpful"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 403
    assert NOT_PUBLIC in response.content.decode()
    assert as_json.status_code == 403
    assert as_json.json() == {"error": NOT_PUBLIC}
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("kind", ["closed topic", "product no longer sold"])
def test_comments_of_a_closed_topic_or_a_discontinued_product_take_reactions(
    client, author, reader, kind
):
    from shop_link.models import Availability

    home, __, __ = build_site()
    if kind == "closed topic":
        build_board(home)
        target = topic(author, category(), is_closed=True)
    else:
        build_catalogue(home)
        target = ProductFactory(availability=Availability.DISCONTINUED)
    comment = add_comment(target, author)
    client.force_login(reader)

    response = client.post(react_url(comment), {"kind": "helpful"})

    assert response.status_code == 302
    assert Reaction.objects.filter(comment=comment, user=reader).exists()


def test_an_unknown_reaction_is_refused(client, post, author, reader):
    comment = add_comment(post, author)
    client.force_login(reader)

    response = client.post(react_url(comment), {"kind": "love"})

    assert response.status_code == 403
    assert "There is no such reaction." in response.content.decode()
    assert not Reaction.objects.exists()


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/blog/?page=2", "/blog/?page=2"),
        ("https://evil.example.com/", None),
        ("//evil.example.com/", None),
        ("javascript:alert(1)", None),
    ],
)
def test_next_only_leads_within_the_site(
    client, post, author, reader, next_url, expected
):
    comment = add_comment(post, author)
    client.force_login(reader)

    response = client.post(react_url(comment), {"kind": "helpful", "next": next_url})

    assert response["Location"] == (expected or f"{post.url}#c{comment.pk}")


def test_the_toggle_never_gives_the_same_reaction_twice(post, author, reader):
    comment = add_comment(post, author)

    assert toggle(reader, comment, "helpful").pressed
    assert not toggle(reader, comment, "helpful").pressed
    assert toggle(reader, comment, "helpful").count == 1
    assert Reaction.objects.count() == 1


def test_reactions_for_a_page_of_comments_take_one_query(post, author, reader):
    comments = [add_comment(post, author, f"Nummer {n}") for n in range(30)]
    others = [member(f"Person Nummer{n}", f"person{n}@example.org") for n in range(3)]
    for comment in comments:
        for other in others:
            Reaction.objects.create(comment=comment, user=other, kind="helpful")
    Reaction.objects.create(comment=comments[4], user=reader, kind="thanks")

    with CaptureQueriesContext(connection) as queries:
        page = with_reaction_counts(
            Comment.objects.filter(pk__in=[c.pk for c in comments])
        )
        found = {
            comment.pk: {state.kind: state.count for state in states_of(comment)}
            for comment in page
        }

    assert len(queries) == 1
    assert found[comments[0].pk] == {"helpful": 3, "thanks": 0}
    assert found[comments[4].pk] == {"helpful": 3, "thanks": 1}


def test_the_readers_own_reactions_and_waiting_comments_take_one_query(
    post, author, reader
):
    comments = [add_comment(post, author, f"Nummer {n}") for n in range(3)]
    Reaction.objects.create(comment=comments[1], user=reader, kind="thanks")
    Reaction.objects.create(comment=comments[2], user=author, kind="thanks")

    with CaptureQueriesContext(connection) as queries:
        waits, pressed = own_state(post, reader)
    assert len(queries) == 1
    assert (waits, pressed) == (False, {(comments[1].pk, "thanks")})

    add_comment(post, reader, "Wartet", is_public=False)
    waits, pressed = own_state(post, reader)
    assert waits
    assert (comments[1].pk, "thanks") in pressed


@pytest.mark.parametrize("kind", ["producer", "product", "topic"])
def test_reactions_work_on_producer_pages_products_and_topic_replies(
    client, author, reader, kind
):
    home, __, producers = build_site()
    if kind == "producer":
        target = ProducerPageFactory(parent=producers)
    elif kind == "product":
        build_catalogue(home)
        target = ProductFactory()
    else:
        build_board(home)
        target = topic(author, category())
    comment = add_comment(target, author)
    client.force_login(reader)

    response = client.post(react_url(comment), {"kind": "helpful"})

    assert response.status_code == 302
    assert response["Location"].endswith(f"#c{comment.pk}")
    html = client.get(response["Location"].split("#")[0]).content.decode()
    assert button(html, comment, "helpful") == ("true", 1)


# Rate limit


def test_reactions_past_the_rate_limit_are_refused_clearly(
    client, post, author, reader, settings
):
    settings.COMMUNITY_REACTION_RATE_LIMIT = "3/m"
    comment = add_comment(post, author)
    client.force_login(reader)

    for __ in range(3):
        assert client.post(react_url(comment), {"kind": "thanks"}).status_code == 302
    refused = client.post(react_url(comment), {"kind": "thanks"})

    assert refused.status_code == 429
    assert "You are reacting very quickly." in refused.content.decode()
    # The third click gave the reaction; the refused fourth took nothing back.
    assert Reaction.objects.filter(comment=comment, user=reader).count() == 1


def test_fetch_past_the_rate_limit_gets_a_json_error(
    client, post, author, reader, settings
):
    settings.COMMUNITY_REACTION_RATE_LIMIT = "1/m"
    comment = add_comment(post, author)
    client.force_login(reader)
    client.post(react_url(comment), {"kind": "helpful"})

    response = client.post(
        react_url(comment), {"kind": "helpful"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 429
    assert response.json() == {
        "error": "You are reacting very quickly. Please wait a minute, then try again."
    }
    assert Reaction.objects.filter(comment=comment, user=reader).exists()


def test_reactions_are_counted_apart_from_posts(client, post, author, reader, settings):
    from community.writing import rules

    settings.COMMUNITY_RATE_LIMIT = "2/m"
    settings.COMMUNITY_REACTION_RATE_LIMIT = "30/m"
    comment = add_comment(post, author)
    client.force_login(reader)

    statuses = [
        client.post(react_url(comment), {"kind": "helpful"}).status_code
        for __ in range(5)
    ]

    assert statuses == [302] * 5
    assert rules.check_rate_limit(f"user:{reader.pk}", "127.0.0.1")


def test_the_default_reaction_limit_is_generous():
    from community.conf import COMMUNITY_REACTION_RATE_LIMIT
    from community.writing.rules import parse_rate

    limit, period = parse_rate(COMMUNITY_REACTION_RATE_LIMIT)

    assert limit / period >= 30 / 60
