"""The answer mail greets the asker by the name they chose, never by the
"Member" stand-in older profiles carry."""

import pytest
from django.core import mail

from community.models import Profile
from tests.factories import ask, build_shop, member, question_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _open_answers(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMMUNITY_HOLD_FIRST_POSTS = 0
    settings.COMMUNITY_RATE_LIMIT = None


def answered_mail(client, asker, django_capture_on_commit_callbacks):
    question = ask(build_shop()["cheese"], asker)
    client.force_login(member("Greta Lindner", is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/questions/{question.pk}/answer/", {"text": "Ja, gerne."})
    assert question_url(question) in mail.outbox[0].body
    return mail.outbox[0]


@pytest.mark.parametrize("stand_in", ["Member", "Mitglied"])
def test_an_asker_named_member_is_greeted_without_a_name(
    client, django_capture_on_commit_callbacks, stand_in
):
    jana = member()
    Profile.objects.filter(user=jana).update(display_name=stand_in)
    jana.refresh_from_db()

    message = answered_mail(client, jana, django_capture_on_commit_callbacks)

    assert message.body.startswith("Hello,\n")
    assert stand_in not in message.body.split("\n", 1)[0]


def test_an_asker_with_a_name_is_greeted_by_it(
    client, django_capture_on_commit_callbacks
):
    message = answered_mail(client, member(), django_capture_on_commit_callbacks)

    assert message.body.startswith("Hello Jana Petersen,")
