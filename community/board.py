"""Board topics: their slugs and addresses, their replies and activity."""

from html import unescape

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags

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


def topic_discussion(request, topic) -> dict:
    """The replies to a topic and the reply form, as discussion.html takes them."""
    from .comments import discussion_for

    return discussion_for(request, topic)


def note_reply(sender, instance, created, raw=False, **kwargs):
    """A public reply to a topic moves the topic up the board."""
    if not created or raw or not instance.is_public:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Topic).pk:
        return
    Topic.objects.filter(pk=instance.object_pk).update(
        last_activity_at=instance.submit_date
    )


def plain_text(html: str) -> str:
    """The words of stored, sanitised HTML, on one line."""
    return " ".join(unescape(strip_tags(html)).split())


def board_seo_meta(context) -> dict:
    topic = context.get("topic")
    if topic is not None:
        return {
            "title": topic.title,
            "description": plain_text(topic.body_html) or None,
            "type": "article",
        }
    category = context.get("active_category")
    if category is not None:
        return {"title": category.name, "description": category.description or None}
    return {}


def topic_json_ld(board_page, request, context) -> dict | None:
    topic = context.get("topic")
    if topic is None or context.get("is_held"):
        return None
    url = board_page.get_full_url(request) + board_page.reverse_subpage(
        "topic", args=[topic.slug]
    )
    starter = context.get("starter")
    data = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "@id": url,
        "url": url,
        "headline": topic.title,
        "text": plain_text(topic.body_html),
        "datePublished": topic.created_at.isoformat(),
        "isPartOf": {
            "@type": "WebPage",
            "url": board_page.get_full_url(request),
            "name": board_page.title,
        },
    }
    if starter is not None:
        data["author"] = {"@type": "Person", "name": str(starter.name)}
    discussion = context.get("discussion")
    if discussion is not None:
        data["interactionStatistic"] = {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/CommentAction",
            "userInteractionCount": discussion.count,
        }
    products = [
        {"@type": "Product", "name": product.title} for product in topic.products.all()
    ]
    if products:
        data["about"] = products
    return data
