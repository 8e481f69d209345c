"""The public name of a person: the one function the site and the admin use.

Usernames are never shown: a member's username may be their e-mail address
(the demo members' are), and addresses are never public. Staff are named by
their linked team author, else their profile, else their full name, else
"Team"; members by their profile's public name, else "Member".
"""

from django.utils.translation import gettext as _


def _related(obj, name):
    # A missing reverse one-to-one raises an AttributeError subclass.
    return getattr(obj, name, None)


def team_author(user):
    """The blog Author linked to a staff account, if any."""
    if user is None or not user.is_staff:
        return None
    return _related(user, "author")


def public_name(user) -> str:
    """How `user` is named in public and to staff without the right to see
    addresses. Load `profile` and `author` with the user to save queries."""
    if user is None:
        return _("Member")
    author = team_author(user)
    if author is not None and author.name:
        return author.name
    profile = _related(user, "profile")
    if profile is not None and profile.display_name:
        return profile.display_name
    if user.is_staff:
        full = user.get_full_name().strip()
        return full if full and "@" not in full else _("Team")
    return _("Member")
