"""Board topics: their slugs and addresses, their replies, activity and status."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from home.page_cache.tags import list_tag, purge, tag_for
from home.text import german_slug

from ..discussions.reading import discussion_for
from ..writing.moderated import ModerationState
from .models import Topic

# Routes of the board that a topic's slug must not take.
RESERVED_SLUGS = frozenset({"new", "category", "feed"})
FALLBACK_SLUG = "thema"


def unique_topic_slug(title: str) -> str:
    """A slug for a new topic from its title, unique among all topics."""
    base = german_slug(title, max_length=150) or FALLBACK_SLUG
    if base in RESERVED_SLUGS:
        base = f"{base}-{FALLBACK_SLUG}"
    taken = set(
        Topic.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def topic_url(board_page, topic, request=None) -> str:
    """The address of a topic below the board page."""
    return board_page.get_url(request=request) + board_page.reverse_subpage(
        "topic", args=[topic.slug]
    )


def topic_discussion(request, topic) -> dict:
    """The replies to a topic and the reply form, as discussion.html takes them,
    and the status the reader may give the topic (`status_choice`), if any."""

    return {
        **discussion_for(request, topic),
        "status_choice": (
            None if status_refusal(request.user, topic) else other_status(topic)
        ),
    }


def status_refusal(user, topic) -> str:
    """Why `user` may not mark `topic` answered or unanswered; "" if they may.

    Staff may on any published topic, the member who started it only while it
    is not closed.
    """
    if not user.is_authenticated or not (user.is_staff or topic.author_id == user.pk):
        return _(
            "Only the member who started this topic and the shop's team can "
            "change its status."
        )
    if topic.state != ModerationState.PUBLISHED:
        return _("This topic is not public, so its status cannot be changed.")
    if topic.is_closed and not user.is_staff:
        return _(
            "This topic is closed; only the shop's team can change its status now."
        )
    return ""


def other_status(topic) -> str:
    """The status a topic's control offers: answered while unanswered, and back."""
    if topic.status == Topic.Status.ANSWERED:
        return Topic.Status.OPEN
    return Topic.Status.ANSWERED


def change_status(topic, status: str, user) -> bool:
    """Give `topic` the `status` and log it with who did it; False if it had it."""
    with transaction.atomic():
        changed = (
            Topic.objects.filter(pk=topic.pk)
            .exclude(status=status)
            .update(status=status)
        )
        topic.status = status
        if changed:
            purge_topic(topic)
            # The action the snippet editor logs when staff change a topic there.
            log(topic, "wagtail.edit", user=user, data={"status": status})
    return bool(changed)


def note_reply(comment) -> None:
    """A new public reply to a topic moves the topic up the board."""
    if not comment.is_public:
        return
    if comment.content_type_id != ContentType.objects.get_for_model(Topic).pk:
        return
    Topic.objects.filter(pk=comment.object_pk).update(
        last_activity_at=comment.submit_date
    )
    # The board orders its topics by their newest activity.
    purge(list_tag(Topic))


def purge_topic(topic) -> None:
    """Purge the topic's page and every listing of topics (the board, its
    categories, the newest activity) from the page cache."""
    purge(tag_for(topic), list_tag(Topic))
