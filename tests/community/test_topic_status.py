"""A topic's starter, and staff, mark it answered or unanswered from its page."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from community.models import ModerationState, Topic
from tests.factories import (
    build_board,
    category,
    member,
    reply,
    topic,
)

pytestmark = pytest.mark.django_db

ANSWERED = Topic.Status.ANSWERED
OPEN = Topic.Status.OPEN
FORM_ACTION = 'class="topic__status-form" method="post" action="/community/{}/status/"'


@pytest.fixture(autouse=True)
def _english(settings):
    """The messages are checked in the language they are written in."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def board():
    return build_board()


@pytest.fixture
def jana():
    return member()


@pytest.fixture
def started(board, jana):
    return topic(jana, category(), "Sauerteig")


def set_status(client, started, status):
    return client.post(f"/community/{started.slug}/status/", {"status": status})


def status_of(started):
    started.refresh_from_db()
    return started.status


def status_log(started):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Topic),
        object_id=str(started.pk),
        action="wagtail.edit",
    )


def shows_control(client, started):
    html = client.get(f"/community/{started.slug}/").content.decode()
    return FORM_ACTION.format(started.slug) in html


# Who may


def test_the_starter_marks_their_topic_answered_and_unanswered_again(
    client, started, jana
):
    client.force_login(jana)

    answered = set_status(client, started, ANSWERED)
    page = client.get(answered.url).content.decode()

    assert answered.status_code == 302
    assert answered.url == f"/community/{started.slug}/"
    assert status_of(started) == ANSWERED
    assert "The topic is marked as answered." in page
    assert '<span class="label label--green">Answered</span>' in page
    assert "Mark as unanswered" in page

    reopened = set_status(client, started, OPEN)
    page = client.get(reopened.url).content.decode()

    assert reopened.status_code == 302
    assert status_of(started) == OPEN
    assert "The topic is marked as unanswered again." in page
    assert "Mark as answered" in page


def test_each_change_is_logged_with_who_made_it(client, started, jana):
    client.force_login(jana)

    set_status(client, started, ANSWERED)
    set_status(client, started, OPEN)

    entries = list(status_log(started).order_by("timestamp", "pk"))
    assert [entry.data["status"] for entry in entries] == [ANSWERED, OPEN]
    assert {entry.user_id for entry in entries} == {jana.pk}


def test_marking_a_topic_with_the_status_it_has_changes_and_logs_nothing(
    client, board, jana
):
    done = topic(jana, category(), "Hoffest", status=ANSWERED)
    client.force_login(jana)

    response = set_status(client, done, ANSWERED)

    assert response.status_code == 302
    assert "The topic was already marked as answered." in client.get(response.url).text
    assert not status_log(done).exists()


def test_staff_change_the_status_of_any_topic_even_a_closed_one(client, board, jana):
    closed = topic(jana, category(), "Hoffest", is_closed=True)
    client.force_login(member("Heike Brandt", is_staff=True))

    response = set_status(client, closed, ANSWERED)

    assert response.status_code == 302
    assert status_of(closed) == ANSWERED
    assert status_log(closed).get().data == {"status": ANSWERED}


def test_another_member_is_refused_clearly_and_nothing_changes(client, started):
    client.force_login(member("Matthias Krüger"))

    response = set_status(client, started, ANSWERED)

    assert response.status_code == 403
    assert "<h1" in response.text and "Not possible" in response.text
    assert (
        "Only the member who started this topic and the shop&#x27;s team can "
        "change its status." in response.text
    )
    assert f'href="/community/{started.slug}/"' in response.text
    assert status_of(started) == OPEN
    assert not status_log(started).exists()


def test_a_guest_is_sent_to_log_in_and_nothing_changes(client, started):
    response = set_status(client, started, ANSWERED)

    assert response.status_code == 302
    assert "login" in response.url
    assert f"next=/community/{started.slug}/" in response.url
    assert status_of(started) == OPEN


def test_the_starter_of_a_closed_topic_is_refused(client, board, jana):
    closed = topic(jana, category(), "Hoffest", is_closed=True)
    client.force_login(jana)

    response = set_status(client, closed, ANSWERED)

    assert response.status_code == 403
    assert "This topic is closed; only the shop&#x27;s team" in response.text
    assert status_of(closed) == OPEN


def test_a_held_topic_cannot_be_changed_by_its_starter(client, board, jana):
    held = topic(jana, category(), "Wartet", state=ModerationState.PENDING)
    client.force_login(jana)

    response = set_status(client, held, ANSWERED)

    assert response.status_code == 403
    assert "This topic is not public" in response.text
    assert status_of(held) == OPEN


@pytest.mark.parametrize("state", [ModerationState.REJECTED, ModerationState.SPAM])
def test_a_removed_topic_is_not_found_even_for_staff(client, board, jana, state):
    removed = topic(jana, category(), "Weg", state=state)
    client.force_login(member("Heike Brandt", is_staff=True))

    assert set_status(client, removed, ANSWERED).status_code == 404
    assert status_of(removed) == OPEN


# How


def test_a_get_is_not_allowed(client, started, jana):
    client.force_login(jana)

    response = client.get(f"/community/{started.slug}/status/", {"status": ANSWERED})

    assert response.status_code == 405
    assert status_of(started) == OPEN


def test_a_post_without_the_csrf_token_is_refused(started, jana):
    client = Client(enforce_csrf_checks=True)
    client.force_login(jana)

    response = set_status(client, started, ANSWERED)

    assert response.status_code == 403
    assert status_of(started) == OPEN


def test_an_unknown_status_is_refused(client, started, jana):
    client.force_login(jana)

    response = set_status(client, started, "solved")

    assert response.status_code == 400
    assert "A topic is either unanswered or answered." in response.text
    assert status_of(started) == OPEN


def test_an_unknown_topic_is_not_found(client, board, jana):
    client.force_login(jana)

    assert client.post("/community/gibt-es-nicht/status/").status_code == 404


# The control


def test_the_control_shows_to_the_starter_with_a_csrf_token(client, started, jana):
    client.force_login(jana)

    html = client.get(f"/community/{started.slug}/").content.decode()

    assert FORM_ACTION.format(started.slug) in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<input type="hidden" name="status" value="answered">' in html


def test_the_control_shows_to_staff(client, started):
    client.force_login(member("Heike Brandt", is_staff=True))

    assert shows_control(client, started)


def test_the_control_does_not_show_to_guests_or_other_members(client, started):
    assert not shows_control(client, started)

    client.force_login(member("Matthias Krüger"))

    assert not shows_control(client, started)


def test_on_a_closed_topic_the_control_shows_to_staff_only(client, board, jana):
    closed = topic(jana, category(), "Hoffest", is_closed=True)
    client.force_login(jana)

    assert not shows_control(client, closed)

    client.force_login(member("Heike Brandt", is_staff=True))

    assert shows_control(client, closed)


def test_a_held_topic_shows_no_control_to_its_starter(client, board, jana):
    held = topic(jana, category(), "Wartet", state=ModerationState.PENDING)
    client.force_login(jana)

    assert not shows_control(client, held)


def test_the_board_lists_the_new_status(client, started, jana):
    client.force_login(jana)

    set_status(client, started, ANSWERED)
    html = client.get("/community/").content.decode()

    assert '<span class="label label--green">Answered</span>' in html


def test_the_starters_topic_page_takes_the_same_queries_for_10_and_200_replies(
    client, started, jana
):
    others = [member(f"Mitglied {n}", f"m{n}@example.org") for n in range(5)]
    for n in range(10):
        reply(started, others[n % 5], f"Antwort {n}")
    client.force_login(jana)
    url = f"/community/{started.slug}/"
    client.get(url)

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10, 200):
        reply(started, others[n % 5], f"Antwort {n}")
    client.get(url)  # the replies rendered once, as after every change
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert FORM_ACTION.format(started.slug) in response.text
    assert len(few) == len(many)
