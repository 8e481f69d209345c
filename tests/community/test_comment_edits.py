"""Edits and guest confirmations meet the same checks as a new comment.

An edit goes through the moderation rules and only while the discussion is
open; a guest's confirmation link checks again that the discussion is open
and the comment replied to is still there, and it expires.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from community.models import Comment, ModerationState
from tests.factories import (
    POST_URL,
    BlogPageFactory,
    add_comment,
    build_board,
    build_site,
    category,
    form_data,
    member,
    topic,
)

pytestmark = pytest.mark.django_db

SPAM_LINKS = (
    "Jetzt reich werden: https://a.example/ https://b.example/ https://c.example/"
)


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True
    settings.COMMUNITY_BLOCKED_WORDS = ["Casino"]
    settings.COMMUNITY_HELD_WORDS = []
    settings.COMMUNITY_MAX_LINKS = 2
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")


def edit(client, comment, text):
    return client.post(
        reverse("community_comment_edit", args=[comment.pk]), {"comment": text}
    )


# Editing goes through the moderation rules


def test_an_edit_to_a_blocked_word_is_refused_and_keeps_the_typed_text(client, post):
    anna = member("Anna Berger")
    comment = add_comment(post, anna, "harmlos")
    client.force_login(anna)

    response = edit(client, comment, "Besucht mein Casino!")

    html = response.content.decode()
    assert response.status_code == 400
    assert "words that are not allowed here: Casino" in html
    assert "Besucht mein Casino!" in html  # what was typed stays in the form
    comment.refresh_from_db()
    assert comment.comment == "harmlos"
    assert comment.is_public and comment.edited_at is None


def test_an_edit_to_too_many_links_is_held_and_leaves_the_page(client, post):
    anna = member("Anna Berger")
    comment = add_comment(post, anna, "harmlos")
    reply = add_comment(post, member("Bernd Kaiser"), "Antwort", parent=comment)
    client.force_login(anna)

    response = edit(client, comment, SPAM_LINKS)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your comment waits for a moderator" in html
    assert "more than 2 links" in html
    comment.refresh_from_db()
    assert comment.comment == SPAM_LINKS
    assert not comment.is_public
    assert comment.held_reason == "links"
    assert comment.edited_at is not None
    # Held with an update, not save(): the reply under it stays public.
    reply.refresh_from_db()
    assert reply.is_public
    client.logout()  # its author alone sees it, marked as waiting
    page = client.get(post.url).content.decode()
    assert "a.example" not in page
    assert "Antwort" in page


def test_a_held_comment_is_not_published_by_a_harmless_edit(client, post):
    anna = member("Anna Berger")
    comment = add_comment(post, anna, SPAM_LINKS, is_public=False)
    client.force_login(anna)

    response = edit(client, comment, "harmlos")

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.comment == "harmlos"
    assert not comment.is_public


def test_an_edit_is_not_a_repeat_of_the_comment_itself(client, post):
    anna = member("Anna Berger")
    comment = add_comment(post, anna, "Schöne Bilder vom Hof")
    client.force_login(anna)

    response = edit(client, comment, "Schöne  Bilder vom Hof ")

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_public and not comment.held_reason


def test_an_edit_does_not_count_against_the_rate_limit(client, post, settings):
    settings.COMMUNITY_RATE_LIMIT = "1/m"
    anna = member("Anna Berger")
    client.force_login(anna)
    assert client.post(POST_URL, form_data(post, "Erster Gedanke")).status_code == 302
    comment = Comment.objects.get()

    response = edit(client, comment, "Erster Gedanke, ergänzt")

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.comment == "Erster Gedanke, ergänzt"
    # The limit still holds for new posts.
    again = client.post(POST_URL, form_data(post, "Zweiter Gedanke"))
    assert "posting very quickly" in again.content.decode()


def test_staff_edits_are_not_subject_to_the_rules(client, post):
    staff = member("Clara Team", is_staff=True)
    comment = add_comment(post, staff, "harmlos")
    client.force_login(staff)

    response = edit(client, comment, "Casino " + SPAM_LINKS)

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.comment.startswith("Casino")
    assert comment.is_public


# Editing only while the discussion is open


def test_a_comment_in_a_closed_topic_cannot_be_edited(client):
    build_board()
    anna = member("Anna Berger")
    subject = topic(anna, category(), state=ModerationState.PUBLISHED)
    comment = add_comment(subject, anna, "Alt")
    client.force_login(anna)
    assert edit(client, comment, "Zwischenstand").status_code == 302
    subject.is_closed = True
    subject.save()

    response = edit(client, comment, "Neu")

    assert response.status_code == 403
    assert "This topic is closed; its comments can no longer be edited." in (
        response.content.decode()
    )
    comment.refresh_from_db()
    assert comment.comment == "Zwischenstand"


def test_a_comment_on_an_unpublished_page_cannot_be_edited(client, post):
    anna = member("Anna Berger")
    comment = add_comment(post, anna, "Alt")
    post.unpublish()
    client.force_login(anna)

    get = client.get(reverse("community_comment_edit", args=[comment.pk]))
    response = edit(client, comment, "Neu")

    assert get.status_code == response.status_code == 403
    assert "This page takes no more comments" in response.content.decode()
    comment.refresh_from_db()
    assert comment.comment == "Alt"


def test_a_deleted_comment_says_so_when_its_author_tries_to_edit_it(client, post):
    anna = member("Anna Berger")
    comment = add_comment(post, anna, "Alt", is_removed=True)
    client.force_login(anna)

    get = client.get(reverse("community_comment_edit", args=[comment.pk]))
    response = edit(client, comment, "Neu")

    assert get.status_code == response.status_code == 403
    assert "This comment was deleted; there is nothing left to edit." in (
        response.content.decode()
    )
    comment.refresh_from_db()
    assert comment.comment == "Alt"


# A guest's confirmation checks again


def guest_link(client, target, capture, **extra):
    with capture(execute=True):
        response = client.post(
            POST_URL,
            form_data(target, name="Bernd Gast", email="bernd@example.org", **extra),
        )
    assert "Please confirm your comment" in response.content.decode()
    return re.search(r"/comments/confirm/[^/\s]+/", mail.outbox[-1].body).group(0)


def test_a_confirmation_after_the_topic_closed_is_refused(
    client, django_capture_on_commit_callbacks
):
    build_board()
    subject = topic(member("Anna Berger"), category(), state=ModerationState.PUBLISHED)
    link = guest_link(client, subject, django_capture_on_commit_callbacks)
    subject.is_closed = True
    subject.save()

    response = client.get(link)

    assert response.status_code == 403
    assert (
        "This topic was closed before you confirmed your comment; it was not "
        "published." in response.content.decode()
    )
    assert not Comment.objects.exists()


def test_a_confirmation_after_the_page_was_unpublished_is_refused(
    client, post, django_capture_on_commit_callbacks
):
    link = guest_link(client, post, django_capture_on_commit_callbacks)
    post.unpublish()

    response = client.get(link)

    assert response.status_code == 403
    assert "stopped taking comments before you confirmed" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"is_removed": True}, "was deleted; it takes no replies"),
        ({"is_public": False}, "does not exist (any more)"),
    ],
)
def test_a_confirmed_reply_needs_its_parent_still_there(
    client, post, django_capture_on_commit_callbacks, change, message
):
    parent = add_comment(post, member("Anna Berger"), "Frage")
    link = guest_link(
        client, post, django_capture_on_commit_callbacks, reply_to=parent.pk
    )
    Comment.objects.filter(pk=parent.pk).update(**change)

    response = client.get(link)

    html = response.content.decode()
    assert response.status_code == 409
    assert message in html
    assert "Your comment was not published." in html
    assert list(Comment.objects.all()) == [parent]


def test_a_confirmed_reply_to_a_deleted_parent_is_refused(
    client, post, django_capture_on_commit_callbacks
):
    parent = add_comment(post, member("Anna Berger"), "Frage")
    link = guest_link(
        client, post, django_capture_on_commit_callbacks, reply_to=parent.pk
    )
    parent.delete()

    response = client.get(link)

    assert response.status_code == 409
    assert "does not exist (any more)" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_confirmed_reply_nested_deeper_than_now_allowed_is_refused(
    client, post, settings, django_capture_on_commit_callbacks
):
    root = add_comment(post, member("Anna Berger"), "Frage")
    parent = add_comment(post, member("Olaf Brandt"), "Antwort", parent=root)
    link = guest_link(
        client, post, django_capture_on_commit_callbacks, reply_to=parent.pk
    )
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL = parent.level

    response = client.get(link)

    html = response.content.decode()
    assert response.status_code == 409
    assert "This thread is nested as deep as it goes; reply further up." in html
    assert "Your comment was not published." in html
    assert set(Comment.objects.all()) == {root, parent}


def test_a_confirmation_link_expires(
    client, post, settings, monkeypatch, django_capture_on_commit_callbacks
):
    link = guest_link(client, post, django_capture_on_commit_callbacks)
    real_now = timezone.now

    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=8))
    response = client.get(link)

    html = response.content.decode()
    assert response.status_code == 410
    assert "This confirmation link has expired" in html
    assert "Please write it again" in html
    assert not Comment.objects.exists()

    settings.COMMUNITY_CONFIRM_MAX_AGE = 9 * 24 * 60 * 60
    assert client.get(link).status_code == 302
    assert Comment.objects.get().is_public


def test_a_link_within_its_age_still_publishes(
    client, post, monkeypatch, django_capture_on_commit_callbacks
):
    link = guest_link(client, post, django_capture_on_commit_callbacks)
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=6))

    assert client.get(link).status_code == 302
    assert Comment.objects.get().is_public


def test_the_comment_form_has_one_trap_field_with_its_label(client, post):
    client.force_login(member("Anna Berger"))

    html = client.get(post.url).content.decode()

    trap = html[
        html.index('class="form-trap"') : html.index(
            "</div>", html.index('class="form-trap"')
        )
    ]
    assert trap.count("<input") == 1
    assert 'for="id_website"' in trap and 'id="id_website"' in trap


def test_a_form_sent_back_with_errors_keeps_the_configured_trap(client, post, settings):
    settings.COMMUNITY_HONEYPOT_FIELD = "homepage"
    client.force_login(member("Anna Berger"))

    response = client.post(POST_URL, form_data(post, text=""))

    html = response.content.decode()
    assert response.status_code == 400
    assert 'name="homepage" id="id_homepage"' in html
    assert 'for="id_homepage"' in html


def test_a_form_too_old_comes_back_signed_anew_with_the_text(client, post):
    client.force_login(member("Anna Berger"))
    stale = form_data(post, text="Bis Samstag!", security_hash="0" * 40)

    response = client.post(POST_URL, stale)

    html = response.content.decode()
    assert response.status_code == 400
    assert "The form was too old or changed on the way" in html
    assert "Bis Samstag!</textarea>" in html
    assert not Comment.objects.exists()
    fresh = dict(re.findall(r'name="(timestamp|security_hash)" value="([^"]+)"', html))
    sent_again = client.post(POST_URL, form_data(post, text="Bis Samstag!", **fresh))
    assert sent_again.status_code == 302
    assert Comment.objects.get().comment == "Bis Samstag!"


@pytest.mark.parametrize(
    ("order", "address"),
    [("", "?cpage=2#c{pk}"), ("newest", "?order=newest#c{pk}")],
)
def test_a_new_comment_is_shown_in_the_order_it_was_written_from(
    client, post, settings, order, address
):
    settings.COMMUNITY_THREADS_PER_PAGE = 2
    for text in ("Eins", "Zwei"):
        add_comment(
            post, member(f"Gast {text}", f"gast.{text.lower()}@example.org"), text
        )
    client.force_login(member("Anna Berger"))

    response = client.post(
        POST_URL,
        form_data(post, text="Drei", order=order),
        headers={"accept": "application/json"},
    )

    new = Comment.objects.get(comment="Drei")
    assert response.json()["url"] == post.url + address.format(pk=new.pk)


def test_the_order_stays_with_a_form_sent_back(client, post):
    client.force_login(member("Anna Berger"))
    newest = client.get(post.url + "?order=newest").content.decode()

    response = client.post(POST_URL, form_data(post, text="", order="newest"))

    hidden = '<input type="hidden" name="order" value="newest">'
    assert hidden in newest
    assert hidden in response.content.decode()
    assert hidden not in client.get(post.url).content.decode()
