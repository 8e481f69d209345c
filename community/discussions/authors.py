"""Who wrote the comments of a page: public names and badges (team, producer,
moderator) for all its authors in one query.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from ..members.avatars import initials_of
from ..members.names import FORMER_MEMBER, public_name, team_author


@dataclass
class Badge:
    kind: str
    label: str
    url: str = ""


@dataclass
class Author:
    name: str
    initials: str
    user: object = None
    avatar_url: str = ""
    photo: object = None
    role: str = ""
    badges: list = field(default_factory=list)


def authors_of(user_ids, request=None) -> dict:
    """Public name, picture and badges of each member, in one query (plus the
    team photos' renditions)."""
    if not user_ids:
        return {}
    User = get_user_model()
    # The moderators group's own permission, not xtd's can_moderate.
    moderate = Q(codename="moderate_community", content_type__app_label="community")
    users = (
        User.objects.filter(pk__in=user_ids)
        .select_related("profile", "profile__producer", "author", "author__photo")
        .prefetch_related("author__photo__renditions")
        .annotate(
            moderates_directly=Exists(
                Permission.objects.filter(moderate, user=OuterRef("pk"))
            ),
            moderates_by_group=Exists(
                Permission.objects.filter(moderate, group__user=OuterRef("pk"))
            ),
        )
    )
    found = {}
    for user in users:
        profile = _related(user, "profile")
        team = team_author(user)
        name = public_name(user)
        author = Author(name=name, user=user, initials=initials_of(name))
        if profile and profile.avatar:
            author.avatar_url = profile.avatar.url
        if team:
            author.role = team.role
            author.photo = team.photo
        if user.is_staff:
            author.badges.append(Badge("team", _("Team")))
        producer = profile.producer if profile else None
        if producer is not None and producer.live:
            author.badges.append(
                Badge("producer", producer.title, producer.get_url(request=request))
            )
        if user.is_superuser or user.moderates_directly or user.moderates_by_group:
            author.badges.append(Badge("moderator", _("Moderator")))
        found[user.pk] = author
    return found


def _related(obj, name):
    # A missing reverse one-to-one raises an AttributeError subclass.
    return getattr(obj, name, None)


def guest_author(comment) -> Author:
    if comment.user_name == FORMER_MEMBER:
        name = str(_("Former member"))
    else:
        name = comment.user_name or str(_("Guest"))
    return Author(name=name, initials=initials_of(name))
