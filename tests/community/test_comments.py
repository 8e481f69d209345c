import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from blog.models import BlogPage
from community.discussions.models import with_comment_counts
from community.models import Comment
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
    home_page,
    member,
    queries_to_render,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rules(settings):
    """Members are past their first posts and nobody posts too fast, unless a
    test says otherwise."""
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def post():
    __, blog, __ = build_site()
    return BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")


# Posting


def test_a_member_posts_at_once_with_rendered_text_and_no_address(client, post):
    anna = member("Anna Berger")
    client.force_login(anna)
    response = client.post(
        POST_URL,
        form_data(post, text="Das ist *wirklich* gut."),
        REMOTE_ADDR="203.0.113.9",
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#c{comment.pk}")
    assert comment.is_public
    assert comment.user == anna
    assert comment.user_name == "Anna Berger"
    assert comment.comment == "Das ist *wirklich* gut."
    assert "<em>wirklich</em>" in comment.body_html
    assert comment.ip_address is None
    page = client.get(post.url)
    assert "<em>wirklich</em>" in page.content.decode()


def test_a_member_sees_no_name_or_email_fields(client, post):
    client.force_login(member("Anna Berger"))
    html = client.get(post.url).content.decode()
    assert 'id="comment-form"' in html
    assert 'type="email"' not in html
    assert "You comment as <strong>Anna Berger</strong>" in html
    assert "anna@example.org" not in html


def test_the_pages_script_gets_the_new_comments_address_as_json(client, post):
    client.force_login(member("Anna Berger"))

    response = client.post(
        POST_URL,
        form_data(post, text="Schön!"),
        headers={"accept": "application/json, text/html;q=0.9"},
    )

    comment = Comment.objects.get()
    assert response.status_code == 200
    assert response.json() == {"url": f"{post.url}#c{comment.pk}"}


def test_the_pages_script_gets_the_same_page_as_without_it_when_not_published(
    client, post
):
    client.force_login(member("Anna Berger"))

    response = client.post(
        POST_URL,
        form_data(post, text="x" * 5001),
        headers={"accept": "application/json, text/html;q=0.9"},
    )

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Please check your comment" in response.content.decode()


def test_a_guest_comment_appears_only_after_the_confirmation_link(
    client, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            POST_URL,
            form_data(post, name="Bernd Gast", email="bernd@example.org"),
            REMOTE_ADDR="203.0.113.9",
        )
    assert response.status_code == 200
    assert "Please confirm your comment" in response.content.decode()
    assert not Comment.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bernd@example.org"]
    link = re.search(r"/comments/confirm/[^/\s]+/", mail.outbox[0].body).group(0)

    confirmed = client.get(link)

    comment = Comment.objects.get()
    assert confirmed.status_code == 302
    assert confirmed["Location"].endswith(f"#c{comment.pk}")
    assert comment.is_public and comment.user is None
    assert comment.ip_address is None
    assert comment.body_html
    assert "Wie lange reift der Käse?" in client.get(post.url).content.decode()


def test_a_held_guest_comment_says_why_when_confirmed_in_the_guests_language(
    client, post, django_capture_on_commit_callbacks
):
    links = "Siehe https://a.example, https://b.example und https://c.example"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            POST_URL,
            form_data(post, text=links, name="Bernd Gast", email="bernd@example.org"),
        )
    link = re.search(r"/comments/confirm/[^/\s]+/", mail.outbox[0].body).group(0)

    confirmed = client.get(link, headers={"accept-language": "de"})

    comment = Comment.objects.get()
    assert not comment.is_public
    assert comment.held_reason == "links"
    html = confirmed.content.decode()
    assert "Mehr Links, als die Regeln erlauben." in html


def test_guests_are_refused_when_guest_comments_are_off(client, post, settings):
    settings.COMMUNITY_GUESTS_MAY_COMMENT = False
    response = client.post(
        POST_URL, form_data(post, name="Bernd Gast", email="bernd@example.org")
    )
    assert response.status_code == 403
    assert "guests cannot comment" in response.content.decode()
    assert not mail.outbox
    assert (
        "Please log in to join the discussion" in client.get(post.url).content.decode()
    )


def test_a_page_without_discussion_refuses_comments(client, post):
    client.force_login(member("Anna Berger"))
    response = client.post(POST_URL, form_data(home_page().specific))
    assert response.status_code == 403
    assert "This page takes no comments." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_products_discussion_shows_on_its_page(client):
    build_site()
    catalogue = build_catalogue()
    product = ProductFactory()
    anna = member("Anna Berger")
    add_comment(product, anna, text="Passt gut zu Birnen.")
    html = client.get(catalogue.product_url(product)).content.decode()
    assert "Passt gut zu Birnen." in html
    assert 'id="discussion"' in html


def test_the_first_post_of_a_new_member_waits_with_its_reason(client, post, settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 1
    client.force_login(member("Anna Berger"))
    response = client.post(POST_URL, form_data(post))
    comment = Comment.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thank you! Your comment waits for a moderator" in html
    assert html.count("approved") == 1
    assert "one of your first" in html
    assert not comment.is_public
    assert comment.held_reason == "first-posts"
    client.logout()  # its author alone sees it, marked as waiting
    assert "Wie lange reift" not in client.get(post.url).content.decode()


def test_a_held_comment_tells_its_author_why_in_their_language(client, post, settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 1
    client.force_login(member("Anna Berger"))

    response = client.post(POST_URL, form_data(post), headers={"accept-language": "de"})

    html = response.content.decode()
    assert "weil er einer Ihrer ersten hier ist" in html
    assert Comment.objects.get().held_reason == "first-posts"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hallo\x00Welt", "Null characters are not allowed."),
        ("Preis \u202e 3 Euro", "reading direction"),
        ("x" * 5001, "too long"),
    ],
)
def test_hostile_text_is_refused_clearly_and_kept(client, post, text, message):
    client.force_login(member("Anna Berger"))
    response = client.post(POST_URL, form_data(post, text=text))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "What you wrote is kept below" in html
    assert text[:50].replace("\x00", "") in html.replace("\x00", "")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<script>alert(1)</script>", "HTML such as &lt;script&gt; or &lt;img&gt;"),
        ('<img src=x onerror="alert(1)">', "is not allowed here"),
        ("<a href=x onmouseover=alert(1)>hallo</a>", "is not allowed here"),
        ("<!-- versteckt -->", "is not allowed here"),
        ("[x](javascript:alert(1))", "javascript: links, are not allowed"),
        ("[x](jav&#x61;script:alert(1))", "javascript: links, are not allowed"),
        ("[x](data:text/html,hallo)", "must be web addresses"),
        ("[x](/nur/ein/pfad)", "must be web addresses"),
    ],
)
def test_markup_in_a_comment_is_refused_clearly_and_kept(client, post, text, message):
    client.force_login(member("Anna Berger"))

    response = client.post(POST_URL, form_data(post, text=text))

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert escape(text) in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Preis <5 Euro, und a <b ist auch gut <3",
        "Das <<Bio>>-Siegel, bitte an <Ihr Name>, Produkt < Details",
        "Super <!!! Was? <? Und 0 < a",
        "Siehe <https://hof.example/heu> und [Heu](https://hof.example/heu)",
        "Bare javascript:alert(1) ist nur Text",
    ],
)
def test_text_that_only_looks_like_markup_is_taken(client, post, text):
    client.force_login(member("Anna Berger"))

    response = client.post(POST_URL, form_data(post, text=text))

    assert response.status_code == 302
    comment = Comment.objects.get()
    assert "javascript:" not in comment.body_html.replace("Bare javascript:", "")
    assert "<script" not in comment.body_html


def test_a_guest_name_with_a_line_break_is_refused(client, post):
    response = client.post(
        POST_URL,
        form_data(post, name="Bernd\r\nBcc: x@example.org", email="bernd@example.org"),
    )
    assert response.status_code == 400
    assert "without line breaks" in response.content.decode()
    assert not mail.outbox


def test_a_filled_honeypot_is_refused(client, post):
    client.force_login(member("Anna Berger"))
    response = client.post(POST_URL, form_data(post, website="http://spam.example"))
    assert response.status_code == 400
    assert not Comment.objects.exists()


# Threads


def test_replies_thread_under_their_parent_up_to_the_depth_limit(client, post):
    anna = member("Anna Berger")
    client.force_login(anna)
    root = add_comment(post, anna, "Ebene null")
    level1 = add_comment(post, anna, "Ebene eins", parent=root)
    level2 = add_comment(post, anna, "Ebene zwei", parent=level1)

    response = client.post(POST_URL, form_data(post, "Ebene drei", reply_to=level2.pk))
    level3 = Comment.objects.get(comment="Ebene drei")
    assert response.status_code == 302
    assert (level3.level, level3.thread_id, level3.parent_id) == (3, root.pk, level2.pk)

    too_deep = client.post(POST_URL, form_data(post, "Ebene vier", reply_to=level3.pk))
    assert too_deep.status_code == 400
    assert "nested as deep as it goes" in too_deep.content.decode()
    html = client.get(post.url).content.decode()
    assert (
        html.index("Ebene null") < html.index("Ebene eins") < html.index("Ebene drei")
    )
    assert f'href="?reply_to={level3.pk}#comment-form"' not in html


def test_the_reply_link_opens_the_form_for_that_comment(client, post):
    anna = member("Anna Berger")
    client.force_login(anna)
    root = add_comment(post, anna, "Frage zum Heu")
    html = client.get(f"{post.url}?reply_to={root.pk}").content.decode()
    assert "Your reply" in html
    assert f'name="reply_to" value="{root.pk}"' in html


def test_a_deleted_comment_takes_no_replies(client, post):
    anna = member("Anna Berger")
    client.force_login(anna)
    root = add_comment(post, anna, is_removed=True)
    response = client.post(POST_URL, form_data(post, reply_to=root.pk))
    assert response.status_code == 400
    assert "was deleted" in response.content.decode()


def test_threads_come_oldest_first_or_newest_first(client, post):
    anna = member("Anna Berger")
    add_comment(post, anna, "Der erste Beitrag")
    add_comment(post, anna, "Der zweite Beitrag")
    oldest = client.get(post.url).content.decode()
    newest = client.get(f"{post.url}?order=newest").content.decode()
    assert oldest.index("Der erste") < oldest.index("Der zweite")
    assert newest.index("Der zweite") < newest.index("Der erste")


def test_pages_of_a_discussion_hold_whole_threads(client, post, settings):
    settings.COMMUNITY_THREADS_PER_PAGE = 2
    anna = member("Anna Berger")
    for number in (1, 2, 3):
        root = add_comment(post, anna, f"Faden {number}")
        for reply in (1, 2, 3):
            add_comment(post, anna, f"Antwort {number}.{reply}", parent=root)
    first = client.get(post.url).content.decode()
    second = client.get(f"{post.url}?cpage=2").content.decode()
    assert "Antwort 2.3" in first and "Faden 3" not in first
    assert "Faden 3" in second and "Antwort 3.3" in second
    assert "Faden 1" not in second
    assert "cpage=2" in first


def test_a_new_comment_links_to_the_page_of_its_thread(client, post, settings):
    settings.COMMUNITY_THREADS_PER_PAGE = 1
    anna = member("Anna Berger")
    add_comment(post, anna, "Faden eins")
    client.force_login(anna)
    response = client.post(POST_URL, form_data(post, "Faden zwei"))
    comment = Comment.objects.get(comment="Faden zwei")
    assert response["Location"] == f"{post.url}?cpage=2#c{comment.pk}"


# Editing and deleting


def test_the_author_edits_within_the_window_and_it_shows_edited(client, post):
    anna = member("Anna Berger")
    comment = add_comment(post, anna, "Tippfeler")
    client.force_login(anna)
    edit_url = reverse("community_comment_edit", args=[comment.pk])
    response = client.post(edit_url, {"comment": "Tippfehler, **korrigiert**"})
    comment.refresh_from_db()
    assert response.status_code == 302
    assert comment.comment == "Tippfehler, **korrigiert**"
    assert "<strong>korrigiert</strong>" in comment.body_html
    assert comment.edited_at is not None
    assert "edited" in client.get(post.url).content.decode()


def test_editing_after_the_window_is_refused(client, post):
    anna = member("Anna Berger")
    comment = add_comment(post, anna, "Alt")
    sent = timezone.now() - timedelta(minutes=16)
    Comment.objects.filter(pk=comment.pk).update(submit_date=sent, published_at=sent)
    client.force_login(anna)
    edit_url = reverse("community_comment_edit", args=[comment.pk])
    response = client.post(edit_url, {"comment": "Neu"})
    assert response.status_code == 403
    assert "within 15 minutes" in response.content.decode()
    comment.refresh_from_db()
    assert comment.comment == "Alt"


def test_nobody_edits_or_deletes_someone_elses_comment(client, post):
    comment = add_comment(post, member("Anna Berger"), "Meins")
    client.force_login(member("Carla Dorn"))
    assert (
        client.post(
            reverse("community_comment_edit", args=[comment.pk]), {"comment": "Deins"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("community_comment_delete", args=[comment.pk])).status_code
        == 403
    )
    comment.refresh_from_db()
    assert comment.comment == "Meins" and not comment.is_removed


def test_a_reader_not_logged_in_is_asked_to_log_in_to_edit_or_delete(client, post):
    comment = add_comment(post, member("Anna Berger"), "Meins")
    edit_url = reverse("community_comment_edit", args=[comment.pk])
    delete_url = reverse("community_comment_delete", args=[comment.pk])

    responses = {
        "GET edit": (client.get(edit_url), edit_url),
        "POST edit": (client.post(edit_url, {"comment": "Deins"}), edit_url),
        "GET delete": (client.get(delete_url), delete_url),
        "POST delete": (client.post(delete_url), delete_url),
    }

    for asked, (response, url) in responses.items():
        assert response.status_code == 302, asked
        assert response["Location"] == f"/account/login/?next={url}", asked
    comment.refresh_from_db()
    assert comment.comment == "Meins" and not comment.is_removed


def test_deleting_removes_the_text_and_keeps_the_thread(client, post):
    anna = member("Anna Berger")
    root = add_comment(post, anna, "Wird gelöscht")
    add_comment(post, member("Carla Dorn"), "Die Antwort bleibt", parent=root)
    client.force_login(anna)
    response = client.post(reverse("community_comment_delete", args=[root.pk]))
    root.refresh_from_db()
    html = client.get(post.url).content.decode()
    assert response.status_code == 302
    assert root.is_removed and root.comment == "" and root.body_html == ""
    assert "Wird gelöscht" not in html
    assert "Deleted comment" in html
    assert "Die Antwort bleibt" in html


# Badges and counts


def test_team_producer_and_moderator_badges(client, post):
    staff = member("Hanna Hof", is_staff=True)
    AuthorFactory(user=staff, name="Hanna Lindner", role="Käsetheke")
    farmer = member("Jonas Feld")
    moderator = member("Mara Mod")
    moderator.groups.add(Group.objects.get(name="Community moderators"))
    add_comment(post, staff, "Vom Team")
    add_comment(post, farmer, "Vom Hof")
    add_comment(post, moderator, "Von der Moderation")
    html = client.get(post.url).content.decode()
    assert "Hanna Lindner" in html and "Käsetheke" in html
    assert 'class="badge badge--team"' in html
    assert 'class="badge badge--moderator"' in html
    assert html.count("badge--") == 2


def test_xtds_can_moderate_alone_earns_no_moderator_badge(client, post):
    """The badge follows Theke's own permission, which xtd's views never check."""
    otto = member("Otto Ohnerecht")
    otto.user_permissions.add(
        Permission.objects.get(
            codename="can_moderate", content_type__app_label="django_comments"
        )
    )
    add_comment(post, otto, "Nur ein Kommentar")

    html = client.get(post.url).content.decode()

    assert "Nur ein Kommentar" in html
    assert "badge--moderator" not in html


def test_a_producer_member_carries_a_badge_linking_their_page(client):
    __, blog, producers = build_site()
    post = BlogPageFactory(parent=blog)
    farm = ProducerPageFactory(parent=producers, title="Hof Sonnenwiese")
    farmer = member("Jonas Feld")
    farmer.profile.producer = farm
    farmer.profile.save()
    add_comment(post, farmer, "Vom Hof")
    html = client.get(post.url).content.decode()
    assert 'class="badge badge--producer"' in html
    assert f'href="{farm.url}"' in html
    assert "Hof Sonnenwiese" in html


def test_comment_counts_for_a_listing_in_one_query(post):
    other = BlogPageFactory(parent=post.get_parent())
    anna = member("Anna Berger")
    add_comment(post, anna)
    add_comment(post, anna)
    add_comment(post, anna, is_removed=True)
    add_comment(post, anna, is_public=False)
    with CaptureQueriesContext(connection) as queries:
        counts = dict(
            with_comment_counts(BlogPage.objects.all()).values_list(
                "pk", "comment_count"
            )
        )
    assert counts == {post.pk: 2, other.pk: 0}
    assert len(queries) == 1


# Query counts


def _people():
    staff = member("Hanna Hof", is_staff=True)
    AuthorFactory(user=staff)
    return [staff] + [
        member(f"Person Nummer{n}", f"person{n}@example.org") for n in range(5)
    ]


def _fill(post, people, threads, replies_each):
    for number in range(threads):
        root = add_comment(post, people[number % len(people)], f"Faden {number}")
        parent = root
        for reply in range(replies_each):
            parent = add_comment(
                post,
                people[(number + reply + 1) % len(people)],
                f"Antwort {reply}",
                parent=parent if parent.level < 3 else root,
            )


# A post with its whole discussion: the page's own; the discussion comes
# rendered from the shared cache (tests/community/test_discussion_cache.py
# counts rendering it anew).
DISCUSSION_QUERIES = 7
# A member's session, user and profile (the admin's bar is for the team only).
# Their own reactions and waiting comments on the page each process remembers
# while nothing was purged: read on the first visits.
MEMBER_QUERIES = 3


@pytest.mark.parametrize("logged_in", [False, True])
@pytest.mark.usefixtures("rendered")
def test_a_discussion_renders_in_fixed_queries_however_long(
    client, settings, logged_in
):
    settings.COMMUNITY_THREADS_PER_PAGE = 200
    __, blog, __ = build_site()
    short_post = BlogPageFactory(parent=blog)
    long_post = BlogPageFactory(parent=blog)
    people = _people()
    _fill(short_post, people, threads=4, replies_each=4)
    _fill(long_post, people, threads=40, replies_each=4)
    assert Comment.objects.filter(object_pk=str(long_post.pk)).count() == 200
    if logged_in:
        client.force_login(member("Anna Berger"))
    # The first views make the image renditions and the shop's settings (which
    # purges every page, and what a process remembers of addresses).
    for _ in range(2):
        queries_to_render(client, short_post.url)
        queries_to_render(client, long_post.url)
    short = queries_to_render(client, short_post.url)
    long = queries_to_render(client, long_post.url)
    expected = DISCUSSION_QUERIES + (MEMBER_QUERIES if logged_in else 0)
    assert short == long == expected
