"""Sending mail, and sending it again while the mail server does not take it.

Every mail of the site, whoever writes it (community/mail, allauth, Wagtail's
admin, Django's mail to ADMINS), goes through `backend.KeepingBackend`. A mail
the mail server refuses, cannot be reached for or does not answer in time is
kept as a `LateMail` and tried again after each pause of
COMMUNITY_MAIL_RETRY_MINUTES in turn; staff see it in the admin meanwhile.
Where the task backend can run a task later (the database queue, whose worker
runs `retry_mail_task` when its time has come), each try queues the next;
elsewhere `manage.py send_late_mail`, run every minute, sends what is due.
Either way a try first claims the mail with one conditional update, so that no
two processes send it both.

Sent once: a mail counts as sent as soon as the mail server accepted it
(`kept.hand_over`). Should the connection break after the mail went out but
before the server said so, the mail is tried again: a mail twice, with the same
Message-ID, is better than a mail lost.
"""

import datetime
import logging
import smtplib

from django.core.mail import EmailMultiAlternatives
from django.db.models import Count, Min, Q
from django.utils import timezone
from django_tasks import task

from home.shop_name import mail_sender

from ..conf import setting
from .kept import KeptMessage, delivery_connection, hand_over, written
from .models import LateMail

logger = logging.getLogger(__name__)


def deliver(to: str, subject: str, text: str, html: str = "", headers=None) -> None:
    """Hand one mail from the shop to the mail backend."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=mail_sender(),
        to=[to],
        headers=headers or None,
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_mail_task(
    to: str, subject: str, text: str, html: str = "", headers=None
) -> None:
    """Send one rendered mail (one the mail server does not take is kept)."""
    deliver(to, subject, text, html, headers)


@task()
def retry_mail_task(late_mail_id: int) -> None:
    """The next try of one late mail."""
    try_again(late_mail_id)


def keep(messages, error: BaseException) -> None:
    """Keep `messages`, which the mail server did not take, for the next tries."""
    now = timezone.now()
    for message in messages:
        recipients = message.recipients()
        late = LateMail.objects.create(
            to=", ".join(recipients),
            recipients=recipients,
            sender=message.from_email,
            subject=message.subject,
            message=written(message),
            error=describe(error),
            first_failed_at=now,
            last_tried_at=now,
            next_try_at=now + pause_after(1),
        )
        logger.warning("Mail %s not taken by the mail server: %s", late.pk, late.error)
        schedule(late)


def pause_after(tries: int) -> datetime.timedelta | None:
    """How long to wait after `tries` failed tries; None when they are spent."""
    minutes = setting("COMMUNITY_MAIL_RETRY_MINUTES")
    if tries > len(minutes):
        return None
    return datetime.timedelta(minutes=minutes[tries - 1])


def schedule(late: LateMail) -> None:
    """Queue the next try of `late` for its time, where the backend can."""
    if retry_mail_task.get_backend().supports_defer:
        retry_mail_task.using(run_after=late.next_try_at).enqueue(late.pk)


def _ready(now) -> Q:
    waiting = Q(state=LateMail.State.WAITING, next_try_at__lte=now)
    stuck = Q(
        state=LateMail.State.SENDING,
        last_tried_at__lt=now - LateMail.SENDING_AT_MOST,
    )
    return waiting | stuck


def try_again(late_mail_id: int) -> bool:
    """Try once more to send a late mail whose time has come; whether it went.

    Claimed first: a mail another process is sending, or that is not due, is
    left alone.
    """
    now = timezone.now()
    claimed = LateMail.objects.filter(_ready(now), pk=late_mail_id).update(
        state=LateMail.State.SENDING, last_tried_at=now
    )
    if not claimed:
        return False
    late = LateMail.objects.get(pk=late_mail_id)
    message = KeptMessage(late.sender, late.recipients, late.subject, late.message)
    __, error = hand_over([message], delivery_connection())
    if error is not None:
        _failed_again(late, error)
        return False
    late.state = LateMail.State.SENT
    late.sent_at = timezone.now()
    # Sent: what it said is no longer needed here.
    late.message = b""
    late.save(update_fields=("state", "sent_at", "message"))
    return True


def _failed_again(late: LateMail, error: BaseException) -> None:
    late.tries += 1
    late.error = describe(error)
    late.last_tried_at = timezone.now()
    pause = pause_after(late.tries)
    if pause is None:
        late.state, late.next_try_at = LateMail.State.GIVEN_UP, None
        logger.error(
            "Mail %s given up after %s tries: %s", late.pk, late.tries, late.error
        )
    else:
        late.state, late.next_try_at = (
            LateMail.State.WAITING,
            late.last_tried_at + pause,
        )
        logger.warning("Mail %s not taken again: %s", late.pk, late.error)
    late.save(update_fields=("tries", "error", "last_tried_at", "state", "next_try_at"))
    if pause is not None:
        schedule(late)


def send_due_mail() -> tuple[int, int]:
    """Try every late mail whose time has come: (sent, tried and not taken)."""
    sent = failed = 0
    ids = LateMail.objects.filter(_ready(timezone.now())).values_list("pk", flat=True)
    for late_mail_id in list(ids):
        if try_again(late_mail_id):
            sent += 1
        else:
            failed += 1
    return sent, failed


def still_waiting() -> tuple[int, datetime.datetime | None]:
    """How many late mails wait for a next try, and when the first is due."""
    found = LateMail.objects.waiting().aggregate(
        count=Count("pk"), first=Min("next_try_at")
    )
    return found["count"], found["first"]


def describe(error: BaseException) -> str:
    """What the mail server answered, or why it could not be reached."""
    if isinstance(error, smtplib.SMTPResponseException):
        answer = error.smtp_error
        if isinstance(answer, bytes):
            answer = answer.decode("utf-8", "replace")
        text = f"{error.smtp_code} {answer}"
    elif isinstance(error, smtplib.SMTPRecipientsRefused):
        text = "; ".join(
            f"{code} {answer.decode('utf-8', 'replace')}"
            for code, answer in error.recipients.values()
        )
    else:
        text = str(error) or type(error).__name__
    return f"{type(error).__name__}: {text}"[:1000]
