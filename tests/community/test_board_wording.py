"""The board says one thing everywhere: who may start a topic and who may reply
(and the server does as it says), whether a topic is answered apart from whether
it is closed, and the section's own name on the way back."""

import re

import pytest
from django.core import mail

from community.models import Comment, Topic
from tests.factories import (
    POST_URL,
    build_board,
    category,
    form_data,
    member,
    topic,
)

pytestmark = pytest.mark.django_db

GUESTS_REPLY = (
    "To start a topic you need an account. Anyone may reply: members at once, "
    "guests once they have confirmed their reply from the link in our e-mail."
)
MEMBERS_ONLY = "To start a topic or to reply you need an account."


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.COMMUNITY_GUESTS_MAY_COMMENT = True


@pytest.fixture
def board():
    return build_board()


@pytest.fixture
def jana():
    return member()


@pytest.fixture
def started(board, jana):
    return topic(jana, category(), "Sauerteig")


def rules_on(html):
    """The statements of who may write, as the page shows them."""
    return [
        " ".join(text.split())
        for text in re.findall(r'<p class="board-rule">(.*?)</p>', html, re.S)
    ]


def labels_of(html, block):
    """The labels inside the first element with the class `block`."""
    part = html.split(f'class="{block}"', 1)[1].split("</p>", 1)[0]
    return re.findall(r'<span class="label[^"]*">([^<]*)</span>', part)


# One rule for guests


def test_a_guest_reads_the_same_rule_on_the_board_and_a_topic(client, started):
    board_html = client.get("/community/").content.decode()
    topic_html = client.get(f"/community/{started.slug}/?write=1").content.decode()

    assert rules_on(board_html) == [GUESTS_REPLY]
    assert rules_on(topic_html) == [GUESTS_REPLY]
    # The topic offers the guest the form the rule promises.
    assert 'name="email"' in topic_html


def test_the_new_topic_page_states_the_same_rule(client, board, jana):
    client.force_login(jana)

    html = client.get("/community/new/").content.decode()

    assert rules_on(html) == [GUESTS_REPLY]


def test_a_guest_may_not_start_a_topic_as_the_rule_says(client, board):
    recipes = category()

    response = client.post(
        "/community/new/",
        {"category": recipes.pk, "title": "Von Gast", "text": "Ohne Konto."},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert not Topic.objects.exists()


def test_a_guests_reply_is_taken_after_confirming_as_the_rule_says(
    client, started, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            POST_URL,
            form_data(
                started, "Mit Roggen.", name="Gerda Gast", email="gerda@example.org"
            ),
        )

    assert response.status_code == 200
    assert "Please confirm your comment" in response.content.decode()
    link = re.search(r"/comments/confirm/[^/\s]+/", mail.outbox[0].body)[0]
    client.get(link)
    reply = Comment.objects.get()
    assert reply.is_public and reply.content_object == started


def test_without_guest_comments_board_and_topic_say_so_and_a_guest_is_refused(
    client, started, settings
):
    settings.COMMUNITY_GUESTS_MAY_COMMENT = False

    board_html = client.get("/community/").content.decode()
    topic_html = client.get(f"/community/{started.slug}/?write=1").content.decode()
    response = client.post(
        POST_URL,
        form_data(started, "Mit Roggen.", name="Gerda Gast", email="gerda@example.org"),
    )

    assert rules_on(board_html) == [MEMBERS_ONLY]
    assert rules_on(topic_html) == [MEMBERS_ONLY]
    assert 'name="email"' not in topic_html
    assert "Please log in to join the discussion." in topic_html
    assert response.status_code == 403
    assert not Comment.objects.exists()
    assert not mail.outbox


def test_a_closed_topic_says_only_that_it_is_closed(client, board, jana):
    closed = topic(jana, category(), "Hoffest", is_closed=True)

    html = client.get(f"/community/{closed.slug}/").content.decode()

    assert rules_on(html) == []
    assert "This topic is closed; it takes no more replies." in html


def test_the_rule_reads_in_german(client, started):
    html = client.get(
        f"/community/{started.slug}/", HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()

    assert rules_on(html) == [
        "Für ein neues Thema brauchen Sie ein Konto. Antworten kann jede und "
        "jeder: Mitglieder sofort, Gäste, sobald sie ihre Antwort über den Link "
        "in unserer E-Mail bestätigt haben."
    ]


# Answered or not, closed or not


@pytest.mark.parametrize(
    ("status", "labels"),
    [
        (Topic.Status.OPEN, ["Closed"]),
        (Topic.Status.ANSWERED, ["Answered", "Closed"]),
    ],
)
def test_a_closed_topic_never_reads_as_open(client, board, jana, status, labels):
    closed = topic(jana, category(), "Hoffest", status=status, is_closed=True)

    topic_html = client.get(f"/community/{closed.slug}/").content.decode()
    board_html = client.get("/community/").content.decode()

    assert labels_of(topic_html, "topic__state") == labels
    assert labels_of(board_html, "topic-row__state") == labels


def test_a_topic_taking_replies_reads_as_unanswered_or_answered(client, board, jana):
    recipes = category()
    waiting = topic(jana, recipes, "Sauerteig")
    done = topic(jana, recipes, "Roggen", status=Topic.Status.ANSWERED)

    assert labels_of(
        client.get(f"/community/{waiting.slug}/").content.decode(), "topic__state"
    ) == ["Unanswered"]
    assert labels_of(
        client.get(f"/community/{done.slug}/").content.decode(), "topic__state"
    ) == ["Answered"]


def test_in_german_a_closed_topic_shows_no_offen(client, board, jana):
    closed = topic(jana, category(), "Hoffest", is_closed=True)

    topic_html = client.get(
        f"/community/{closed.slug}/", HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    board_html = client.get("/community/", HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert labels_of(topic_html, "topic__state") == ["Geschlossen"]
    assert labels_of(board_html, "topic-row__state") == ["Geschlossen"]


def test_staff_mark_a_closed_topic_unanswered_not_open(client, board, jana):
    closed = topic(
        jana, category(), "Hoffest", status=Topic.Status.ANSWERED, is_closed=True
    )
    client.force_login(member("Heike Brandt", is_staff=True))

    html = client.get(f"/community/{closed.slug}/").content.decode()

    assert "Mark as unanswered" in html
    assert "Open the topic again" not in html


# The way back


def test_the_back_link_names_the_section_by_its_title(client, started):
    html = client.get(f"/community/{started.slug}/?write=1").content.decode()

    assert re.search(
        r'<p class="topic__back"><a href="/community/">'
        r'<span aria-hidden="true">←</span> Back to Gemeinschaft</a></p>',
        html,
    )


def test_the_back_link_follows_a_renamed_section_in_german(client, board, started):
    board.title = "Treffpunkt"
    board.save_revision().publish()

    html = client.get(
        f"/community/{started.slug}/", HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()

    back = html.split('<p class="topic__back">', 1)[1].split("</p>", 1)[0]
    assert "Zurück zu Treffpunkt" in back
    assert "Forum" not in back
