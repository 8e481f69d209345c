"""Mail about discussions: followers, authors, unsubscribing, confirming guests."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.discussions import notifications
from community.models import BoardCategory, Comment, Profile, Topic, Unsubscription
from tests.factories import (
    POST_URL,
    AuthorFactory,
    BlogPageFactory,
    ProducerPageFactory,
    ProductFactory,
    add_comment,
    build_catalogue,
    build_site,
    form_data,
    member,
)

pytestmark = pytest.mark.django_db

# Telling a comment's followers and authors, whatever their number; the shop's
# settings are created on first use in a test, which costs three of them.
QUERIES_TO_TELL = 13


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def post(site):
    __, blog, __ = site
    return BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")


def comment_on(target, user=None, text="Schön!", parent=None, **fields):
    """A published comment whose author follows the discussion unless told not to."""
    return add_comment(target, user, text, parent, **{"followup": True, **fields})


def post_as(client, user, target, capture, **extra):
    """A member posts a comment; mails queued after commit are sent."""
    client.force_login(user)
    with capture(execute=True):
        response = client.post(POST_URL, form_data(target, **extra))
    return response


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def link_in(message, path):
    return re.search(rf"https?://[^/\s]+({path}[^\s]+/)", message.body)[1]


# Who is told


def test_each_follower_gets_one_mail_and_the_replier_none(
    client, post, django_capture_on_commit_callbacks
):
    anna, bernd, carla = member("Anna Berger"), member("Bernd Kurz"), member("Carla")
    first = comment_on(post, anna)
    comment_on(post, anna, text="Noch etwas.")  # two comments, one mail
    comment_on(post, email="gast@example.org")
    comment_on(post, carla, followup=False)
    comment_on(post, bernd)  # the replier followed too

    response = post_as(
        client,
        bernd,
        post,
        django_capture_on_commit_callbacks,
        text="Ab Juni!",
        reply_to=first.pk,
    )

    assert response.status_code == 302
    assert recipients() == ["anna@example.org", "gast@example.org"]
    message = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert message.subject == "New reply in “Heuernte am Lindenhof”"
    assert "Hello Anna Berger," in message.body
    assert "Bernd Kurz has written" in message.body
    assert "Ab Juni!" in message.body
    new = Comment.objects.get(comment="Ab Juni!")
    assert f"http://testserver{post.url}#c{new.pk}" in message.body
    # Nobody else's address, not even the replier's, travels in a mail.
    for sent in mail.outbox:
        raw = sent.message().as_string()
        others = {"anna@example.org", "gast@example.org", "bernd@example.org"}
        assert not (others - set(sent.to)) & set(re.findall(r"[\w.]+@[\w.]+", raw))


@pytest.mark.parametrize("count", [2, 12])
def test_telling_followers_takes_the_same_queries_however_many(
    post, count, django_capture_on_commit_callbacks
):
    for number in range(count):
        comment_on(post, member(f"Leserin{number} Hof"))
    comment_on(post, email="gast@example.org")
    new = comment_on(post, member("Bernd Kurz"), followup=False)

    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        notifications.comment_published(new)

    assert len(mail.outbox) == count + 1
    assert len(queries) == QUERIES_TO_TELL


def test_removed_hidden_and_spam_comments_follow_nothing(
    client, post, django_capture_on_commit_callbacks
):
    comment_on(post, email="weg@example.org", is_removed=True)
    comment_on(post, email="wartet@example.org", is_public=False)
    comment_on(post, email="spam@example.org", is_spam=True)

    post_as(client, member("Bernd Kurz"), post, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_addresses_differing_in_case_get_one_mail(
    client, post, django_capture_on_commit_callbacks
):
    comment_on(post, email="Gast@Example.org")
    comment_on(post, email="gast@example.org")

    post_as(client, member("Bernd Kurz"), post, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1


def test_a_member_is_mailed_at_their_current_address_and_not_once_gone(
    client, post, django_capture_on_commit_callbacks
):
    anna, carla = member("Anna Berger"), member("Carla Kern")
    comment_on(post, anna)
    comment_on(post, carla)
    User.objects.filter(pk=anna.pk).update(email="anna.neu@example.org")
    User.objects.filter(pk=carla.pk).update(is_active=False)

    post_as(client, member("Bernd Kurz"), post, django_capture_on_commit_callbacks)

    assert recipients() == ["anna.neu@example.org"]


def test_the_author_of_a_post_is_told_of_a_new_comment(
    client, site, django_capture_on_commit_callbacks
):
    __, blog, __ = site
    writer = member("Wilma Hof")
    story = BlogPageFactory(
        parent=blog, title="Käse reift", authors=[AuthorFactory(user=writer)]
    )

    post_as(
        client,
        member("Bernd Kurz"),
        story,
        django_capture_on_commit_callbacks,
        text="Wie lange?",
    )

    assert recipients() == ["wilma@example.org"]
    message = mail.outbox[0]
    assert message.subject == "New comment on “Käse reift”"
    assert "Bernd Kurz has commented on “Käse reift”" in message.body
    assert "Wie lange?" in message.body


def test_an_author_who_follows_too_gets_one_mail(
    client, site, django_capture_on_commit_callbacks
):
    __, blog, __ = site
    writer = member("Wilma Hof")
    story = BlogPageFactory(parent=blog, authors=[AuthorFactory(user=writer)])
    comment_on(story, writer)

    post_as(client, member("Bernd Kurz"), story, django_capture_on_commit_callbacks)

    assert recipients() == ["wilma@example.org"]
    assert mail.outbox[0].subject.startswith("New reply in")


def test_an_author_commenting_on_their_own_post_is_not_told(
    client, site, django_capture_on_commit_callbacks
):
    __, blog, __ = site
    writer = member("Wilma Hof")
    story = BlogPageFactory(parent=blog, authors=[AuthorFactory(user=writer)])

    post_as(client, writer, story, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_the_members_of_a_producer_and_a_topics_author_are_told(
    client, site, django_capture_on_commit_callbacks
):
    __, __, producers = site
    farm = ProducerPageFactory(parent=producers, title="Lindenhof")
    farmer = member("Fritz Lindner")
    Profile.objects.filter(user=farmer).update(producer=farm)
    starter = member("Tina Themen")
    topic = Topic.objects.create(
        category=BoardCategory.objects.create(name="Rezepte", slug="rezepte"),
        author=starter,
        title="Ofengemüse",
        slug="ofengemuese",
        body="Mit Honig.",
        last_activity_at=timezone.now(),
    )
    bernd = member("Bernd Kurz")

    post_as(client, bernd, farm, django_capture_on_commit_callbacks, text="Hofladen?")
    post_as(client, bernd, topic, django_capture_on_commit_callbacks, text="Lecker!")

    assert recipients() == ["fritz@example.org", "tina@example.org"]
    assert {m.subject for m in mail.outbox} == {
        "New comment on “Lindenhof”",
        "New comment on “Ofengemüse”",
    }


def test_the_members_of_a_products_producer_are_told_of_a_comment_on_it(
    client, site, django_capture_on_commit_callbacks
):
    home, __, producers = site
    build_catalogue(home)
    farm = ProducerPageFactory(parent=producers, title="Lindenhof")
    cheese = ProductFactory(title="Heumilch-Bergkäse", producer=farm)
    farmer = member("Fritz Lindner")
    Profile.objects.filter(user=farmer).update(producer=farm)
    colleague = member("Frieda Lindner")
    Profile.objects.filter(user=colleague).update(producer=farm)
    member("Olga Andershof")  # speaks for nobody

    post_as(client, colleague, cheese, django_capture_on_commit_callbacks, text="Reif!")

    (message,) = mail.outbox
    assert message.to == ["fritz@example.org"]
    assert message.subject == "New comment on “Heumilch-Bergkäse”"
    assert "a product of the producer you speak for" in message.body
    assert "Reif!" in message.body


def test_a_product_without_a_producer_has_nobody_to_tell(site):
    build_catalogue(site[0])

    assert notifications.post_authors(ProductFactory(producer=None)) == []


def test_each_mail_is_in_its_recipients_language(
    client, post, django_capture_on_commit_callbacks
):
    comment_on(post, member("Anna Berger", language="de"))
    comment_on(post, email="gast@example.org")  # a guest: the site's language
    comment_on(post, member("Erik Smith", language="en"))

    post_as(client, member("Bernd Kurz"), post, django_capture_on_commit_callbacks)

    languages = {m.to[0]: m.extra_headers["Content-Language"] for m in mail.outbox}
    assert languages == {
        "anna@example.org": "de",
        "gast@example.org": "en",
        "erik@example.org": "en",
    }
    german = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert "Viele Grüße" in german.body
    english = next(m for m in mail.outbox if m.to == ["erik@example.org"])
    assert "Kind regards" in english.body


def test_the_language_of_a_guest_follower_is_the_sites_default(
    client, post, settings, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "de"
    comment_on(post, email="gast@example.org")

    post_as(client, member("Bernd Kurz"), post, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "de"
    assert "Viele Grüße" in message.body


def test_a_member_posting_records_the_language_they_use(
    client, post, django_capture_on_commit_callbacks
):
    bernd = member("Bernd Kurz")
    client.cookies["django_language"] = "de"

    post_as(client, bernd, post, django_capture_on_commit_callbacks)

    assert Profile.objects.get(user=bernd).language == "de"


# When


def test_mails_are_queued_only_when_the_comment_is_committed(
    client, post, django_capture_on_commit_callbacks
):
    comment_on(post, email="gast@example.org")
    client.force_login(member("Bernd Kurz"))

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(POST_URL, form_data(post))
        assert mail.outbox == []
    assert mail.outbox == []
    for callback in callbacks:
        callback()

    assert recipients() == ["gast@example.org"]


def test_a_held_comment_tells_nobody_until_it_is_published(
    client, post, settings, django_capture_on_commit_callbacks
):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 1
    comment_on(post, email="gast@example.org")

    response = post_as(
        client, member("Bernd Kurz"), post, django_capture_on_commit_callbacks
    )

    assert "waits for a moderator" in response.content.decode()
    assert mail.outbox == []
    held = Comment.objects.get(user__email="bernd@example.org")
    Comment.objects.filter(pk=held.pk).update(is_public=True)
    held.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.comment_published(held)
    assert recipients() == ["gast@example.org"]
    assert "http://testserver/" in mail.outbox[0].body


def test_comment_published_ignores_comments_that_are_not_public(
    post, django_capture_on_commit_callbacks
):
    comment_on(post, email="gast@example.org")
    hidden = comment_on(post, member("Bernd Kurz"), is_public=False)
    removed = comment_on(post, member("Carla Kern"), is_removed=True)

    with django_capture_on_commit_callbacks(execute=True):
        notifications.comment_published(hidden)
        notifications.comment_published(removed)

    assert mail.outbox == []


def test_a_mail_server_that_is_down_loses_no_comment(
    client, post, mail_server, django_capture_on_commit_callbacks
):
    comment_on(post, email="gast@example.org")

    response = post_as(
        client,
        member("Bernd Kurz"),
        post,
        django_capture_on_commit_callbacks,
        text="Trotzdem da.",
    )

    assert response.status_code == 302
    assert Comment.objects.filter(comment="Trotzdem da.", is_public=True).exists()
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        guest = client.post(
            POST_URL,
            form_data(post, name="Gerda Gast", email="gerda@example.org"),
        )
    assert guest.status_code == 200
    assert "Please confirm your comment" in guest.content.decode()


# The form


def test_members_follow_by_default_and_guests_opt_in(client, post):
    html = client.get(f"{post.url}?write=1").content.decode()
    box = re.search(r'<input type="checkbox" name="followup"[^>]*>', html)[0]
    assert "checked" not in box
    assert "Notify me of replies by e-mail" in html

    client.force_login(member("Anna Berger"))
    html = client.get(post.url).content.decode()
    box = re.search(r'<input type="checkbox" name="followup"[^>]*>', html)[0]
    assert "checked" in box


def test_the_followup_choice_is_stored_with_the_comment(
    client, post, django_capture_on_commit_callbacks
):
    anna = member("Anna Berger")
    post_as(
        client, anna, post, django_capture_on_commit_callbacks, text="Ja", followup="on"
    )
    post_as(client, anna, post, django_capture_on_commit_callbacks, text="Nein")

    assert Comment.objects.get(comment="Ja").followup is True
    assert Comment.objects.get(comment="Nein").followup is False


# Unsubscribing


@pytest.fixture
def followed(client, post, django_capture_on_commit_callbacks):
    """Anna follows the post; Bernd's comment sends her a mail."""
    anna = member("Anna Berger")
    comment_on(post, anna)
    comment_on(post, anna, text="Noch etwas.")
    post_as(client, member("Bernd Kurz"), post, django_capture_on_commit_callbacks)
    client.logout()
    (message,) = mail.outbox
    mail.outbox.clear()
    return message


def test_the_mail_carries_a_one_click_unsubscribe_header(followed):
    url = link_in(followed, "/comments/unsubscribe/")
    assert followed.extra_headers["List-Unsubscribe"] == f"<http://testserver{url}>"
    assert followed.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert "anna" not in url  # the link names no address


def test_the_unsubscribe_link_asks_first_and_then_unsubscribes(
    client, post, followed, django_capture_on_commit_callbacks
):
    url = link_in(followed, "/comments/unsubscribe/")

    page = client.get(url)

    assert page.status_code == 200
    html = page.content.decode()
    assert "No more e-mails about this discussion?" in html
    assert '<form method="post">' in html
    assert Comment.objects.filter(user_email="anna@example.org", followup=True).count()

    done = client.post(url)

    assert done.status_code == 200
    assert "You are unsubscribed" in done.content.decode()
    assert not Comment.objects.filter(user_email="anna@example.org", followup=True)
    assert Unsubscription.objects.filter(email="anna@example.org").count() == 1
    post_as(client, member("Carla Kern"), post, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_mail_clients_unsubscribe_with_one_click_and_no_csrf_token(
    post, followed, django_capture_on_commit_callbacks
):
    url = link_in(followed, "/comments/unsubscribe/")
    client = Client(enforce_csrf_checks=True)

    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not Comment.objects.filter(user_email="anna@example.org", followup=True)


def test_a_tampered_unsubscribe_link_is_refused_clearly(client, followed):
    url = link_in(followed, "/comments/unsubscribe/")
    forged = url.replace(url.split("/")[-2], url.split("/")[-2][:-3] + "abc")

    for response in (client.get(forged), client.post(forged)):
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert Comment.objects.filter(user_email="anna@example.org", followup=True)
    assert not Unsubscription.objects.exists()


def test_an_author_who_unsubscribed_is_not_told_again(
    client, site, django_capture_on_commit_callbacks
):
    __, blog, __ = site
    writer = member("Wilma Hof")
    story = BlogPageFactory(parent=blog, authors=[AuthorFactory(user=writer)])
    bernd = member("Bernd Kurz")
    post_as(client, bernd, story, django_capture_on_commit_callbacks, text="Eins")
    client.post(link_in(mail.outbox[0], "/comments/unsubscribe/"))
    mail.outbox.clear()

    post_as(client, bernd, story, django_capture_on_commit_callbacks, text="Zwei")

    assert mail.outbox == []


def test_following_again_after_unsubscribing_brings_the_mails_back(
    client, post, followed, django_capture_on_commit_callbacks
):
    client.post(link_in(followed, "/comments/unsubscribe/"))
    anna = User.objects.get(email="anna@example.org")
    post_as(client, anna, post, django_capture_on_commit_callbacks, followup="on")
    assert not Unsubscription.objects.exists()

    post_as(client, member("Carla Kern"), post, django_capture_on_commit_callbacks)

    assert recipients() == ["anna@example.org"]


# A guest's confirmation


def test_a_guest_gets_our_confirmation_mail_and_confirming_notifies_followers(
    client, post, django_capture_on_commit_callbacks
):
    comment_on(post, member("Anna Berger"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            POST_URL,
            form_data(
                post,
                text="Gibt es den auch laktosefrei?",
                name="Gerda Gast",
                email="gerda@example.org",
                followup="on",
            ),
        )

    (request,) = mail.outbox
    assert request.to == ["gerda@example.org"]
    assert request.subject == "Please confirm your comment on “Heuernte am Lindenhof”"
    assert "Hello Gerda Gast," in request.body
    assert "Gibt es den auch laktosefrei?" in request.body
    assert "anna@example.org" not in request.message().as_string()
    assert not Comment.objects.filter(user_email="gerda@example.org").exists()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.get(link_in(request, "/comments/confirm/"))

    comment = Comment.objects.get(user_email="gerda@example.org")
    assert confirmed.status_code == 302
    assert confirmed["Location"].endswith(f"#c{comment.pk}")
    assert comment.followup is True
    assert recipients() == ["anna@example.org"]  # xtd sends nothing of its own
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(link_in(request, "/comments/confirm/"))
    assert again.status_code == 302
    assert Comment.objects.filter(user_email="gerda@example.org").count() == 1
    assert mail.outbox == []


def test_the_confirmation_mail_is_in_the_guests_language(
    client, post, django_capture_on_commit_callbacks
):
    client.cookies["django_language"] = "de"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            POST_URL, form_data(post, name="Gerda Gast", email="gerda@example.org")
        )

    (request,) = mail.outbox
    assert request.extra_headers["Content-Language"] == "de"


def test_a_forged_confirmation_link_is_refused_clearly(client, post):
    response = client.get("/comments/confirm/not-a-real-key/")

    assert response.status_code == 400
    assert "This confirmation link is not valid" in response.content.decode()
    assert not Comment.objects.exists()


# The member's profile


def test_the_profile_lists_followed_discussions_and_unfollows_one(
    client, site, post, django_capture_on_commit_callbacks
):
    __, blog, __ = site
    other = BlogPageFactory(parent=blog, title="Käse reift")
    anna = member("Anna Berger")
    comment_on(post, anna)
    comment_on(post, anna, text="Noch etwas.")
    comment_on(other, anna)
    comment_on(BlogPageFactory(parent=blog, title="Nicht gefolgt"), anna, followup=0)
    client.force_login(anna)

    html = client.get("/account/profile/").content.decode()

    assert "Discussions you follow" in html
    assert html.count('class="following-list__item"') == 2
    assert "Heuernte am Lindenhof" in html and "Käse reift" in html
    assert "Nicht gefolgt" not in html

    response = client.post(
        "/account/profile/unfollow/",
        {"content_type": post.content_type_id, "object_pk": post.pk},
        follow=True,
    )

    html = response.content.decode()
    assert "no more e-mails about the discussion “Heuernte am Lindenhof”." in html
    assert html.count('class="following-list__item"') == 1
    post_as(client, member("Bernd Kurz"), post, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_bad_unfollow_request_is_refused_clearly(client, post):
    client.force_login(member("Anna Berger"))

    response = client.post(
        "/account/profile/unfollow/",
        {"content_type": "999999", "object_pk": "x"},
        follow=True,
    )

    assert "This discussion does not exist (any more)." in response.content.decode()
    assert client.get("/account/profile/unfollow/").status_code == 405


def test_a_member_following_nothing_is_told_how_to_follow(client, post):
    client.force_login(member("Anna Berger"))

    html = client.get("/account/profile/").content.decode()

    assert "You follow no discussion." in html


def test_without_confirmation_a_guest_comment_is_public_at_once_and_told(
    client, post, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_XTD_CONFIRM_EMAIL = False
    comment_on(post, member("Anna Berger"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            POST_URL, form_data(post, name="Gerda Gast", email="gerda@example.org")
        )

    guest = Comment.objects.get(user_email="gerda@example.org")
    assert guest.is_public
    assert response.status_code == 302
    assert response["Location"].endswith(f"#c{guest.pk}")
    assert recipients() == ["anna@example.org"]
