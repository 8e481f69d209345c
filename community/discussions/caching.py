"""Discussions rendered once per change: the part every reader shares, stored
in the shared cache, and the purges that make it (and every page showing it)
be rendered anew when a comment, a reaction, a moderator's decision or an
author's name in it changes.

A stored rendering is found under a key that holds the current version of
its discussion's tag (`discussion_tag`). The key is taken before the comments
are read: a rendering that read data older than a purge is stored under the
version the purge replaced, and never read again.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.utils import translation
from wagtail.models import Page

from home.page_cache.tags import activity_tag, purge, tag_for, versions_key

from ..conf import setting
from .models import Comment, Reaction

PREFIX = "discussion:"


def discussion_tag(target) -> str:
    """The tag of what `target`'s discussion shows: its comments, their
    reactions and moderation, and their authors' names and pictures."""
    return "comments:" + tag_for(target)


def view_key(target, view) -> str:
    """One page of `target`'s discussion in one language, whatever its version:
    the page asked for (`view`, a tuple of its parameters) and the language."""
    parts = ":".join(str(part) for part in view)
    return f"{PREFIX}{tag_for(target)}:{translation.get_language()}:{parts}"


def fragment_key(target, view) -> str:
    """The key of one page of `target`'s discussion as every reader sees it:
    `view_key` and the current version of the discussion's tag."""
    return f"{view_key(target, view)}:{versions_key([discussion_tag(target)])}"


def stored(key):
    return cache.get(key)


def store(key, rendered) -> None:
    cache.set(key, rendered, timeout=setting("COMMUNITY_DISCUSSION_CACHE_SECONDS"))


# Purging


def _target_tag(content_type_id, object_pk) -> str:
    """`tag_for` of a comment's target, from the comment's columns alone."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is not None and issubclass(model, Page):
        return f"page:{object_pk}"
    label = model._meta.label_lower if model is not None else content_type_id
    return f"{label}:{object_pk}"


def _purge_targets(pairs, counted=True) -> None:
    tags = set()
    for content_type_id, object_pk in pairs:
        tag = _target_tag(content_type_id, object_pk)
        tags.add("comments:" + tag)
        if counted:
            tags.add(activity_tag(tag))
    purge(*tags)


def forget(*targets) -> None:
    """Render the discussions of `targets` anew, and every page showing them
    (the target's own page, listings with its comment count), on every process,
    at once and again when the current transaction commits."""
    purge(
        *(tag for t in targets for tag in (discussion_tag(t), activity_tag(tag_for(t))))
    )


def forget_comments(*comments, counted=True) -> None:
    """`forget` the discussions `comments` belong to, without loading them;
    with `counted` False (a reaction) the listings that count comments stay."""
    _purge_targets({(c.content_type_id, c.object_pk) for c in comments}, counted)


def forget_discussions_of(user_id) -> None:
    """`forget` every discussion the person wrote in or reacted to: where their
    name, picture or badges show, or their reactions count. One query."""
    if user_id is None:
        return
    reacted = Reaction.objects.filter(user_id=user_id).values("comment_id")
    pairs = (
        Comment.objects.filter(Q(user_id=user_id) | Q(pk__in=reacted))
        .select_related(None)
        .order_by()
        .values_list("content_type_id", "object_pk")
        .distinct()
    )
    _purge_targets(pairs)
