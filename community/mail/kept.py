"""A mail as it was first handed to the mail server, kept to be sent again.

A mail is written down once, as the bytes the mail server would have got: its
text, HTML, attachments and header lines, its Message-ID and Date included.
Every later try sends exactly those bytes, so what arrives late is the mail
that was meant, and a receiver that saw the same Message-ID before knows it.
"""

import contextlib
import email
import smtplib
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import DNS_NAME, MIMEMixin

from ..conf import setting

# What a mail server that is down, unreachable, overloaded or refusing raises:
# smtplib's own errors, and the socket's (refused, unreachable, timed out).
SERVER_TROUBLE = (smtplib.SMTPException, OSError)


def delivery_connection(**options):
    """A connection of the backend that hands mail to the mail server
    (COMMUNITY_MAIL_BACKEND), never the one that keeps what it refuses."""
    return get_connection(setting("COMMUNITY_MAIL_BACKEND"), **options)


def stamp(message: EmailMessage) -> EmailMessage:
    """`message` with its Message-ID and Date fixed, so every try sends the same."""
    present = {name.lower() for name in message.extra_headers}
    if "message-id" not in present:
        message.extra_headers["Message-ID"] = make_msgid(domain=DNS_NAME)
    if "date" not in present:
        message.extra_headers["Date"] = formatdate(
            localtime=settings.EMAIL_USE_LOCALTIME
        )
    return message


def hand_over(messages, connection) -> tuple[int, BaseException | None]:
    """Hand `messages` in turn to `connection`: how many it took, and the
    trouble that stopped it, if any (the rest were not tried).

    A mail is taken once the mail server accepted it. Trouble while saying
    goodbye afterwards leaves it taken: trying it again would send it twice.
    """
    taken = 0
    try:
        connection.open()
        for message in messages:
            connection.send_messages([message])
            taken += 1
    except SERVER_TROUBLE as error:
        return taken, error
    finally:
        with contextlib.suppress(*SERVER_TROUBLE):
            connection.close()
    return taken, None


class _Stored(MIMEMixin, email.message.Message):
    """A parsed mail that writes itself out byte for byte as it was read."""


class KeptMessage(EmailMessage):
    """A kept mail, sent again as the bytes it was first written as."""

    def __init__(self, sender: str, recipients: list, subject: str, raw: bytes):
        super().__init__(subject=subject, from_email=sender, to=list(recipients))
        self.raw = bytes(raw)

    def message(self):
        return email.message_from_bytes(self.raw, _class=_Stored)


def written(message: EmailMessage) -> bytes:
    """The bytes of `message` as the mail server gets them (lines end in LF)."""
    return message.message().as_bytes()
