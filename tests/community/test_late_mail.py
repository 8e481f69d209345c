"""A mail server that is down delays mail but loses none: the mail waits, is
tried again with growing pauses, reaches the real mail server started here
exactly once when it is back, and staff see it meanwhile."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import timezone
from django_tasks import default_task_backend

from community.mail import send_mail_task
from community.mail.sending import retry_mail_task, send_due_mail
from community.models import Comment, LateMail
from tests.factories import (
    POST_URL,
    BlogPageFactory,
    add_comment,
    build_site,
    form_data,
    member,
    staff,
)

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)
REPORT = "/admin/late-mail/"


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None
    settings.LANGUAGE_CODE = "en"


def let_time_pass(delta):
    """As if `delta` had passed since every late mail was last tried."""
    LateMail.objects.update(
        first_failed_at=F("first_failed_at") - delta,
        last_tried_at=F("last_tried_at") - delta,
        next_try_at=F("next_try_at") - delta,
        sent_at=F("sent_at") - delta,
    )


def body_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def report_as(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(REPORT)
    assert response.status_code == 200
    return response.content.decode()


def test_a_reply_notice_waits_for_the_mail_server_and_arrives_once(
    client, mail_server, django_capture_on_commit_callbacks
):
    __, blog, __ = build_site()
    post = BlogPageFactory(parent=blog, title="Heuernte am Lindenhof")
    first = add_comment(post, member("Anna Berger"), "Wann?", followup=True)
    client.force_login(member("Bernd Kurz"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            POST_URL, form_data(post, text="Ab Juni!", reply_to=first.pk)
        )

    assert response.status_code == 302
    assert Comment.objects.filter(comment="Ab Juni!", is_public=True).exists()
    late = LateMail.objects.get()
    assert (late.to, late.state, late.tries) == ("anna@example.org", "waiting", 1)
    assert "Connection refused" in late.error
    assert late.next_try_at - late.last_tried_at == MINUTE
    greta = staff("Greta Laden", superuser=True)
    page = report_as(greta)
    assert "anna@example.org" in page
    assert "Waiting for the next try" in page
    assert "Connection refused" in page

    mail_server.start()
    call_command("send_late_mail")
    assert mail_server.messages == []  # its minute has not passed yet
    let_time_pass(MINUTE)
    call_command("send_late_mail")
    call_command("send_late_mail")

    (message,) = mail_server.messages
    assert message["To"] == "anna@example.org"
    assert message["Subject"] == "New reply in “Heuernte am Lindenhof”"
    assert "Ab Juni!" in body_of(message)
    late.refresh_from_db()
    assert (late.state, late.tries) == ("sent", 1)
    assert late.sent_at is not None
    assert bytes(late.message) == b""
    assert "Sent late" in report_as(greta)


def test_a_mail_the_server_takes_at_once_leaves_no_record(mail_server):
    mail_server.start()

    send_mail_task.call(to="anna@example.org", subject="Hallo", text="Text")

    assert len(mail_server.messages) == 1
    assert not LateMail.objects.exists()


def test_each_try_waits_longer_until_the_last_one_gives_up(mail_server):
    send_mail_task.call(to="anna@example.org", subject="Hallo", text="Text")
    late = LateMail.objects.get()

    pauses = []
    while late.state == LateMail.State.WAITING:
        pauses.append(late.next_try_at - late.last_tried_at)
        assert send_due_mail() == (0, 0)  # not yet
        let_time_pass(pauses[-1])
        assert send_due_mail() == (0, 1)
        late.refresh_from_db()

    assert [pause // MINUTE for pause in pauses] == [1, 5, 30, 120, 360, 720, 1440]
    assert (late.state, late.tries, late.next_try_at) == ("given_up", 8, None)
    assert b"Text" in bytes(late.message)  # kept for staff, until the retention ends
    let_time_pass(datetime.timedelta(days=3))
    assert send_due_mail() == (0, 0)
    assert "Not sent: all tries failed" in report_as(staff("Greta", superuser=True))


def test_a_mail_server_that_refuses_for_now_is_tried_again(mail_server):
    mail_server.busy = True
    mail_server.start()

    send_mail_task.call(to="anna@example.org", subject="Hallo", text="Text")

    late = LateMail.objects.get()
    assert late.error.startswith("SMTPConnectError: 421 localhost too busy")
    mail_server.busy = False
    let_time_pass(MINUTE)
    assert send_due_mail() == (1, 0)
    assert [message["To"] for message in mail_server.messages] == ["anna@example.org"]


def test_a_backend_that_runs_tasks_later_is_handed_each_next_try(mail_server, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }

    send_mail_task.call(to="anna@example.org", subject="Hallo", text="Text")

    late = LateMail.objects.get()
    (queued,) = default_task_backend.results
    assert queued.task.func is retry_mail_task.func
    assert queued.task.run_after == late.next_try_at
    assert queued.args == [late.pk]
    mail_server.start()
    let_time_pass(MINUTE)
    queued.task.call(*queued.args)
    # A worker that runs the task twice sends nothing twice.
    queued.task.call(*queued.args)
    assert len(mail_server.messages) == 1
    assert len(default_task_backend.results) == 1


def test_a_mail_another_process_is_sending_is_left_to_it_until_it_stopped(
    mail_server,
):
    send_mail_task.call(to="anna@example.org", subject="Hallo", text="Text")
    mail_server.start()
    let_time_pass(MINUTE)
    LateMail.objects.update(state=LateMail.State.SENDING, last_tried_at=timezone.now())

    assert send_due_mail() == (0, 0)
    assert mail_server.messages == []

    let_time_pass(LateMail.SENDING_AT_MOST + MINUTE)
    assert send_due_mail() == (1, 0)
    assert len(mail_server.messages) == 1


def test_only_staff_allowed_to_see_late_mail_see_it(mail_server):
    send_mail_task.call(to="anna@example.org", subject="Hallo", text="Text")
    editor = staff("Erik Redakteur", permissions=["access_admin"])
    client = Client()
    client.force_login(editor)

    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "Late mail" not in client.get("/admin/").content.decode()

    group = Group.objects.create(name="Versand")
    group.permissions.add(Permission.objects.get(codename="view_latemail"))
    editor.groups.add(group)
    assert "anna@example.org" in report_as(editor)
    assert "Late mail" in client.get("/admin/").content.decode()


def test_finished_records_go_after_the_retention_and_waiting_ones_stay(settings):
    settings.COMMUNITY_LATE_MAIL_KEEP_DAYS = 14
    now = timezone.now()
    day = datetime.timedelta(days=1)

    def late(state, days_ago):
        return LateMail.objects.create(
            to="anna@example.org",
            subject=state,
            state=state,
            last_tried_at=now - days_ago * day,
        )

    old_sent, old_given_up = late("sent", 15), late("given_up", 15)
    kept = {late("sent", 13).pk, late("given_up", 13).pk, late("waiting", 30).pk}

    call_command("purge_expired", only=["late-mail"], stdout=io.StringIO())

    assert set(LateMail.objects.values_list("pk", flat=True)) == kept
    assert not LateMail.objects.filter(pk__in=[old_sent.pk, old_given_up.pk]).exists()


def test_send_late_mail_says_what_waits_and_when_it_is_tried_next(mail_server):
    send_mail_task.call(to="anna@example.org", subject="Hallo", text="Text")
    due = LateMail.objects.get().next_try_at.astimezone(datetime.UTC)

    before = io.StringIO()
    call_command("send_late_mail", stdout=before)

    assert before.getvalue() == (
        "Sent 0 late mail(s); 0 tried and not taken.\n"
        f"1 late mail(s) waiting; the next try is due at "
        f"{due.isoformat(timespec='seconds')}.\n"
    )
    mail_server.start()
    let_time_pass(MINUTE)
    after = io.StringIO()
    call_command("send_late_mail", stdout=after)
    assert after.getvalue() == (
        "Sent 1 late mail(s); 0 tried and not taken.\nNo late mail is waiting.\n"
    )
