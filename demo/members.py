"""The demo community's customers, and the dates their posts carry."""

import datetime
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from community.models import Profile

BERLIN = ZoneInfo("Europe/Berlin")

MEMBERS = [
    {"email": "jana.petersen@example.org", "name": "Jana Petersen"},
    {"email": "matthias.krueger@example.org", "name": "Matthias Krüger"},
    {"email": "ayse.demir@example.org", "name": "Ayşe Demir"},
    {"email": "heike.brandt@example.org", "name": "Heike B."},
]


def at(day, month, hour=10, minute=0):
    """A moment of 2026, Berlin time: when something in the demo was written."""
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def ensure_members(run, people=None) -> dict:
    User = get_user_model()
    members = {}
    for data in MEMBERS if people is None else people:
        user = User.objects.filter(email__iexact=data["email"]).first()
        if user is None:
            user = User(username=data["email"], email=data["email"])
            user.theke_display_name = data["name"]
            user.set_unusable_password()
            user.save()
            run.record("member")
        Profile.objects.get_or_create(
            user=user, defaults={"display_name": data["name"]}
        )
        EmailAddress.objects.get_or_create(
            user=user,
            email=data["email"],
            defaults={"verified": True, "primary": True},
        )
        members[data["email"]] = user
    return members
