"""Public names: staff always carry the Team badge, and nobody is named by a
username or an e-mail address (demo members' usernames are addresses)."""

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from community.discussions.authors import authors_of
from community.members.names import public_name
from community.models import (
    BoardCategory,
    Comment,
    CommunityIndexPage,
    ModerationState,
    Profile,
    Topic,
)
from tests.community.question_builders import answer, ask, build_shop
from tests.factories import AuthorFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None


def account(email, first="", last="", profile_name=None, **fields):
    """An account whose username is its e-mail address, as the demo's are."""
    user = User.objects.create_user(
        username=email,
        email=email,
        password="secret-enough-1",
        first_name=first,
        last_name=last,
        **fields,
    )
    if profile_name is None:
        Profile.objects.filter(user=user).delete()
    else:
        Profile.objects.update_or_create(
            user=user, defaults={"display_name": profile_name}
        )
    return User.objects.get(pk=user.pk)


def test_staff_without_a_team_author_carry_the_team_badge_and_a_real_name():
    named = account("hanna@team.example.org", "Hanna", "Lindner", is_staff=True)
    with_profile = account(
        "ole@team.example.org",
        "Ole",
        "Ohm",
        profile_name="Ole vom Laden",
        is_staff=True,
    )
    nameless = account("kasse@team.example.org", is_staff=True)
    mailname = account("x@team.example.org", "x@team.example.org", is_staff=True)

    found = authors_of({named.pk, with_profile.pk, nameless.pk, mailname.pk})

    assert found[named.pk].name == "Hanna Lindner"
    assert found[with_profile.pk].name == "Ole vom Laden"
    # Without any name, staff read as the shop (its default name is "Theke").
    assert found[nameless.pk].name == "Theke"
    assert found[mailname.pk].name == "Theke"
    for author in found.values():
        assert [badge.kind for badge in author.badges] == ["team"]


def test_a_team_author_names_staff_before_their_profile():
    staff = account("greta@team.example.org", profile_name="Greta", is_staff=True)
    AuthorFactory(user=staff, name="Greta Lind", role="Käsetheke")

    author = authors_of({staff.pk})[staff.pk]

    assert author.name == "Greta Lind"
    assert author.role == "Käsetheke"
    assert [badge.kind for badge in author.badges] == ["team"]


def test_members_are_named_by_profile_or_member_never_by_address():
    jana = account("jana@example.org", "Jana", "Petersen")
    anna = account("anna@example.org", profile_name="Anna B.")

    assert public_name(jana) == "Member"
    assert public_name(anna) == "Anna B."
    assert authors_of({jana.pk})[jana.pk].badges == []


def test_topics_questions_answers_and_the_board_show_no_addresses(client):
    shop = build_shop()
    board = CommunityIndexPage.objects.get()
    category = BoardCategory.objects.create(name="Fragen", slug="fragen")
    jana = account("jana@example.org")
    staff = account("kasse@team.example.org", is_staff=True)
    topic = Topic.objects.create(
        category=category,
        author=staff,
        title="Öffnungszeiten",
        slug="oeffnungszeiten",
        body="Wir haben Montag zu.",
        body_html="<p>Wir haben Montag zu.</p>",
        state=ModerationState.PUBLISHED,
        last_activity_at=timezone.now(),
    )
    Topic.objects.create(
        category=category,
        author=jana,
        title="Liefert ihr?",
        slug="liefert-ihr",
        body="Nach Prenzlau?",
        body_html="<p>Nach Prenzlau?</p>",
        state=ModerationState.PUBLISHED,
        last_activity_at=timezone.now(),
    )
    question = ask(shop["cheese"], jana, "Ist der Käse laktosefrei?")
    answer(question, staff, "Ja, durch die lange Reifung.")
    publish(board)

    pages = [
        client.get(board.url).content.decode(),
        client.get(
            board.url + board.reverse_subpage("topic", args=[topic.slug])
        ).content.decode(),
        client.get(f"/products/{shop['cheese'].slug}/").content.decode(),
        client.get(question.get_absolute_url()).content.decode(),
    ]

    assert topic.author_name == "Theke"
    assert question.author_name == "Member"
    for html in pages:
        assert "jana@example.org" not in html
        assert "kasse@team.example.org" not in html
    assert "started by Theke" in pages[0]
    assert "badge--team" in pages[3]


def test_a_members_comment_is_stored_and_offered_under_their_public_name(client):
    shop = build_shop()
    jana = account("jana@example.org")
    client.force_login(jana)
    product_url = f"/products/{shop['cheese'].slug}/"

    page = client.get(product_url).content.decode()
    from community.discussions.forms import CommentForm

    data = CommentForm(shop["cheese"]).initial.copy()
    data.update(
        comment="Wie lange reift er?", reply_to=0, name="", email="", honeypot=""
    )
    client.post("/comments/post/", data)

    assert "jana@example.org" not in page
    assert "You comment as <strong>Member</strong>" in page
    assert Comment.objects.get().user_name == "Member"
