"""`{% avatar user 48 %}`: a member's picture, or their initials in a circle;
`{% account_identity user as me %}`: the logged-in person as the header shows them."""

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import format_html

from community.members.avatars import initials_of, initials_size, initials_tone
from community.members.names import own_name, team_author

register = template.Library()


@register.simple_tag
def avatar(user, size=40, name=None):
    """The member's picture, or a circle with their initials; decorative (alt="").

    `name` is the public name to take the initials from, where it is not the
    profile's (staff are named as the team).
    """
    size = int(size)
    try:
        profile = user.profile
    except (AttributeError, ObjectDoesNotExist):
        profile = None
    if profile is not None and profile.avatar:
        return format_html(
            '<img class="avatar" src="{}" width="{}" height="{}" alt="" '
            'loading="lazy" decoding="async">',
            profile.avatar.url,
            size,
            size,
        )
    if name:
        initials = initials_of(name)
    else:
        initials = profile.initials if profile is not None else "?"
    key = str(getattr(user, "pk", "") or "")
    return format_html(
        '<span class="avatar avatar--initials avatar--{} avatar--tone-{}" '
        'aria-hidden="true">{}</span>',
        initials_size(size),
        initials_tone(key),
        initials,
    )


@register.simple_tag
def account_identity(user):
    """The name and team photo the header shows the logged-in `user`: staff
    with their author's name and photo, as everywhere else; members by the
    name they chose ("" without one) and no photo."""
    author = team_author(user)
    return {"name": own_name(user), "photo": author.photo if author else None}
