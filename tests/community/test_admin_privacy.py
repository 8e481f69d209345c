"""Editors write pages but see no customer's e-mail address in the admin."""

import pytest
from django.utils import timezone

from community.models import (
    BoardCategory,
    Comment,
    ModerationState,
    Report,
    Topic,
)
from tests.factories import (
    AuthorFactory,
    answer,
    ask,
    build_shop,
    member,
    staff,
)

pytestmark = pytest.mark.django_db

QUESTIONS = "/admin/snippets/community/productquestion/"
TOPICS = "/admin/snippets/community/topic/"
AUTHORS = "/admin/snippets/blog/author/"
QUEUE = "/admin/moderation/"
# Editors in the admin, who are given permissions test by test.
EDITOR = {"email": "erik@team.example.org", "groups": ["Editors"]}
CUSTOMER_ADDRESSES = ["jana@example.org", "nils@example.org", "gast@example.org"]


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.WAGTAIL_I18N_ENABLED = False


@pytest.fixture
def posts():
    shop = build_shop()
    jana = member("Jana Petersen", "jana@example.org")
    nils = member(None, "nils@example.org", profile=False)
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
    client.force_login(
        staff(**EDITOR, permissions=["view_productquestion", "change_productquestion"])
    )
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
    client.force_login(staff(**EDITOR, permissions=["view_topic", "change_topic"]))
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
    client.force_login(staff(**EDITOR, permissions=["moderate_community"]))

    pages = [client.get(QUEUE + tab + "/") for tab in ("pending", "flagged", "spam")]

    for response in pages:
        assert response.status_code == 200
        assert_no_addresses(response.content.decode())
    assert "Gast Gerda" in pages[0].content.decode()
    assert "Jana Petersen" in pages[0].content.decode()
    assert "Member" in pages[1].content.decode()


def test_the_author_snippet_offers_staff_accounts_only(client, posts):
    team = staff(email="greta@team.example.org")
    author = AuthorFactory(name="Greta Lind", user=team)
    client.force_login(
        staff(**EDITOR, permissions=["view_author", "change_author", "add_author"])
    )

    edit = client.get(f"{AUTHORS}edit/{author.pk}/").content.decode()
    add = client.get(f"{AUTHORS}add/").content.decode()

    assert "greta@team.example.org" in edit
    assert_no_addresses(edit)
    assert_no_addresses(add)
