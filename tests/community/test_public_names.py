"""Public names: staff always carry the Team badge, and nobody is named by a
username or an e-mail address (demo members' usernames are addresses)."""

import pytest
from django.utils import timezone

from community.discussions.authors import authors_of
from community.members.names import public_name
from community.models import (
    BoardCategory,
    Comment,
    CommunityIndexPage,
    ModerationState,
    Topic,
)
from tests.factories import (
    POST_URL,
    AuthorFactory,
    answer,
    ask,
    build_shop,
    form_data,
    member,
    publish,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None


def test_staff_without_a_team_author_carry_the_team_badge_and_a_real_name():
    named = staff(
        email="hanna@team.example.org",
        first_name="Hanna",
        last_name="Lindner",
        profile=False,
    )
    with_profile = staff(
        "Ole vom Laden", "ole@team.example.org", first_name="Ole", last_name="Ohm"
    )
    nameless = staff(email="kasse@team.example.org", profile=False)
    mailname = staff(
        email="x@team.example.org", first_name="x@team.example.org", profile=False
    )

    found = authors_of({named.pk, with_profile.pk, nameless.pk, mailname.pk})

    assert found[named.pk].name == "Hanna Lindner"
    assert found[with_profile.pk].name == "Ole vom Laden"
    # Without any name, staff read as the shop (its default name is "Theke").
    assert found[nameless.pk].name == "Theke"
    assert found[mailname.pk].name == "Theke"
    for author in found.values():
        assert [badge.kind for badge in author.badges] == ["team"]


def test_a_team_author_names_staff_before_their_profile():
    greta = staff("Greta", "greta@team.example.org")
    AuthorFactory(user=greta, name="Greta Lind", role="Käsetheke")

    author = authors_of({greta.pk})[greta.pk]

    assert author.name == "Greta Lind"
    assert author.role == "Käsetheke"
    assert [badge.kind for badge in author.badges] == ["team"]


def test_members_are_named_by_profile_or_member_never_by_address():
    jana = member(
        None, "jana@example.org", first_name="Jana", last_name="Petersen", profile=False
    )
    anna = member("Anna B.", "anna@example.org")

    assert public_name(jana) == "Member"
    assert public_name(anna) == "Anna B."
    assert authors_of({jana.pk})[jana.pk].badges == []


def test_topics_questions_answers_and_the_board_show_no_addresses(client):
    shop = build_shop()
    board = CommunityIndexPage.objects.get()
    category = BoardCategory.objects.create(name="Fragen", slug="fragen")
    jana = member(None, "jana@example.org", profile=False)
    kasse = staff(email="kasse@team.example.org", profile=False)
    topic = Topic.objects.create(
        category=category,
        author=kasse,
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
    answer(question, kasse, "Ja, durch die lange Reifung.")
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
    jana = member(None, "jana@example.org", profile=False)
    client.force_login(jana)
    product_url = f"/products/{shop['cheese'].slug}/"

    page = client.get(product_url).content.decode()
    client.post(POST_URL, form_data(shop["cheese"], text="Wie lange reift er?"))

    assert "jana@example.org" not in page
    assert "You comment as <strong>Member</strong>" in page
    assert Comment.objects.get().user_name == "Member"
