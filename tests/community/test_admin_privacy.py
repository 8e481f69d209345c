"""Editors write pages but see no customer's e-mail address in the admin."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from community.models import (
    BoardCategory,
    Comment,
    ModerationState,
    Profile,
    Report,
    Topic,
)
from tests.community.question_builders import answer, ask, build_shop
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

QUESTIONS = "/admin/snippets/community/productquestion/"
TOPICS = "/admin/snippets/community/topic/"
AUTHORS = "/admin/snippets/blog/author/"
QUEUE = "/admin/moderation/"
CUSTOMER_ADDRESSES = ["jana@example.org", "nils@example.org", "gast@example.org"]


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.WAGTAIL_I18N_ENABLED = False


def customer(email, name=None):
    """An account named by its address, as the demo members are."""
    user = User.objects.create_user(
        username=email, email=email, password="secret-enough-1"
    )
    if name is None:
        Profile.objects.filter(user=user).delete()
    else:
        Profile.objects.update_or_create(user=user, defaults={"display_name": name})
    return User.objects.get(pk=user.pk)


def editor_with(*codenames):
    user = User.objects.create_user(
        username="erik@team.example.org",
        email="erik@team.example.org",
        password="secret-enough-1",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def posts():
    shop = build_shop()
    jana = customer("jana@example.org", "Jana Petersen")
    nils = customer("nils@example.org")
    category = BoardCategory.objects.create(name="Fragen", slug="fragen")
    topic = Topic.objects.create(
        category=category,
        author=nils,
        title="Liefert ihr nach Prenzlau?",
        slug="liefert-ihr",
        body="Wäre schön.",
        body_html="<p>Wäre schön.</p>",
        state=ModerationState.PENDING,
        last_activity_at=timezone.now(),
    )
    question = ask(shop["cheese"], nils, "Ist der Käse laktosefrei?")
    answer(question, jana, "Meiner schon.")
    held = ask(
        shop["cheese"], jana, "Wie lange reift er?", state=ModerationState.PENDING
    )
    comment = Comment(
        content_object=shop["cheese"],
        site_id=1,
        user=nils,
        user_name="Member",
        user_email=nils.email,
        comment="Frech",
        is_public=True,
    )
    comment.save()
    guest = Comment(
        content_object=shop["cheese"],
        site_id=1,
        user_name="Gast Gerda",
        user_email="gast@example.org",
        comment="Gast wartet",
        is_public=False,
    )
    guest.save()
    Report.objects.create(user=jana, reason=Report.Reason.RUDE, comment=comment)
    return {"topic": topic, "question": question, "held": held}


def assert_no_addresses(html):
    for address in CUSTOMER_ADDRESSES:
        assert address not in html


def test_an_editor_sees_no_customer_addresses_in_the_question_admin(client, posts):
    client.force_login(editor_with("view_productquestion", "change_productquestion"))
    question = posts["question"]

    pages = [
        client.get(QUESTIONS),
        client.get(f"{QUESTIONS}edit/{question.pk}/"),
        client.get(f"{QUESTIONS}inspect/{question.pk}/"),
        client.get(f"{QUESTIONS}inspect/{posts['held'].pk}/"),
    ]

    for response in pages:
        assert response.status_code == 200
        assert_no_addresses(response.content.decode())
    assert "Member" in pages[0].content.decode()
    assert "Member" in pages[2].content.decode()
    assert "Jana Petersen: Meiner schon." in pages[1].content.decode()


def test_an_editor_sees_no_customer_addresses_in_the_topic_admin(client, posts):
    client.force_login(editor_with("view_topic", "change_topic"))
    topic = posts["topic"]

    pages = [
        client.get(TOPICS),
        client.get(f"{TOPICS}edit/{topic.pk}/"),
        client.get(f"{TOPICS}inspect/{topic.pk}/"),
    ]

    for response in pages:
        assert response.status_code == 200
        assert_no_addresses(response.content.decode())


def test_an_editor_who_moderates_sees_public_names_but_no_addresses(client, posts):
    client.force_login(editor_with("moderate_community"))

    pages = [client.get(QUEUE + tab + "/") for tab in ("pending", "flagged", "spam")]

    for response in pages:
        assert response.status_code == 200
        assert_no_addresses(response.content.decode())
    assert "Gast Gerda" in pages[0].content.decode()
    assert "Jana Petersen" in pages[0].content.decode()
    assert "Member" in pages[1].content.decode()


def test_the_author_snippet_offers_staff_accounts_only(client, posts):
    team = User.objects.create_user(
        username="greta@team.example.org", password="x-secret-enough", is_staff=True
    )
    author = AuthorFactory(name="Greta Lind", user=team)
    client.force_login(editor_with("view_author", "change_author", "add_author"))

    edit = client.get(f"{AUTHORS}edit/{author.pk}/").content.decode()
    add = client.get(f"{AUTHORS}add/").content.decode()

    assert "greta@team.example.org" in edit
    assert_no_addresses(edit)
    assert_no_addresses(add)
