"""community.mail: composed in the request, sent by a task after commit."""

import pytest
from django.core import mail as outbox
from django.db import transaction

from community import mail
from community.models import LateMail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _templates(settings, tmp_path):
    """A mail's three templates, in a folder of their own."""
    folder = tmp_path / "mails"
    folder.mkdir()
    (folder / "hello_subject.txt").write_text(
        '{% load i18n %}{% autoescape off %}{% translate "Hello," %}\n{{ name }}\n'
        "{% endautoescape %}"
    )
    (folder / "hello.txt").write_text(
        "{% autoescape off %}Text for {{ name }}{% endautoescape %}"
    )
    (folder / "hello.html").write_text("<p>HTML for {{ name }}</p>")
    (folder / "plain_subject.txt").write_text("Plain")
    (folder / "plain.txt").write_text("Only text")
    # Django resets its template engines when TEMPLATES changes.
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [folder, *settings.TEMPLATES[0]["DIRS"]]}
    ]


def test_compose_renders_subject_on_one_line_text_and_html():
    composed = mail.compose(
        "a@example.org", "hello", {"name": "Anna <b>"}, language="en"
    )

    assert composed.subject == "Hello, Anna <b>"
    assert composed.text == "Text for Anna <b>"
    assert composed.html == "<p>HTML for Anna &lt;b&gt;</p>"


def test_a_line_break_in_a_subject_cannot_add_a_header():
    composed = mail.compose("a@example.org", "hello", {"name": "x\nBcc: b@example.org"})

    assert "\n" not in composed.subject


def test_compose_uses_the_language_asked_for_and_says_so():
    german = mail.compose("a@example.org", "hello", {"name": "A"}, language="de")
    english = mail.compose("a@example.org", "hello", {"name": "A"}, language="en")

    assert german.subject.startswith("Guten Tag,")
    assert german.headers["Content-Language"] == "de"
    assert english.subject.startswith("Hello,")


def test_the_html_part_is_optional():
    assert mail.compose("a@example.org", "plain", {}).html == ""


def test_extra_headers_reach_the_sent_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail.queue_mail(
            "a@example.org",
            "hello",
            {"name": "A"},
            language="en",
            headers={"List-Unsubscribe": "<https://example.org/u/1/>"},
        )

    (sent,) = outbox.outbox
    message = sent.message()
    assert message["List-Unsubscribe"] == "<https://example.org/u/1/>"
    assert message["Content-Language"] == "en"
    assert sent.alternatives[0][1] == "text/html"


def test_nothing_is_sent_before_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        mail.queue_mail("a@example.org", "plain", {})
        assert outbox.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in outbox.outbox] == [["a@example.org"]]


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    # The inner block is a savepoint here; Django drops the on-commit callbacks
    # registered in a savepoint that rolls back, as it would for a transaction.
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        mail.queue_mail("a@example.org", "plain", {})
        raise RuntimeError

    assert callbacks == []
    assert outbox.outbox == []


def test_a_failing_mail_server_keeps_the_mail_for_later_not_raised(
    mail_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail.queue_mail("a@example.org", "plain", {})

    assert outbox.outbox == []
    late = LateMail.objects.get()
    assert (late.to, late.state) == ("a@example.org", LateMail.State.WAITING)
    assert late.error.startswith("ConnectionRefusedError:")
