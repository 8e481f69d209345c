"""Accounts: members of the community and the shop's team, signing up and the mail
that confirms it."""

import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from community.models import Profile

PASSWORD = "Kuchen-mit-Sahne-42"  # noqa: S105


def member(
    name="Jana Petersen",
    email=None,
    *,
    username=None,
    profile=True,
    language=None,
    verified=None,
    groups=(),
    permissions=(),
    **user_fields,
):
    """A member with the public name `name` and the password PASSWORD.

    The address follows from the first name unless given, and is the username
    unless one is given, as the demo's members have it. With `name=None` the
    profile keeps the name it is made with (from first and last name, or
    "Member"); `profile=False` leaves the account without one, as accounts made
    before profiles were. `verified` records the address with allauth as
    confirmed (True) or awaiting confirmation (False); without it there is no
    such record. `groups` are group names, `permissions` codenames.
    """
    email = email or f"{name.split()[0].lower()}@example.org"
    user = get_user_model().objects.create_user(
        username=username or email, email=email, password=PASSWORD, **user_fields
    )
    if not profile:
        Profile.objects.filter(user=user).delete()
    elif name is not None or language is not None:
        fields = {"display_name": name, "language": language}
        Profile.objects.update_or_create(
            user=user, defaults={k: v for k, v in fields.items() if v is not None}
        )
    if verified is not None:
        EmailAddress.objects.create(
            user=user, email=email, primary=True, verified=verified
        )
    user.groups.add(*Group.objects.filter(name__in=groups))
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    return get_user_model().objects.get(pk=user.pk)


def staff(name=None, email=None, *, superuser=False, **options):
    """Someone of the shop's team (`is_staff`), at a team address from the first
    name unless one is given; a `superuser` may do anything. Takes member's
    options."""
    email = email or f"{name.split()[0].lower()}@team.example.org"
    return member(name, email, is_staff=True, is_superuser=superuser, **options)


def signup(client, **overrides):
    """Post the sign-up form for Anna vom Hof, with `overrides` for its fields."""
    data = {
        "email": "anna@example.org",
        "display_name": "Anna vom Hof",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def confirmation_path(message):
    """The path of the confirmation link in a sign-up mail."""
    return re.search(r"https?://[^/\s]+(/account/confirm-email/\S+/)", message.body)[1]
