"""A member deletes their account: with their password only, and afterwards no
table holds their address, their name or the words of the posts they removed."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.translation import override
from wagtail.models import ModelLogEntry

from community.discussions.authors import guest_author
from community.discussions.models import Unsubscription
from community.members.interests import OFFERS
from community.members.names import FORMER_MEMBER, public_name
from community.members.preferences import choose_interest, hide_product_category
from community.models import (
    Announcement,
    Comment,
    Dismissal,
    LateMail,
    ProductQuestion,
    Reaction,
    Report,
    Topic,
)
from community.moderation.actions import REJECT, act
from community.privacy.deletion import KEEP, REMOVE, delete_member
from community.writing.rules import check_rate_limit, current_counter_keys
from tests.factories import (
    PASSWORD,
    BlogPageFactory,
    add_comment,
    answer,
    ask,
    build_shop,
    category,
    member,
    staff,
    topic,
)

pytestmark = pytest.mark.django_db

EMAIL = "xaverine.quastenflosser@example.org"
NAME = "Xaverine Quastenflosser"
# Words only the member's posts use.
WORDS = ("Zwiebelmondschein", "Kürbisgewitter", "Rhabarberorakel", "Pastinakenflüstern")
TEXT_FIELDS = {
    "CharField",
    "TextField",
    "JSONField",
    "EmailField",
    "SlugField",
    "GenericIPAddressField",
    "FileField",
    "URLField",
}


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_RATE_LIMIT = None


@pytest.fixture
def setting():
    """A member who did everything a member can do, and what others did around."""
    shop = build_shop()
    post = BlogPageFactory(parent=shop["board"].get_parent(), title="Heuernte")
    xaverine = member(NAME, EMAIL, verified=True)
    other = member("Bernd Leser")
    moderator = staff("Mona Moderat", superuser=True)
    mine = add_comment(post, xaverine, text=f"{WORDS[0]} über dem Feld")
    add_comment(post, xaverine, text="Noch einer", followup=True)
    theirs = add_comment(post, other, text="Stimmt!", parent=mine)
    Reaction.objects.create(comment=theirs, user=xaverine, kind=Reaction.Kind.THANKS)
    Report.objects.create(comment=theirs, user=xaverine, reason="rude", note="Frech")
    my_topic = topic(xaverine, category(), title=f"{WORDS[1]} im Herbst")
    question = ask(shop["cheese"], xaverine, text=f"Ist das {WORDS[2]} wahr?")
    answer(ask(shop["cheese"], other), xaverine, text=f"{WORDS[3]} hilft.")
    answer(question, other, text="Ja.")
    choose_interest(xaverine, OFFERS, True)
    hide_product_category(xaverine, "Wurst")
    now = timezone.now()
    note = Announcement.objects.create(
        text="Hoffest",
        audience="everyone",
        starts_at=now,
        ends_at=now + datetime.timedelta(days=1),
    )
    Dismissal.objects.create(user=xaverine, announcement=note)
    Unsubscription.objects.create(
        email=EMAIL,
        content_type=ContentType.objects.get_for_model(post),
        object_pk=str(post.pk),
    )
    # A mail to them the mail server has not taken yet.
    LateMail.objects.create(
        to=EMAIL.upper(),
        recipients=[EMAIL.upper()],
        subject=f"Antwort für {NAME}",
        message=f"Subject: Antwort\n\nHallo {NAME}".encode(),
    )
    act(REJECT, {"comment": [mine.pk], "topic": [my_topic.pk]}, moderator)
    return {"member": xaverine, "other": other, "post": post, "question": question}


def traces(*needles) -> list[tuple[str, str, str]]:
    """Every (table, column, needle) where a text column holds one of `needles`."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            description = connection.introspection.get_table_description(cursor, table)
            for column in description:
                try:
                    kind = connection.introspection.get_field_type(
                        column.type_code, column
                    )
                except KeyError:
                    kind = "TextField"  # untyped, as in full-text tables: search it
                if kind not in TEXT_FIELDS:
                    continue
                quoted = connection.ops.quote_name
                for needle in needles:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quoted(table)} "  # noqa: S608
                        f"WHERE LOWER(CAST({quoted(column.name)} AS TEXT)) LIKE %s",
                        [f"%{needle.lower()}%"],
                    )
                    if cursor.fetchone()[0]:
                        found.append((table, column.name, needle))
    return found


def test_the_search_finds_the_member_before_deletion(setting):
    found = {needle for __, __, needle in traces(EMAIL, NAME, *WORDS)}
    assert found == {EMAIL, NAME, *WORDS}


def test_removing_everything_leaves_no_trace(client, setting):
    phone = Client()
    phone.force_login(setting["member"])
    client.force_login(setting["member"])
    assert Session.objects.count() == 2
    response = client.post("/account/delete/", {"password": PASSWORD, "posts": REMOVE})
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    assert traces(EMAIL, NAME, *WORDS) == []
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    assert Session.objects.count() == 0
    assert not Topic.objects.exists()
    # Replies by others stay; the removed comment stays as deleted in its thread.
    assert Comment.objects.filter(comment="Stimmt!").exists()
    assert not ProductQuestion.objects.filter(pk=setting["question"].pk).exists()
    assert ModelLogEntry.objects.filter(user__isnull=False).exists()


def test_keeping_the_posts_leaves_them_without_name_or_address(client, setting):
    client.force_login(setting["member"])
    client.post("/account/delete/", {"password": PASSWORD, "posts": KEEP})
    assert traces(EMAIL, NAME) == []
    kept = Comment.objects.get(comment__startswith=WORDS[0])
    assert kept.user_email == ""
    assert kept.user_name == FORMER_MEMBER
    assert not kept.followup
    with override("en"):
        assert public_name(kept.user) == "Former member"
        assert guest_author(kept).name == "Former member"
    assert Topic.objects.get().author == kept.user
    assert not kept.user.is_active
    assert not kept.user.has_usable_password()


def test_a_wrong_password_deletes_nothing(client, setting):
    client.force_login(setting["member"])
    response = client.post("/account/delete/", {"password": "falsch", "posts": REMOVE})
    assert response.status_code == 200
    assert "This is not your password." in response.content.decode()
    assert get_user_model().objects.filter(email=EMAIL).exists()


def test_nobody_but_the_member_reaches_the_form(client, setting):
    response = client.post("/account/delete/", {"password": PASSWORD, "posts": REMOVE})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert "no-store" in response["Cache-Control"]
    assert get_user_model().objects.filter(email=EMAIL).exists()


def test_the_form_asks_for_the_password_and_the_posts(client, setting):
    client.force_login(setting["member"])
    response = client.get("/account/delete/")
    page = response.content.decode()
    assert 'name="password"' in page
    assert 'value="remove"' in page and 'value="keep"' in page
    assert "no-store" in response["Cache-Control"]


def test_two_members_leaving_share_one_former_member(setting):
    delete_member(setting["member"], KEEP)
    delete_member(setting["other"], KEEP)
    assert get_user_model().objects.filter(username=FORMER_MEMBER).count() == 1


def test_the_members_counters_leave_the_cache(settings, setting):
    settings.COMMUNITY_RATE_LIMIT = "5/h"
    xaverine = setting["member"]
    check_rate_limit(f"user:{xaverine.pk}", None)
    keys = current_counter_keys(f"user:{xaverine.pk}", "COMMUNITY_RATE_LIMIT")
    assert keys and cache.get(keys[0]) == 1
    delete_member(xaverine, KEEP)
    assert cache.get(keys[0]) is None


def test_the_privacy_page_points_to_both_pages(client):
    """Also with the posts' rate limit off (None), as this module sets it."""
    build_shop()
    page = client.get("/privacy/").content.decode()
    assert 'href="/account/data/"' in page
    assert 'href="/account/delete/"' in page
