"""Members for the community tests: an account with a public name."""

from django.contrib.auth import get_user_model

from community.models import Profile


def member(name="Jana Petersen", email=None, **user_fields):
    """A member whose address, and so username, follows from the first name."""
    email = email or f"{name.split()[0].lower()}@example.org"
    user = get_user_model().objects.create_user(
        username=email, email=email, password="secret-enough-1", **user_fields
    )
    Profile.objects.update_or_create(user=user, defaults={"display_name": name})
    return user
