"""Reports: members flag comments, topics and questions with a reason, once each."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from community.models import (
    Comment,
    ModerationState,
    ProductQuestion,
    Report,
    Topic,
)
from tests.factories import (
    EVENT_TAGS,
    SCRIPT_TAGS,
    BlogPageFactory,
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
    settings.COMMUNITY_HIDE_AFTER_REPORTS = 3
    cache.clear()


@pytest.fixture
def site():
    return build_site()


@pytest.fixture
def post(site):
    return BlogPageFactory(parent=site[1], title="Heuernte am Lindenhof")


@pytest.fixture
def author():
    return member("Anna Berger")


@pytest.fixture
def reader():
    return member("Bernd Leser")


def report_url(kind, item):
    return reverse("community_report", args=[kind, item.pk])


def test_each_comment_but_ones_own_has_a_report_link(client, post, author, reader):
    theirs = add_comment(post, author, "Von Anna")
    mine = add_comment(post, reader, "Von Bernd")
    client.force_login(reader)

    html = client.get(post.url).content.decode()

    assert f'href="{report_url("comment", theirs)}"' in html
    assert f'href="{report_url("comment", mine)}"' not in html


def test_a_member_reports_a_comment_with_a_reason_and_a_note(
    client, post, author, reader
):
    comment = add_comment(post, author, "Kauft beim Discounter!")
    client.force_login(reader)
    url = report_url("comment", comment)

    form = client.get(url)
    response = client.post(url, {"reason": "spam", "note": "Werbung für Fremde."})

    assert form.status_code == 200
    assert "Kauft beim Discounter!" in form.content.decode()
    assert 'type="radio" name="reason" value="rude"' in form.content.decode()
    assert response.status_code == 302
    assert response["Location"] == f"{url}?done=1"
    report = Report.objects.get()
    assert (report.comment, report.user, report.reason, report.note) == (
        comment,
        reader,
        "spam",
        "Werbung für Fremde.",
    )
    thanks = client.get(response["Location"]).content.decode()
    assert "Thanks, a moderator will look at it." in thanks
    assert f'href="{post.url}#c{comment.pk}"' in thanks


def test_reporting_twice_says_so_and_stores_one_report(client, post, author, reader):
    comment = add_comment(post, author)
    client.force_login(reader)
    url = report_url("comment", comment)
    client.post(url, {"reason": "spam"})

    again = client.get(url).content.decode()
    posted_again = client.post(url, {"reason": "rude"})

    assert "You have reported this already." in again
    assert 'name="reason"' not in again
    assert "You have reported this already." in posted_again.content.decode()
    assert Report.objects.count() == 1


def test_a_resolved_report_lets_the_member_report_again(client, post, author, reader):
    comment = add_comment(post, author)
    Report.objects.create(
        comment=comment, user=reader, reason="spam", resolved_at=timezone.now()
    )
    client.force_login(reader)

    client.post(report_url("comment", comment), {"reason": "rude"})

    assert Report.objects.filter(resolved_at__isnull=True).count() == 1


def test_guests_are_asked_to_log_in(client, post, author):
    comment = add_comment(post, author)

    response = client.get(report_url("comment", comment))

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def test_nobody_reports_their_own_post(client, post, author):
    comment = add_comment(post, author)
    client.force_login(author)

    response = client.post(report_url("comment", comment), {"reason": "spam"})

    assert response.status_code == 403
    assert "You cannot report your own post." in response.content.decode()
    assert not Report.objects.exists()


def test_a_choice_is_needed_and_the_note_is_kept(client, post, author, reader):
    comment = add_comment(post, author)
    client.force_login(reader)

    response = client.post(
        report_url("comment", comment), {"reason": "", "note": "Bitte prüfen"}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please choose a reason." in html
    assert "Bitte prüfen</textarea>" in html
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("Hallo\x00Welt", "Null characters are not allowed."),
        ("Preis \u202e0001 Euro", "reverse the reading direction"),
        ("x" * 501, "The text is too long: at most 500 characters"),
        ('<script>alert("x")</script>', "is not allowed here. Please write plain"),
        ('<img src=x onerror="alert(1)">', "is not allowed here. Please write plain"),
        ("Siehe [hier](javascript:alert(1))", "javascript: links, are not allowed"),
    ],
)
def test_hostile_notes_get_a_clear_message_and_are_kept(
    client, post, author, reader, note, message
):
    comment = add_comment(post, author)
    client.force_login(reader)

    response = client.post(
        report_url("comment", comment), {"reason": "other", "note": note}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="other" id="id_reason_4" checked' in html
    assert escape(note).replace("\x00", "") in html.replace("\x00", "")
    assert not Report.objects.exists()


def test_script_and_event_handler_notes_are_refused_and_come_back_escaped(
    client, post, author, reader
):
    comment = add_comment(post, author)
    client.force_login(reader)

    # Entity-encoded payloads are harmless plain text and may be sent.
    for payload in [p for p in SCRIPT_TAGS + EVENT_TAGS if "<" in p]:
        response = client.post(
            report_url("comment", comment), {"reason": "other", "note": payload}
        )
        assert response.status_code == 400, payload
        html = response.content.decode().replace("\x00", "")
        assert escape(payload).replace("\x00", "") in html, payload
    assert not Report.objects.exists()


def test_an_unknown_kind_or_item_is_not_found(client, post, author, reader):
    comment = add_comment(post, author)
    client.force_login(reader)

    assert client.get(f"/comments/report/page/{comment.pk}/").status_code == 404
    assert client.get("/comments/report/comment/99999/").status_code == 404
    Comment.objects.filter(pk=comment.pk).update(is_removed=True)
    assert client.get(report_url("comment", comment)).status_code == 404


@pytest.mark.parametrize("kind", ["draft", "held topic"])
def test_comments_of_a_discussion_nobody_can_read_cannot_be_reported(
    client, site, author, reader, kind
):
    if kind == "draft":
        target = BlogPageFactory(parent=site[1], title="Entwurf")
        target.unpublish()
    else:
        build_board(site[0])
        target = topic(author, category(), state=ModerationState.PENDING)
    comment = add_comment(target, author)
    client.force_login(reader)
    url = report_url("comment", comment)

    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.parametrize("kind", ["closed topic", "product no longer sold"])
def test_comments_of_a_closed_topic_or_a_discontinued_product_can_be_reported(
    client, site, author, reader, kind
):
    from shop_link.models import Availability

    if kind == "closed topic":
        build_board(site[0])
        target = topic(author, category(), is_closed=True)
    else:
        build_catalogue(site[0])
        target = ProductFactory(availability=Availability.DISCONTINUED)
    comment = add_comment(target, author)
    client.force_login(reader)

    response = client.post(report_url("comment", comment), {"reason": "spam"})

    assert response.status_code == 302
    assert Report.objects.get().comment == comment


def test_reports_are_rate_limited(client, settings, post, author, reader):
    settings.COMMUNITY_RATE_LIMIT = "2/m"
    comments = [add_comment(post, author, f"Nummer {n}") for n in range(3)]
    client.force_login(reader)

    for comment in comments[:2]:
        client.post(report_url("comment", comment), {"reason": "spam"})
    response = client.post(report_url("comment", comments[2]), {"reason": "spam"})

    assert "You are reporting very quickly" in response.content.decode()
    assert Report.objects.count() == 2


def test_a_topic_is_reported_from_its_page(client, site, author, reader):
    build_board(site[0])
    started = topic(author, category(), "Ofengemüse")
    client.force_login(reader)

    page = client.get(f"/community/{started.slug}/").content.decode()
    client.post(report_url("topic", started), {"reason": "wrong"})

    assert f'href="{report_url("topic", started)}"' in page
    assert Report.objects.get().topic == started


def test_the_topic_starter_sees_no_report_link(client, site, author):
    build_board(site[0])
    started = topic(author, category(), "Ofengemüse")
    client.force_login(author)

    page = client.get(f"/community/{started.slug}/").content.decode()

    assert report_url("topic", started) not in page


def test_a_product_question_can_be_reported(client, site, author, reader):
    build_catalogue(site[0])
    question = ProductQuestion.objects.create(
        product=ProductFactory(), author=author, text="Ist das glutenfrei?"
    )
    client.force_login(reader)

    form = client.get(report_url("question", question))
    client.post(report_url("question", question), {"reason": "private"})

    assert "Ist das glutenfrei?" in form.content.decode()
    assert Report.objects.get().question == question


def test_enough_reports_hide_a_comment_until_a_moderator_looks(client, post, author):
    comment = add_comment(post, author, "Fragwürdig")
    reply = add_comment(post, member("Cora Antwort"), "Antwort", parent=comment)
    for n in range(3):
        client.force_login(member(f"Melder Nummer{n}", f"melder{n}@example.org"))
        client.post(report_url("comment", comment), {"reason": "rude"})

    comment.refresh_from_db()
    reply.refresh_from_db()
    assert not comment.is_public
    assert comment.held_reason
    assert reply.is_public  # the replies stay; moderators decide on them


def test_two_reports_hide_nothing_and_staff_posts_are_never_hidden(client, site, post):
    staff = member("Hanna Hof", is_staff=True)
    build_board(site[0])
    started = topic(staff, category(), "Öffnungszeiten")
    comment = add_comment(post, member("Anna Berger"))
    for n in range(3):
        client.force_login(member(f"Melder Nummer{n}", f"melder{n}@example.org"))
        client.post(report_url("topic", started), {"reason": "rude"})
        if n < 2:
            client.post(report_url("comment", comment), {"reason": "rude"})

    assert Topic.objects.get().state == ModerationState.PUBLISHED
    assert Comment.objects.get(pk=comment.pk).is_public
