"""Every mail of the site waits for a mail server that is down, not only the
community's: allauth's sign-up and password reset, the admin's password reset,
Wagtail's notifications and Django's mail to ADMINS. The request answers as
usual, the mail waits as late mail, and once the server is back it arrives
exactly once, whole: text, HTML, attachments and its Message-ID."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMultiAlternatives, mail_admins
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.urls import reverse
from wagtail.admin.mail import send_mail as wagtail_send_mail

from community.mail.sending import send_due_mail
from community.models import LateMail
from tests.factories import build_site, member, signup, staff

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.LANGUAGE_CODE = "en"
    build_site()


def when_due():
    """As if the first pause had passed for every late mail."""
    LateMail.objects.update(next_try_at=F("next_try_at") - MINUTE)


def text_of(message, kind="plain") -> str:
    """The plain or HTML part of a received mail, with its lines ending in LF."""
    return message.get_body((kind,)).get_content().replace("\r\n", "\n")


def report() -> str:
    client = Client()
    client.force_login(staff("Greta Laden", superuser=True))
    response = client.get("/admin/late-mail/")
    assert response.status_code == 200
    return response.content.decode()


def test_sign_up_answers_as_usual_and_the_confirmation_arrives_once_later(
    client, mail_server
):
    response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "check your" in client.get(response["Location"]).content.decode().lower()
    assert get_user_model().objects.filter(email="anna@example.org").count() == 1
    late = LateMail.objects.get()
    assert (late.to, late.state) == ("anna@example.org", "waiting")
    assert late.error.startswith("ConnectionRefusedError:")
    assert "anna@example.org" in report()

    mail_server.start()
    when_due()
    call_command("send_late_mail")
    call_command("send_late_mail")

    (message,) = mail_server.messages
    assert message["To"] == "anna@example.org"
    assert message["Subject"] == late.subject
    link = re.search(r"https?://[^/\s]+(/account/confirm-email/\S+/)", text_of(message))
    assert client.post(link[1])["Location"] == reverse("account_profile")
    assert LateMail.objects.get().state == "sent"


def test_a_password_reset_answers_as_usual_and_its_link_arrives_once_later(
    client, mail_server
):
    user = member("Berta Brot", "berta@example.org", verified=True)

    response = client.post(
        reverse("account_reset_password"), {"email": "berta@example.org"}
    )

    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    assert "If an account exists for this address" in done
    assert LateMail.objects.get().to == "berta@example.org"

    mail_server.start()
    when_due()
    assert send_due_mail() == (1, 0)
    assert send_due_mail() == (0, 0)

    (message,) = mail_server.messages
    link = re.search(
        r"https?://[^/\s]+(/account/password/reset/key/\S+/)", text_of(message)
    )[1]
    form_url = client.get(link)["Location"]
    client.post(
        form_url, {"password1": "Neues-Brot-24!", "password2": "Neues-Brot-24!"}
    )
    user.refresh_from_db()
    assert user.check_password("Neues-Brot-24!")


def test_the_admins_password_reset_waits_for_the_mail_server_too(client, mail_server):
    staff("Greta Laden", superuser=True)

    response = client.post(
        reverse("wagtailadmin_password_reset"), {"email": "greta@team.example.org"}
    )

    assert response.status_code == 302
    assert LateMail.objects.get().to == "greta@team.example.org"
    mail_server.start()
    when_due()
    assert send_due_mail() == (1, 0)
    assert [message["To"] for message in mail_server.messages] == [
        "greta@team.example.org"
    ]


def test_wagtails_notifications_and_mail_to_admins_wait_with_their_html(
    mail_server, settings
):
    settings.ADMINS = [("Greta", "greta@team.example.org")]

    wagtail_send_mail(
        "Zur Freigabe: Heuernte",
        "Bitte prüfen.",
        ["erik@team.example.org"],
        html_message="<p>Bitte <b>prüfen</b>.</p>",
    )
    mail_admins("Fehler im Shop", "Stapel", html_message="<pre>Stapel</pre>")

    assert sorted(LateMail.objects.values_list("to", flat=True)) == [
        "erik@team.example.org",
        "greta@team.example.org",
    ]
    mail_server.start()
    when_due()
    assert send_due_mail() == (2, 0)
    received = {message["To"]: message for message in mail_server.messages}
    review = received["erik@team.example.org"]
    assert review["Subject"] == "Zur Freigabe: Heuernte"
    assert review["Auto-Submitted"] == "auto-generated"
    assert text_of(review, "html") == "<p>Bitte <b>prüfen</b>.</p>"
    assert "<pre>Stapel</pre>" in text_of(received["greta@team.example.org"], "html")


def test_a_late_mail_arrives_whole_with_its_attachment_and_message_id(mail_server):
    picture = bytes(range(256)) * 4
    message = EmailMultiAlternatives(
        "Grüße vom Hof",
        "Hallo Änne,\nanbei das Bild.",
        "Hof <hof@example.org>",
        ["anna@example.org"],
        bcc=["archiv@example.org"],
        reply_to=["laden@example.org"],
        headers={"List-Unsubscribe": "<https://example.org/u/1/>"},
    )
    message.attach_alternative("<p>Hallo Änne</p>", "text/html")
    message.attach("hof.png", picture, "image/png")

    assert message.send() == 1  # handed over: it will arrive

    late = LateMail.objects.get()
    assert late.recipients == ["anna@example.org", "archiv@example.org"]
    mail_server.start()
    when_due()
    assert send_due_mail() == (1, 0)

    (arrived,) = mail_server.messages
    assert arrived["Message-ID"] == message.extra_headers["Message-ID"]
    assert arrived["Date"] == message.extra_headers["Date"]
    assert arrived["Subject"] == "Grüße vom Hof"
    assert arrived["Reply-To"] == "laden@example.org"
    assert arrived["List-Unsubscribe"] == "<https://example.org/u/1/>"
    assert "Bcc" not in arrived
    assert text_of(arrived) == "Hallo Änne,\nanbei das Bild."
    assert text_of(arrived, "html") == "<p>Hallo Änne</p>"
    (attachment,) = arrived.iter_attachments()
    assert attachment.get_filename() == "hof.png"
    assert attachment.get_content() == picture


def test_of_mail_sent_together_only_what_the_server_did_not_take_waits(mail_server):
    mail_server.take_at_most = 1
    mail_server.start()
    messages = [
        EmailMultiAlternatives(f"Neu {n}", "Text", to=[f"leser{n}@example.org"])
        for n in (1, 2, 3)
    ]

    assert mail.get_connection().send_messages(messages) == 3

    assert [message["To"] for message in mail_server.messages] == ["leser1@example.org"]
    waiting = LateMail.objects.order_by("to")
    assert [late.to for late in waiting] == ["leser2@example.org", "leser3@example.org"]
    assert waiting[0].error == "SMTPDataError: 451 full"
    mail_server.take_at_most = None
    when_due()
    assert send_due_mail() == (2, 0)
    assert sorted(message["To"] for message in mail_server.messages) == [
        "leser1@example.org",
        "leser2@example.org",
        "leser3@example.org",
    ]


def test_a_mail_the_server_takes_at_once_goes_out_once_and_leaves_no_record(
    mail_server,
):
    mail_server.start()

    mail.send_mail("Hallo", "Text", None, ["anna@example.org"])

    assert len(mail_server.messages) == 1
    assert not LateMail.objects.exists()
