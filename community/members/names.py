"""The public name of a person: the one function the site and the admin use.

Usernames are never shown: a member's username may be their e-mail address
(the demo members' are), and addresses are never public. Staff always read as
the shop's team: by their linked team author, else the name in their profile,
else their full name, else "<first name> from the <shop> team", else the
shop's name; never "Member". Members are named by their profile's public
name, else "Member".
"""

from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from home.shop_name import shop_name

# The username of the one account that keeps the posts of members who deleted
# theirs, and the marker stored as those comments' name; shown as "Former member".
FORMER_MEMBER = "former-member"


def _related(obj, name):
    # A missing reverse one-to-one raises an AttributeError subclass.
    return getattr(obj, name, None)


def team_author(user):
    """The blog Author linked to a staff account, if any."""
    if user is None or not user.is_staff:
        return None
    return _related(user, "author")


def _placeholders() -> frozenset:
    return _placeholders_in(tuple(code for code, _name in settings.LANGUAGES))


@cache
def _placeholders_in(languages: tuple) -> frozenset:
    # What older code wrote into profiles made without a name, in every
    # language the site has (kept apart per set of languages, which a test or
    # a changed setting may narrow).
    words = set()
    for code in languages:
        with translation.override(code):
            words.add(_("Member").casefold())
    return frozenset(words)


def chosen_name(profile) -> str:
    """The profile's public name, unless it is the "Member" stand-in."""
    return real_name(profile.display_name if profile is not None else "")


def real_name(name: str) -> str:
    """`name` as given, or "" when it is the "Member" stand-in."""
    name = (name or "").strip()
    return "" if name.casefold() in _placeholders() else name


def team_name(user) -> str:
    """How a staff account without a team author is named: always as the team."""
    name = chosen_name(_related(user, "profile"))
    if name:
        return name
    first = user.first_name.strip()
    last = user.last_name.strip()
    if "@" in first + last:
        first = last = ""
    if first and last:
        return f"{first} {last}"
    if first or last:
        return _first_name_team_name(first or last)
    return shop_name()


def _first_name_team_name(name: str) -> str:
    return _("%(name)s from the %(shop)s team") % {"name": name, "shop": shop_name()}


def first_name_team_names(name: str) -> set[str]:
    """A staff member's team name in every language, so no customer takes it."""
    names = set()
    for code, _language in settings.LANGUAGES:
        with translation.override(code):
            names.add(_first_name_team_name(name))
    return names


def public_name(user) -> str:
    """How `user` is named in public and to staff without the right to see
    addresses. Load `profile` and `author` with the user to save queries."""
    if user is None:
        return _("Member")
    if user.username == FORMER_MEMBER:
        return _("Former member")
    author = team_author(user)
    if author is not None and author.name:
        return author.name
    if user.is_staff:
        return team_name(user)
    return chosen_name(_related(user, "profile")) or _("Member")


def own_name(user) -> str:
    """How the site names the logged-in `user` to themselves: staff as others
    see them (the team), members by the name they chose, "" without one."""
    if user.is_staff:
        return public_name(user)
    return chosen_name(_related(user, "profile"))
