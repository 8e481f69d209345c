"""A comment's life as its author reads it: held and shown to them alone,
editable for a while from publication, followed at once, approved without its old
reason, and named in mails as the discussion names its author."""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import time_format
from wagtail.models import Site

from community.discussions import notifications
from community.discussions.comments import edit_deadline, may_edit
from community.models import (
    Comment,
    ModerationState,
    ProductQuestion,
    Profile,
    Report,
    Topic,
)
from community.moderation import actions
from community.moderation import queue as moderation
from home.models import ShopSettings
from tests.factories import (
    POST_URL,
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    add_comment,
    ask,
    build_board,
    build_catalogue,
    build_site,
    category,
    form_data,
    member,
    product_url,
    staff,
    topic,
)

pytestmark = pytest.mark.django_db

WAITING = "Waiting for a moderator – only you can see this."
FIRST_POSTS = "One of the first posts of a new member."
TEXT = "Mein erster Kommentar hier"


@pytest.fixture(autouse=True)
def _rules(settings):
    """A member's first post waits for a moderator; nobody posts too fast."""
    settings.COMMUNITY_HOLD_FIRST_POSTS = 1
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True
    settings.COMMUNITY_EDIT_WINDOW = 15
    settings.LANGUAGE_CODE = "en"
    settings.WAGTAIL_I18N_ENABLED = False


@pytest.fixture
def places():
    """Everything that takes comments, each with the address it is read at."""
    home, blog, producers = build_site()
    build_catalogue(home)
    build_board(home)
    post = BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")
    producer = ProducerPageFactory(parent=producers, title="Hofkäserei Wendt")
    cheese = ProductFactory(
        title="Heumilch-Bergkäse", slug="heumilch-bergkaese", producer=producer
    )
    started = topic(member("Theo Hansen"), category(), "Sauerteig")
    return {
        "post": (post, post.url),
        "producer": (producer, producer.url),
        "product": (cheese, product_url(None, cheese)),
        "topic": (started, f"/community/{started.slug}/"),
    }


@pytest.fixture
def post(places):
    return places["post"][0]


@pytest.fixture
def moderator():
    return staff("Mona Moderatorin", superuser=True)


def send(client, user, target, text=TEXT, **extra):
    """`user` comments on `target` through the form; the stored comment."""
    client.force_login(user)
    response = client.post(POST_URL, form_data(target, text=text, **extra))
    assert response.status_code == 200
    return Comment.objects.get(comment=text)


def node_of(html, comment):
    """The markup of one comment in a page, up to its replies."""
    return html.split(f'id="c{comment.pk}"', 1)[1].split("</article>", 1)[0]


def approve(comment, moderator):
    actions.act(actions.APPROVE, {moderation.COMMENT: [comment.pk]}, moderator)
    comment.refresh_from_db()
    return comment


# A held comment is shown to its author, and to nobody else


@pytest.mark.parametrize("place", ["post", "producer", "product", "topic"])
def test_a_held_comment_is_shown_to_its_author_marked_as_waiting(client, places, place):
    target, url = places[place]
    jana = member("Jana Petersen")

    held = send(client, jana, target)
    html = client.get(url).content.decode()

    assert not held.is_public and held.held_reason == "first-posts"
    assert TEXT in html
    node = node_of(html, held)
    assert WAITING in node
    assert "Jana Petersen" in node
    assert reverse("community_comment_edit", args=[held.pk]) in node
    assert reverse("community_comment_delete", args=[held.pk]) in node
    # Nobody replies to, reacts to or reports what waits for a moderator.
    assert f"reply_to={held.pk}" not in node
    assert "/react/" not in node
    assert "/report/" not in node
    assert "comment--waiting" in html
    # The discussion counts what everyone can read.
    assert 'class="discussion__count"' not in html


def test_a_held_comment_shows_at_once_to_an_author_who_read_the_page_before(
    client, post
):
    """What a member alone sees is remembered by each process while nothing
    was purged; their new held comment purges no page, but still shows."""
    jana = member("Jana Petersen")
    client.force_login(jana)
    assert TEXT not in client.get(post.url).content.decode()

    held = send(client, jana, post)
    html = client.get(post.url).content.decode()

    assert not held.is_public
    assert WAITING in node_of(html, held)


def test_the_waiting_mark_is_in_german_for_a_german_reader(client, post, settings):
    settings.LANGUAGE_CODE = "de"
    held = send(client, member("Jana Petersen"), post)

    html = client.get(post.url, HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert (
        "Wartet auf Freigabe durch die Moderation – nur Sie sehen diesen Beitrag."
        in node_of(html, held)
    )


@pytest.mark.parametrize("place", ["post", "producer", "product", "topic"])
def test_other_members_guests_and_moderators_do_not_see_a_held_comment(
    client, places, place, moderator
):
    target, url = places[place]
    held = send(client, member("Jana Petersen"), target)
    readers = [member("Carla Dorn"), moderator, None]

    for reader in readers:
        client.logout()
        if reader is not None:
            client.force_login(reader)
        html = client.get(url).content.decode()
        assert TEXT not in html, reader
        assert f'id="c{held.pk}"' not in html
        assert WAITING not in html


def test_a_guests_page_is_the_same_with_a_held_comment_waiting(client, post):
    def page():
        client.logout()
        html = client.get(post.url).content.decode()
        # The form's own tokens change with every page.
        return re.sub(
            r'(name="(csrfmiddlewaretoken|timestamp|security_hash)" value=")[^"]*"',
            r"\1",
            html,
        )

    add_comment(post, member("Olaf Brandt"), "Schon da")
    before = page()
    send(client, member("Jana Petersen"), post)

    assert page() == before


def test_a_held_reply_is_shown_to_its_author_under_the_comment_it_answers(client, post):
    root = add_comment(post, member("Olaf Brandt"), "Wann ist Heuernte?")
    jana = member("Jana Petersen")

    held = send(client, jana, post, "Im Juni, glaube ich", reply_to=root.pk)
    html = client.get(post.url).content.decode()

    replies = html.split(f'id="c{root.pk}"', 1)[1]
    assert 'class="comments comments--replies"' in replies
    assert f'id="c{held.pk}"' in replies
    assert WAITING in node_of(html, held)
    # The public reply count, and so the link to the whole thread, is unchanged.
    assert "Show the" not in html


def test_a_held_root_is_on_its_own_threads_page_for_its_author(client, post):
    jana = member("Jana Petersen")
    held = send(client, jana, post)

    html = client.get(f"{post.url}?thread={held.pk}").content.decode()

    assert "Back to the whole discussion" in html
    assert WAITING in node_of(html, held)


def test_a_rejected_or_deleted_comment_is_not_shown_as_waiting(client, post, moderator):
    jana = member("Jana Petersen")
    rejected = send(client, jana, post)
    actions.act(actions.REJECT, {moderation.COMMENT: [rejected.pk]}, moderator)
    deleted = send(client, jana, post, "Doch lieber nicht")
    client.post(reverse("community_comment_delete", args=[deleted.pk]))

    html = client.get(post.url).content.decode()

    assert TEXT not in html and "Doch lieber nicht" not in html
    assert WAITING not in html


def test_the_held_answer_tells_the_author_they_can_see_it(client, post):
    client.force_login(member("Jana Petersen"))

    html = client.post(POST_URL, form_data(post, text=TEXT)).content.decode()

    assert "only you can see it in the discussion, marked as waiting" in html
    held = Comment.objects.get()
    # Back to the discussion is back to the comment, also without the script.
    assert f'href="{post.url}#c{held.pk}" data-held-comment' in html


def test_once_approved_the_comment_shows_to_everyone_without_the_mark(
    client, post, moderator
):
    held = send(client, member("Jana Petersen"), post)

    approve(held, moderator)
    html = client.get(post.url).content.decode()

    assert TEXT in html and WAITING not in html
    client.logout()
    html = client.get(post.url).content.decode()
    assert TEXT in html and WAITING not in html


# The edit window runs from publication


def test_the_edit_window_of_an_approved_comment_runs_from_its_approval(
    client, post, moderator
):
    jana = member("Jana Petersen")
    sent = timezone.now() - timedelta(minutes=6)
    held = add_comment(
        post, jana, TEXT, is_public=False, held_reason="first-posts", submit_date=sent
    )

    approved = approve(held, moderator)

    published = approved.published_at
    assert approved.submit_date == sent
    assert published > sent + timedelta(minutes=5)
    assert edit_deadline(approved) == published + timedelta(minutes=15)
    # Fifteen minutes from sending would have closed it already.
    assert may_edit(jana, approved, now=sent + timedelta(minutes=16))
    assert may_edit(jana, approved, now=published + timedelta(minutes=15))
    assert not may_edit(jana, approved, now=published + timedelta(minutes=16))
    client.force_login(jana)
    html = client.get(reverse("community_comment_edit", args=[held.pk])).text
    with translation.override("en"):
        until = time_format(timezone.localtime(published + timedelta(minutes=15)))
    assert f"You can edit it until {until}." in html


def test_a_comment_held_past_its_window_can_be_edited_once_approved(post, moderator):
    jana = member("Jana Petersen")
    sent = timezone.now() - timedelta(hours=2)
    held = add_comment(
        post, jana, TEXT, is_public=False, held_reason="first-posts", submit_date=sent
    )
    assert not may_edit(jana, held)

    assert may_edit(jana, approve(held, moderator))


def test_a_comment_published_at_once_is_editable_for_the_window_from_sending(post):
    jana = member("Jana Petersen")
    sent = timezone.now() - timedelta(minutes=14)
    comment = add_comment(post, jana, TEXT, submit_date=sent)

    assert comment.published_at == sent
    assert may_edit(jana, comment)
    assert not may_edit(jana, comment, now=sent + timedelta(minutes=16))


def test_a_held_comment_can_be_edited_by_its_author_while_it_waits(client, post):
    jana = member("Jana Petersen")
    held = send(client, jana, post)

    response = client.post(
        reverse("community_comment_edit", args=[held.pk]), {"comment": "Verbessert"}
    )

    # Still one of the first posts: the edit waits for a moderator too.
    assert "Your comment waits for a moderator" in response.text
    held.refresh_from_db()
    assert held.comment == "Verbessert" and not held.is_public
    assert WAITING in node_of(client.get(post.url).content.decode(), held)


# Following shows on the profile at once


def test_a_held_comment_that_follows_shows_its_discussion_on_the_profile_at_once(
    client, post, moderator
):
    jana = member("Jana Petersen")
    held = send(client, jana, post, followup="on")

    html = client.get("/account/profile/").content.decode()

    assert held.followup and not held.is_public
    assert html.count('class="following-list__item"') == 1
    assert "Heuernte am Lindenhof" in html
    assert "E-mails start once a moderator has approved your comment." in html

    approve(held, moderator)
    html = client.get("/account/profile/").content.decode()
    assert "Heuernte am Lindenhof" in html
    assert "E-mails start once" not in html


def test_a_rejected_comment_follows_nothing(client, post, moderator):
    jana = member("Jana Petersen")
    held = send(client, jana, post, followup="on")

    actions.act(actions.REJECT, {moderation.COMMENT: [held.pk]}, moderator)
    html = client.get("/account/profile/").content.decode()

    assert "You follow no discussion." in html


def test_unfollowing_a_discussion_followed_by_a_held_comment_stops_it(client, post):
    jana = member("Jana Petersen")
    held = send(client, jana, post, followup="on")

    client.post(
        "/account/profile/unfollow/",
        {"content_type": post.content_type_id, "object_pk": post.pk},
    )

    held.refresh_from_db()
    assert not held.followup
    assert "You follow no discussion." in client.get("/account/profile/").text


# Approved posts keep no held reason


def test_an_approved_comment_keeps_no_reason_and_a_later_report_shows_none(
    client, post, moderator
):
    held = send(client, member("Jana Petersen"), post)

    approved = approve(held, moderator)
    Report.objects.create(
        user=member("Carla Dorn"), reason=Report.Reason.RUDE, comment=approved
    )
    client.force_login(moderator)
    html = client.get("/admin/moderation/flagged/").content.decode()

    assert approved.held_reason == ""
    assert approved.get_held_reason_display() == ""
    assert f'value="comment:{approved.pk}"' in html
    assert FIRST_POSTS not in html


def test_approved_topics_and_questions_keep_no_reason(moderator):
    olaf = member("Olaf Brandt")
    held_topic = topic(
        olaf, category(), state=ModerationState.PENDING, held_reason="first-posts"
    )
    held_question = ask(
        ProductFactory(), olaf, state=ModerationState.PENDING, held_reason="links"
    )

    actions.act(
        actions.APPROVE,
        {
            moderation.TOPIC: [held_topic.pk],
            moderation.QUESTION: [held_question.pk],
        },
        moderator,
    )

    assert Topic.objects.get(pk=held_topic.pk).held_reason == ""
    assert ProductQuestion.objects.get(pk=held_question.pk).held_reason == ""


def test_a_topic_published_in_its_admin_keeps_no_reason():
    held = topic(
        member("Olaf Brandt"),
        category(),
        state=ModerationState.PENDING,
        held_reason="first-posts",
    )

    held.state = ModerationState.PUBLISHED
    held.save(update_fields=["state"])

    assert Topic.objects.get(pk=held.pk).held_reason == ""


def test_a_held_topic_keeps_its_reason():
    held = topic(
        member("Olaf Brandt"),
        category(),
        state=ModerationState.PENDING,
        held_reason="first-posts",
    )

    held.save()

    assert Topic.objects.get(pk=held.pk).held_reason == "first-posts"


def test_posts_approved_before_lose_their_old_reason_in_the_migration(post):
    olaf = member("Olaf Brandt")
    published = add_comment(post, olaf, "Alt", held_reason="first-posts")
    waiting = add_comment(post, olaf, "Wartet", is_public=False, held_reason="links")
    old_topic = topic(olaf, category("Früher"), "Alt")
    Topic.objects.filter(pk=old_topic.pk).update(held_reason="first-posts")
    migration = importlib.import_module(
        "community.migrations.0011_published_posts_keep_no_held_reason"
    )

    migration.clear_reasons_of_published_posts(apps, None)

    assert Comment.objects.get(pk=published.pk).held_reason == ""
    assert Comment.objects.get(pk=waiting.pk).held_reason == "links"
    assert Topic.objects.get(pk=old_topic.pk).held_reason == ""


def test_the_mail_about_an_approved_comment_carries_no_reason(
    client, post, moderator, django_capture_on_commit_callbacks
):
    add_comment(post, member("Olaf Brandt"), "Schon da", followup=True)
    held = send(client, member("Jana Petersen"), post)

    with django_capture_on_commit_callbacks(execute=True):
        approve(held, moderator)

    assert [message.to for message in mail.outbox] == [["olaf@example.org"]]
    body = mail.outbox[0].body
    assert TEXT in body
    assert FIRST_POSTS not in body and "first posts" not in body


# Mails name authors as the discussion does


SHOP = "Hofladen Lindenhof"


def stand_in(username, **fields):
    """An account made before names were asked for: "Member" in German."""
    user = User.objects.create_user(
        username=username, email=f"{username}@example.org", password="pw-1", **fields
    )
    Profile.objects.update_or_create(user=user, defaults={"display_name": "Mitglied"})
    return User.objects.get(pk=user.pk)


@pytest.fixture
def shop_named():
    settings = ShopSettings.for_site(Site.objects.get(is_default_site=True))
    settings.shop_name = SHOP
    settings.save()


@pytest.mark.parametrize(
    ("first_name", "last_name", "named"),
    [("Sven", "Lindner", "Sven Lindner"), ("Sven", "", f"Sven from the {SHOP} team")],
)
def test_a_staff_comment_stored_as_member_names_the_team_in_follower_mails(
    post,
    moderator,
    shop_named,
    django_capture_on_commit_callbacks,
    first_name,
    last_name,
    named,
):
    add_comment(post, member("Olaf Brandt"), "Schon da", followup=True)
    sven = stand_in("sven", is_staff=True, first_name=first_name, last_name=last_name)
    old = add_comment(post, sven, "Ab Juni!", is_public=False)
    assert old.user_name == "Mitglied"

    with django_capture_on_commit_callbacks(execute=True):
        approve(old, moderator)

    body = mail.outbox[0].body
    assert f"{named} has written in the discussion" in body
    assert "Mitglied" not in body and "Member" not in body


def test_a_follower_named_member_is_greeted_without_that_name(
    post, django_capture_on_commit_callbacks
):
    add_comment(post, stand_in("olaf"), "Schon da", followup=True)
    new = add_comment(post, member("Jana Petersen"), "Ab Juni!")

    with django_capture_on_commit_callbacks(execute=True):
        notifications.comment_published(new)

    body = mail.outbox[0].body
    assert body.startswith("Hello,")
    assert "Mitglied" not in body
    assert "Jana Petersen has written" in body


def test_comments_public_before_count_as_published_when_sent_in_the_migration(post):
    olaf = member("Olaf Brandt")
    sent = timezone.now() - timedelta(days=3)
    public = add_comment(post, olaf, "Alt", submit_date=sent)
    waiting = add_comment(post, olaf, "Wartet", is_public=False)
    Comment.objects.filter(pk__in=[public.pk, waiting.pk]).update(published_at=None)
    migration = importlib.import_module(
        "community.migrations.0014_comment_published_at"
    )

    migration.published_when_sent(apps, None)

    assert Comment.objects.get(pk=public.pk).published_at == sent
    assert Comment.objects.get(pk=waiting.pk).published_at is None
