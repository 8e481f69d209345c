"""The account limits name actions allauth counts, and changing one's address
is limited: each change mails the new address, which may be anybody's."""

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import build_site

PASSWORD = "Kuchen-mit-Sahne-42"  # noqa: S105
CHANGES_PER_HOUR = int(settings.ACCOUNT_RATE_LIMITS["manage_email"].split("/")[0])


def allauth_actions() -> set[str]:
    """Every rate-limit action the installed allauth counts, read from its source."""
    found = set()
    for source in Path(allauth.__file__).parent.rglob("*.py"):
        if "tests" not in source.parts:
            found.update(re.findall(r'action="(\w+)"', source.read_text()))
    return found


def test_every_configured_limit_is_one_allauth_counts():
    actions = allauth_actions()

    assert {"login", "reset_password", "manage_email"} <= actions
    assert set(settings.ACCOUNT_RATE_LIMITS) - actions == set()


@pytest.mark.django_db
def test_a_member_cannot_send_mail_to_address_after_address(client):
    build_site()
    user = get_user_model().objects.create_user(
        username="member-berta", email="berta@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(
        user=user, email="berta@example.org", primary=True, verified=True
    )
    client.force_login(user)
    # The password given again, as allauth asks before a change of address.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    codes = [
        client.post(
            reverse("account_email"),
            {"email": f"fremd{number}@example.net", "action_add": ""},
        ).status_code
        for number in range(9)
    ]

    assert codes[:CHANGES_PER_HOUR] == [302] * CHANGES_PER_HOUR
    assert set(codes[CHANGES_PER_HOUR:]) == {429}
    strangers = {to for message in mail.outbox for to in message.to}
    assert len(strangers) == CHANGES_PER_HOUR
    assert "fremd8@example.net" not in strangers
