"""Addresses and slugs of board topics."""

from shop_link.sync import german_slug

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
